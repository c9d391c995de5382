from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed


class AccountsConfig(AppConfig):
    """Staff accounts: creating them, and pausing and lifting sign-in after failed tries."""

    name = "accounts"
    verbose_name = "Staff accounts"

    def ready(self):
        from accounts import sign_in_pause

        user_login_failed.connect(sign_in_pause.record_failure, dispatch_uid="sign_in_pause")
        user_logged_in.connect(sign_in_pause.forget_failures, dispatch_uid="sign_in_pause")
