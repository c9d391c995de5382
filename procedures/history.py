"""Versions of procedure pages: record one on every change, compare two, restore one."""

import datetime
import difflib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from procedures.content import apply_procedure, procedure_data, procedure_text
from procedures.models import SECTIONS, Condition, Procedure, Revision
from procedures.urgent_care import TIER_KEYS

FIELD_LABELS = {
    "title": "title", "slug": "address", "other_names": "other names", "summary": "summary",
    "conditions": "conditions", "related": "related procedures", "at_a_glance": "at a glance",
    "billing_codes": "billing codes", "status": "status", "last_reviewed": "review date",
    "reviewed_by": "reviewer", "review_interval_months": "review interval", "sources": "sources",
    "warning_signs": "warning signs",
}  # fmt: skip


def current_data(procedure: Procedure) -> dict:
    fresh = Procedure.objects.prefetch_related("conditions", "related").get(pk=procedure.pk)
    return procedure_data(fresh)


def as_json(data: dict) -> dict:
    """Page data as a revision stores it: dates as text."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def from_json(data: dict) -> dict:
    sources = [
        {**source, "checked": datetime.date.fromisoformat(source["checked"])}
        for source in data["sources"]
        if isinstance(source, dict)  # versions from before sources had addresses hold names
    ]
    last_reviewed = datetime.date.fromisoformat(data["last_reviewed"])
    no_signs = dict.fromkeys(TIER_KEYS, [])  # versions from before pages had their own signs
    return {
        "warning_signs": no_signs,
        **data,
        "last_reviewed": last_reviewed,
        "sources": sources,
    }


def changed_parts(old: dict, new: dict) -> list[str]:
    parts = [label for key, label in FIELD_LABELS.items() if old.get(key) != new.get(key)]
    parts += [
        section.heading
        for section in SECTIONS
        if old["sections"].get(section.field) != new["sections"].get(section.field)
    ]
    return parts


def record_revision(procedure: Procedure, *, author, summary: str = "") -> Revision | None:
    """Keep the page as it is now; None when nothing changed since the last revision."""
    data = as_json(current_data(procedure))
    previous = procedure.revisions.first()
    if previous is None:
        summary = summary or "First version"
    else:
        parts = changed_parts(previous.data, data)
        if not parts:
            return None
        summary = summary or "Changed " + ", ".join(parts)
    return Revision.objects.create(procedure=procedure, author=author, summary=summary, data=data)


def diff_lines(older: Revision | None, newer: Revision) -> list[tuple[str, str]]:
    """The page file's lines, marked 'added', 'removed' or 'same' (plus 'gap' between hunks)."""
    before = procedure_text(from_json(older.data)).splitlines() if older else []
    after = procedure_text(from_json(newer.data)).splitlines()
    lines = []
    for line in list(difflib.unified_diff(before, after, lineterm="", n=2))[2:]:
        if line.startswith("@@"):
            lines.append(("gap", "…"))
        elif line.startswith("+"):
            lines.append(("added", line[1:]))
        elif line.startswith("-"):
            lines.append(("removed", line[1:]))
        else:
            lines.append(("same", line[1:]))
    return lines


@transaction.atomic
def restore(revision: Revision, *, author) -> Procedure:
    """Put a page back as it was in `revision`; this itself becomes a new revision."""
    procedure = revision.procedure
    data = from_json(revision.data)
    apply_procedure(procedure, data)
    procedure.save()
    procedure.conditions.set(Condition.objects.filter(slug__in=data["conditions"]))
    procedure.related.set(Procedure.objects.filter(slug__in=data["related"]))
    stamp = timezone.localtime(revision.created_at).strftime("%d %B %Y %H:%M")
    record_revision(procedure, author=author, summary=f"Restored the version from {stamp}")
    return procedure
