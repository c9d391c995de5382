"""The site answers GET, HEAD and POST only; every other method is refused before any view."""

import pytest
from django.urls import reverse

from appointments.models import AuditEvent
from core.roles import FRONT_DESK
from tests.factories import make_callback, make_procedure, make_staff

REFUSED = ["OPTIONS", "TRACE", "PUT", "PATCH", "DELETE", "PROPFIND", "CONNECT"]


def _patient_and_public_urls() -> list[str]:
    callback = make_callback(full_name="Ada Lovelace", phone="+12025550143")
    procedure = make_procedure(slug="nucleoplasty")
    return [
        reverse("admin:appointments_callbackrequest_change", args=[callback.pk]),
        reverse("admin:appointments_callbackrequest_changelist"),
        reverse("admin:appointments_callbackrequest_export"),
        reverse("procedures:home"),
        reverse("procedures:procedure_detail", args=[procedure.slug]),
        reverse("healthz"),
        "/static/css/site.css",
        "/no-such-page/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("method", REFUSED)
def test_other_methods_get_405_with_nothing_worth_reading_on_every_url(client, method):
    client.force_login(make_staff(FRONT_DESK.group))
    for url in _patient_and_public_urls():
        response = client.generic(method, url)
        assert response.status_code == 405, (method, url)
        assert response["Allow"] == "GET, HEAD, POST"
        assert response.content == b"Method not allowed.\n"
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_reading_a_request_is_recorded_for_get_and_head(client, method):
    front_desk = make_staff(FRONT_DESK.group)
    client.force_login(front_desk)
    callback = make_callback()
    url = reverse("admin:appointments_callbackrequest_change", args=[callback.pk])
    assert client.generic(method, url).status_code == 200
    event = AuditEvent.objects.get()
    assert (event.request, event.action, event.user) == (callback, "viewed", front_desk)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_listing_requests_is_recorded_for_get_and_head(client, method):
    client.force_login(make_staff(FRONT_DESK.group))
    callback = make_callback()
    url = reverse("admin:appointments_callbackrequest_changelist")
    assert client.generic(method, url).status_code == 200
    event = AuditEvent.objects.get()
    assert (event.request, event.detail) == (callback, "listed (1 shown)")
