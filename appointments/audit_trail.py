"""A request's audit trail as the front desk reads it on the request's page: the latest
entries, with a run of views by one person in one line.

Every row stays stored; the full trail is its own page (CallbackRequestAdmin.trail_view).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import capfirst

from appointments.models import AuditEvent
from core.roles import staff_name

# The request's page shows this many lines; the full trail has the rest.
LINES_SHOWN = 5


@dataclass
class TrailLine:
    """One entry, or a run of like entries one after another by the same person."""

    what: str
    who: str
    first_at: datetime
    last_at: datetime
    count: int = 1

    def __str__(self) -> str:
        times = f" {self.count} times" if self.count > 1 else ""
        return f"{self.what}{times} by {self.who}, {when(self.first_at, self.last_at)}"


def recent_lines(callback, *, limit: int = LINES_SHOWN) -> list[TrailLine]:
    """The latest `limit` lines of the request's trail, newest first.

    Rows are read newest first only until the line after the last one shown begins, so the
    count of a long run of views is exact without loading the whole trail.
    """
    events = callback.audit_events.select_related("user").order_by("-at", "-pk")
    lines, last_key = [], None
    for event in events.iterator(chunk_size=200):
        key = _run_key(event)
        if key is not None and key == last_key:
            lines[-1].count += 1
            lines[-1].first_at = event.at
            continue
        if len(lines) == limit:
            break
        lines.append(TrailLine(describe(event), done_by(event), event.at, event.at))
        last_key = key
    return lines


def when(first: datetime, last: datetime) -> str:
    """ "December 7, 2026, 3:04 p.m.", or the span of a run: "December 6 – December 7, 2026"."""
    first, last = timezone.localtime(first), timezone.localtime(last)
    if first.date() != last.date():
        start = "F j" if first.year == last.year else "F j, Y"
        return f"{format_date(first, start)} – {format_date(last, 'F j, Y')}"
    start, end = format_date(first, "g:i a"), format_date(last, "g:i a")
    return format_date(first, "F j, Y, ") + (start if start == end else f"{start} – {end}")


def _run_key(event) -> tuple | None:
    """What makes entries alike enough to share a line; None for a change, which never does."""
    if event.action == AuditEvent.Action.CHANGED:
        return None
    return (event.user_id, event.action, describe(event))


def describe(event) -> str:
    """What an entry records, in words: "Viewed in the list", "Changed status from New to …"."""
    if event.action == AuditEvent.Action.VIEWED:
        if event.detail.startswith(("listed", "searched the list")):
            return "Viewed in the list"
        return "Viewed its history" if event.detail == "history page" else "Viewed its page"
    if event.action == AuditEvent.Action.EXPORTED:
        return "Exported to CSV"
    if event.detail == "assigned to me":
        return "Assigned to themselves"
    return capfirst(event.detail) or "Changed"


def done_by(event) -> str:
    # The row keeps no name once an account is deleted (user is SET_NULL).
    return staff_name(event.user) or "an account since deleted"
