"""Every change staff can make shows on the very next anonymous request, on every page it touches.

Each test first reads the pages (so they are cached), then changes something, then reads again.
"""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from core.roles import CLINICAL_REVIEWER, CONTENT_EDITOR, FRONT_DESK
from pagecache import invalidation
from procedures.models import Procedure, Revision, Status
from procedures.safety_checks import CONDITION_HEADINGS, EVIDENCE_HEADING
from tests.admin_post import admin_post
from tests.factories import (
    admin_form_values,
    make_comparison,
    make_condition,
    make_option,
    make_procedure,
    make_staff,
    make_term,
)
from tests.pagecache.conftest import rendering_queries
from tests.publishing import sign_off_and_publish


@pytest.fixture
def pages(db):
    condition = make_condition(name="Compression fracture", slug="compression-fracture")
    vertebroplasty = make_procedure(
        title="Vertebroplasty",
        slug="vertebroplasty",
        summary="Cement holds the bone.",
        conditions=[condition],
    )
    kyphoplasty = make_procedure(
        title="Kyphoplasty", slug="kyphoplasty", conditions=[condition], related=[vertebroplasty]
    )
    return condition, vertebroplasty, kyphoplasty


@pytest.fixture
def editor(client, db):
    client.force_login(make_staff(CONTENT_EDITOR.group))
    return client


URLS = [
    "/",
    "/procedures/",
    "/conditions/",
    "/conditions/compression-fracture/",
    "/procedures/vertebroplasty/",
    "/procedures/kyphoplasty/",
    "/sitemap.xml",
]


def read_all(reader, urls=URLS) -> dict[str, str]:
    """Read (and so cache) each page; check that reading it again comes from the cache."""
    pages = {url: reader.get(url).content.decode() for url in urls}
    for url in urls:
        assert rendering_queries(lambda url=url: reader.get(url)) == 0, url
    return pages


def change_url(procedure) -> str:
    return reverse("admin:procedures_procedure_change", args=[procedure.pk])


def save_in_admin(editor, procedure, **changes):
    values = admin_form_values(editor.get(change_url(procedure)).content.decode())
    values.update(changes)
    return admin_post(editor, change_url(procedure), values)


def test_saving_a_summary_in_the_admin_changes_every_page_that_shows_it(reader, editor, pages):
    _, vertebroplasty, _ = pages
    read_all(reader)
    save_in_admin(editor, vertebroplasty, summary="Bone cement makes the broken bone steady.")
    # A draft: patients see the live page until it is approved and published.
    assert "Cement holds the bone." in reader.get("/procedures/vertebroplasty/").content.decode()
    sign_off_and_publish(vertebroplasty)
    for url in [
        "/procedures/",
        "/conditions/compression-fracture/",
        "/procedures/vertebroplasty/",
        "/procedures/kyphoplasty/",
    ]:
        assert "Bone cement makes the broken bone steady." in reader.get(url).content.decode(), url


def test_publishing_a_draft_lists_it_and_opens_its_page(reader, editor, pages):
    draft = make_procedure(title="Sacroplasty", slug="sacroplasty", status=Status.DRAFT)
    read_all(reader)
    assert reader.get("/procedures/sacroplasty/").status_code == 404
    sign_off_and_publish(draft)
    assert reader.get("/procedures/sacroplasty/").status_code == 200
    assert "Sacroplasty" in reader.get("/procedures/").content.decode()
    assert "/procedures/sacroplasty/" in reader.get("/sitemap.xml").content.decode()


def test_unpublishing_takes_the_page_and_its_cards_down(reader, editor, pages):
    _, vertebroplasty, _ = pages
    read_all(reader)
    unpublish = reverse("admin:procedures_procedure_unpublish", args=[vertebroplasty.pk])
    admin_post(editor, unpublish, {})
    assert reader.get("/procedures/vertebroplasty/").status_code == 404
    for url in [
        "/",
        "/procedures/",
        "/conditions/compression-fracture/",
        "/procedures/kyphoplasty/",
        "/sitemap.xml",
    ]:
        assert "/procedures/vertebroplasty/" not in reader.get(url).content.decode(), url


def test_restoring_a_version_shows_the_restored_text(reader, editor, pages):
    _, vertebroplasty, _ = pages
    save_in_admin(editor, vertebroplasty, overview="The first words.")
    sign_off_and_publish(vertebroplasty)
    save_in_admin(editor, vertebroplasty, overview="The second words.")
    sign_off_and_publish(vertebroplasty)
    assert "The second words." in read_all(reader)["/procedures/vertebroplasty/"]
    first = next(
        revision
        for revision in Revision.objects.of(vertebroplasty)
        if revision.data["sections"]["overview"] == "The first words."
    )
    restore = reverse("admin:procedures_procedure_restore", args=[vertebroplasty.pk, first.pk])
    admin_post(editor, restore, {})
    assert "The second words." in reader.get("/procedures/vertebroplasty/").content.decode()
    sign_off_and_publish(vertebroplasty)
    assert "The first words." in reader.get("/procedures/vertebroplasty/").content.decode()


def test_marking_a_page_reviewed_shows_the_reviewer(reader, pages):
    _, vertebroplasty, _ = pages
    read_all(reader)
    changelist = reverse("admin:procedures_procedure_changelist")
    reviewer = Client()
    clinician = make_staff(CLINICAL_REVIEWER.group)
    clinician.first_name, clinician.last_name = "Ana", "Lee"
    clinician.save()
    reviewer.force_login(clinician)
    admin_post(
        reviewer, changelist, {"action": "mark_reviewed", "_selected_action": [vertebroplasty.pk]}
    )
    assert Procedure.objects.get(pk=vertebroplasty.pk).reviewed_by == "Ana Lee, clinical reviewer"
    assert (
        "by Ana Lee, clinical reviewer"
        in reader.get("/procedures/vertebroplasty/").content.decode()
    )


def test_importing_content_shows_the_imported_text(reader, pages, tmp_path):
    _make_pass_the_content_checks(pages)
    call_command("export_content", folder=tmp_path, verbosity=0)
    read_all(reader)
    page = tmp_path / "procedures" / "vertebroplasty.md"
    text = page.read_text()
    assert "summary: Cement holds the bone." in text
    page.write_text(text.replace("Cement holds the bone.", "Imported words about bone cement."))
    call_command("import_content", folder=tmp_path, verbosity=0)
    for url in ["/procedures/", "/conditions/compression-fracture/", "/procedures/vertebroplasty/"]:
        assert "Imported words about bone cement." in reader.get(url).content.decode(), url


def _make_pass_the_content_checks(pages) -> None:
    """import_content refuses pages that fail check_content; these pass it."""
    condition, *procedures = pages
    condition.description = "\n\n".join(f"## {heading}\n\nText." for heading in CONDITION_HEADINGS)
    condition.save()
    for procedure in procedures:
        procedure.benefits_risks = f"### {EVIDENCE_HEADING}\n\nIt helps many people."
        procedure.save()


def test_a_new_address_redirects_from_the_old_one_at_once(reader, editor, pages):
    read_all(reader)
    _, vertebroplasty, _ = pages
    save_in_admin(editor, vertebroplasty, slug="vertebroplasty-cement")
    sign_off_and_publish(vertebroplasty)
    response = reader.get("/procedures/vertebroplasty/")
    assert response.status_code == 301
    assert response["Location"] == "/procedures/vertebroplasty-cement/"
    assert "/procedures/vertebroplasty-cement/" in reader.get("/procedures/").content.decode()


def test_linking_a_condition_or_a_related_page_shows_the_new_links(reader, pages):
    condition, vertebroplasty, kyphoplasty = pages
    other = make_condition(name="Spinal stenosis", slug="spinal-stenosis")
    read_all(reader, [*URLS, "/conditions/spinal-stenosis/"])
    vertebroplasty.conditions.add(other)
    vertebroplasty.related.add(kyphoplasty)
    assert (
        "/procedures/vertebroplasty/" in reader.get("/conditions/spinal-stenosis/").content.decode()
    )
    assert "/procedures/kyphoplasty/" in reader.get("/procedures/vertebroplasty/").content.decode()
    vertebroplasty.conditions.clear()
    page = reader.get("/conditions/compression-fracture/").content.decode()
    assert "/procedures/vertebroplasty/" not in page


def test_a_new_glossary_word_links_on_the_pages_that_use_it(reader, pages):
    _, vertebroplasty, _ = pages
    vertebroplasty.overview = "It treats a broken vertebra."
    vertebroplasty.save_page()
    read_all(reader, [*URLS, "/glossary/"])
    make_term("vertebra")
    assert (
        'href="/glossary/#vertebra"' in reader.get("/procedures/vertebroplasty/").content.decode()
    )
    assert 'id="vertebra"' in reader.get("/glossary/").content.decode()


def test_a_new_option_and_a_new_comparison_show_on_the_pages_that_list_them(reader, pages):
    condition, vertebroplasty, kyphoplasty = pages
    read_all(reader)
    assert reader.get("/compare/vertebroplasty-vs-kyphoplasty/").status_code == 404
    make_option(name="Physical therapy", conditions=[condition])
    make_comparison(vertebroplasty, kyphoplasty)
    assert "Physical therapy" in reader.get("/conditions/compression-fracture/").content.decode()
    assert reader.get("/compare/vertebroplasty-vs-kyphoplasty/").status_code == 200
    page = reader.get("/procedures/kyphoplasty/").content.decode()
    assert "/compare/vertebroplasty-vs-kyphoplasty/" in page
    assert "/compare/vertebroplasty-vs-kyphoplasty/" in reader.get("/sitemap.xml").content.decode()


def test_renaming_a_condition_changes_the_treatment_pages(reader, pages):
    condition, _, _ = pages
    read_all(reader)
    condition.name = "Broken bone in the spine"
    condition.save()
    for url in ["/", "/procedures/", "/procedures/vertebroplasty/"]:
        assert "Broken bone in the spine" in reader.get(url).content.decode(), url


def test_deleting_a_page_removes_it(reader, pages):
    _, vertebroplasty, _ = pages
    read_all(reader)
    vertebroplasty.delete()
    assert reader.get("/procedures/vertebroplasty/").status_code == 404
    assert "/procedures/vertebroplasty/" not in reader.get("/procedures/").content.decode()


def test_the_commit_expires_the_pages_again(pages, django_capture_on_commit_callbacks):
    """A page another worker rendered from the old rows before the commit must not survive it."""
    _, vertebroplasty, _ = pages
    with django_capture_on_commit_callbacks() as callbacks:
        vertebroplasty.summary = "Changed."
        vertebroplasty.save()
    during_transaction = invalidation.current_version()
    for callback in callbacks:
        callback()
    assert invalidation.current_version() != during_transaction


def test_changes_to_other_apps_keep_the_cached_pages(reader, pages):
    read_all(reader)
    make_staff(FRONT_DESK.group)
    for url in URLS:
        assert rendering_queries(lambda url=url: reader.get(url)) == 0, url


def test_expire_pages_renders_every_page_again(reader, pages):
    read_all(reader)
    call_command("expire_pages", verbosity=0)
    assert rendering_queries(lambda: reader.get("/procedures/vertebroplasty/")) > 0


def test_a_new_practice_phone_is_not_served_from_pages_kept_before(reader, pages, settings):
    read_all(reader)
    settings.PRACTICE_PHONE = "(555) 010-0777"
    for url in ["/", "/procedures/vertebroplasty/"]:
        assert "(555) 010-0777" in reader.get(url).content.decode(), url
