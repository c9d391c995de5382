from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from procedures.content import ContentError
from procedures.safety_checks import check_pages
from procedures.sync import read_folder


class Command(BaseCommand):
    help = (
        "Check the content files for clinical safety: typed emergency numbers, vague "
        "'at a glance' facts, procedures without warning signs, too few sources, missing "
        "sections, and reading grade. Fails on any problem. Writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", type=Path, default=settings.CONTENT_DIR)

    def handle(self, *args, folder: Path, **options):
        try:
            pages = read_folder(folder, with_database=False)
        except ContentError as error:
            raise CommandError(str(error)) from None
        reports = check_pages(pages)
        for report in reports:
            self.stdout.write(f"{report.page}: {report.readability}")
            for problem in report.problems:
                self.stdout.write(self.style.ERROR(f"    {problem.message}"))
        problems = sum(len(report.problems) for report in reports)
        if problems:
            raise CommandError(f"{problems} problem(s) in {len(reports)} pages.")
        self.stdout.write(self.style.SUCCESS(f"{len(reports)} pages checked, no problems."))
