"""The pages a page's facts were checked against: title, organisation, address, date checked.

In the database each source is one line, `title | organisation | address | YYYY-MM-DD`, so
staff can edit the list in a plain text box; content files hold the same as YAML mappings.
The box shows the date as the rest of the admin does, month/day/year, and takes either.
"""

import datetime
import functools
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from procedures.dates import typed_date

SOURCE_KEYS = ("title", "organisation", "url", "checked")
SOURCE_HELP = (
    "One source per line: title | organisation | address | date checked (month/day/year, "
    "for example 11/21/2026). Only pages you have read. At least two."
)


class Source(NamedTuple):
    title: str
    organisation: str
    url: str
    checked: datetime.date

    def as_line(self) -> str:
        return " | ".join((self.title, self.organisation, self.url, self.checked.isoformat()))

    def as_shown_line(self) -> str:
        """The line as the admin's text box shows it: the date month/day/year."""
        shown = f"{self.checked:%m/%d/%Y}"
        return " | ".join((self.title, self.organisation, self.url, shown))

    def as_data(self) -> dict:
        return dict(zip(SOURCE_KEYS, self, strict=True))


# Pages show the same lines on every render; checking an address is the costly part.
@functools.lru_cache(maxsize=4096)
def parse_source(line: str) -> Source:
    """One line as a Source; ValidationError in words an editor can act on."""
    parts = [part.strip() for part in line.split("|")]
    if len(parts) != len(SOURCE_KEYS) or not all(parts):
        raise ValidationError(
            f"“{line}” needs four parts separated by |: title | organisation | address | date."
        )
    title, organisation, url, checked = parts
    return make_source(title=title, organisation=organisation, url=url, checked=checked)


def make_source(*, title: str, organisation: str, url: str, checked) -> Source:
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError:
        raise ValidationError(f"“{url}” is not a web address starting with https://.") from None
    if isinstance(checked, str):
        checked = _date(checked)
    if not isinstance(checked, datetime.date):
        raise ValidationError("The date checked must be written as month/day/year.")
    return Source(title, organisation, url, checked)


def _date(text: str) -> datetime.date:
    try:
        checked = typed_date(text)
    except ValueError:
        checked = None
    if checked is None:
        raise ValidationError(
            f"“{text}” is not a date written as month/day/year, for example 11/21/2026."
        )
    return checked


def parse_sources(lines: list[str]) -> list[Source]:
    """Every line of a sources box; raises one ValidationError listing each bad line."""
    sources, errors = [], []
    for line in lines:
        try:
            sources.append(parse_source(line))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return sources


def valid_sources(lines: list[str]) -> list[Source]:
    """The lines that are well formed, for showing a page whatever its state."""
    sources = []
    for line in lines:
        try:
            sources.append(parse_source(line))
        except ValidationError:
            continue
    return sources
