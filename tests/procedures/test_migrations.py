"""Data the drafts and reviews migrations change, run on rows as the old code left them."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from procedures.models import Draft, Procedure
from tests.factories import make_procedure


def migration(name: str):
    return importlib.import_module(f"procedures.migrations.{name}")


def test_a_review_recorded_under_a_username_names_the_person_or_the_team(db):
    User.objects.create_user("rev-walk")
    User.objects.create_user("drlee", first_name="Ana", last_name="Lee")
    anonymous, named, team = (make_procedure(title=t) for t in ("One", "Two", "Three"))
    Procedure.objects.filter(pk=anonymous.pk).update(reviewed_by="rev-walk")
    Procedure.objects.filter(pk=named.pk).update(reviewed_by="drlee")
    Procedure.objects.filter(pk=team.pk).update(reviewed_by="Spine team")
    Draft.objects.create(procedure=team, data={"reviewed_by": "drlee"})

    migration("0011_reviewers_named_not_usernames").name_reviewers(apps, None)

    names = dict(Procedure.objects.values_list("title", "reviewed_by"))
    assert names == {
        "One": "Interventional radiology team",
        "Two": "Ana Lee, clinical reviewer",
        "Three": "Spine team",
    }
    assert Draft.objects.get().data["reviewed_by"] == "Ana Lee, clinical reviewer"


def test_a_waiting_draft_names_its_editors_so_they_cannot_approve_it(db):
    writer, other = User.objects.create_user("writer"), User.objects.create_user("other")
    page = make_procedure()
    page.revisions.create(page=page, author=other, summary="Published", data={})
    page.revisions.create(page=page, author=writer, summary="Draft: Changed before", data={})
    draft = Draft.objects.create(procedure=page, data={}, updated_by=writer)

    migration("0010_four_eyes").name_the_editors(apps, None)

    assert list(draft.editors.all()) == [writer]


@pytest.fixture
def back_to_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


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
