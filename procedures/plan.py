"""A patient's preparation plan: the procedure's steps, each on its date, and as a calendar.

Nothing about the plan is stored: the date comes in the address and goes out in the page.
"""

import datetime
import hashlib
from typing import NamedTuple

import icalendar
from django import forms
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from procedures.dates import day_comes_first, typed_date
from procedures.steps import Step

# How far ahead a plan can be made; a later date is almost always a typing mistake.
LATEST_DAYS_AHEAD = 366
# Calendar reminders go off at 6 in the evening the day before each step.
REMINDER_BEFORE = datetime.timedelta(hours=6)


class PlanForm(forms.Form):
    # Not limited by maxlength, which a date field may not carry: anything that is not
    # a date in one of the two forms gets the same message, however long.
    date = forms.CharField(
        label=_("The date of your procedure"),
        help_text=_("The day you were given for your procedure."),
        widget=forms.TextInput(attrs={"type": "date", "autocomplete": "off"}),
        error_messages={"required": _("Enter the date of your procedure.")},
    )

    def clean_date(self) -> datetime.date:
        """The typed date, or a message. The messages are lazy although they are made per
        request: the page shows them in its own language (base.html), which need not be the
        language of its address."""
        text = self.cleaned_data["date"].strip()
        day_first = day_comes_first()
        try:
            day = typed_date(text, day_first=day_first)
        except ValueError:
            raise forms.ValidationError(
                # Translators: %(date)s is the date as the patient typed it, e.g. 2/30/2027.
                _("There is no such date as %(date)s. Check the month and the day."),
                params={"date": text},
            ) from None
        if day is None and day_first:
            raise forms.ValidationError(
                # Translators: the form reads typed dates in the order the language's date
                # formats give (config/formats): keep day/month/year and the example.
                _("Enter the date as day/month/year, for example 16/12/2026.")
            )
        if day is None:
            raise forms.ValidationError(
                # Translators: the form accepts only this order (or a date picker's), so keep
                # month/day/year and the example as they are.
                _("Enter the date as month/day/year, for example 12/16/2026.")
            )
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(
                _("That date has passed. Enter the date of your procedure: today or later.")
            )
        if day > today + datetime.timedelta(days=LATEST_DAYS_AHEAD):
            raise forms.ValidationError(_("Enter a date within the next year."))
        return day


class DatedStep(NamedTuple):
    date: datetime.date
    when: str
    text: str

    @property
    def in_words(self) -> str:
        return in_words(self.date)


def in_words(day: datetime.date) -> str:
    """A date written out in full, as patients read it: "Monday, December 7, 2026"."""
    return format_date(day, "l, " + get_format("DATE_FORMAT"))


def dated_steps(procedure_date: datetime.date, steps: list[Step]) -> list[DatedStep]:
    """Each step on its calendar day; past days are kept, so a late plan still shows them."""
    return [
        DatedStep(procedure_date + datetime.timedelta(days=step.day), step.shown_when, step.text)
        for step in sorted(steps, key=lambda step: step.day)
    ]


def calendar_file(procedure, procedure_date: datetime.date, steps: list[DatedStep]) -> bytes:
    """An iCalendar file with one all-day event per day that has something to do, and the
    procedure's own day whether or not a step falls on it.

    One event per day means one reminder per evening, however many steps share the day; a
    reminder whose moment has already passed is left out rather than going off at once.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Back pain treatments//Preparation plan//EN")
    calendar.add("version", "2.0")
    stamp = timezone.now()
    now = timezone.localtime(stamp).replace(tzinfo=None)
    for day, texts in _steps_by_day(procedure_date, steps):
        event = icalendar.Event()
        event.add("uid", _uid(procedure.slug, procedure_date, day))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        summary = _event_summary(procedure.title, day == procedure_date, texts)
        event.add("summary", summary)
        if texts:
            event.add("description", "\n".join(f"- {text}" for text in texts))
        if datetime.datetime.combine(day, datetime.time()) - REMINDER_BEFORE > now:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", -REMINDER_BEFORE)
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _steps_by_day(procedure_date: datetime.date, steps: list[DatedStep]):
    """(day, the texts of its steps) in date order, the procedure's day always among them."""
    days: dict[datetime.date, list[str]] = {procedure_date: []}
    for step in steps:
        days.setdefault(step.date, []).append(step.text)
    return sorted(days.items())


def _event_summary(title: str, is_procedure_day: bool, texts: list[str]) -> str:
    """The event's name in a calendar, in the language of the address the file came from."""
    if is_procedure_day:
        # Translators: a calendar event on the day of the procedure, e.g. "Your nerve block".
        return gettext("Your %(procedure)s") % {"procedure": title.lower()}
    if len(texts) == 1:
        # Translators: a calendar event: the procedure's name, then the one step that day.
        return gettext("%(title)s: %(step)s") % {"title": title, "step": texts[0]}
    n = len(texts)
    # The first text on the keyword's line, or makemessages drops the translator's comment.
    # Translators: a calendar event for a day with several steps (always 2 or more).
    text = ngettext("%(title)s: %(count)d thing to do", "%(title)s: %(count)d things to do", n)
    return text % {"title": title, "count": n}


def _uid(slug: str, procedure_date: datetime.date, day: datetime.date) -> str:
    """The same plan gives the same ids, so importing it again updates rather than repeats."""
    digest = hashlib.sha256(f"{slug}/{procedure_date}/{day}".encode()).hexdigest()[:24]
    return f"{digest}@plan"
