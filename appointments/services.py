"""A callback request's life: saved from the patient's form, the front desk told, then
worked through by staff, with every change in the audit trail."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from appointments.models import (
    STATUS_FIELDS,
    AuditEvent,
    CallbackRequest,
    Status,
    new_reference,
)

logger = logging.getLogger(__name__)

REFERENCE_ATTEMPTS = 5


def submit_request(*, fields: dict, served_at: str) -> CallbackRequest:
    """Save the request under a fresh reference, and e-mail the front desk once it is stored.

    The link in the e-mail starts with SITE_URL, which production always has (set, or https
    and the first allowed host). Without it (while debugging) it starts with `served_at`, the
    address the patient's form came in on, whose host Django has checked against
    ALLOWED_HOSTS: so `PORT=8871 make run` mails links to port 8871.
    """
    callback = _save_with_unique_reference(fields)
    link = (settings.SITE_URL or served_at.rstrip("/")) + callback.admin_path()
    transaction.on_commit(lambda: notify_front_desk(reference=callback.reference, link=link))
    return callback


def _save_with_unique_reference(fields: dict) -> CallbackRequest:
    # The form has checked everything else, so an IntegrityError here is a clash of
    # references; with 30^6 of them that is rare, and drawing again fixes it.
    for _ in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                return CallbackRequest.objects.create(reference=new_reference(), **fields)
        except IntegrityError:
            continue
    raise RuntimeError("Could not find an unused callback reference.")


def notify_front_desk(*, reference: str, link: str) -> None:
    """E-mail the reference and a link, nothing else: e-mail is no place for health details."""
    if not settings.FRONT_DESK_EMAIL:
        return
    try:
        send_mail(
            subject=f"New callback request {reference}",
            message=(
                f"A patient has asked us to call them back.\n\n"
                f"Reference: {reference}\n"
                f"Open it here (staff sign-in needed): {link}\n"
            ),
            from_email=None,
            recipient_list=[settings.FRONT_DESK_EMAIL],
        )
    except Exception:
        # The request is saved and shows in the admin list; a lost e-mail must not lose it.
        logger.exception("Could not e-mail the front desk about callback request %s", reference)


# The front desk's steps. Each saves its change and its audit row together.


@transaction.atomic
def save_staff_edit(callback: CallbackRequest, *, by, status: str, changed: list[str]) -> None:
    """Save a staff member's edit of `changed` fields, moving to `status` through the
    workflow (a ValidationError for a step it does not have), and record what changed."""
    changes = [name for name in changed if name != "status"]
    if status != callback.status:
        old, new = callback.get_status_display(), Status(status).label
        changes.insert(0, f"status from {old} to {new}")
        callback.change_status(status, by=by)
    callback.save()
    if changes:
        AuditEvent.record(
            by, AuditEvent.Action.CHANGED, [callback], "changed " + ", ".join(changes)
        )


@transaction.atomic
def add_notes(callback: CallbackRequest, notes, *, by) -> None:
    for note in notes:
        note.request, note.author = callback, by
        note.save()
    if notes:
        AuditEvent.record(by, AuditEvent.Action.CHANGED, [callback], "added a note")


@transaction.atomic
def assign(callbacks: list[CallbackRequest], *, to) -> None:
    for callback in callbacks:
        callback.assigned_to = to
        callback.save(update_fields=["assigned_to"])
    AuditEvent.record(to, AuditEvent.Action.CHANGED, callbacks, "assigned to me")


@transaction.atomic
def move(callbacks, status: str, *, by) -> tuple[list, list]:
    """Move each request that may go to `status`; (moved, the references left as they were)."""
    moved, refused = [], []
    for callback in callbacks:
        if callback.can_move_to(status):
            callback.change_status(status, by=by)
            callback.save(update_fields=STATUS_FIELDS)
            moved.append(callback)
        else:
            refused.append(callback.reference)
    label = Status(status).label.lower()
    AuditEvent.record(by, AuditEvent.Action.CHANGED, moved, f"marked {label}")
    return moved, refused
