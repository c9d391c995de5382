"""What a client may send and claim: body size and type, its own address, the e-mail's link."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from appointments.models import CallbackRequest
from core.roles import CONTENT_EDITOR
from tests.factories import make_staff, post_form
from tests.servers import BASE_DIR

FORM_URL = "/request-callback/"
LOGIN = reverse("admin:login")


@pytest.mark.django_db
def test_a_file_sent_to_the_public_form_is_refused_unread(client, valid_post, monkeypatch):
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", _must_not_write)
    upload = SimpleUploadedFile("big.bin", b"x" * 3_000_000)
    response = client.post(FORM_URL, {**valid_post, "attachment": upload})
    assert response.status_code == 413
    assert "Sorry, we could not read that" in response.content.decode()
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_a_small_multipart_post_to_the_public_form_is_refused(client, valid_post):
    response = client.post(FORM_URL, valid_post)  # the test client sends multipart
    assert response.status_code == 415
    assert "Sorry, we could not read that" in response.content.decode()
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_a_body_over_the_public_limit_is_refused_before_it_is_read(client, settings):
    settings.PUBLIC_POST_MAX_BYTES = 100
    response = client.post(
        FORM_URL, "message=" + "x" * 200, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "Sorry, we could not read that" in response.content.decode()
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_staff_can_still_upload_pictures(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_staff(CONTENT_EDITOR.group))
    from tests.procedures.test_images import picture

    upload = SimpleUploadedFile("scan.png", picture("PNG"), content_type="image/png")
    response = client.post(reverse("markdownx_upload"), {"image": upload})
    assert response.status_code == 200
    assert "image_code" in response.json()


@pytest.mark.django_db
def test_a_direct_client_cannot_dodge_the_lockout_with_forwarded_addresses(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    User.objects.create_user("frontdesk", password="correct-horse-battery-staple-7", is_staff=True)
    statuses = [
        client.post(
            LOGIN,
            {"username": "frontdesk", "password": "wrong", "next": "/admin/"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        ).status_code
        for number in range(6)
    ]
    assert statuses[-2:] == [429, 429]
    response = client.post(
        LOGIN,
        {"username": "frontdesk", "password": "correct-horse-battery-staple-7"},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session  # the right password did not sign in


@pytest.mark.django_db
def test_a_direct_client_cannot_dodge_the_callback_limit(client, settings, valid_post):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CALLBACK_RATE_LIMIT = "5/h"
    statuses = [
        post_form(
            client,
            valid_post,
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        ).status_code
        for number in range(8)
    ]
    assert statuses == [302] * 5 + [429] * 3
    assert CallbackRequest.objects.count() == 5


@pytest.mark.django_db
def test_the_e_mail_link_uses_site_url_not_the_request_host(
    client, settings, valid_post, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://www.example-practice.org"
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(client, valid_post, HTTP_HOST="evil.example")
    assert response.status_code == 302
    assert "https://www.example-practice.org/admin/appointments/" in mail.outbox[0].body
    assert "evil.example" not in mail.outbox[0].body


def production_settings(*names: str, **env: str) -> list[str]:
    """The named settings as a production server started with `env` would have them."""
    environ = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "www.example-practice.org",
    }
    for name in ("DJANGO_SERVE_MEDIA", "SITE_URL", "PAGE_CACHE_SECONDS", "REDIS_URL"):
        environ.pop(name, None)
    code = f"from django.conf import settings; print(*(getattr(settings, n) for n in {names}))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env={**environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


@pytest.mark.slow
def test_production_defaults_serve_no_media_and_derive_site_url():
    assert production_settings("SERVE_MEDIA", "SITE_URL") == [
        "False",
        "https://www.example-practice.org",
    ]


@pytest.mark.slow
def test_production_keeps_pages_with_or_without_redis():
    assert production_settings("PAGE_CACHE_SECONDS") == ["86400"]
    with_redis = production_settings("PAGE_CACHE_SECONDS", REDIS_URL="redis://127.0.0.1:6379/5")
    assert with_redis == ["86400"]


def test_gunicorn_runs_without_a_shared_control_socket():
    config = {}
    exec(Path(BASE_DIR / "gunicorn.conf.py").read_text(), config)
    assert config["control_socket_disable"] is True
    from gunicorn.config import Config

    assert "control_socket_disable" in Config().settings


def _must_not_write(*args, **kwargs):
    raise AssertionError("the upload was written to disk")
