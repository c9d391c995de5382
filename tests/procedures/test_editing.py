"""Staff editing of procedure pages in the admin: preview, publish, versions, addresses."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.redirects.models import Redirect
from django.urls import reverse

from core.roles import CONTENT_EDITOR, FRONT_DESK
from procedures.models import Draft, Procedure, Revision, Status
from tests.admin_post import admin_post
from tests.factories import admin_form_values, make_procedure, make_staff
from tests.procedures.test_markdown import FORBIDDEN, XSS_PAYLOADS
from tests.publishing import sign_off_and_publish

HARD_TEXT = (
    "Percutaneous intervertebral decompression necessitates comprehensive preoperative "
    "evaluation including radiological investigations and haematological parameters."
)


@pytest.fixture
def editor(client, db):
    user = make_staff(CONTENT_EDITOR.group, "editor")
    client.force_login(user)
    return user


def change_url(procedure) -> str:
    return reverse("admin:procedures_procedure_change", args=[procedure.pk])


def save_in_admin(client, procedure, *, status_code=302, **changes):
    """Post the change form with `changes`; the response must have `status_code`."""
    values = admin_form_values(client.get(change_url(procedure)).content.decode())
    values.update(changes)
    return admin_post(client, change_url(procedure), values, status=status_code)


@pytest.mark.django_db
def test_editor_preview_endpoint_sanitizes_and_needs_a_staff_login(client, editor):
    url = reverse("markdownx_markdownify")
    for payload in XSS_PAYLOADS:
        html = client.post(url, {"content": f"Hello\n\n{payload}"}).content.decode().lower()
        for marker in FORBIDDEN:
            assert marker not in html, (payload, marker)
    html = client.post(url, {"content": "### Before\n\nRest."}).content.decode()
    assert '<h3 id="before">Before</h3>' in html
    assert "Reading grade" in html

    client.logout()
    response = client.post(url, {"content": "Hello"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_draft_preview_is_for_staff_editors_only(client, editor):
    draft = make_procedure(status=Status.DRAFT, before="Draft words.")
    url = reverse("admin:procedures_procedure_draft", args=[draft.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Preview, not the live page." in page.select_one(".preview-banner").get_text()
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    assert "Draft words." in page.select_one("#before").get_text()
    assert response["X-Robots-Tag"] == "noindex, nofollow"

    client.logout()
    assert "/admin/login/" in client.get(url)["Location"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(make_staff(FRONT_DESK.group))
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_preview_of_unsaved_changes_saves_nothing(client, editor):
    procedure = make_procedure(before="Saved words.")
    values = admin_form_values(client.get(change_url(procedure)).content.decode())
    values["before"] = "Unsaved words."
    url = reverse("admin:procedures_procedure_preview", args=[procedure.pk])
    response = client.post(url, values)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Unsaved words." in page.select_one("#before").get_text()
    assert "not saved yet" in page.select_one(".preview-banner").get_text()
    procedure.refresh_from_db()
    assert procedure.before == "Saved words."
    assert not Revision.objects.of(procedure).exists()


@pytest.mark.django_db
def test_reading_grades_are_shown_for_each_section_and_in_the_list(client, editor):
    procedure = make_procedure(overview=HARD_TEXT, status=Status.DRAFT)
    form = client.get(change_url(procedure)).content.decode()
    assert "What it is" in form and "above the limit" in form
    listing = client.get(reverse("admin:procedures_procedure_changelist")).content.decode()
    assert f"{procedure.reading_grade} (above 8.0)" in listing


@pytest.mark.django_db
def test_changing_a_published_slug_keeps_the_old_address_working(client, editor):
    procedure = make_procedure(slug="old-name")
    save_in_admin(client, procedure, slug="new-name")
    assert client.get("/procedures/old-name/").status_code == 200  # a draft until published
    sign_off_and_publish(procedure)
    response = client.get("/procedures/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/procedures/new-name/"
    assert client.get("/procedures/new-name/").status_code == 200

    save_in_admin(client, Procedure.objects.get(pk=procedure.pk), slug="newest-name")
    sign_off_and_publish(procedure)
    assert client.get("/procedures/old-name/")["Location"] == "/procedures/newest-name/"
    assert client.get("/procedures/new-name/")["Location"] == "/procedures/newest-name/"


@pytest.mark.django_db
def test_a_draft_that_was_never_published_leaves_no_redirect(client, editor):
    draft = make_procedure(slug="first-try", status=Status.DRAFT)
    save_in_admin(client, draft, slug="second-try")
    assert not Redirect.objects.exists()


@pytest.mark.django_db
def test_every_save_keeps_a_version_that_can_be_compared_and_restored(client, editor):
    procedure = make_procedure(before="Version one.")
    save_in_admin(client, procedure, before="Version two.")
    save_in_admin(client, procedure, before="Version three.")
    revisions = list(procedure.revisions.all())
    assert [r.summary for r in revisions] == [
        "Draft: Changed Before the procedure",
        "Draft: Changed Before the procedure",
        "First version",
    ]
    assert revisions[0].author == editor

    page = client.get(reverse("admin:procedures_procedure_versions", args=[procedure.pk]))
    newest = BeautifulSoup(page.content, "html.parser").select_one(".version .change")
    assert newest.h3.get_text() == "Before the procedure"
    assert newest.select_one("del").get_text() == "[removed: two.]"
    assert newest.select_one("ins").get_text() == "[added: three.]"

    restore = reverse("admin:procedures_procedure_restore", args=[procedure.pk, revisions[1].pk])
    admin_post(client, restore, {})
    assert procedure.draft.data["sections"]["before"] == "Version two."
    assert procedure.revisions.first().summary.startswith("Draft: Restored the version from")
    procedure.refresh_from_db()
    assert procedure.before == "Version one."  # the live page waits for publishing


@pytest.mark.django_db
def test_restore_asks_first_and_a_get_restores_nothing(client, editor):
    procedure = make_procedure()
    save_in_admin(client, procedure, before="Changed.")
    first = procedure.revisions.last()
    url = reverse("admin:procedures_procedure_restore", args=[procedure.pk, first.pk])
    question = client.get(url).content.decode()
    assert "Yes, restore this version" in question
    assert procedure.revisions.count() == 2  # nothing was restored
    assert Procedure.objects.get(pk=procedure.pk).draft.data["sections"]["before"] == "Changed."


@pytest.mark.django_db
def test_front_desk_cannot_preview_version_or_restore(client):
    procedure = make_procedure()
    first = Revision.objects.record(procedure, author=None)
    client.force_login(make_staff(FRONT_DESK.group))
    for url in [
        reverse("admin:procedures_procedure_versions", args=[procedure.pk]),
        reverse("admin:procedures_procedure_preview", args=[procedure.pk]),
        reverse("admin:procedures_procedure_restore", args=[procedure.pk, first.pk]),
    ]:
        assert client.post(url).status_code == 403, url
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_the_versions_of_a_page_with_none_say_so(client, editor):
    procedure = make_procedure()
    assert not procedure.revisions.exists()
    page = client.get(reverse("admin:procedures_procedure_versions", args=[procedure.pk]))
    assert page.status_code == 200
    text = BeautifulSoup(page.content, "html.parser").select_one("#content").get_text()
    assert "This page has no versions yet. The next save keeps the first one." in text
    assert not BeautifulSoup(page.content, "html.parser").select(".version")
