"""The callback form's new answers arrive by migration without losing what requests hold."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("appointments", "0002_staff_roles")]
AFTER = [("appointments", "0003_contact_needs_language_and_days")]
STATUSES = ["new", "contacted", "scheduled", "closed", "unreachable"]


def migrate(targets):
    """Migrate to `targets`; the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    yield
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_statuses_and_answers_are_kept_and_the_email_preference_becomes_a_need(back_to_latest):
    old_apps = migrate(BEFORE)
    Old = old_apps.get_model("appointments", "CallbackRequest")
    for number, status in enumerate(STATUSES):
        Old.objects.create(
            reference=f"CB-OLD{number}",
            full_name="Ada Patient",
            phone="+12025550143",
            email="ada@example.org" if status == "contacted" else "",
            contact_method="email" if status == "contacted" else "phone",
            contact_time="afternoon",
            has_referral="yes",
            has_imaging="no",
            consent=True,
            status=status,
        )

    New = migrate(AFTER).get_model("appointments", "CallbackRequest")
    rows = {r.reference: r for r in New.objects.all()}
    assert {ref: row.status for ref, row in rows.items()} == {
        f"CB-OLD{number}": status for number, status in enumerate(STATUSES)
    }
    assert [ref for ref, row in rows.items() if row.prefers_email] == ["CB-OLD1"]
    for row in rows.values():
        assert (row.contact_time, row.has_referral, row.has_imaging) == ("afternoon", "yes", "no")
        assert (row.contact_days, row.language, row.needs_interpreter) == ([], "en", False)

    Old = migrate(BEFORE).get_model("appointments", "CallbackRequest")
    back = dict(Old.objects.values_list("reference", "contact_method"))
    assert back == {f"CB-OLD{n}": "email" if n == 1 else "phone" for n in range(5)}
    assert list(Old.objects.order_by("reference").values_list("status", flat=True)) == STATUSES


@pytest.mark.django_db(transaction=True)
def test_requests_sent_before_the_folded_name_existed_are_found_by_search(back_to_latest):
    Old = migrate([("appointments", "0004_phone_extension")]).get_model(
        "appointments", "CallbackRequest"
    )
    for number, name in enumerate(["María López", "Bob Other"]):
        Old.objects.create(
            reference=f"CB-OLD{number}", full_name=name, phone="+12025550143", consent=True
        )
    New = migrate([("appointments", "0005_search_name")]).get_model(
        "appointments", "CallbackRequest"
    )
    assert dict(New.objects.values_list("reference", "search_name")) == {
        "CB-OLD0": "maria lopez",
        "CB-OLD1": "bob other",
    }
