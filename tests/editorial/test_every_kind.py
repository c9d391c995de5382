"""The one workflow on every kind of page besides procedures: conditions, options,
comparisons and glossary terms wait for a clinician before patients see a change."""

import pytest
from django.test import Client
from django.urls import reverse

from core.roles import CLINICAL_REVIEWER, CONTENT_EDITOR
from editorial import publishing
from procedures.models import Comparison, Condition, GlossaryTerm, Option, Status
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


def make_page(kind: str):
    """A live page of `kind`, the field a change goes into, and where patients read it."""
    condition = make_condition()
    if kind == "condition":
        return condition, "summary", condition.get_absolute_url()
    if kind == "option":
        return make_option(conditions=[condition]), "effectiveness", condition.get_absolute_url()
    if kind == "comparison":
        page = make_comparison(make_procedure(), make_procedure())
        return page, "key_difference", page.get_absolute_url()
    return make_term("Facet joint"), "summary", reverse("procedures:glossary")


def admin_url(page, step: str) -> str:
    return reverse(f"admin:procedures_{page._meta.model_name}_{step}", args=[page.pk])


def signed_in(role, username: str) -> Client:
    client = Client()
    client.force_login(make_staff(role.group, username))
    return client


def public(address: str) -> str:
    response = Client().get(address)
    return response.content.decode() if response.status_code == 200 else ""


KINDS = ["condition", "option", "comparison", "glossary term"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_a_change_reaches_patients_only_after_a_clinician_approves_it(kind):
    page, field, address = make_page(kind)
    editor = signed_in(CONTENT_EDITOR, "editor")
    reviewer = signed_in(CLINICAL_REVIEWER, "drlee")
    values = admin_form_values(editor.get(admin_url(page, "change")).content.decode())
    admin_post(editor, admin_url(page, "change"), {**values, field: "Changed words here."})

    assert "Changed words here." not in public(address)
    draft_preview = editor.get(admin_url(page, "draft")).content.decode()
    assert "Changed words here." in draft_preview and "Preview, not the live page." in draft_preview
    refused = editor.post(admin_url(page, "publish"), {})
    assert "A clinician must approve these changes" in refused.content.decode()
    assert "Changed words here." not in public(address)

    admin_post(editor, admin_url(page, "submit"), {})
    admin_post(reviewer, admin_url(page, "review"), {"decision": "approve"})
    assert "Changed words here." not in public(address)
    admin_post(editor, admin_url(page, "publish"), {})

    assert "Changed words here." in public(address)
    row = type(page).objects.get(pk=page.pk)
    assert publishing.draft_of(row) is None and row.live_version == row.revisions.first()
    assert row.live_version.approved_by.username == "drlee"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_the_editor_of_a_change_may_not_approve_it(kind):
    page, field, _ = make_page(kind)
    both = make_staff(CONTENT_EDITOR.group, "both")
    both.groups.add(make_staff(CLINICAL_REVIEWER.group).groups.get())
    publishing.save_draft(page, {**publishing.working_data(page), field: "New."}, by=both)
    publishing.submit(page, by=both)
    with pytest.raises(publishing.NotAllowed, match="You edited this draft"):
        publishing.approve(page, by=both)


@pytest.mark.django_db
def test_a_new_condition_is_a_draft_that_no_patient_finds():
    editor = signed_in(CONTENT_EDITOR, "editor")
    add = reverse("admin:procedures_condition_add")
    values = {
        **admin_form_values(editor.get(add).content.decode()),
        "name": "Tailbone pain",
        "slug": "tailbone-pain",
        "summary": "Pain at the tailbone.",
        "description": "Pain low down at the tailbone.",
        "sources": "Tailbone pain | NHS | https://www.nhs.uk/conditions/coccydynia/ | 2026-11-01",
    }
    admin_post(editor, add, values)
    condition = Condition.objects.get(slug="tailbone-pain")

    assert condition.status == Status.DRAFT
    assert Client().get(condition.get_absolute_url()).status_code == 404
    for address in (
        "/",
        reverse("procedures:condition_list"),
        "/sitemap.xml",
        "/search/?q=tailbone",
    ):
        assert "tailbone-pain" not in public(address)


@pytest.mark.django_db
def test_an_unpublished_option_comparison_or_word_is_nowhere_on_the_public_site():
    condition = make_condition()
    make_option(name="Hidden choice", conditions=[condition], status=Status.DRAFT)
    comparison = make_comparison(make_procedure(), make_procedure(), status=Status.DRAFT)
    make_term("Lamina", status=Status.DRAFT)
    linked = make_procedure(conditions=[condition], before="The lamina is a bone.")

    assert "Hidden choice" not in public(condition.get_absolute_url())
    assert Client().get(comparison.get_absolute_url()).status_code == 404
    assert "Lamina" not in public(reverse("procedures:glossary"))
    assert "glossary-term" not in linked.before_html


@pytest.mark.django_db
def test_publishing_a_glossary_word_links_it_on_the_pages_that_use_it():
    term = make_term("Lamina", status=Status.DRAFT)
    page = make_procedure(before="The lamina is a bone.")
    assert "glossary-term" not in page.before_html
    publishing.submit(term, by=None)
    publishing.approve(GlossaryTerm.objects.get(pk=term.pk), by=make_staff(CLINICAL_REVIEWER.group))
    publishing.publish(GlossaryTerm.objects.get(pk=term.pk), by=None)
    page.refresh_from_db()
    assert "glossary-term" in page.before_html


@pytest.mark.django_db
def test_unpublishing_a_condition_takes_it_off_the_site_and_keeps_it():
    condition = make_condition(name="Tailbone pain")
    publishing.unpublish(condition, by=None)
    assert Client().get(condition.get_absolute_url()).status_code == 404
    assert "Tailbone pain" not in public("/")
    assert Condition.objects.get(pk=condition.pk).status == Status.DRAFT


@pytest.mark.django_db
def test_the_admin_home_lists_a_waiting_draft_of_any_kind():
    option = make_option(name="Walking program")
    publishing.save_draft(
        option, {**publishing.working_data(option), "recovery": "8 weeks"}, by=None
    )
    publishing.submit(option, by=None)
    home = signed_in(CLINICAL_REVIEWER, "drlee").get(reverse("admin:index")).content.decode()
    assert admin_url(Option.objects.get(pk=option.pk), "review") in home
    assert "Walking program" in home


@pytest.mark.django_db
def test_the_starter_content_loads_live(content_copy):
    from procedures.sync import import_folder

    import_folder(content_copy)
    for model in (Condition, Option, Comparison, GlossaryTerm):
        assert model.objects.count() and not model.objects.exclude(status=Status.PUBLISHED)


@pytest.mark.django_db
def test_a_spelling_fix_in_a_condition_goes_live_without_review_and_a_new_word_does_not():
    condition = make_condition(description="Most people recieve care at home.")
    fixed = {
        **publishing.working_data(condition),
        "description": "Most people receive care at home.",
    }
    publishing.save_draft(condition, fixed, by=None)
    publishing.publish(Condition.objects.get(pk=condition.pk), by=None)
    assert Condition.objects.get(pk=condition.pk).description.startswith("Most people receive")

    changed = {**fixed, "description": "Few people receive care at home."}
    publishing.save_draft(condition, changed, by=None)
    with pytest.raises(publishing.NotAllowed, match="A clinician must approve"):
        publishing.publish(Condition.objects.get(pk=condition.pk), by=None)
