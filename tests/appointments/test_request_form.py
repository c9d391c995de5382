import logging
import re
import socket
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core import mail
from django.test import Client
from django.urls import reverse

from appointments.models import CallbackRequest
from tests.factories import make_procedure, post_form

FORM_URL = "/request-callback/"
PERSONAL = ["Ada Patient", "202", "0143", "My back hurts", "Vertebroplasty"]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_valid_request_is_saved_confirmed_and_announced_without_personal_data(
    client, valid_post, django_capture_on_commit_callbacks
):
    procedure = make_procedure(slug="vertebroplasty", title="Vertebroplasty")
    valid_post["procedure"] = "vertebroplasty"
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(client, valid_post)
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:sent")

    callback = CallbackRequest.objects.get()
    assert callback.phone == "+12025550143"
    assert callback.procedure == procedure
    assert callback.status == "new"
    assert re.fullmatch(r"CB-[2-9A-HJKMNP-TV-Z]{6}", callback.reference)

    page = client.get(response["Location"]).content.decode()
    assert callback.reference in page
    assert "within one business day" in page

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert callback.reference in email.subject
    assert f"/admin/appointments/callbackrequest/{callback.pk}/change/" in email.body
    for detail in PERSONAL:
        assert detail not in email.subject + email.body, detail


@pytest.mark.django_db
def test_front_desk_is_emailed_only_after_the_request_is_committed(
    client, valid_post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_form(client, valid_post)
    assert CallbackRequest.objects.count() == 1
    assert not mail.outbox
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_phone_extension_is_kept(client, valid_post):
    post_form(client, {**valid_post, "phone": "202 555 0143 ext 5"})
    assert CallbackRequest.objects.get().phone == "+12025550143;ext=5"


@pytest.mark.django_db
def test_confirmation_is_only_shown_to_the_browser_that_sent_the_request(client, valid_post):
    post_form(client, valid_post)
    reference = CallbackRequest.objects.get().reference
    other = Client()
    response = other.get(reverse("appointments:sent"))
    assert response.status_code == 302
    assert reference not in other.get(FORM_URL).content.decode()


@pytest.mark.django_db
def test_treatment_is_preselected_from_the_address(client):
    make_procedure(slug="kyphoplasty", title="Kyphoplasty")
    page = soup(client.get(FORM_URL, {"procedure": "kyphoplasty"}))
    assert page.select_one("#id_procedure option[selected]")["value"] == "kyphoplasty"


@pytest.mark.django_db
def test_form_says_when_we_will_call(client, settings):
    settings.CALLBACK_RESPONSE_TIME = "within two hours"
    lead = soup(client.get(FORM_URL)).select_one(".lead").get_text()
    assert "call you back within two hours." in lead


@pytest.mark.django_db
def test_form_warns_that_a_callback_is_not_for_emergencies(client):
    page = soup(client.get(FORM_URL))
    warning = page.select_one(".care-summary")
    assert "not for emergencies" in warning.get_text()
    assert warning.select_one('a[href="tel:911"]')
    form = page.select_one("form.callback-form")
    assert warning.find_all_next("form")[0] is form


@pytest.mark.django_db
def test_form_fields_have_labels_and_autocomplete(client):
    page = soup(client.get(FORM_URL))
    for name, autocomplete in [("full_name", "name"), ("phone", "tel"), ("email", "email")]:
        field = page.select_one(f"#id_{name}")
        assert field["autocomplete"] == autocomplete
        assert page.select_one(f'label[for="id_{name}"]').get_text(strip=True)
    for name in ["language_other", "needs_interpreter", "message", "procedure"]:
        assert page.select_one(f'label[for="id_{name}"]').get_text(strip=True), name
    groups = [
        "contact_days",
        "contact_time",
        "language",
        "contact_needs",
        "has_referral",
        "has_imaging",
    ]
    for name in groups:
        fieldset = page.select_one(f"#id_{name}_0").find_parent("fieldset")
        assert fieldset.legend.get_text(strip=True), name
        for choice in fieldset.select("input"):
            assert page.select_one(f'label[for="{choice["id"]}"]').get_text(strip=True)
    consent = page.select_one('label[for="id_consent"]')
    assert consent.select_one('a[href="/privacy/"]')
    assert "date of birth" not in page.get_text().lower()


INVALID = {
    "full_name": ("", "Enter your full name"),
    "phone": ("12345", "Enter a phone number we can call"),
    "email": ("not-an-email", "Enter an email address like name@example.com"),
    "contact_days": (["sat"], "Select a valid choice"),
    "contact_time": ("evening", "Select a valid choice"),
    "language": ("fr", "Select a valid choice"),
    "language_other": ("x" * 41, "in 40 letters or fewer"),
    "contact_needs": (["fax"], "Select a valid choice"),
    "has_referral": ("maybe", "Select a valid choice"),
    "has_imaging": ("perhaps", "Select a valid choice"),
    "procedure": ("acupuncture", "Select a valid choice"),
    "message": ("x" * 1001, "Your message is too long"),
    "consent": ("", "Tick the box to agree"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("field", INVALID)
def test_invalid_field_saves_nothing_and_explains_next_to_the_field(
    client, valid_post, field, django_capture_on_commit_callbacks
):
    value, message = INVALID[field]
    valid_post[field] = value
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(client, valid_post)
    assert response.status_code == 200
    assert not CallbackRequest.objects.exists()
    assert not mail.outbox
    page = soup(response)
    error = page.select_one(f"#id_{field}_error")
    assert message in error.get_text()
    summary_links = [a["href"] for a in page.select(".error-summary a")]
    assert summary_links and summary_links[0].startswith(f"#id_{field}")
    assert page.title.get_text().startswith("Error:")


@pytest.mark.django_db
def test_email_is_needed_when_the_patient_would_rather_be_emailed(client, valid_post):
    valid_post["contact_needs"] = ["prefers_email"]
    response = post_form(client, valid_post)
    assert response.status_code == 200
    error = soup(response).select_one("#id_email_error").get_text()
    assert "Enter your email address, or clear the box" in error
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_errors_are_tied_to_their_fields_for_screen_readers(client, valid_post):
    valid_post["phone"] = "nope"
    page = soup(post_form(client, valid_post))
    phone = page.select_one("#id_phone")
    assert phone["aria-invalid"] == "true"
    assert "id_phone_error" in phone["aria-describedby"].split()
    assert page.select_one("#id_phone_error")


@pytest.mark.django_db
def test_honeypot_submission_is_thanked_and_dropped(client, valid_post):
    valid_post["website"] = "http://spam.example"
    response = post_form(client, valid_post)
    assert response.status_code == 200
    assert not CallbackRequest.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_honeypot_is_hidden_from_people_and_screen_readers(client):
    page = soup(client.get(FORM_URL))
    honeypot = page.select_one("#id_website").find_parent(class_="honeypot")
    assert honeypot is not None
    stylesheet = Path(finders.find("css/site.css")).read_text()
    assert ".honeypot { display: none; }" in stylesheet


@pytest.mark.django_db
def test_rate_limit_answers_429_with_the_phone_number_and_saves_nothing(
    client, valid_post, settings
):
    settings.CALLBACK_RATE_LIMIT = "2/h"
    settings.PRACTICE_PHONE = "(555) 010-0123"
    assert post_form(client, valid_post).status_code == 302
    assert post_form(client, valid_post).status_code == 302
    response = post_form(client, valid_post)
    assert response.status_code == 429
    assert "(555) 010-0123" in response.content.decode()
    assert CallbackRequest.objects.count() == 2


@pytest.mark.django_db
def test_rate_limit_is_per_client_address(client, valid_post, settings):
    settings.CALLBACK_RATE_LIMIT = "1/h"
    assert post_form(client, valid_post, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert post_form(client, valid_post, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert post_form(client, valid_post, REMOTE_ADDR="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_rate_limit_of_zero_turns_it_off(client, valid_post, settings):
    settings.CALLBACK_RATE_LIMIT = "0"
    for _ in range(8):
        assert post_form(client, valid_post).status_code == 302
    assert CallbackRequest.objects.count() == 8


@pytest.mark.django_db
def test_invalid_posts_do_not_use_up_the_limit(client, valid_post, settings):
    settings.CALLBACK_RATE_LIMIT = "1/h"
    for _ in range(3):
        post_form(client, {**valid_post, "phone": "nope"})
    assert post_form(client, valid_post).status_code == 302


@pytest.mark.django_db
def test_csrf_protection_is_on(valid_post):
    client = Client(enforce_csrf_checks=True)
    assert post_form(client, valid_post).status_code == 403
    assert not CallbackRequest.objects.exists()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_request_is_kept_when_the_mail_server_is_down(
    client, valid_post, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        response = post_form(client, valid_post)
    assert response.status_code == 302
    callback = CallbackRequest.objects.get()
    assert (
        f"Could not e-mail the front desk about callback request {callback.reference}"
        in caplog.text
    )
    for detail in ["Ada Patient", "2025550143", "My back hurts"]:
        assert detail not in caplog.text


@pytest.mark.django_db
def test_no_personal_data_reaches_the_logs(
    client, valid_post, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        post_form(client, valid_post)
        post_form(client, {**valid_post, "phone": "bad"})
    for detail in ["Ada Patient", "2025550143", "555-0143", "My back hurts"]:
        assert detail not in caplog.text


@pytest.mark.django_db
def test_procedure_pages_link_to_the_form_with_their_treatment(client):
    procedure = make_procedure(slug="sacroplasty", title="Sacroplasty")
    page = soup(client.get(procedure.get_absolute_url()))
    assert page.select_one('a[href="/request-callback/?procedure=sacroplasty"]')
