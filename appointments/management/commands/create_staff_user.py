import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.roles import ROLES_BY_SLUG

PASSWORD_VARIABLE = "STAFF_USER_PASSWORD"


class Command(BaseCommand):
    help = (
        f"Create a staff account in one role ({', '.join(sorted(ROLES_BY_SLUG))}), never a "
        f"superuser. The password is asked for, or read from ${PASSWORD_VARIABLE}."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES_BY_SLUG))
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, username, role, email, first_name, last_name, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"There is already an account called {username}.")
        user = User(username=username, email=email, first_name=first_name, last_name=last_name,
                    is_staff=True, is_superuser=False)  # fmt: skip
        password = os.environ.get(PASSWORD_VARIABLE) or self._ask_password()
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            message = "That password is not strong enough: " + " ".join(error.messages)
            raise CommandError(message) from None
        user.set_password(password)
        group = ROLES_BY_SLUG[role].group
        with transaction.atomic():
            user.save()
            user.groups.add(Group.objects.get(name=group))
        self.stdout.write(self.style.SUCCESS(f"Created {username} in the group {group}."))

    def _ask_password(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password again: "):
            raise CommandError("The two passwords are different.")
        return first
