from django.urls import path
from django.views.generic import TemplateView

from procedures import views

app_name = "procedures"

urlpatterns = [
    path("", views.home, name="home"),
    path("procedures/", views.procedure_list, name="procedure_list"),
    path("procedures/<slug:slug>/", views.procedure_detail, name="procedure_detail"),
    path("procedures/<slug:slug>/plan/", views.preparation_plan, name="preparation_plan"),
    path(
        "procedures/<slug:slug>/plan/calendar.ics",
        views.preparation_calendar,
        name="preparation_calendar",
    ),
    path("compare/<slug:pair>/", views.comparison, name="comparison"),
    path("glossary/", views.glossary, name="glossary"),
    path("conditions/", views.condition_list, name="condition_list"),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition_detail"),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path(
        "medical-disclaimer/",
        TemplateView.as_view(template_name="pages/disclaimer.html"),
        name="disclaimer",
    ),
]
