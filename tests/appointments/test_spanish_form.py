"""The callback form under /es/: in Spanish, saved with Spanish as the language to speak,
and told to the front desk in English without personal details."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from appointments.models import CallbackRequest, Language
from tests.factories import make_staff

SPANISH_FORM = "/es/request-callback/"


def post_spanish(client, data: dict):
    return client.post(
        SPANISH_FORM,
        urlencode(data, doseq=True),
        content_type="application/x-www-form-urlencoded",
    )


@pytest.mark.django_db
def test_the_spanish_form_asks_in_spanish_and_starts_at_spanish(client):
    page = BeautifulSoup(client.get(SPANISH_FORM).content, "html.parser")
    assert page.html["lang"] == "es"
    assert page.h1.get_text() == "Pida una llamada"
    checked = page.select_one('input[name="language"][checked]')
    assert checked["value"] == Language.SPANISH
    assert page.select_one(f'label[for="{checked["id"]}"]').get_text(strip=True) == "Español"
    english = BeautifulSoup(client.get("/request-callback/").content, "html.parser")
    assert english.select_one('input[name="language"][checked]')["value"] == Language.ENGLISH


@pytest.mark.django_db
def test_a_mistake_is_explained_in_spanish_and_nothing_is_saved(client, valid_post):
    response = post_spanish(client, {**valid_post, "full_name": "", "phone": "12"})
    assert response.status_code == 200
    summary = BeautifulSoup(response.content, "html.parser").select_one(".error-summary")
    messages = [item.get_text(strip=True) for item in summary.select("li")]
    assert summary.h2.get_text() == "Hay un problema"
    assert messages == [
        "Escriba su nombre completo",
        "Escriba un número de teléfono al que podamos llamar, como 202 555 0143. "
        "Si es un número de otro país, empiece con + y el código del país",
    ]
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_a_spanish_request_is_saved_as_spanish_and_the_front_desk_sees_spanish(
    client, valid_post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_spanish(client, valid_post)
    assert response.status_code == 302
    assert response["Location"] == "/es/request-callback/sent/"
    callback = CallbackRequest.objects.get()
    assert callback.language == Language.SPANISH

    sent = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert sent.h1.get_text() == "Recibimos su solicitud"
    assert callback.reference in sent.get_text()
    assert "dentro de un día hábil" in sent.get_text()

    (email,) = mail.outbox
    assert email.subject == f"New callback request {callback.reference}"
    assert "A patient has asked us to call them back." in email.body
    for detail in ("Ada Patient", "0143", "My back hurts", "Spanish", "español"):
        assert detail not in email.subject + email.body

    client.force_login(make_staff("Front desk"))
    listing = client.get("/admin/appointments/callbackrequest/").content.decode()
    assert "Spanish" in listing


@pytest.mark.django_db
def test_a_patient_on_the_spanish_form_can_still_ask_for_english(client, valid_post):
    post_spanish(client, {**valid_post, "language": Language.ENGLISH})
    assert CallbackRequest.objects.get().language == Language.ENGLISH
