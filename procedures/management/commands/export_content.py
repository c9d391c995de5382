from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from procedures.content import export_folder


class Command(BaseCommand):
    help = "Write every procedure and condition page to Markdown files that import_content reads."

    def add_arguments(self, parser):
        parser.add_argument("--folder", type=Path, default=settings.CONTENT_DIR)

    def handle(self, *args, folder: Path, **options):
        with transaction.atomic():
            count = export_folder(folder)
        self.stdout.write(self.style.SUCCESS(f"Wrote {count} files to {folder}."))
