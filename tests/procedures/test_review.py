"""Clinical review: due dates, the lists that show them, and marking a page reviewed."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.roles import CLINICAL_REVIEWER, CONTENT_EDITOR, FRONT_DESK
from editorial import publishing
from procedures.models import Procedure
from tests.admin_post import admin_post
from tests.factories import make_procedure, make_staff

CHANGELIST = reverse("admin:procedures_procedure_changelist")


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def pages(db):
    return {
        "overdue": make_procedure(title="Overdue page", last_reviewed=days_ago(400)),
        "due_soon": make_procedure(title="Due soon page", last_reviewed=days_ago(350)),
        "current": make_procedure(title="Current page", last_reviewed=days_ago(10)),
        "short_interval": make_procedure(
            title="Quarterly page", last_reviewed=days_ago(100), review_interval_months=3
        ),
    }


@pytest.mark.parametrize(
    ("reviewed", "months", "due"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),  # a shorter month
        (datetime.date(2026, 11, 1), 12, datetime.date(2027, 11, 1)),
        (datetime.date(2026, 12, 15), 3, datetime.date(2027, 3, 15)),
    ],
)
def test_review_due_date_follows_the_interval(db, reviewed, months, due):
    page = make_procedure(last_reviewed=reviewed, review_interval_months=months)
    assert page.review_due == due


def test_review_needed_lists_overdue_and_due_soon_most_urgent_first(pages):
    titles = [p.title for p in Procedure.objects.review_needed()]
    assert titles == ["Overdue page", "Quarterly page", "Due soon page"]


def test_review_report_prints_the_same_list(pages):
    out = StringIO()
    call_command("review_report", stdout=out)
    text = out.getvalue()
    assert "3 page(s) need a clinical review" in text
    assert text.index("Overdue page") < text.index("Due soon page")
    assert "Current page" not in text
    assert "Overdue" in text and "Due within 30 days" in text


def test_review_report_says_when_nothing_is_due(db):
    make_procedure(last_reviewed=days_ago(1))
    out = StringIO()
    call_command("review_report", stdout=out)
    assert "No page is due for review" in out.getvalue()


def test_admin_index_and_list_filter_show_pages_due_for_review(client, pages):
    client.force_login(make_staff(CONTENT_EDITOR.group))
    index = client.get(reverse("admin:index")).content.decode()
    assert "Overdue page" in index and "Due soon page" in index
    assert "Current page" not in index

    response = client.get(CHANGELIST, {"review": "overdue"})
    assert {p.title for p in response.context["cl"].result_list} == {
        "Overdue page",
        "Quarterly page",
    }


def test_marking_a_page_reviewed_records_the_reviewer(client, pages):
    reviewer = make_staff(CLINICAL_REVIEWER.group, "drsmith")
    reviewer.first_name, reviewer.last_name = "Dana", "Smith"
    reviewer.save()
    overdue = pages["overdue"]
    mark = {"action": "mark_reviewed", "_selected_action": [overdue.pk]}
    # Editors cannot: only a clinician says a page is clinically right.
    client.force_login(make_staff(CONTENT_EDITOR.group))
    assert 'value="mark_reviewed"' not in client.get(CHANGELIST).content.decode()
    client.post(CHANGELIST, mark)
    overdue.refresh_from_db()
    assert overdue.last_reviewed == days_ago(400)
    client.force_login(reviewer)
    admin_post(client, CHANGELIST, mark)
    overdue.refresh_from_db()
    assert overdue.last_reviewed == timezone.localdate()
    assert overdue.reviewed_by == "Dana Smith, clinical reviewer"
    assert overdue.review_state == "current"
    assert overdue.revisions.first().summary == "Reviewed by Dana Smith, clinical reviewer"
    page = client.get(overdue.get_absolute_url()).content.decode()
    assert "by Dana Smith" in page


def test_review_fields_cannot_be_typed_over_in_the_form(client, pages):
    from tests.factories import admin_form_values

    client.force_login(make_staff(CONTENT_EDITOR.group))
    overdue = pages["overdue"]
    url = reverse("admin:procedures_procedure_change", args=[overdue.pk])
    values = admin_form_values(client.get(url).content.decode())
    typed = {"last_reviewed": str(timezone.localdate()), "reviewed_by": "Me"}
    admin_post(client, url, {**values, **typed, "summary": "Saved with the rest."})
    draft = publishing.draft_of(overdue)
    assert draft.data["summary"] == "Saved with the rest."  # the save went through
    assert draft.data["last_reviewed"] == str(days_ago(400))
    assert draft.data["reviewed_by"] != "Me"


def test_front_desk_sees_no_review_list(client, pages):
    client.force_login(make_staff(FRONT_DESK.group))
    index = client.get(reverse("admin:index")).content.decode()
    assert "Overdue page" not in index
