"""What the front desk sees: numbers to dial, flags, overdue waits, possible duplicates, names
and times in the practice's time zone, in the list and on a request's page."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from appointments.models import CallbackNote
from core.roles import CONTENT_EDITOR, FRONT_DESK
from tests.admin_post import admin_post
from tests.factories import admin_form_values, make_callback, make_staff

CHANGELIST = reverse("admin:appointments_callbackrequest_changelist")


def change_url(callback) -> str:
    return reverse("admin:appointments_callbackrequest_change", args=[callback.pk])


def page(client, url: str, **params) -> BeautifulSoup:
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def row_of(listing: BeautifulSoup, callback):
    """The request's row, found by its reference (flags can link to other requests)."""
    link = listing.select_one(f'#result_list .field-reference a[href="{change_url(callback)}"]')
    return link.find_parent("tr")


@pytest.fixture
def front_desk(client, db):
    user = make_staff(FRONT_DESK.group, "frontdesk")
    client.force_login(user)
    return user


# Phone numbers


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+12025550143", "(202) 555-0143"),
        ("+442079460958", "+44 20 7946 0958"),
        ("+12025550143;ext=5", "(202) 555-0143 ext. 5"),
    ],
)
def test_the_phone_is_a_tel_link_in_the_list_and_on_the_request(client, front_desk, stored, shown):
    callback = make_callback(phone=stored)
    row = row_of(page(client, CHANGELIST), callback)
    request_page = page(client, change_url(callback))
    for where in (row, request_page.select_one(".field-phone_number")):
        link = where.select_one('a[href^="tel:"]')
        assert (link["href"], link.get_text()) == (f"tel:{stored}", shown)


# Flags, and the answers in full


@pytest.mark.django_db
def test_flags_show_in_the_list_and_the_answers_in_full_on_the_request(client, front_desk):
    callback = make_callback(
        language="es", needs_interpreter=True, hard_of_hearing=True, contact_days=["tue", "thu"]
    )
    plain = make_callback(phone="+16175550123")
    listing = page(client, CHANGELIST)
    flags = [flag.get_text() for flag in row_of(listing, callback).select(".flag")]
    assert flags == ["Interpreter: Spanish", "Hard of hearing"]
    assert not row_of(listing, plain).select(".flag")
    assert "Tue or Thu, morning" in row_of(listing, callback).get_text()

    request_page = page(client, change_url(callback))
    text = {
        name: request_page.select_one(f".field-{name} .readonly").get_text(" ", strip=True)
        for name in ("best_time_to_call", "language_and_interpreter", "contact_needs")
    }
    assert text == {
        "best_time_to_call": "Tuesday or Thursday, morning",
        "language_and_interpreter": "Spanish, needs an interpreter",
        "contact_needs": "I am hard of hearing: please email or text me",
    }


# Overdue


@pytest.mark.django_db
def test_an_overdue_request_is_highlighted_in_words_as_well_as_colour(client, front_desk, settings):
    settings.CALLBACK_RESPONSE_BUSINESS_DAYS = 1
    late = make_callback(created_at=timezone.now() - timedelta(days=8))
    fresh = make_callback()
    called = make_callback(status="contacted", created_at=timezone.now() - timedelta(days=8))
    listing = page(client, CHANGELIST)
    waiting = row_of(listing, late).select_one(".field-waiting")
    assert waiting.select_one("strong.overdue").get_text() == "1\xa0week, overdue"
    for callback in (fresh, called):
        cell = row_of(listing, callback).select_one(".field-waiting")
        assert not cell.select(".overdue") and "overdue" not in cell.get_text()


@pytest.mark.django_db
def test_more_promised_days_make_a_request_overdue_later(client, front_desk, settings):
    settings.CALLBACK_RESPONSE_BUSINESS_DAYS = 10
    callback = make_callback(created_at=timezone.now() - timedelta(days=8))
    assert not row_of(page(client, CHANGELIST), callback).select(".overdue")


# Possible duplicates


@pytest.mark.django_db
def test_possible_duplicates_are_flagged_on_both_with_links_to_each_other(client, front_desk):
    first = make_callback(created_at=timezone.now() - timedelta(days=3))
    second = make_callback(status="contacted")
    other_phone = make_callback(phone="+16175550123")
    listing = page(client, CHANGELIST)
    for callback, other in [(first, second), (second, first)]:
        link = row_of(listing, callback).select_one("a.flag--duplicate")
        assert link.get_text() == f"Possible duplicate of {other.reference}"
        assert link["href"] == change_url(other)

        notice = page(client, change_url(callback)).select_one(".possible-duplicates")
        assert notice.select_one(f'a[href="{change_url(other)}"]').get_text() == other.reference
    assert not row_of(listing, other_phone).select(".flag--duplicate")
    assert not page(client, change_url(other_phone)).select(".possible-duplicates")


@pytest.mark.django_db
def test_the_list_finds_duplicates_with_the_same_queries_for_any_number_of_rows(client, front_desk):
    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CHANGELIST).status_code == 200
        return len(queries)

    for _ in range(2):
        make_callback()
    few = queries_for_the_list()
    for _ in range(20):
        make_callback(phone="+16175550123")
    assert queries_for_the_list() == few


# Who a request is assigned to


@pytest.mark.django_db
def test_a_request_can_be_given_to_active_front_desk_staff_shown_by_name(client, front_desk):
    ana = make_staff(FRONT_DESK.group, "ana")
    ana.first_name, ana.last_name = "Ana", "Lopez"
    ana.save()
    left = make_staff(FRONT_DESK.group, "left")
    left.is_active = False
    left.save()
    make_staff(CONTENT_EDITOR.group, "editor")
    User.objects.create_superuser("root", password="a-long-test-password")
    callback = make_callback(assigned_to=ana)

    options = page(client, change_url(callback)).select("select#id_assigned_to option")
    assert [option.get_text() for option in options] == ["---------", "Ana Lopez", "frontdesk"]
    cell = row_of(page(client, CHANGELIST), callback).select_one(".field-assigned")
    assert cell.get_text() == "Ana Lopez"


@pytest.mark.django_db
def test_a_request_given_to_someone_who_has_left_can_still_be_saved(client, front_desk):
    left = make_staff(FRONT_DESK.group, "left")
    callback = make_callback(assigned_to=left)
    left.is_active = False
    left.save()
    data = admin_form_values(client.get(change_url(callback)).content.decode())
    assert data["assigned_to"] == str(left.pk)
    admin_post(client, change_url(callback), {**data, "status": "contacted"})
    callback.refresh_from_db()
    assert (callback.status, callback.assigned_to) == ("contacted", left)


# Times


@pytest.mark.django_db
def test_times_on_a_request_are_in_the_practice_time_zone(client, front_desk, settings):
    settings.TIME_ZONE = "America/New_York"
    sent = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)  # 9:30 a.m. in New York
    callback = make_callback(
        created_at=sent, status="contacted", status_changed_at=sent + timedelta(hours=1)
    )
    CallbackNote.objects.create(request=callback, text="Called.", created_at=sent)
    request_page = page(client, change_url(callback))

    def shown(selector: str) -> str:
        return request_page.select_one(selector).get_text(" ", strip=True)

    assert shown(".field-created_at .readonly") == "March 2, 2026, 9:30 a.m."
    assert shown(".field-status_changed_at .readonly") == "March 2, 2026, 10:30 a.m."
    assert shown("#notes-0 .field-added") == "March 2, 2026, 9:30 a.m."
    assert shown("#notes-0 .original") == "Note 2026-03-02 09:30"
    everything = shown("#content-main")
    assert "14:30" not in everything and "2:30 p.m." not in everything


@pytest.mark.django_db
def test_a_note_being_written_shows_no_time_until_it_is_saved(client, front_desk):
    callback = make_callback()
    CallbackNote.objects.create(request=callback, text="Left a voicemail.")
    rows = page(client, change_url(callback)).select("#notes-group tbody tr.form-row")
    saved, new = rows[0], rows[1]
    assert "Left a voicemail." in saved.get_text()
    # A date and a time, as the front desk reads them ("March 2, 2026, 9:30 a.m.").
    added = saved.select_one(".field-added").get_text(strip=True)
    assert re.fullmatch(r"\w+\.? \d+, \d{4}, (\d+(:\d\d)? [ap]\.m\.|noon|midnight)", added)
    assert new.select_one(".field-added").get_text(strip=True) == "-"
    assert new.select_one("textarea")
