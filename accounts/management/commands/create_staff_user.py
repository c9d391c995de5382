import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.roles import CLINICAL_REVIEWER, ROLES_BY_SLUG

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
        parser.add_argument(
            "--full-name",
            default="",
            help="The person's name as colleagues and patients see it, such as 'Ana Lee'. "
            "Required for clinical reviewers: public pages credit reviews to it.",
        )

    def handle(self, *args, username, role, email, full_name, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"There is already an account called {username}.")
        full_name = " ".join(full_name.split())
        if not full_name and role == CLINICAL_REVIEWER.slug:
            raise CommandError(
                "A clinical reviewer needs --full-name: public pages name who reviewed them."
            )
        first_name, _, last_name = full_name.partition(" ")
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            is_staff=True,
            is_superuser=False,
        )
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
