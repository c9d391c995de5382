"""Pages as Markdown files with YAML front matter: reading, checking, writing.

A page's *data* is a plain dict in file order. Reading a file and reading a database
row both give one, so "has this page changed?" is a comparison of two dicts, and
writing a file from a row is the exact inverse of reading it.
"""

import datetime
import hashlib
import json
import re
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError

from procedures.checks import check_pages
from procedures.markdown import too_long
from procedures.models import GLANCE_FACTS, SECTIONS, Condition, Procedure, Status
from procedures.sources import SOURCE_KEYS, make_source
from procedures.urgent_care import TIER_KEYS

FRONT_MATTER = re.compile(r"\A---\n(?P<front>.*?\n)---\n(?P<body>.*)\Z", re.DOTALL)
SECTION_HEADING = re.compile(r"^## (?P<heading>.+?)[ \t]*$", re.MULTILINE)

CONDITION_KEYS = ("name", "slug", "summary", "last_reviewed", "reviewed_by", "sources")
PROCEDURE_KEYS = (
    "title",
    "slug",
    "other_names",
    "summary",
    "conditions",
    "related",
    "at_a_glance",
    "warning_signs",
    "billing_codes",
    "status",
    "last_reviewed",
    "reviewed_by",
    "review_interval_months",
    "sources",
)
LIST_KEYS = {"other_names", "conditions", "related", "billing_codes"}
GLANCE_KEYS = tuple(field for field, _ in GLANCE_FACTS)


class ContentError(Exception):
    """Content that cannot be loaded; the message names the file and the problem."""

    def __init__(self, path: Path | None, problem: str):
        super().__init__(f"{path}: {problem}" if path else problem)


def fingerprint(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


# Reading files


def read_condition(path: Path) -> dict:
    front, body = _split_file(path)
    data = _check_front_matter(path, front, CONDITION_KEYS)
    data["description"] = body.strip()
    if not data["description"]:
        raise ContentError(path, "the page has no text below the front matter")
    _check_size(path, "the page", data["description"])
    return data


def read_procedure(path: Path) -> dict:
    front, body = _split_file(path)
    data = _check_front_matter(path, front, PROCEDURE_KEYS)
    data["at_a_glance"] = _check_glance(path, data["at_a_glance"])
    if data["status"] not in Status.values:
        raise ContentError(path, f"status must be one of {', '.join(Status.values)}")
    data["sections"] = _split_sections(path, body)
    # The database keeps relations unordered, so files list them sorted.
    data["conditions"] = sorted(data["conditions"])
    data["related"] = sorted(data["related"])
    return data


def _check_size(path: Path, part: str, text: str) -> None:
    """Before anything is rendered: the size limit is what keeps rendering quick."""
    message = too_long(text)
    if message:
        raise ContentError(path, f"{part}: {message}")


def _split_file(path: Path) -> tuple[dict, str]:
    try:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise ContentError(path, "the file is not UTF-8 text") from None
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentError(path, "no front matter: the file must start with a '---' block")
    try:
        front = yaml.safe_load(match["front"])
    except yaml.YAMLError as error:
        raise ContentError(path, f"bad front matter: {error}") from None
    if not isinstance(front, dict):
        raise ContentError(path, "bad front matter: it must be a list of 'key: value' lines")
    return front, match["body"]


def _check_front_matter(path: Path, front: dict, keys: tuple[str, ...]) -> dict:
    unknown = [key for key in front if key not in keys]
    if unknown:
        raise ContentError(path, f"unknown front matter field(s): {', '.join(map(str, unknown))}")
    missing = [key for key in keys if key not in front]
    if missing:
        raise ContentError(path, f"missing front matter field(s): {', '.join(missing)}")
    data = {}
    for key in keys:
        data[key] = _check_value(path, key, front[key])
    if data["slug"] != path.stem:
        raise ContentError(path, f"slug '{data['slug']}' does not match the file name")
    return data


def _check_value(path: Path, key: str, value):
    if key == "review_interval_months":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 60:
            raise ContentError(path, "review_interval_months must be a whole number from 1 to 60")
        return value
    if key == "last_reviewed":
        if not isinstance(value, datetime.date):
            raise ContentError(path, "last_reviewed must be a date written as YYYY-MM-DD")
        return value
    if key == "at_a_glance":
        return value
    if key == "sources":
        return _check_sources(path, value)
    if key == "warning_signs":
        return _check_warning_signs(path, value)
    if key in LIST_KEYS:
        return _check_text_list(path, key, value)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, f"{key} must be text (put quotes around yes/no/true/false)")
    return value.strip()


def _check_sources(path: Path, sources) -> list[dict]:
    if not isinstance(sources, list) or not all(isinstance(item, dict) for item in sources):
        raise ContentError(path, f"sources must be a list, each with {', '.join(SOURCE_KEYS)}")
    checked = []
    for number, source in enumerate(sources, start=1):
        if set(source) != set(SOURCE_KEYS):
            raise ContentError(path, f"source {number} must have exactly: {', '.join(SOURCE_KEYS)}")
        values = {key: _check_value(path, f"source {number} {key}", source[key]) for key in
                  ("title", "organisation", "url")}  # fmt: skip
        try:
            checked.append(make_source(**values, checked=source["checked"]).as_data())
        except ValidationError as error:
            raise ContentError(path, f"source {number}: {' '.join(error.messages)}") from None
    return checked


def _check_warning_signs(path: Path, signs) -> dict:
    if not isinstance(signs, dict) or set(signs) != set(TIER_KEYS):
        raise ContentError(path, f"warning_signs must have exactly: {', '.join(TIER_KEYS)}")
    return {
        tier: _check_text_list(path, f"warning_signs.{tier}", signs[tier] or [])
        for tier in TIER_KEYS
    }


def _check_text_list(path: Path, key: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ContentError(path, f"{key} must be a list of text items")
    return [item.strip() for item in value]


def _check_glance(path: Path, glance) -> dict:
    if not isinstance(glance, dict) or set(glance) != set(GLANCE_KEYS):
        raise ContentError(path, f"at_a_glance must have exactly: {', '.join(GLANCE_KEYS)}")
    return {key: _check_value(path, f"at_a_glance.{key}", glance[key]) for key in GLANCE_KEYS}


def _split_sections(path: Path, body: str) -> dict:
    parts = SECTION_HEADING.split(body)
    if parts[0].strip():
        raise ContentError(path, "there is text before the first '## ' section heading")
    found = dict.fromkeys(SECTIONS)  # keeps the expected order
    by_heading = {section.heading: section for section in SECTIONS}
    headings = parts[1::2]
    for heading, text in zip(headings, parts[2::2], strict=True):
        section = by_heading.get(heading)
        if section is None:
            raise ContentError(path, f"unknown section '## {heading}'")
        if found[section] is not None:
            raise ContentError(path, f"section '## {heading}' appears twice")
        if not text.strip():
            raise ContentError(path, f"section '## {heading}' is empty")
        _check_size(path, f"section '## {heading}'", text.strip())
        found[section] = text.strip()
    missing = [section.heading for section, text in found.items() if text is None]
    if missing:
        raise ContentError(path, f"missing section(s): {', '.join('## ' + h for h in missing)}")
    expected = [section.heading for section in SECTIONS]
    if headings != expected:
        raise ContentError(path, f"sections are out of order; the order is: {', '.join(expected)}")
    return {section.field: text for section, text in found.items()}


# Rows as data


def condition_data(condition: Condition) -> dict:
    return {
        "name": condition.name,
        "slug": condition.slug,
        "summary": condition.summary,
        "last_reviewed": condition.last_reviewed,
        "reviewed_by": condition.reviewed_by,
        "sources": [source.as_data() for source in condition.source_list],
        "description": condition.description,
    }


def procedure_data(procedure: Procedure) -> dict:
    """A procedure row as data; expects conditions and related to be prefetched."""
    return {
        "title": procedure.title,
        "slug": procedure.slug,
        "other_names": procedure.other_name_list,
        "summary": procedure.summary,
        "conditions": sorted(condition.slug for condition in procedure.conditions.all()),
        "related": sorted(other.slug for other in procedure.related.all()),
        "at_a_glance": {key: getattr(procedure, key) for key in GLANCE_KEYS},
        "warning_signs": procedure.warning_signs,
        "billing_codes": procedure.billing_code_list,
        "status": procedure.status,
        "last_reviewed": procedure.last_reviewed,
        "reviewed_by": procedure.reviewed_by,
        "review_interval_months": procedure.review_interval_months,
        "sources": [source.as_data() for source in procedure.source_list],
        "sections": {section.field: getattr(procedure, section.field) for section in SECTIONS},
    }


def apply_condition(condition: Condition, data: dict) -> None:
    for key in ("name", "slug", "summary", "last_reviewed", "reviewed_by", "description"):
        setattr(condition, key, data[key])
    condition.sources = sources_text(data["sources"])


def apply_procedure(procedure: Procedure, data: dict) -> None:
    """Copy the plain fields; relations are set by the caller once every row exists."""
    plain = ("title", "slug", "summary", "status", "last_reviewed", "reviewed_by")
    for key in (*plain, "review_interval_months"):
        setattr(procedure, key, data[key])
    procedure.other_names = "; ".join(data["other_names"])
    procedure.billing_codes = "; ".join(data["billing_codes"])
    procedure.sources = sources_text(data["sources"])
    for tier, signs in data["warning_signs"].items():
        setattr(procedure, f"warning_{tier}", "\n".join(signs))
    for key, value in data["at_a_glance"].items():
        setattr(procedure, key, value)
    for field, text in data["sections"].items():
        setattr(procedure, field, text)


def sources_text(sources: list[dict]) -> str:
    return "\n".join(make_source(**source).as_line() for source in sources)


# Writing files


def condition_text(data: dict) -> str:
    front = {key: data[key] for key in CONDITION_KEYS}
    return f"---\n{_dump(front)}---\n\n{data['description']}\n"


def procedure_text(data: dict) -> str:
    front = {key: data[key] for key in PROCEDURE_KEYS}
    sections = [f"## {s.heading}\n\n{data['sections'][s.field]}\n" for s in SECTIONS]
    return f"---\n{_dump(front)}---\n\n" + "\n".join(sections)


def _dump(front: dict) -> str:
    return yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)


# Loading a folder into the database


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


def read_folder(
    folder: Path, *, with_database: bool = True
) -> tuple[list[tuple[Path, dict]], list[tuple[Path, dict]]]:
    """Read and check every file; raise ContentError listing every problem found.

    Pages may refer to pages already in the database, unless `with_database` is off.
    """
    conditions, procedures, errors = [], [], []
    for kind, reader, pages in (
        ("conditions", read_condition, conditions),
        ("procedures", read_procedure, procedures),
    ):
        for path in sorted((folder / kind).glob("*.md")):
            try:
                pages.append((path, reader(path)))
            except ContentError as error:
                errors.append(str(error))
    if not errors:  # a file that failed to read would also show up as an unknown reference
        errors = _check_references(conditions, procedures, with_database)
    if errors:
        summary = "These files cannot be read. Nothing was changed. Fix them and run it again:"
        raise ContentError(None, "\n".join([summary, *(f"  {error}" for error in errors)]))
    return conditions, procedures


def _check_references(conditions, procedures, with_database: bool) -> list[str]:
    condition_slugs = {data["slug"] for _, data in conditions}
    procedure_slugs = {data["slug"] for _, data in procedures}
    if with_database:
        condition_slugs |= set(Condition.objects.values_list("slug", flat=True))
        procedure_slugs |= set(Procedure.objects.values_list("slug", flat=True))
    errors = []
    for path, data in procedures:
        for slug in data["conditions"]:
            if slug not in condition_slugs:
                errors.append(f"{path}: unknown condition '{slug}'")
        for slug in data["related"]:
            if slug not in procedure_slugs:
                errors.append(f"{path}: unknown related procedure '{slug}'")
    return errors


def import_folder(folder: Path, *, force: bool = False) -> ImportReport:
    """Bring the database in line with the files. Run it inside a transaction.

    A page whose row differs from what was last imported was edited in the admin;
    it is skipped unless `force` is set, so staff edits are never lost by accident.
    """
    conditions, procedures = read_folder(folder)
    _refuse_unsafe_pages(conditions, procedures)
    report = ImportReport()
    rows = {row.slug: row for row in Condition.objects.all()}
    for path, data in conditions:
        row = rows.get(data["slug"]) or Condition()
        _sync(path, row, data, condition_data, apply_condition, force, report)

    rows = {row.slug: row for row in Procedure.objects.prefetch_related("conditions", "related")}
    written = []
    for path, data in procedures:
        row = rows.get(data["slug"]) or Procedure()
        if _sync(path, row, data, procedure_data, apply_procedure, force, report):
            written.append((row, data))
    _set_procedure_relations(written)
    return report


def _refuse_unsafe_pages(conditions, procedures) -> None:
    problems = [
        f"  {problem.page}: {problem.message}"
        for report in check_pages(conditions, procedures)
        for problem in report.problems
    ]
    if problems:
        summary = "These pages fail the content checks (check_content). Nothing was imported:"
        raise ContentError(None, "\n".join([summary, *problems]))


def _sync(path, row, data, to_data, apply, force, report) -> bool:
    """Create, update or leave one row; return True when it was written."""
    slug = data["slug"]
    if row.pk is not None:
        current = to_data(row)
        if current == data:
            if row.content_hash != fingerprint(data):
                type(row).objects.filter(pk=row.pk).update(content_hash=fingerprint(data))
            report.unchanged.append(slug)
            return False
        if fingerprint(current) != row.content_hash and not force:
            report.skipped.append(slug)
            return False
    (report.updated if row.pk else report.created).append(slug)
    apply(row, data)
    row.content_hash = fingerprint(data)
    try:
        row.full_clean(exclude=["conditions", "related"])
    except ValidationError as error:
        raise ContentError(path, "; ".join(_messages(error))) from None
    row.save()
    return True


def _messages(error: ValidationError) -> list[str]:
    return [f"{field}: {' '.join(problems)}" for field, problems in error.message_dict.items()]


def _set_procedure_relations(written: list[tuple[Procedure, dict]]) -> None:
    conditions = {row.slug: row for row in Condition.objects.all()}
    procedures = {row.slug: row for row in Procedure.objects.all()}
    for row, data in written:
        row.conditions.set([conditions[slug] for slug in data["conditions"]])
        row.related.set([procedures[slug] for slug in data["related"]])


def export_folder(folder: Path, *, dry_run: bool = False) -> tuple[int, int]:
    """Write every page to `folder`; return (files changed, files already identical).

    The files then hold exactly what the database holds, so each row's fingerprint
    is brought up to date: a later import of an unedited file is not a conflict.
    """
    changed = unchanged = 0
    for kind, rows, to_data, to_text in (
        ("conditions", Condition.objects.all(), condition_data, condition_text),
        (
            "procedures",
            Procedure.objects.prefetch_related("conditions", "related"),
            procedure_data,
            procedure_text,
        ),
    ):
        for row in rows:
            data = to_data(row)
            path = folder / kind / f"{row.slug}.md"
            text = to_text(data)
            if path.exists() and path.read_text(encoding="utf-8") == text:
                unchanged += 1
                continue
            changed += 1
            if not dry_run:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                type(row).objects.filter(pk=row.pk).update(content_hash=fingerprint(data))
    return changed, unchanged
