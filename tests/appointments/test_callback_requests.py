"""A callback request's workflow and the lists the front desk works from."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
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
def test_a_csv_row_has_every_column_in_order():
    callback = make_callback(
        procedure=make_procedure(title="Kyphoplasty"),
        email="ada@example.org",
        prefers_email=True,
        hard_of_hearing=True,
        contact_days=["thu", "tue"],
        language="other",
        language_other="Tagalog",
        needs_interpreter=True,
        message="Mornings are best.",
        assigned_to=User.objects.create_user("ana", first_name="Ana", last_name="Lopez"),
        created_at=timezone.make_aware(datetime(2026, 3, 2, 9, 30)),
    )
    assert callback_row(callback)[1:] == [
        "2026-03-02 09:30",
        "Ada Patient",
        "(202) 555-0143",
        "ada@example.org",
        "Tuesday or Thursday, morning",
        "Tagalog",
        "Yes",
        "Hard of hearing; Email me",
        "Kyphoplasty",
        "Yes",
        "Not sure",
        "Mornings are best.",
        "New",
        "Ana Lopez",
    ]


# When is the best time, and what to know before calling


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "time", "full", "short"),
    [
        ([], "any", "Any time", "Any time"),
        ([], "morning", "Any weekday, morning", "Any weekday, morning"),
        (["tue"], "any", "Tuesday, any time", "Tue, any time"),
        (["thu", "tue"], "morning", "Tuesday or Thursday, morning", "Tue or Thu, morning"),
        (
            ["fri", "mon", "wed"],
            "afternoon",
            "Monday, Wednesday or Friday, afternoon",
            "Mon, Wed or Fri, afternoon",
        ),
        (
            ["mon", "tue", "wed", "thu", "fri"],
            "morning",
            "Any weekday, morning",
            "Any weekday, morning",
        ),
    ],
)
def test_the_best_time_reads_as_a_sentence(days, time, full, short):
    callback = make_callback(contact_days=days, contact_time=time)
    assert (callback.best_time(), callback.best_time(short=True)) == (full, short)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "flags"),
    [
        ({}, []),
        ({"language": "es", "needs_interpreter": True}, ["Interpreter: Spanish"]),
        ({"language": "other", "language_other": "Tagalog"}, ["Speaks Tagalog"]),
        ({"needs_interpreter": True}, ["Interpreter"]),
        (
            {"hard_of_hearing": True, "uses_relay": True, "speech_difficulty": True},
            ["Hard of hearing", "Relay service", "Trouble with speech"],
        ),
        ({"email": "ada@example.org", "prefers_email": True}, ["Email me"]),
    ],
)
def test_flags_say_in_a_word_what_the_front_desk_must_know(answers, flags):
    assert make_callback(**answers).flags == flags


# Overdue: new, and waiting longer than the promised business days


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "sent", "overdue"),
    [
        (1, "2026-03-05 10:00", True),  # Thursday: due Friday 10:00
        (1, "2026-03-06 09:00", False),  # Friday: due Monday 09:00
        (1, "2026-03-07 09:00", False),  # Saturday: due Tuesday
        (2, "2026-03-05 10:00", False),  # Thursday, two days: due Monday 10:00
    ],
)
def test_a_new_request_is_overdue_after_the_promised_business_days(settings, days, sent, overdue):
    settings.TIME_ZONE = "America/New_York"
    settings.CALLBACK_RESPONSE_BUSINESS_DAYS = days
    now = _local("2026-03-09 08:30")  # Monday morning
    callback = make_callback(created_at=_local(sent))
    assert callback.is_overdue(now=now) is overdue
    assert list(CallbackRequest.objects.overdue(now=now)) == ([callback] if overdue else [])


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["contacted", "scheduled", "closed", "unreachable"])
def test_only_new_requests_are_overdue_because_the_promise_is_the_first_call(status):
    callback = make_callback(status=status, created_at=NOW - timedelta(days=30))
    assert not callback.is_overdue()
    assert not CallbackRequest.objects.overdue().exists()


@pytest.mark.django_db
def test_a_request_put_back_to_new_waits_from_then():
    callback = make_callback(status="closed", created_at=NOW - timedelta(days=30))
    callback.change_status(Status.NEW, by=None)
    callback.save()
    assert callback.waiting_since == callback.status_changed_at
    assert not callback.is_overdue()
    assert not CallbackRequest.objects.overdue().exists()
    later = NOW + timedelta(days=7)
    assert callback.is_overdue(now=later)
    assert list(CallbackRequest.objects.overdue(now=later)) == [callback]


# Possible duplicates: the same phone, both open, sent within 14 days of each other


@pytest.mark.django_db
def test_open_requests_from_one_phone_within_14_days_are_each_others_duplicates():
    first = make_callback(created_at=NOW - timedelta(days=14))
    second = make_callback(status="contacted", created_at=NOW)
    third = make_callback(created_at=NOW - timedelta(days=3))
    found = CallbackRequest.objects.possible_duplicates_of([first, second, third])
    assert found == {
        first.pk: [third, second],
        second.pk: [first, third],
        third.pk: [first, second],
    }


@pytest.mark.django_db
def test_requests_further_apart_finished_or_from_another_phone_are_not_duplicates():
    callback = make_callback(created_at=NOW)
    make_callback(created_at=NOW - timedelta(days=14, minutes=1))
    make_callback(created_at=NOW - timedelta(days=1), status="closed")
    make_callback(created_at=NOW - timedelta(days=1), phone="+16175550123")
    closed = make_callback(created_at=NOW, status="unreachable")
    assert CallbackRequest.objects.possible_duplicates_of([callback, closed]) == {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "constraint"),
    [
        ({"prefers_email": True, "email": ""}, "callback_email_when_preferred"),
        ({"language": "other", "language_other": ""}, "callback_other_language_named"),
        ({"language": "es", "language_other": "Tagalog"}, "callback_other_language_named"),
    ],
)
def test_the_database_refuses_answers_that_contradict_each_other(answers, constraint):
    # SQLite and PostgreSQL both name the constraint that refused the row.
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        make_callback(**answers)


def _local(text: str) -> datetime:
    return timezone.make_aware(datetime.strptime(text, "%Y-%m-%d %H:%M"))


@pytest.mark.django_db
def test_the_export_only_answers_get(client):
    client.force_login(make_staff(FRONT_DESK.group))
    admin_post(client, reverse("admin:appointments_callbackrequest_export"), {}, status=405)
