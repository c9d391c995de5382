"""A folder of content files and the database, brought in line in either direction."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from procedures.content import ContentError, fingerprint, page_text, read_pages, unknown_links
from procedures.models import (
    Comparison,
    Condition,
    GlossaryTerm,
    Option,
    Procedure,
    Revision,
    Status,
)
from procedures.safety_checks import check_pages

# Subfolder for each kind of page, in the order they are loaded: pages link to the ones
# before them.
PAGE_FOLDERS = {
    "glossary": GlossaryTerm,
    "conditions": Condition,
    "procedures": Procedure,
    "options": Option,
    "comparisons": Comparison,
}


class ImportReport:
    def __init__(self) -> None:
        self.created: list[str] = []
        self.updated: list[str] = []
        self.unchanged: list[str] = []
        self.skipped: list[str] = []

    def __str__(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped"
        )

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)


def read_folder(folder: Path, *, with_database: bool = True) -> dict[type, list]:
    """Read and check every file; raise ContentError listing every problem found.

    Pages may link to pages already in the database, unless `with_database` is off.
    """
    pages, errors = read_pages(folder, PAGE_FOLDERS)
    if not errors:  # a file that failed to read would also show up as an unknown link
        known = {}
        if with_database:
            known = {model: set(model.objects.values_list("slug", flat=True)) for model in pages}
        errors = unknown_links(pages, known)
    if errors:
        summary = "These files cannot be read. Nothing was changed. Fix them and run it again:"
        raise ContentError(None, "\n".join([summary, *(f"  {error}" for error in errors)]))
    return pages


@transaction.atomic
def import_folder(folder: Path, *, force: bool = False, dry_run: bool = False) -> ImportReport:
    """Bring the database in line with the files, all or nothing, keeping a version of each
    page written.

    A page whose row differs from what was last imported was edited in the admin; it is
    skipped unless `force` is set, so staff edits are never lost by accident.
    """
    pages = read_folder(folder)
    _refuse_unsafe_pages(pages)
    report = ImportReport()
    written = []
    for model, found in pages.items():
        rows = {row.slug: row for row in model.objects.prefetch_related(*model.link_fields())}
        for path, data in found:
            row = rows.get(data["slug"]) or model()
            if _sync(path, row, data, force, report):
                written.append((row, data))
    for row, data in written:
        row.link_pages(data)
    for row, _ in written:
        revision = Revision.objects.record(row, author=None, summary="Loaded from a content file")
        if isinstance(row, Procedure):
            # The file is what patients see now, or nothing when it is a draft.
            live = (revision or row.revisions.first()) if row.status == Status.PUBLISHED else None
            Procedure.objects.filter(pk=row.pk).update(live_version=live)
    if dry_run:
        transaction.set_rollback(True)
    return report


def _refuse_unsafe_pages(pages: dict[type, list]) -> None:
    problems = [
        f"  {problem.page}: {problem.message}"
        for report in check_pages(pages)
        for problem in report.problems
    ]
    if problems:
        summary = "These pages fail the content checks (check_content). Nothing was imported:"
        raise ContentError(None, "\n".join([summary, *problems]))


def _sync(path, row, data, force, report) -> bool:
    """Create, update or leave one row; return True when it was written."""
    slug = data["slug"]
    if row.pk is not None:
        current = row.to_data()
        if current == data:
            if row.content_hash != fingerprint(data):
                type(row).objects.filter(pk=row.pk).update(content_hash=fingerprint(data))
            report.unchanged.append(slug)
            return False
        if fingerprint(current) != row.content_hash and not force:
            report.skipped.append(slug)
            return False
    (report.updated if row.pk else report.created).append(slug)
    row.apply_data(data)
    row.content_hash = fingerprint(data)
    try:
        row.full_clean(exclude=row.link_fields())
    except ValidationError as error:
        raise ContentError(path, "; ".join(_messages(error))) from None
    row.save_page()
    return True


def _messages(error: ValidationError) -> list[str]:
    return [f"{field}: {' '.join(problems)}" for field, problems in error.message_dict.items()]


def export_folder(folder: Path, *, dry_run: bool = False) -> tuple[int, int]:
    """Write every page to `folder`; return (files changed, files already identical).

    The files then hold exactly what the database holds, so each row's fingerprint
    is brought up to date: a later import of an unedited file is not a conflict.
    """
    changed = unchanged = 0
    for kind, model in PAGE_FOLDERS.items():
        for row in model.objects.prefetch_related(*model.link_fields()):
            data = row.to_data()
            path = folder / kind / f"{row.slug}.md"
            text = page_text(model, data)
            if path.exists() and path.read_text(encoding="utf-8") == text:
                unchanged += 1
                continue
            changed += 1
            if not dry_run:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                model.objects.filter(pk=row.pk).update(content_hash=fingerprint(data))
    return changed, unchanged
