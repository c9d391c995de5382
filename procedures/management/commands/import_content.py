from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from procedures.content import ContentError
from procedures.sync import import_folder


class Command(BaseCommand):
    help = (
        "Load procedure and condition pages from Markdown files. All or nothing: one bad "
        "file writes nothing. Pages changed in the admin since the last import are kept "
        "unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", type=Path, default=settings.CONTENT_DIR)
        parser.add_argument(
            "--force", action="store_true", help="Overwrite pages changed in the admin."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, folder: Path, force: bool, dry_run: bool, **options):
        try:
            report = import_folder(folder, force=force, dry_run=dry_run)
        except ContentError as error:
            raise CommandError(str(error)) from None

        for slug in report.skipped:
            message = f"Kept {slug}: changed in the admin since the last import."
            self.stderr.write(self.style.WARNING(f"{message} Use --force to overwrite it."))
        prefix = "Dry run, nothing written: " if dry_run else ""
        if not report.changed_anything:
            self.stdout.write(f"{prefix}Nothing to change ({report}).")
        else:
            self.stdout.write(self.style.SUCCESS(f"{prefix}{report}."))
