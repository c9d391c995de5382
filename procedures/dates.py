"""Dates as staff and patients type them: month/day/year (day/month/year where that is how
the page's language writes them), or year-month-day as a date picker sends it."""

import datetime
import re

from django.utils.formats import get_format

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
SLASHED_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)


def typed_date(text: str, *, day_first: bool = False) -> datetime.date | None:
    """The date `text` names; None if it is in neither form. ValueError for a date in the
    right form that does not exist, such as 2/30/2027."""
    if slashed := SLASHED_DATE.fullmatch(text):
        first, second, year = map(int, slashed.groups())
        month, day = (second, first) if day_first else (first, second)
    elif iso_date := ISO_DATE.fullmatch(text):
        year, month, day = map(int, iso_date.groups())
    else:
        return None
    return datetime.date(year, month, day)


def day_comes_first() -> bool:
    """Whether the active language writes day/month/year (its first typed-date format)."""
    return get_format("DATE_INPUT_FORMATS")[0].startswith("%d")
