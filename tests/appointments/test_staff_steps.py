"""The front desk's steps as services: every caller, not only the admin, leaves the trail."""

import pytest
from django.core.exceptions import ValidationError

from appointments import services
from appointments.models import AuditEvent, CallbackNote, Status
from core.roles import FRONT_DESK
from tests.factories import make_callback, make_staff


@pytest.fixture
def desk(db):
    return make_staff(FRONT_DESK.group, "desk")


def trail(callback) -> list[str]:
    return list(callback.audit_events.order_by("pk").values_list("detail", flat=True))


def test_each_step_saves_its_change_and_its_audit_row(desk):
    callback = make_callback()
    services.assign([callback], to=desk)
    services.move([callback], Status.CONTACTED, by=desk)
    services.add_notes(callback, [CallbackNote(text="Left a message.")], by=desk)
    callback.refresh_from_db()
    assert (callback.assigned_to, callback.status, callback.status_changed_by) == (
        desk,
        Status.CONTACTED,
        desk,
    )
    assert callback.notes.get().author == desk
    assert trail(callback) == ["assigned to me", "marked contacted", "added a note"]
    assert set(AuditEvent.objects.values_list("user", flat=True)) == {desk.pk}


def test_a_step_the_workflow_does_not_have_changes_nothing(desk):
    callback = make_callback(status=Status.CLOSED)
    moved, refused = services.move([callback], Status.SCHEDULED, by=desk)
    assert (moved, refused) == ([], [callback.reference])
    callback.phone = "+13125550199"
    with pytest.raises(ValidationError):
        services.save_staff_edit(callback, by=desk, status=Status.SCHEDULED, changed=["phone"])
    callback.refresh_from_db()
    assert callback.status == Status.CLOSED and callback.phone != "+13125550199"
    assert trail(callback) == []


def test_an_edit_names_what_changed(desk):
    callback = make_callback()
    services.save_staff_edit(
        callback, by=desk, status=Status.SCHEDULED, changed=["status", "email"]
    )
    assert trail(callback) == ["changed status from New to Scheduled, email"]
