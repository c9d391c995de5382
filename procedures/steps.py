"""Steps before and after a procedure, each on a day counted from the day of the procedure.

Staff write one step per line as `when | what to do`, where `when` is plain words:
"7 days before", "the day before", "the day", "the day after", "2 weeks after". The
preparation plan puts a date on each step, and the procedure page's recovery timeline
lists them, so both read the same facts.
"""

import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext, pgettext

STEP_HELP = (
    "One step per line: when | what to do. When is '7 days before', '2 weeks before', "
    "'the day before', 'the day', 'the day after', '3 days after' or '6 weeks after'."
)
WHEN = re.compile(
    r"(?P<count>\d{1,3}) (?P<unit>day|week)s? (?P<side>before|after)"
    r"|the day(?: (?P<next>before|after))?"
)
UNIT_DAYS = {"day": 1, "week": 7}
SIDE_SIGN = {"before": -1, "after": 1}


class Step(NamedTuple):
    day: int  # days from the day of the procedure: negative before, 0 on the day
    when: str
    text: str

    @property
    def shown_when(self) -> str:
        return shown_when(self.when)


def shown_when(when: str) -> str:
    """`when` as patients read it, in the page's language: staff write it in English."""
    match = WHEN.fullmatch(when.strip().lower())
    if match is None:
        return when
    if match["count"]:
        count = int(match["count"])
        phrases = {
            # Translators: when a step is done, counted from the day of the procedure.
            ("day", "before"): ngettext("%(count)d day before", "%(count)d days before", count),
            ("day", "after"): ngettext("%(count)d day after", "%(count)d days after", count),
            ("week", "before"): ngettext("%(count)d week before", "%(count)d weeks before", count),
            ("week", "after"): ngettext("%(count)d week after", "%(count)d weeks after", count),
        }
        return phrases[match["unit"], match["side"]] % {"count": count}
    if match["next"] == "before":
        return pgettext("when a step is done", "the day before")
    if match["next"] == "after":
        return pgettext("when a step is done", "the day after")
    # Translators: when a step is done: on the day of the procedure itself.
    return gettext("the day")


def days_from(when: str) -> int | None:
    """The day offset written in `when`, or None when it is not one of the allowed forms."""
    match = WHEN.fullmatch(when.strip().lower())
    if match is None:
        return None
    if match["count"]:
        return SIDE_SIGN[match["side"]] * int(match["count"]) * UNIT_DAYS[match["unit"]]
    return SIDE_SIGN.get(match["next"], 0)


def parse_step(line: str) -> Step:
    when, separator, text = line.partition("|")
    day = days_from(when)
    if not separator or day is None or not text.strip():
        raise ValidationError(f"“{line}” must be written as: when | what to do. {STEP_HELP}")
    return Step(day, when.strip(), text.strip())


def parse_steps(lines: list[str]) -> list[Step]:
    """Every line, in day order; one ValidationError naming each bad line."""
    steps, errors = [], []
    for line in lines:
        try:
            steps.append(parse_step(line))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return sorted(steps, key=lambda step: step.day)


def valid_steps(lines: list[str]) -> list[Step]:
    """The well-formed lines in day order, for showing a page whatever its state."""
    steps = []
    for line in lines:
        try:
            steps.append(parse_step(line))
        except ValidationError:
            continue
    return sorted(steps, key=lambda step: step.day)


def validate_preparation(lines: list[str]) -> None:
    late = [step.when for step in parse_steps(lines) if step.day > 0]
    if late:
        raise ValidationError(f"Getting ready happens before or on the day, not {late[0]}.")


def validate_recovery(lines: list[str]) -> None:
    early = [step.when for step in parse_steps(lines) if step.day < 0]
    if early:
        raise ValidationError(f"Recovery happens on the day or after it, not {early[0]}.")
