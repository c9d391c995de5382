"""With Redis unreachable: patients' callbacks and feedback are still saved, staff get a
friendly page instead of a 500, and the health check says which service is down."""

import logging

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import reverse

from appointments.models import CallbackRequest
from feedback.models import PageFeedback
from tests.factories import make_procedure, post_form
from tests.servers import free_port

WORKING_REDIS = "redis://127.0.0.1:6379/14"


def redis_cache(url: str) -> dict:
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}


def caches_at(url: str, pages_url: str | None = None) -> override_settings:
    """Sessions, limits and the page cache in the Redis at `url`, as with REDIS_URL set."""
    return override_settings(
        CACHES={"default": redis_cache(url), "pages": redis_cache(pages_url or url)},
        SESSION_ENGINE="django.contrib.sessions.backends.cache",
    )


@pytest.fixture
def redis_down():
    with caches_at(f"redis://127.0.0.1:{free_port()}/0"):
        yield


@pytest.mark.django_db
def test_health_lists_each_service_and_is_ok_when_all_answer(client):
    with caches_at(WORKING_REDIS):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content.decode() == (
        "database: ok\nredis (sessions and limits): ok\nredis (page cache): ok\n"
    )


@pytest.mark.django_db
def test_health_is_503_and_names_the_redis_that_is_down(client):
    with caches_at(WORKING_REDIS, pages_url=f"redis://127.0.0.1:{free_port()}/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content.decode() == (
        "database: ok\nredis (sessions and limits): ok\nredis (page cache): unavailable\n"
    )


@pytest.mark.django_db
def test_health_without_redis_checks_only_the_database(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"database: ok\n")


@pytest.mark.django_db
def test_a_callback_is_saved_and_confirmed_when_redis_is_down(
    client, redis_down, valid_post, caplog
):
    with caplog.at_level(logging.ERROR):
        response = post_form(client, valid_post)
    assert response.status_code == 200
    saved = CallbackRequest.objects.get()
    assert saved.full_name == valid_post["full_name"]
    assert saved.reference in response.content.decode()
    assert "Rate limit CALLBACK_RATE_LIMIT not counted" in caplog.text
    assert "without a session" in caplog.text
    assert valid_post["full_name"] not in caplog.text


@pytest.mark.django_db
def test_feedback_is_kept_when_redis_is_down(client):
    procedure = make_procedure()
    with caches_at(f"redis://127.0.0.1:{free_port()}/0"):
        response = client.post(
            "/feedback/",
            f"page=procedure:{procedure.pk}&helpful=yes",
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code == 200
    assert PageFeedback.objects.get().helpful is True


@pytest.mark.django_db
def test_signing_in_when_redis_is_down_is_a_friendly_page_not_a_500(client, redis_down):
    client.raise_request_exception = False  # answer as the server would
    User.objects.create_user("editor", password="a-long-password-1", is_staff=True)
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": "a-long-password-1"}
    )
    assert response.status_code == 503
    page = response.content.decode()
    assert "signing in will work again as soon as it is back" in page
    assert settings.PRACTICE_PHONE in page
    assert "Traceback" not in page and "ConnectionError" not in page
