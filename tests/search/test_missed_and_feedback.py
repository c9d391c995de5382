"""What patients looked for and did not find, and what they said about pages: kept without
anything that says who they are, and deleted after 90 days."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback.models import PageFeedback
from procedures.models import Revision, Status
from search.models import MissedSearch, missed_query
from tests.factories import make_condition, make_procedure, make_staff

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded"


def post(client, url, data, **extra):
    return client.post(url, urlencode(data), content_type=FORM, **extra)


def test_missed_query_drops_digits_and_is_capped():
    assert missed_query("Call me on 617 555 0123, born 3/4/1950!") == "call me on born"
    assert missed_query("Kyphoplasty2026 pain") == "pain"
    assert len(missed_query("word " * 100)) <= 80
    assert missed_query("12345") == ""


def test_a_search_that_finds_nothing_is_counted_per_query_and_day(client):
    for text in ("Zebra crossing 555-0123", "zebra   CROSSING"):
        response = client.get("/search/", {"q": text}, REMOTE_ADDR="203.0.113.9")
        assert "Set-Cookie" not in response
    missed = MissedSearch.objects.get()
    assert (missed.query, missed.count, missed.day) == ("zebra crossing", 2, timezone.localdate())


def test_missed_searches_hold_no_address_session_or_user():
    fields = {field.name for field in MissedSearch._meta.get_fields()}
    assert fields == {"id", "query", "day", "count"}
    fields = {field.name for field in PageFeedback._meta.get_fields()}
    assert fields == {"id", "page_type", "page_id", "page", "revision", "helpful", "missing", "day"}


def test_searches_that_find_something_and_empty_ones_are_not_counted(client):
    make_condition(name="Herniated disc", slug="herniated-disc")
    client.get("/search/", {"q": "herniated"})
    client.get("/search/", {"q": "   "})
    client.get("/search/", {"q": "0123456789"})
    assert not MissedSearch.objects.exists()


@pytest.fixture
def procedure():
    page = make_procedure(title="Kyphoplasty", slug="kyphoplasty")
    Revision.objects.record(page, author=None)
    return page


def test_page_asks_and_the_answer_is_kept_with_the_page_and_version(procedure):
    # The form is on a cached page, shared by every reader, so it works with no CSRF token.
    client = Client(enforce_csrf_checks=True)
    page = client.get(procedure.get_absolute_url()).content.decode()
    reference = re.search(r'name="page" value="([^"]+)"', page)[1]
    response = post(client, "/feedback/", {"page": reference, "helpful": "yes"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response
    answer = PageFeedback.objects.get()
    assert (answer.page, answer.helpful) == (procedure, True)
    assert answer.revision == Revision.objects.of(procedure).first()


def test_after_no_the_reader_may_say_what_was_missing_once(client, procedure):
    response = post(client, "/feedback/", {"page": f"procedure:{procedure.pk}", "helpful": "no"})
    text = response.content.decode()
    assert "Please do not write your name" in text
    token = re.search(r'name="answer" value="([^"]+)"', text)[1]
    told = post(client, "/feedback/missing/", {"answer": token, "missing": " Costs "})
    assert told.status_code == 200
    assert PageFeedback.objects.get().missing == "Costs"
    again = post(client, "/feedback/missing/", {"answer": token, "missing": "More"})
    assert "already have your answer" in again.content.decode()
    assert PageFeedback.objects.get().missing == "Costs"


def test_missing_answer_needs_a_genuine_token(client, procedure):
    post(client, "/feedback/", {"page": f"procedure:{procedure.pk}", "helpful": "no"})
    answer = PageFeedback.objects.get()
    forged = post(client, "/feedback/missing/", {"answer": str(answer.pk), "missing": "x"})
    assert "expired" in forged.content.decode()
    assert PageFeedback.objects.get().missing == ""


@pytest.mark.parametrize(
    "data",
    [
        {"page": "procedure:999999", "helpful": "yes"},
        {"page": "nonsense", "helpful": "yes"},
        {"page": "user:1", "helpful": "yes"},
        {"helpful": "yes"},
        {"page": "procedure:1"},
    ],
)
def test_bad_answers_change_nothing(client, procedure, data):
    assert post(client, "/feedback/", data).status_code == 400
    assert not PageFeedback.objects.exists()


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "number",
    [
        lambda pk: "²",
        lambda pk: str(pk).translate(ARABIC_INDIC),
        lambda pk: f"{pk}²",
        lambda pk: f" {pk}",
        lambda pk: f"+{pk}",
        lambda pk: "9" * 30,
    ],
    ids=["superscript", "arabic-indic", "trailing-superscript", "space", "plus", "huge"],
)
def test_a_page_number_in_anything_but_ascii_digits_is_refused(client, procedure, number):
    data = {"page": f"procedure:{number(procedure.pk)}", "helpful": "yes"}
    response = post(client, "/feedback/", data)
    assert response.status_code == 400
    assert "We could not take your answer" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_draft_pages_take_no_answers(client, procedure):
    procedure.status = Status.DRAFT
    procedure.save_page()
    response = post(client, "/feedback/", {"page": f"procedure:{procedure.pk}", "helpful": "no"})
    assert response.status_code == 400
    assert not PageFeedback.objects.exists()


def test_answers_are_rate_limited_per_client(client, procedure, settings):
    settings.FEEDBACK_RATE_LIMIT = "2/h"
    data = {"page": f"procedure:{procedure.pk}", "helpful": "yes"}
    statuses = [post(client, "/feedback/", data).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert PageFeedback.objects.count() == 2


def test_purge_deletes_old_counts_and_comments_and_keeps_recent_ones(procedure):
    today = timezone.localdate()
    old = today - datetime.timedelta(days=91)
    MissedSearch.objects.create(query="old", day=old, count=3)
    MissedSearch.objects.create(query="new", day=today, count=1)
    PageFeedback.objects.create(page=procedure, helpful=False, missing="old words", day=old)
    PageFeedback.objects.create(page=procedure, helpful=False, missing="new words", day=today)
    call_command("purge_feedback", dry_run=True, verbosity=0)
    assert MissedSearch.objects.count() == 2
    call_command("purge_feedback", verbosity=0)
    assert list(MissedSearch.objects.values_list("query", flat=True)) == ["new"]
    assert sorted(PageFeedback.objects.values_list("missing", flat=True)) == ["", "new words"]
    assert PageFeedback.objects.count() == 2  # the Yes and No answers stay


def test_report_shows_editors_what_patients_missed_and_said(client, procedure):
    MissedSearch.objects.create(query="zebra crossing", day=timezone.localdate(), count=4)
    PageFeedback.objects.create(page=procedure, helpful=False, missing="The costs")
    client.force_login(make_staff("Content editors"))
    page = client.get("/admin/feedback/pagefeedback/report/").content.decode()
    assert "zebra crossing" in page and "The costs" in page and "Kyphoplasty" in page


def test_report_reads_the_pages_in_one_query_per_kind_however_many_answers(client, procedure):
    client.force_login(make_staff("Content editors"))
    url = "/admin/feedback/pagefeedback/report/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    PageFeedback.objects.create(page=procedure, helpful=False, missing="The costs")
    one = queries()
    for number in range(4):
        page = make_procedure(title=f"Page {number}", slug=f"page-{number}")
        PageFeedback.objects.create(page=page, helpful=False, missing=f"Comment {number}")
    assert queries() == one


def test_front_desk_cannot_see_the_report_or_the_search_records(client):
    client.force_login(make_staff("Front desk"))
    for url in (
        "/admin/feedback/pagefeedback/report/",
        "/admin/feedback/pagefeedback/",
        "/admin/search/missedsearch/",
        "/admin/search/synonym/",
    ):
        assert client.get(url).status_code == 403, url
