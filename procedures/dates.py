"""Dates as staff and patients type them: month/day/year, or year-month-day as a date
picker sends it."""

import datetime
import re

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)


def typed_date(text: str) -> datetime.date | None:
    """The date `text` names; None if it is in neither form. ValueError for a date in the
    right form that does not exist, such as 2/30/2027."""
    if us_date := US_DATE.fullmatch(text):
        month, day, year = map(int, us_date.groups())
    elif iso_date := ISO_DATE.fullmatch(text):
        year, month, day = map(int, iso_date.groups())
    else:
        return None
    return datetime.date(year, month, day)
