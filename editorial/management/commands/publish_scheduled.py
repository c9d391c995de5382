from django.core.management.base import BaseCommand

from editorial.publishing import publish_due


class Command(BaseCommand):
    help = (
        "Publish the approved drafts whose 'go live at' time has come. Run it from cron every "
        "few minutes; a draft changed after its approval waits for a new one."
    )

    def handle(self, *args, **options):
        for page in publish_due():
            self.stdout.write(f"Published {page}.")
