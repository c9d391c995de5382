"""A folder of content files and the database, brought in line in either direction."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from procedures.content import (
    ContentError,
    fingerprint,
    page_text,
    read_pages,
    translation_language,
    unknown_links,
)
from procedures.models import (
    TRANSLATIONS,
    Comparison,
    Condition,
    GlossaryTerm,
    Option,
    Procedure,
    Revision,
    Status,
)
from procedures.models.translations import translation_languages
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


def translation_folders() -> list[tuple[str, str, type]]:
    """(language, subfolder, model) for each kind of translation: `es/procedures` holds the
    Spanish procedures, each file named as the English one."""
    return [
        (language, f"{language}/{kind}", TRANSLATIONS[model])
        for language, _ in translation_languages()
        for kind, model in PAGE_FOLDERS.items()
    ]


def _read_translations(folder: Path) -> tuple[dict[type, list], list[str]]:
    pages, errors = {}, []
    for language, subfolder, model in translation_folders():
        # The files' section headings are in their own language.
        with translation.override(language):
            found, problems = read_pages(folder, {subfolder: model})
        pages.setdefault(model, []).extend(found[model])
        errors += problems
    return pages, errors


def _unknown_originals(pages: dict[type, list], known: dict[type, set[str]]) -> list[str]:
    """Translations of English pages that neither the files nor `known` hold."""
    errors = []
    for model in TRANSLATIONS.values():
        english = {data["slug"] for _, data in pages.get(model.english_model, [])}
        english |= known.get(model.english_model, set())
        errors += [
            f"{path}: no English page '{data['slug']}' to translate (content/{path.parent.name})"
            for path, data in pages.get(model, [])
            if data["slug"] not in english
        ]
    return errors


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
    translations, translation_errors = _read_translations(folder)
    errors += translation_errors
    if not errors:  # a file that failed to read would also show up as an unknown link
        known = {}
        if with_database:
            known = {model: set(model.objects.values_list("slug", flat=True)) for model in pages}
        errors = unknown_links(pages, known) + _unknown_originals({**pages, **translations}, known)
        pages |= translations
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
        rows = {_key_of(row): row for row in model.objects.prefetch_related(*model.link_fields())}
        for path, data in found:
            language = translation_language(path) if model in TRANSLATIONS.values() else None
            row = rows.get((data["slug"], language)) or _new_row(model, language, data["slug"])
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


def _key_of(row) -> tuple[str, str | None]:
    """What names a row in the files: its address, and its language if a translation."""
    return (row.slug, getattr(row, "language", None))


def _new_row(model, language: str | None, slug: str):
    """A new page, or a new translation of the English page at `slug` (written already)."""
    if language is None:
        return model()
    return model(language=language, original=model.english_model.objects.get(slug=slug))


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
    if getattr(row, "language", None):
        slug = f"{row.language}/{slug}"
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
    for row, path, text, data in _files(folder):
        if path.exists() and path.read_text(encoding="utf-8") == text:
            unchanged += 1
            continue
        changed += 1
        if not dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            type(row).objects.filter(pk=row.pk).update(content_hash=fingerprint(data))
    return changed, unchanged


def _files(folder: Path):
    """(row, path, file text, data) for every page and translation in the database."""
    for kind, model in PAGE_FOLDERS.items():
        for row in model.objects.prefetch_related(*model.link_fields()):
            data = row.to_data()
            yield row, folder / kind / f"{row.slug}.md", page_text(model, data), data
    for language, subfolder, model in translation_folders():
        with translation.override(language):
            for row in model.objects.in_language(language):
                data = row.to_data()
                yield row, folder / subfolder / f"{row.slug}.md", page_text(model, data), data
