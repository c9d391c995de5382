from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import sign_in_pause


class Command(BaseCommand):
    help = (
        "Let a staff account sign in again now: lifts the pause after failed sign-ins from "
        "one address (django-axes) and from many addresses (ACCOUNT_FAILURE_LIMIT)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        if not get_user_model().objects.filter(username=username).exists():
            raise CommandError(f"There is no staff account called {username!r}.")
        sign_in_pause.lift(username)
        self.stdout.write(self.style.SUCCESS(f"{username} can sign in again."))
