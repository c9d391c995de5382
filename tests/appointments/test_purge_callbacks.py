from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from appointments.models import AuditEvent, CallbackNote, CallbackRequest
from tests.factories import make_callback


def purge(*args) -> str:
    out = StringIO()
    call_command("purge_callbacks", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def requests_of_all_ages(db):
    now = timezone.now()
    old = now - timedelta(days=200)
    recent = now - timedelta(days=10)
    return {
        "old_closed": make_callback(status="closed", status_changed_at=old, created_at=old),
        "old_unreachable": make_callback(status="unreachable", status_changed_at=old),
        "recently_closed": make_callback(status="closed", status_changed_at=recent, created_at=old),
        "old_but_open": make_callback(status="contacted", status_changed_at=old, created_at=old),
        "old_new": make_callback(created_at=old),
    }


def test_purge_deletes_only_requests_closed_long_ago(requests_of_all_ages):
    old = requests_of_all_ages["old_closed"]
    CallbackNote.objects.create(request=old, text="Done.")
    AuditEvent.record(None, AuditEvent.Action.VIEWED, [old])

    output = purge("--older-than", "180")

    assert "Deleted 2 request(s)" in output
    remaining = set(CallbackRequest.objects.values_list("pk", flat=True))
    kept = {"recently_closed", "old_but_open", "old_new"}
    assert remaining == {requests_of_all_ages[name].pk for name in kept}
    assert not CallbackNote.objects.exists()
    # The audit trail outlives the request, by reference only.
    assert AuditEvent.objects.get().reference == old.reference


def test_purge_dry_run_counts_and_deletes_nothing(requests_of_all_ages):
    assert "Would delete 2 request(s)" in purge("--older-than", "180", "--dry-run")
    assert CallbackRequest.objects.count() == 5


def test_purge_refuses_a_zero_day_cutoff(db):
    with pytest.raises(CommandError):
        purge("--older-than", "0")
