"""Business days, Monday to Friday in the practice's time zone: the clock of our callback promise.

Only weekday time counts. A request sent on Friday at 4 pm has waited one business day on
Monday at 4 pm; one sent on Saturday starts waiting on Monday morning. Public holidays are
not known here and count as business days.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

MONDAY, SATURDAY = 0, 5
ONE_DAY = timedelta(days=1)


def deadline_after(start: datetime, days: int) -> datetime:
    """The moment `days` business days have passed since `start`."""
    local = _wall_clock(start)
    if _is_weekend(local):
        # Nothing counts until Monday starts.
        local = datetime.combine(local.date(), time()) + ONE_DAY
        while _is_weekend(local):
            local += ONE_DAY
    for _ in range(days):
        local += ONE_DAY
        while _is_weekend(local):
            local += ONE_DAY
    return timezone.make_aware(local)


def cutoff_before(now: datetime, days: int) -> datetime:
    """The latest start that has waited `days` business days by `now`: deadline_after's inverse.

    Whatever started before it is past its deadline, so a query can compare start times
    with one value instead of working out each row's deadline.
    """
    local = _wall_clock(now)
    if _is_weekend(local):
        # The clock stopped when Friday ended.
        while _is_weekend(local):
            local -= ONE_DAY
        local = datetime.combine(local.date(), time()) + ONE_DAY
    for _ in range(days):
        local -= ONE_DAY
        while _is_weekend(local):
            local -= ONE_DAY
    if local.weekday() == MONDAY and local.time() == time():
        # On this clock the weekend takes no time: Monday's first moment is also Friday's
        # last. Taking Friday's means a request sent at the weekend is not yet overdue.
        local -= 2 * ONE_DAY
    return timezone.make_aware(local)


def _wall_clock(moment: datetime) -> datetime:
    """The practice's local time with no time zone attached, for day-by-day arithmetic."""
    return timezone.localtime(moment).replace(tzinfo=None)


def _is_weekend(local: datetime) -> bool:
    return local.weekday() >= SATURDAY
