from django.core.management.base import BaseCommand
from django.urls import reverse

from procedures.models import REVIEW_WARNING_DAYS, Procedure


class Command(BaseCommand):
    help = (
        f"List procedure pages whose clinical review is overdue or due within "
        f"{REVIEW_WARNING_DAYS} days, most urgent first (for a weekly e-mail or cron job)."
    )

    def handle(self, *args, **options):
        procedures = list(Procedure.objects.review_needed())
        if not procedures:
            self.stdout.write(f"No page is due for review in the next {REVIEW_WARNING_DAYS} days.")
            return
        self.stdout.write(f"{len(procedures)} page(s) need a clinical review:")
        for procedure in procedures:
            admin_path = reverse("admin:procedures_procedure_change", args=[procedure.pk])
            self.stdout.write(
                f"  {procedure.review_state_label:<24} due {procedure.review_due:%Y-%m-%d}  "
                f"{procedure.title}  (last reviewed by {procedure.reviewed_by}; {admin_path})"
            )
