from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = "Callback requests"

    def ready(self):
        from appointments import account_limit

        user_login_failed.connect(account_limit.record_failure, dispatch_uid="account_limit")
        user_logged_in.connect(account_limit.forget_failures, dispatch_uid="account_limit")
