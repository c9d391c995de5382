from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from appointments.models import CallbackRequest


class Command(BaseCommand):
    help = (
        "Delete callback requests that were closed (or marked could-not-reach) more than "
        "--older-than days ago, with their notes. Open requests are never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, required=True, metavar="DAYS")
        parser.add_argument("--dry-run", action="store_true", help="Count, but delete nothing.")

    def handle(self, *args, older_than: int, dry_run: bool, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 day.")
        now, age = timezone.now(), timedelta(days=older_than)
        expired = CallbackRequest.objects.purgeable(older_than=age, now=now)
        with transaction.atomic():
            count = expired.count()
            if not dry_run:
                expired.delete()
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} request(s) closed before {now - age:%Y-%m-%d}.")
