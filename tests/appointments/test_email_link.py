"""The front desk's e-mail links to the request on the address the site is served on, unless
SITE_URL says otherwise, and still holds nothing about the patient."""

import pytest
from django.core import mail

from appointments.models import CallbackRequest
from tests.factories import post_form
from tests.servers import FORM, Patient, fresh_database, gunicorn, manage, server_env

PERSONAL = ["Ada Patient", "202", "0143", "My back hurts"]


def _change_path(callback) -> str:
    return f"/admin/appointments/callbackrequest/{callback.pk}/change/"


@pytest.fixture
def served_on_8871(settings):
    """`PORT=8871 make run`: debugging, no SITE_URL, the site reached on 127.0.0.1:8871."""
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    return {"HTTP_HOST": "127.0.0.1:8871"}


@pytest.mark.django_db
def test_without_site_url_the_link_uses_the_address_the_form_came_in_on(
    client, valid_post, served_on_8871, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(client, valid_post, **served_on_8871)
    assert response.status_code == 302
    callback = CallbackRequest.objects.get()
    (email,) = mail.outbox
    assert f"http://127.0.0.1:8871{_change_path(callback)}\n" in email.body
    assert ":8000" not in email.body
    for detail in PERSONAL:
        assert detail not in email.subject + email.body, detail


@pytest.mark.django_db
def test_an_explicit_site_url_wins_over_the_address_served_on(
    client, settings, valid_post, served_on_8871, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://www.example-practice.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(client, valid_post, **served_on_8871)
    assert response.status_code == 302
    callback = CallbackRequest.objects.get()
    assert f"https://www.example-practice.org{_change_path(callback)}" in mail.outbox[0].body
    assert "8871" not in mail.outbox[0].body


@pytest.mark.django_db
def test_a_host_the_site_does_not_serve_gets_no_request_and_no_link(
    client, valid_post, served_on_8871, django_capture_on_commit_callbacks
):
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(client, valid_post, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not CallbackRequest.objects.exists()
    assert not mail.outbox


@pytest.mark.slow
@pytest.mark.django_db
def test_make_run_on_another_port_mails_links_to_that_port(tmp_path):
    """As `PORT=… make run` serves the site: gunicorn.conf.py, debugging on, no SITE_URL."""
    outbox = tmp_path / "mail"
    with fresh_database(tmp_path) as database_url:
        env = server_env(
            database_url,
            DJANGO_DEBUG="1",
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            DJANGO_EMAIL_FILE_PATH=str(outbox),
        )
        env.pop("SITE_URL", None)
        manage(env, "migrate", "--noinput")
        with gunicorn(env, workers=1) as base:
            patient = Patient(base)
            status, _ = patient.send(patient.open_form(fields=FORM))
    assert status == 200
    (message,) = [path.read_text() for path in outbox.iterdir()]
    assert f"Open it here (staff sign-in needed): {base}/admin/appointments/" in message
    assert "Test Patient" not in message
