from django.urls import path

from appointments import views

app_name = "appointments"

urlpatterns = [
    path("request-callback/", views.request_callback, name="request_callback"),
    path("request-callback/sent/", views.sent, name="sent"),
]
