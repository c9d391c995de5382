"""The page schema and what follows from it: lists, versions of every kind of page, a folder
synced in one transaction, and the redirects staff can see."""

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.contrib.redirects.models import Redirect
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from core.roles import CONTENT_EDITOR
from editorial import publishing
from procedures.admin import NOT_IN_FORM
from procedures.content import ContentError, page_text, read_page
from procedures.models import (
    TRANSLATIONS,
    Comparison,
    Condition,
    GlossaryTerm,
    Option,
    Procedure,
    Revision,
)
from procedures.sync import PAGE_FOLDERS, import_folder
from tests.admin_post import admin_post
from tests.factories import admin_form_values, make_condition, make_procedure


def test_every_model_field_a_file_holds_is_in_the_schema_once():
    for model in (Procedure, Condition):
        named = [name for _, _, name in model.front_fields()] + list(model.markdown_fields())
        assert len(named) == len(set(named)), model
        for name in named:
            model._meta.get_field(name)  # a name that is not a field raises


def test_labels_and_headings_come_from_the_model_fields():
    assert [section.heading for section in Procedure.section_list()][:2] == [
        "What it is",
        "Who it can help",
    ]
    assert Procedure.part_labels()["slug"] == "address"
    assert Procedure.part_labels()["at_a_glance"] == "at a glance"


@pytest.mark.parametrize("model", [Procedure, Condition, Option, Comparison, GlossaryTerm])
def test_the_admin_form_shows_every_field_of_the_schema_once(rf, admin_user, model):
    schema = model.schema
    expected = [name for _, _, name in model.front_fields() if name not in NOT_IN_FORM]
    expected += [*model.markdown_fields(), *(schema.picture or ())]
    request = rf.get("/")
    request.user = admin_user
    shown = [
        name
        for _, options in admin.site._registry[model].get_fieldsets(request)
        for name in options["fields"]
    ]
    assert sorted(name for name in shown if name in expected) == sorted(expected)


@pytest.mark.django_db
def test_what_the_schema_puts_around_a_section_is_inside_that_section(client):
    make_procedure(slug="cement", preparation_steps="1 day before | Arrange a driver")
    page = BeautifulSoup(client.get("/procedures/cement/").content, "html.parser")
    for section in Procedure.section_list():
        element = page.find("section", id=section.id)
        for part in (*section.around.above, *section.around.below):
            marker = {
                "includes/sections/plan_link.html": "Make a dated plan",
                "includes/recovery_timeline.html": "Recovery, step by step",
                "includes/sections/urgent_care.html": "Call 911",
                "includes/sections/compare_links.html": None,  # shown only with a comparison
            }[part]
            assert marker is None or marker in element.get_text(), (section.id, part)


def test_only_kinds_with_a_picture_in_their_schema_have_one():
    assert Procedure(hero_alt="A needle").picture() == ("", "A needle")
    assert Condition().picture() == ("", "")
    condition = Condition()
    condition.set_picture("heroes/x.png", "ignored")  # nothing to set, and no error
    assert condition.picture() == ("", "")


@pytest.mark.django_db
def test_a_list_is_a_list_however_it_is_given():
    procedure = make_procedure(other_names="Spine cement\n\n  Bone cement  ")
    assert procedure.other_names == ["Spine cement", "Bone cement"]
    procedure.refresh_from_db()
    assert procedure.other_names == ["Spine cement", "Bone cement"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT other_names FROM procedures_procedure WHERE id = %s", [procedure.pk])
        assert cursor.fetchone()[0] == "Spine cement\nBone cement"


@pytest.mark.django_db
def test_a_page_written_to_a_file_reads_back_the_same(tmp_path):
    procedure = make_procedure(
        slug="vertebroplasty", billing_codes="22510\n22511", warning_urgent="a fever"
    )
    path = tmp_path / "vertebroplasty.md"
    path.write_text(page_text(Procedure, procedure.to_data()))
    assert read_page(Procedure, path) == procedure.to_data()


@pytest.mark.django_db(transaction=True)
def test_lists_separated_by_semicolons_become_one_per_line_on_migrating():
    executor = MigrationExecutor(connection)
    before = [("procedures", "0003_page_sources_and_warning_signs")]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Old = old_apps.get_model("procedures", "Procedure")
    old = Old.objects.create(
        title="Old",
        slug="old",
        summary="s",
        other_names="Spine cement; Bone cement",
        billing_codes="22510;22511",
        duration="d",
        anesthesia="a",
        setting="s",
        same_day="s",
        driver="d",
        recovery="r",
        last_reviewed="2026-01-01",
        reviewed_by="r",
        sources="",
        overview="o",
        candidates="c",
        before="b",
        during="d",
        after="a",
        benefits_risks="b",
        alternatives="a",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("procedures"))
    migrated = Procedure.objects.get(pk=old.pk)
    assert migrated.other_names == ["Spine cement", "Bone cement"]
    assert migrated.billing_codes == ["22510", "22511"]


@pytest.fixture
def editor(client, db):
    from tests.factories import make_staff

    client.force_login(make_staff(CONTENT_EDITOR.group))
    return client


@pytest.mark.django_db
def test_a_condition_keeps_versions_and_one_can_be_restored_as_its_draft(editor):
    condition = make_condition(summary="First words.")
    url = reverse("admin:procedures_condition_change", args=[condition.pk])
    for summary in ("Second words.", "Third words."):
        values = {**admin_form_values(editor.get(url).content.decode()), "summary": summary}
        admin_post(editor, url, values)
    revisions = list(condition.revisions)
    assert [r.summary for r in revisions] == [
        "Draft: Changed summary",
        "Draft: Changed summary",
        "First version",
    ]
    versions = editor.get(reverse("admin:procedures_condition_versions", args=[condition.pk]))
    newest = BeautifulSoup(versions.content, "html.parser").select_one(".version .change")
    assert newest.h3.get_text() == "Summary"
    assert newest.select_one("del").get_text() == "[removed: Second]"
    assert newest.select_one("ins").get_text() == "[added: Third]"

    restore = reverse("admin:procedures_condition_restore", args=[condition.pk, revisions[1].pk])
    question = editor.get(restore)
    assert "Yes, restore this version" in question.content.decode()
    assert (
        publishing.draft_of(condition).data["summary"] == "Third words."
    )  # asking changes nothing
    admin_post(editor, restore, {})
    condition.refresh_from_db()
    assert condition.summary == "First words."  # the live page waits for review
    assert publishing.draft_of(condition).data["summary"] == "Second words."
    assert condition.revisions.first().summary.startswith("Draft: Restored the version from")


@pytest.mark.django_db
def test_importing_a_folder_records_a_version_of_every_page_it_writes(content_copy):
    report = import_folder(content_copy)
    written = len(report.created)
    models = [*PAGE_FOLDERS.values(), *TRANSLATIONS.values()]
    assert written == sum(model.objects.count() for model in models)
    assert Revision.objects.filter(summary="Loaded from a content file").count() == written


@pytest.mark.django_db
def test_importing_a_folder_is_all_or_nothing_without_the_command(content_copy):
    path = content_copy / "procedures" / "sacroplasty.md"  # read after every condition
    path.write_text(path.read_text().replace("title: Sacroplasty", "title: " + "S" * 200))
    with pytest.raises(ContentError, match="at most 120 characters"):
        import_folder(content_copy)
    assert Condition.objects.count() == Procedure.objects.count() == Revision.objects.count() == 0


@pytest.mark.django_db
def test_staff_see_redirects_and_can_remove_one(editor):
    procedure = make_procedure(slug="old-name")
    procedure.slug = "new-name"
    procedure.save_page()
    redirect = Redirect.objects.get()
    listing = editor.get(reverse("admin:redirects_redirect_changelist"))
    assert "/procedures/old-name/" in listing.content.decode()
    delete = reverse("admin:redirects_redirect_delete", args=[redirect.pk])
    admin_post(editor, delete, {"post": "yes"})
    assert editor.get("/procedures/old-name/").status_code == 404
