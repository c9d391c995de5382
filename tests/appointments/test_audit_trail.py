"""A request's audit trail: every view stays stored, its page shows the latest lines short and
below the Save buttons, and the full trail is one link away for staff who may see the request."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from appointments import services
from appointments.audit_trail import LINES_SHOWN, recent_lines, when
from appointments.models import AuditEvent, CallbackNote
from core.roles import CONTENT_EDITOR, FRONT_DESK
from tests.factories import make_callback, make_staff

CHANGELIST = reverse("admin:appointments_callbackrequest_changelist")
NEW_YORK = ZoneInfo("America/New_York")


def change_url(callback) -> str:
    return reverse("admin:appointments_callbackrequest_change", args=[callback.pk])


def trail_lines(html: bytes) -> list[str]:
    trail = BeautifulSoup(html, "html.parser").select_one("#audit-trail")
    return [" ".join(li.get_text().split()) for li in trail.select("li")]


def full_trail_rows(client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("#audit-trail-rows tbody tr")
    return [[" ".join(td.get_text().split()) for td in row.select("td")] for row in rows]


@pytest.fixture
def ana(client, db):
    user = make_staff(FRONT_DESK.group, "ana")
    client.force_login(user)
    return user


def load_the_list(client, times: int) -> None:
    for _ in range(times):
        assert client.get(CHANGELIST).status_code == 200


def test_ten_list_loads_are_one_line_below_the_save_buttons_and_all_kept(client, ana):
    callback = make_callback()
    load_the_list(client, 10)
    assert AuditEvent.objects.filter(request=callback, action="viewed").count() == 10

    response = client.get(change_url(callback))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index('class="submit-row"') < html.index('id="audit-trail"')
    (line,) = trail_lines(response.content)
    today = format_date(timezone.localtime(), "F j, Y")
    assert line.startswith(f"Viewed in the list 10 times by ana, {today}, ")

    link = BeautifulSoup(html, "html.parser").select_one("#audit-trail a")
    assert link.get_text() == "See the full trail (10 entries)"
    # The page view itself is recorded after the page is made, so the full trail has 11.
    rows = full_trail_rows(client, link["href"])
    assert len(rows) == 11 == callback.audit_events.count()
    assert rows[0][1:] == ["ana", "Viewed its page", ""]
    assert {tuple(row[1:3]) for row in rows[1:]} == {("ana", "Viewed in the list")}
    assert {row[3] for row in rows[1:]} == {"listed (1 shown)"}


def test_the_page_shows_only_the_latest_lines(client, ana):
    ben = make_staff(FRONT_DESK.group, "ben")
    callback = make_callback()
    for turn in range(8):  # ana and ben take turns, 3 list loads each: 8 runs of views
        client.force_login(ana if turn % 2 == 0 else ben)
        load_the_list(client, 3)
    response = client.get(change_url(callback))
    assert response.status_code == 200
    lines = trail_lines(response.content)
    assert len(lines) == LINES_SHOWN == 5
    assert [line.split(",")[0] for line in lines] == [
        "Viewed in the list 3 times by ben",
        "Viewed in the list 3 times by ana",
        "Viewed in the list 3 times by ben",
        "Viewed in the list 3 times by ana",
        "Viewed in the list 3 times by ben",
    ]
    link = BeautifulSoup(response.content, "html.parser").select_one("#audit-trail a")
    assert len(full_trail_rows(client, link["href"])) == 24 + 1


def test_each_change_has_a_line_of_its_own(client, ana):
    callback = make_callback()
    load_the_list(client, 2)
    services.move([callback], "contacted", by=ana)
    for text in ("Left a message.", "Called again."):
        services.add_notes(callback, [CallbackNote(text=text)], by=ana)
    load_the_list(client, 2)
    lines = [line.split(",")[0] for line in map(str, recent_lines(callback))]
    assert lines == [
        "Viewed in the list 2 times by ana",
        "Added a note by ana",
        "Added a note by ana",
        "Marked contacted by ana",
        "Viewed in the list 2 times by ana",
    ]


def test_a_run_over_several_days_reads_as_us_dates():
    def at(day, hour):
        return datetime(2026, 12, day, hour, 4, tzinfo=NEW_YORK)

    assert when(at(6, 9), at(7, 15)) == "December 6 – December 7, 2026"
    assert when(at(7, 15), at(7, 15)) == "December 7, 2026, 3:04 p.m."
    assert when(at(7, 9), at(7, 15)) == "December 7, 2026, 9:04 a.m. – 3:04 p.m."
    new_year = datetime(2027, 1, 1, 9, tzinfo=NEW_YORK)
    assert when(at(31, 9), new_year) == "December 31, 2026 – January 1, 2027"


def test_the_full_trail_comes_in_pages_that_together_hold_every_row(client, ana, monkeypatch):
    monkeypatch.setattr("appointments.admin.TRAIL_PAGE_SIZE", 4)
    callback = make_callback()
    load_the_list(client, 10)
    url = reverse("admin:appointments_callbackrequest_trail", args=[callback.pk])
    pages = [full_trail_rows(client, f"{url}?page={number}") for number in (1, 2, 3)]
    assert [len(rows) for rows in pages] == [4, 4, 2]
    assert "Older entries" in client.get(url).content.decode()


def test_only_staff_who_may_see_the_request_see_its_trail(client, ana):
    callback = make_callback()
    load_the_list(client, 1)
    url = reverse("admin:appointments_callbackrequest_trail", args=[callback.pk])
    assert client.get(url).status_code == 200

    client.force_login(make_staff(CONTENT_EDITOR.group, "editor"))
    assert client.get(url).status_code == 403
    assert client.get(change_url(callback)).status_code == 403

    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
