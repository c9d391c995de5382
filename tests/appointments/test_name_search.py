"""The front desk's search finds a patient's name whatever its accents or case, the same way on
SQLite and PostgreSQL: "lopez" finds "López"."""

import pytest
from django.urls import reverse

from appointments.folding import fold
from appointments.models import AuditEvent, CallbackRequest
from core.roles import FRONT_DESK
from tests.factories import make_callback, make_staff

CHANGELIST = reverse("admin:appointments_callbackrequest_changelist")


def found(client, term: str) -> list:
    response = client.get(CHANGELIST, {"q": term})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


@pytest.fixture
def names(client, db) -> dict:
    client.force_login(make_staff(FRONT_DESK.group))
    return {
        "maria": make_callback(full_name="María López"),
        "jose": make_callback(full_name="Jose Smith"),
        "soren": make_callback(full_name="Søren Ærø"),
        "other": make_callback(full_name="Bob Other"),
    }


@pytest.mark.parametrize(
    ("term", "who"),
    [
        ("lopez", "maria"),
        ("maria", "maria"),
        ("MARIA LOPEZ", "maria"),
        ("López", "maria"),
        ("ＬＯＰＥＺ", "maria"),  # fullwidth, as some phone keyboards type it
        ("José", "jose"),
        ("soren aero", "soren"),
    ],
)
def test_a_name_is_found_whatever_its_accents_or_case(client, names, term, who):
    assert found(client, term) == [names[who]]


def test_searching_by_reference_and_phone_still_works(client, names):
    maria = names["maria"]
    assert found(client, maria.reference.lower()) == [maria]
    assert len(found(client, "555 0143")) == len(names)


def test_the_search_text_stays_out_of_the_audit_trail(client, names):
    assert found(client, "lopez") == [names["maria"]]
    assert AuditEvent.objects.get().detail == "searched the list (1 shown)"
    assert not AuditEvent.objects.filter(detail__icontains="lopez").exists()


@pytest.mark.django_db
def test_the_folded_name_follows_the_name_when_saved():
    callback = make_callback(full_name="Ana Pérez")
    assert CallbackRequest.objects.get().search_name == "ana perez"
    callback.full_name = "Ana Núñez"
    callback.save(update_fields=["full_name"])
    assert CallbackRequest.objects.get().search_name == "ana nunez"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("María López", "maria lopez"),
        ("NGUYỄN", "nguyen"),
        ("Łukasz Żółć", "lukasz zolc"),
        ("Straße", "strasse"),
        ("İlker", "ilker"),
        ("ＪＯＳÉ", "jose"),
        ("Ada", "ada"),
    ],
)
def test_fold_drops_accents_case_and_compatibility_forms(text, folded):
    assert fold(text) == folded
