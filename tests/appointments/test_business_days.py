"""The callback promise's clock: only Monday to Friday counts, in the practice's time zone."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from appointments.business_days import cutoff_before, deadline_after


def local(text: str) -> datetime:
    """A time in the practice's time zone, written "2026-03-06 16:00" (a Friday)."""
    return timezone.make_aware(datetime.strptime(text, "%Y-%m-%d %H:%M"))


@pytest.mark.parametrize(
    ("sent", "days", "deadline"),
    [
        ("2026-03-02 09:30", 1, "2026-03-03 09:30"),  # Monday: Tuesday, same time
        ("2026-03-06 16:00", 1, "2026-03-09 16:00"),  # Friday: over the weekend to Monday
        ("2026-03-05 10:00", 2, "2026-03-09 10:00"),  # Thursday, two days: Monday
        ("2026-03-07 11:00", 1, "2026-03-10 00:00"),  # Saturday: all of Monday
        ("2026-03-08 23:00", 1, "2026-03-10 00:00"),  # Sunday: the same
        ("2026-03-04 12:00", 5, "2026-03-11 12:00"),  # a working week
        ("2026-03-04 12:00", 0, "2026-03-04 12:00"),
    ],
)
def test_the_deadline_skips_weekends(settings, sent, days, deadline):
    settings.TIME_ZONE = "America/New_York"
    assert deadline_after(local(sent), days) == local(deadline)


def test_the_deadline_is_counted_in_the_practice_time_zone(settings):
    settings.TIME_ZONE = "America/New_York"
    # Friday 11 pm in New York is already Saturday in UTC; it is still a Friday request.
    friday_night = local("2026-03-06 23:00")
    assert timezone.localtime(friday_night, UTC).weekday() == 5
    assert deadline_after(friday_night, 1) == local("2026-03-09 23:00")


@pytest.mark.parametrize(
    ("now", "days", "cutoff"),
    [
        ("2026-03-03 09:30", 1, "2026-03-02 09:30"),
        ("2026-03-09 16:00", 1, "2026-03-06 16:00"),  # Monday: back to Friday
        ("2026-03-07 11:00", 1, "2026-03-06 00:00"),  # Saturday: a day before Friday ended
        ("2026-03-08 11:00", 2, "2026-03-05 00:00"),
    ],
)
def test_the_cutoff_goes_back_over_weekends(settings, now, days, cutoff):
    settings.TIME_ZONE = "America/New_York"
    assert cutoff_before(local(now), days) == local(cutoff)


def test_a_weekend_request_is_overdue_only_once_monday_is_over(settings):
    settings.TIME_ZONE = "America/New_York"
    tuesday = local("2026-03-10 00:00")
    cutoff = cutoff_before(tuesday, 1)
    assert not local("2026-03-07 00:00") < cutoff  # Saturday's first minute: just in time
    assert local("2026-03-06 23:59") < cutoff  # Friday's last minute: late
    assert deadline_after(local("2026-03-07 00:00"), 1) == tuesday


# Moments in 2026, by the minute, the days the clocks change included (the default zone
# is America/New_York).
moments = st.integers(min_value=0, max_value=365 * 24 * 60).map(
    lambda n: datetime(2026, 1, 1, 5, tzinfo=UTC) + timedelta(minutes=n)
)


@given(sent=moments, now=moments, days=st.integers(min_value=0, max_value=10))
def test_the_cutoff_and_the_deadline_agree_on_what_is_overdue(sent, now, days):
    # The list marks each row with deadline_after; the admin home page counts with
    # cutoff_before in one query. They must never disagree.
    assert (deadline_after(sent, days) < now) == (sent < cutoff_before(now, days))
