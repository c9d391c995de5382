"""Data the drafts and reviews migrations change, run on rows as the old code left them."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from procedures.models import Condition, Draft, Procedure, Status
from tests.factories import make_condition, make_procedure, make_term


@pytest.fixture
def back_to_latest():
    yield
    migrate_to_latest()


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_review_recorded_under_a_username_names_the_person_or_the_team(back_to_latest):
    User.objects.create_user("rev-walk")
    User.objects.create_user("drlee", first_name="Ana", last_name="Lee")
    pages = {t: make_procedure(title=t).pk for t in ("One", "Two", "Three")}
    old = migrate(("procedures", "0010_four_eyes"))
    OldProcedure, OldDraft = (old.get_model("procedures", m) for m in ("Procedure", "Draft"))
    OldProcedure.objects.filter(pk=pages["One"]).update(reviewed_by="rev-walk")
    OldProcedure.objects.filter(pk=pages["Two"]).update(reviewed_by="drlee")
    OldProcedure.objects.filter(pk=pages["Three"]).update(reviewed_by="Spine team")
    OldDraft.objects.create(procedure_id=pages["Three"], data={"reviewed_by": "drlee"})

    migrate_to_latest()

    names = dict(Procedure.objects.values_list("title", "reviewed_by"))
    assert names == {
        "One": "Interventional radiology team",
        "Two": "Ana Lee, clinical reviewer",
        "Three": "Spine team",
    }
    assert Draft.objects.get().data["reviewed_by"] == "Ana Lee, clinical reviewer"


@pytest.mark.django_db(transaction=True)
def test_a_waiting_draft_names_its_editors_so_they_cannot_approve_it(back_to_latest):
    writer, other = User.objects.create_user("writer"), User.objects.create_user("other")
    page = make_procedure()
    page.revisions.create(page=page, author=other, summary="Published", data={})
    page.revisions.create(page=page, author=writer, summary="Draft: Changed before", data={})
    old = migrate(("procedures", "0009_drafts_and_clinical_sign_off"))
    old.get_model("procedures", "Draft").objects.create(
        procedure_id=page.pk, data={}, updated_by_id=writer.pk
    )

    migrate_to_latest()

    assert list(Draft.objects.get().editors.all()) == [writer]


@pytest.mark.django_db(transaction=True)
def test_every_kind_keeps_its_live_pages_live_and_its_drafts_through_the_workflow_migration(
    back_to_latest,
):
    procedure, condition = make_procedure(), make_condition()
    term = make_term("Disc")
    before = ("procedures", "0012_old_addresses_as_django_redirects")
    old = migrate(before)
    old.get_model("procedures", "Draft").objects.create(procedure_id=procedure.pk, data={"x": 1})

    migrate_to_latest()

    for page in (condition, term):
        page = type(page).objects.get(pk=page.pk)
        assert page.status == Status.PUBLISHED and page.published_at == page.updated_at
        assert page.live_version == page.revisions.first()
    draft = Draft.objects.get()
    assert draft.page == procedure and draft.data == {"x": 1}

    OldDraft = migrate(before).get_model("procedures", "Draft")
    assert list(OldDraft.objects.values_list("procedure_id", "data")) == [(procedure.pk, {"x": 1})]


@pytest.mark.django_db(transaction=True)
def test_going_back_before_the_workflow_refuses_to_publish_unapproved_pages(back_to_latest):
    make_condition(status=Status.DRAFT)
    with pytest.raises(RuntimeError, match="Cannot go back"):
        migrate(("procedures", "0012_old_addresses_as_django_redirects"))
    assert Condition.objects.get().status == Status.DRAFT


@pytest.mark.django_db(transaction=True)
def test_old_addresses_move_to_django_redirects_and_back(back_to_latest):
    before = ("procedures", "0011_reviewers_named_not_usernames")
    PageRedirect = migrate(before).get_model("procedures", "PageRedirect")
    PageRedirect.objects.create(old_path="/procedures/old/", new_path="/procedures/new/")

    Redirect = migrate(("procedures", "0012_old_addresses_as_django_redirects")).get_model(
        "redirects", "Redirect"
    )
    assert list(Redirect.objects.values_list("site_id", "old_path", "new_path")) == [
        (1, "/procedures/old/", "/procedures/new/")
    ]

    PageRedirect = migrate(before).get_model("procedures", "PageRedirect")
    assert list(PageRedirect.objects.values_list("old_path", "new_path")) == [
        ("/procedures/old/", "/procedures/new/")
    ]
