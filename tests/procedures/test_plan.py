"""The preparation plan: the procedure's steps on the patient's dates, and as a calendar file."""

import datetime

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procedures.plan import REMINDER_BEFORE, dated_steps
from procedures.steps import Step, days_from, parse_steps
from tests.factories import make_procedure

pytestmark = pytest.mark.django_db


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("when", "days"),
    [
        ("7 days before", -7),
        ("2 weeks before", -14),
        ("1 week before", -7),
        ("the day before", -1),
        ("The day", 0),
        ("the day after", 1),
        ("3 days after", 3),
        ("6 weeks after", 42),
    ],
)
def test_steps_are_written_in_plain_words(when, days):
    assert days_from(when) == days


@pytest.mark.parametrize(
    "line",
    [
        "soon | Rest.",
        "7 days | Rest.",
        "the day",
        "-7 | Rest.",
        "the day after |  ",
        "1000 days before | Rest.",
    ],
)
def test_a_step_in_another_form_is_refused_by_name(line):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        parse_steps([line])
    assert line in error.value.messages[0]


@pytest.mark.parametrize(
    ("procedure_day", "when", "expected"),
    [
        # Across the end of a month, and of a year.
        (datetime.date(2027, 3, 2), "7 days before", datetime.date(2027, 2, 23)),
        (datetime.date(2027, 1, 3), "the day before", datetime.date(2027, 1, 2)),
        (datetime.date(2026, 12, 28), "2 weeks after", datetime.date(2027, 1, 11)),
        # A leap day, and a year without one.
        (datetime.date(2028, 3, 1), "the day before", datetime.date(2028, 2, 29)),
        (datetime.date(2027, 3, 1), "the day before", datetime.date(2027, 2, 28)),
        # Over the start and the end of daylight saving time (US and Europe): whole days.
        (datetime.date(2027, 3, 15), "7 days before", datetime.date(2027, 3, 8)),
        (datetime.date(2027, 3, 27), "the day after", datetime.date(2027, 3, 28)),
        (datetime.date(2027, 10, 30), "the day after", datetime.date(2027, 10, 31)),
    ],
)
def test_each_step_falls_on_its_calendar_day(procedure_day, when, expected):
    (step,) = dated_steps(procedure_day, [Step(days_from(when), when, "Do it.")])
    assert step.date == expected


def test_dates_are_written_out_in_full():
    (step,) = dated_steps(datetime.date(2026, 12, 8), [Step(-1, "the day before", "Do it.")])
    assert step.in_words == "Monday, December 7, 2026"


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["%m/%d/%Y", " %m/%d/%Y ", "%Y-%m-%d"])
def test_a_date_typed_the_us_way_or_sent_by_the_picker_makes_the_same_plan(client, form):
    make_procedure(slug="vertebroplasty", preparation_steps="the day before | Pack a bag.")
    day = timezone.localdate() + datetime.timedelta(days=9)
    response = client.get("/procedures/vertebroplasty/plan/", {"date": day.strftime(form)})
    page = BeautifulSoup(response.content, "html.parser")
    heading = page.select_one("#plan-heading").get_text()
    assert heading == f"Your plan for {day:%A}, {day:%B} {day.day}, {day.year}"
    before = day - datetime.timedelta(days=1)
    assert (
        f"{before:%A}, {before:%B} {before.day}, {before.year}"
        in page.select_one(".plan__step").get_text()
    )


def test_the_plan_lists_every_step_on_its_date_and_links_the_calendar(client):
    procedure = make_procedure(slug="vertebroplasty")
    response = client.get(f"/procedures/vertebroplasty/plan/?date={in_days(30)}")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    steps = page.select(".plan__step")
    expected = dated_steps(
        timezone.localdate() + datetime.timedelta(days=30),
        [*procedure.preparation_plan, *procedure.recovery_plan],
    )
    assert [s.select_one(".plan__date").get_text().split(" (")[0] for s in steps] == [
        step.in_words for step in expected
    ]
    assert "Ask about your blood thinners." in steps[0].get_text()
    calendar = page.select_one("a[href*='calendar.ics']")["href"]
    assert calendar == f"/procedures/vertebroplasty/plan/calendar.ics?date={in_days(30)}"
    assert page.select_one("meta[name=robots]")["content"] == "noindex, nofollow"


def calendar_events(client, slug: str, days_ahead: int) -> list:
    response = client.get(f"/procedures/{slug}/plan/calendar.ics?date={in_days(days_ahead)}")
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_the_calendar_file_has_an_event_and_a_reminder_for_each_day(client):
    procedure = make_procedure(slug="vertebroplasty", title="Vertebroplasty")
    response = client.get(f"/procedures/vertebroplasty/plan/calendar.ics?date={in_days(10)}")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="vertebroplasty-plan.ics"'
    events = calendar_events(client, "vertebroplasty", 10)
    day = timezone.localdate() + datetime.timedelta(days=10)
    steps = dated_steps(day, [*procedure.preparation_plan, *procedure.recovery_plan])
    assert [event.decoded("dtstart") for event in events] == sorted({s.date for s in steps})
    by_day = {event.decoded("dtstart"): event for event in events}
    assert str(by_day[day]["summary"]) == "Your vertebroplasty"
    assert str(by_day[day]["description"]) == "- Bring your medicines list.\n- Rest."
    week_before = by_day[day - datetime.timedelta(days=7)]
    assert str(week_before["summary"]) == "Vertebroplasty: Ask about your blood thinners."
    assert len({str(event["uid"]) for event in events}) == len(events)
    for event in events:
        assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(days=1)
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("trigger") == -REMINDER_BEFORE


def test_steps_on_the_same_day_share_one_event_and_one_reminder(client):
    make_procedure(
        slug="cement",
        title="Cement",
        preparation_steps="the day before | Arrange a driver.\nthe day before | Pack a bag.\n"
        "the day before | Charge your phone.",
        recovery_steps="the day after | Walk a little.",
    )
    events = calendar_events(client, "cement", 20)
    assert [str(event["summary"]) for event in events] == [
        "Cement: 3 things to do",
        "Your cement",
        "Cement: Walk a little.",
    ]
    assert str(events[0]["description"]).splitlines() == [
        "- Arrange a driver.",
        "- Pack a bag.",
        "- Charge your phone.",
    ]
    assert [len(event.walk("VALARM")) for event in events] == [1, 1, 1]
    # The procedure's day is an event even with no step on it.
    assert "description" not in events[1]


def test_a_day_already_past_gets_no_reminder(client):
    make_procedure(slug="cement", preparation_steps="2 weeks before | Ask.\n7 days before | Stop.")
    events = calendar_events(client, "cement", 3)
    reminders = {event.decoded("dtstart"): len(event.walk("VALARM")) for event in events}
    today = timezone.localdate()
    assert reminders == {
        today - datetime.timedelta(days=11): 0,
        today - datetime.timedelta(days=4): 0,
        today + datetime.timedelta(days=3): 1,
        today + datetime.timedelta(days=4): 1,
    }


def test_the_plan_sets_no_cookie_writes_nothing_and_is_kept_by_no_cache(client):
    make_procedure(slug="vertebroplasty")
    for address in (
        "/procedures/vertebroplasty/plan/",
        f"/procedures/vertebroplasty/plan/?date={in_days(5)}",
        f"/procedures/vertebroplasty/plan/calendar.ics?date={in_days(5)}",
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200
        assert not response.cookies
        assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries), queries
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("", "Enter the date of your procedure."),
        ("next tuesday", "month/day/year"),
        ("2027-02-30", "There is no such date as 2027-02-30"),
        ("2027-13-01", "There is no such date"),
        ("2/30/2027", "There is no such date as 2/30/2027"),
        ("16/12/2026", "There is no such date"),
        ("2020-01-01", "That date has passed"),
        ("2099-01-01", "within the next year"),
        ("x" * 2000, "month/day/year"),
        ("'; DROP TABLE procedures_procedure; --", "month/day/year"),
        ("<script>alert(1)</script>", "month/day/year"),
        ("２０２７-０１-０１", "month/day/year"),
    ],
)
def test_a_bad_date_gets_a_clear_message_on_the_same_page(client, date, message):
    make_procedure(slug="vertebroplasty")
    for address, status in (
        ("/procedures/vertebroplasty/plan/", 200),
        ("/procedures/vertebroplasty/plan/calendar.ics", 400),
    ):
        response = client.get(address, {"date": date})
        assert response.status_code == status
        assert response["Content-Type"].startswith("text/html")
        page = BeautifulSoup(response.content, "html.parser")
        assert message in page.select_one(".error-summary").get_text()
        assert not page.select(".plan__step")
        assert "<script>alert" not in response.content.decode()


def test_without_a_date_the_plan_asks_for_one(client):
    make_procedure(slug="vertebroplasty")
    page = BeautifulSoup(client.get("/procedures/vertebroplasty/plan/").content, "html.parser")
    assert page.select_one("form[method=get] input[name=date][type=date]")
    assert not page.select(".error-summary")


def test_a_draft_or_unknown_procedure_has_no_plan(client):
    make_procedure(slug="draft-one", status="draft")
    assert client.get("/procedures/draft-one/plan/").status_code == 404
    assert client.get("/procedures/nothing/plan/calendar.ics?date=2027-01-01").status_code == 404
