from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.helped, name="helped"),
    path("feedback/missing/", views.missing, name="missing"),
]
