from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from feedback.models import PageFeedback
from search.models import MissedSearch

KEEP_DAYS = 90


class Command(BaseCommand):
    help = (
        "Delete what patients typed once it is older than --older-than days (default 90): "
        "the counts of searches that found nothing, and the 'What was missing?' comments. "
        "Yes and No answers stay, without their comments."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=KEEP_DAYS, metavar="DAYS")
        parser.add_argument("--dry-run", action="store_true", help="Count, but delete nothing.")

    def handle(self, *args, older_than: int, dry_run: bool, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 day.")
        before = timezone.localdate() - timedelta(days=older_than)
        searches = MissedSearch.objects.filter(day__lt=before)
        comments = PageFeedback.objects.filter(day__lt=before).exclude(missing="")
        with transaction.atomic():
            counts = searches.count(), comments.count()
            if not dry_run:
                searches.delete()
                comments.update(missing="")
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {counts[0]} search count(s) and {counts[1]} comment(s) from before "
            f"{before:%Y-%m-%d}."
        )
