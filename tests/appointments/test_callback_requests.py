"""A callback request's workflow and the lists the front desk works from."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from appointments.csv_export import callback_row
from appointments.models import CallbackRequest, Status
from core.roles import FRONT_DESK
from tests.admin_post import admin_post
from tests.factories import make_callback, make_procedure, make_staff

NOW = timezone.now()


@pytest.fixture
def one_of_each(db) -> dict:
    return {
        status: make_callback(status=status, created_at=NOW - timedelta(days=age))
        for age, status in enumerate(Status.values)
    }


def test_new_open_and_finished_split_the_requests_by_status(one_of_each):
    def statuses(queryset):
        return set(queryset.values_list("status", flat=True))

    assert statuses(CallbackRequest.objects.new()) == {"new"}
    assert statuses(CallbackRequest.objects.open()) == {"new", "contacted", "scheduled"}
    assert statuses(CallbackRequest.objects.finished()) == {"closed", "unreachable"}


def test_waiting_first_puts_open_requests_oldest_first_then_finished_ones(one_of_each):
    ordered = list(CallbackRequest.objects.waiting_first().values_list("status", flat=True))
    assert ordered == ["scheduled", "contacted", "new", "unreachable", "closed"]


@pytest.mark.django_db
def test_purgeable_is_finished_and_unchanged_for_longer_than_the_age():
    old, recent = NOW - timedelta(days=181), NOW - timedelta(days=179)
    purgeable = make_callback(status="closed", status_changed_at=old)
    make_callback(status="unreachable", status_changed_at=recent)
    make_callback(status="contacted", status_changed_at=old)
    found = CallbackRequest.objects.purgeable(older_than=timedelta(days=180), now=NOW)
    assert list(found) == [purgeable]


@pytest.mark.django_db
def test_change_status_takes_a_step_the_workflow_has_and_stamps_it():
    user = User.objects.create_user("ana")
    callback = make_callback(status="contacted")
    callback.change_status(Status.SCHEDULED, by=user)
    assert (callback.status, callback.status_changed_by) == ("scheduled", user)
    assert NOW <= callback.status_changed_at <= timezone.now()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "step"), [("new", "scheduled"), ("scheduled", "contacted"), ("closed", "new")]
)
def test_change_status_refuses_a_step_the_workflow_lacks(start, step):
    callback = make_callback(status=start)
    with pytest.raises(ValidationError, match="A request cannot go from"):
        callback.change_status(step, by=None)
    assert (callback.status, callback.status_changed_at) == (start, None)


@pytest.mark.django_db
def test_a_csv_row_has_every_column_in_order():
    callback = make_callback(
        procedure=make_procedure(title="Kyphoplasty"), email="ada@example.org",
        contact_method="email", message="Mornings are best.",
        created_at=timezone.make_aware(timezone.datetime(2026, 3, 2, 9, 30)),
    )  # fmt: skip
    assert callback_row(callback)[1:] == [
        "2026-03-02 09:30", "Ada Patient", "+12025550143", "ada@example.org", "Email",
        "Morning", "Kyphoplasty", "Yes", "Not sure", "Mornings are best.", "New", "",
    ]  # fmt: skip


@pytest.mark.django_db
def test_the_export_only_answers_get(client):
    client.force_login(make_staff(FRONT_DESK.group))
    admin_post(client, reverse("admin:appointments_callbackrequest_export"), {}, status=405)
