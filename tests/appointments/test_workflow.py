"""The status table, whole: every step the front desk takes works and is stamped, every other
step is refused with a message and changes nothing, on the model, the form and the actions."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from appointments.models import NEXT_STATUSES, AuditEvent, Status
from core.roles import FRONT_DESK
from tests.admin_post import admin_post
from tests.factories import admin_form_values, make_callback, make_staff

# Written out rather than read from the code, so a change to the table shows up here.
ALLOWED = {
    ("new", "contacted"),
    ("new", "scheduled"),
    ("new", "closed"),
    ("new", "unreachable"),
    ("contacted", "scheduled"),
    ("contacted", "closed"),
    ("contacted", "unreachable"),
    ("scheduled", "closed"),
    # Reopening: the patient calls again, or the request was closed by mistake.
    ("closed", "new"),
    ("closed", "contacted"),
    ("unreachable", "new"),
    ("unreachable", "contacted"),
}
EVERY_STEP = [(old, new) for old in Status.values for new in Status.values if old != new]
REFUSED = [step for step in EVERY_STEP if step not in ALLOWED]
LABEL = dict(Status.choices)
CHANGELIST = reverse("admin:appointments_callbackrequest_changelist")


def change_url(callback) -> str:
    return reverse("admin:appointments_callbackrequest_change", args=[callback.pk])


@pytest.fixture
def front_desk(client, db):
    user = make_staff(FRONT_DESK.group, "frontdesk")
    client.force_login(user)
    return user


def test_the_table_has_exactly_the_steps_the_front_desk_takes():
    assert {(old, new) for old, steps in NEXT_STATUSES.items() for new in steps} == ALLOWED
    assert len(REFUSED) == 8


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), sorted(ALLOWED))
def test_each_allowed_step_is_taken_and_stamped_with_who_and_when(old, new):
    user = make_staff(FRONT_DESK.group)
    callback = make_callback(status=old)
    before = timezone.now()
    callback.change_status(new, by=user)
    assert (callback.status, callback.status_changed_by) == (new, user)
    assert before <= callback.status_changed_at <= timezone.now()


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), REFUSED)
def test_each_other_step_is_refused_and_changes_nothing(old, new):
    callback = make_callback(status=old)
    message = f"A request cannot go from {LABEL[old]} to {LABEL[new]}."
    with pytest.raises(ValidationError, match=message):
        callback.change_status(new, by=None)
    assert (callback.status, callback.status_changed_at, callback.status_changed_by) == (
        old,
        None,
        None,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), sorted(ALLOWED))
def test_the_request_page_takes_each_allowed_step_and_records_it(client, front_desk, old, new):
    callback = make_callback(status=old)
    admin_post(client, change_url(callback), {**_form_data(client, callback), "status": new})
    callback.refresh_from_db()
    assert (callback.status, callback.status_changed_by) == (new, front_desk)
    assert timezone.now() - callback.status_changed_at < timedelta(minutes=1)
    changed = AuditEvent.objects.get(request=callback, action="changed")
    assert changed.detail == f"changed status from {LABEL[old]} to {LABEL[new]}"
    assert changed.user == front_desk


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), REFUSED)
def test_the_request_page_refuses_each_other_step_with_a_message(client, front_desk, old, new):
    callback = make_callback(status=old)
    data = {**_form_data(client, callback), "status": new}
    response = admin_post(client, change_url(callback), data, status=200)
    errors = response.context["adminform"].form.errors
    assert errors == {"status": [f"A request cannot go from {LABEL[old]} to {LABEL[new]}."]}
    callback.refresh_from_db()
    assert (callback.status, callback.status_changed_by) == (old, None)
    assert not AuditEvent.objects.filter(action="changed").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("old", Status.values)
def test_the_request_page_offers_only_the_allowed_steps(client, front_desk, old):
    callback = make_callback(status=old)
    page = client.get(change_url(callback))
    assert page.status_code == 200
    options = BeautifulSoup(page.content, "html.parser").select("select#id_status option")
    offered = {option["value"] for option in options}
    assert offered == {old} | {new for start, new in ALLOWED if start == old}


@pytest.mark.django_db
def test_an_action_takes_the_allowed_steps_and_names_the_requests_it_refused(client, front_desk):
    new, closed, scheduled = (make_callback(status=s) for s in ("new", "closed", "scheduled"))
    data = {"action": "mark_contacted", "_selected_action": [new.pk, closed.pk, scheduled.pk]}
    response = admin_post(client, CHANGELIST, data)
    page = client.get(response["Location"]).content.decode()
    assert "Marked 2 request(s) contacted." in page
    assert f"cannot be marked contacted from their status: {scheduled.reference}" in page
    for callback, status in [(new, "contacted"), (closed, "contacted"), (scheduled, "scheduled")]:
        callback.refresh_from_db()
        assert callback.status == status
    stamped = AuditEvent.objects.filter(action="changed", detail="marked contacted")
    assert {event.request for event in stamped} == {new, closed}


def _form_data(client, callback) -> dict:
    page = client.get(change_url(callback))
    assert page.status_code == 200
    return admin_form_values(page.content.decode())
