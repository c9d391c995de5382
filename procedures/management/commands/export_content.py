from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from procedures.sync import export_folder


class Command(BaseCommand):
    help = "Write every procedure and condition page to Markdown files that import_content reads."

    def add_arguments(self, parser):
        parser.add_argument("--folder", type=Path, default=settings.CONTENT_DIR)
        parser.add_argument("--dry-run", action="store_true", help="Report what would change.")

    def handle(self, *args, folder: Path, dry_run: bool, **options):
        with transaction.atomic():
            changed, unchanged = export_folder(folder, dry_run=dry_run)
        verb = "Would write" if dry_run else "Wrote"
        self.stdout.write(f"{verb} {changed} file(s) to {folder}; {unchanged} already up to date.")
