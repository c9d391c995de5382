from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every app uses: the practice's details, client addresses, error pages, staff roles."""

    name = "core"
    verbose_name = "Site"

    def ready(self) -> None:
        from core.roles import sync_roles

        # Django sends post_migrate only to apps with models, which core has none of; auth's
        # signal comes on every migrate and flush.
        auth = self.apps.get_app_config("auth")
        post_migrate.connect(sync_roles, sender=auth, dispatch_uid="core.roles.sync_roles")
