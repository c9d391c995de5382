"""Two app servers of two workers each, sharing one database and one Redis, as a hosting
platform runs them: one sign-in, one rate limit, and nothing lost when patients send at once."""

import json
import re
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.servers import FORM, Patient, fresh_database, gunicorn, manage, server_env

pytestmark = pytest.mark.slow

PASSWORD = "two-servers-password-42"
SIMULTANEOUS = 50


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    with fresh_database(tmp_path_factory.mktemp("two")) as database_url:
        env = server_env(
            database_url,
            REDIS_URL="redis://127.0.0.1:6379/0",
            CALLBACK_RATE_LIMIT="3/h",
            DJANGO_TRUSTED_PROXY_COUNT="1",
            FRONT_DESK_EMAIL="",
            # A fresh key gives this run its own sessions and counters in the shared Redis.
            DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        )
        manage(env, "migrate", "--noinput")
        manage(
            {**env, "STAFF_USER_PASSWORD": PASSWORD},
            "create_staff_user",
            "desk",
            "--role",
            "front-desk",
        )
        with gunicorn(env, workers=2) as first, gunicorn(env, workers=2) as second:
            yield first, second, env


def saved_references(env: dict, **filters) -> list[str]:
    """The references of the callback requests in the database that match `filters`."""
    return json.loads(
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            (
                "import json; from appointments.models import CallbackRequest as C; "
                f"print(json.dumps(list(C.objects.filter(**{filters!r})"
                ".values_list('reference', flat=True))))"
            ),
        )
    )


def test_a_staff_sign_in_on_one_server_works_on_the_other(two_servers):
    first, second, env = two_servers
    staff = Patient(first, headers={"X-Forwarded-For": "198.51.100.20"})
    login = {"username": "desk", "password": PASSWORD, "next": "/admin/"}
    status, page = staff.send(staff.open_form("/admin/login/", login), path="/admin/login/")
    assert status == 200 and "Callback requests" in page

    status, page = staff.get(second + "/admin/appointments/callbackrequest/")
    assert status == 200
    assert "Select callback request to change" in page
    # The session lives in Redis, not in the database.
    engine, database_sessions = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        (
            "from django.conf import settings; from django.contrib.sessions.models import Session; "
            "print(settings.SESSION_ENGINE, Session.objects.count())"
        ),
    ).split()
    assert (engine, database_sessions) == ("django.contrib.sessions.backends.cache", "0")


def test_the_rate_limit_counts_across_every_worker_of_both_servers(two_servers):
    first, second, env = two_servers
    patient = Patient(first, headers={"X-Forwarded-For": "203.0.113.77"})
    fields = {**FORM, "full_name": "Limited Patient"}
    statuses = [
        patient.send(patient.open_form(fields=fields), base=server)[0]
        for server in [first, second, first, second, first, second, first, second]
    ]
    assert statuses == [200, 200, 200, 429, 429, 429, 429, 429]
    assert len(saved_references(env, full_name="Limited Patient")) == 3


def test_patients_sending_at_the_same_moment_are_all_saved_with_distinct_references(
    two_servers,
):
    first, second, env = two_servers
    barrier = threading.Barrier(SIMULTANEOUS)

    def send(number: int) -> str:
        """Fetch the form, wait for every other patient, post, return the reference shown."""
        server = (first, second)[number % 2]
        patient = Patient(server, headers={"X-Forwarded-For": f"192.0.2.{number + 1}"})
        body = patient.open_form()
        barrier.wait(timeout=60)
        status, page = patient.send(body)
        assert status == 200, status
        return re.search(r"<strong>(CB-[A-Z0-9]{6})</strong>", page)[1]

    with ThreadPoolExecutor(max_workers=SIMULTANEOUS) as pool:
        shown = list(pool.map(send, range(SIMULTANEOUS)))
    assert len(set(shown)) == SIMULTANEOUS
    assert sorted(saved_references(env, reference__in=shown)) == sorted(shown)


def test_without_redis_the_limit_counts_across_workers_and_outlives_a_restart(tmp_path):
    with fresh_database(tmp_path) as database_url:
        env = server_env(
            database_url,
            REDIS_URL="",
            PAGE_CACHE_REDIS_URL="",
            CALLBACK_RATE_LIMIT="3/h",
            DJANGO_TRUSTED_PROXY_COUNT="1",
            FRONT_DESK_EMAIL="",
        )
        manage(env, "migrate", "--noinput")
        fields = {**FORM, "full_name": "No Redis Patient"}
        with gunicorn(env, workers=2) as server:
            patient = Patient(server, headers={"X-Forwarded-For": "203.0.113.78"})
            statuses = [patient.send(patient.open_form(fields=fields))[0] for _ in range(8)]
        with gunicorn(env, workers=2) as restarted:
            patient = Patient(restarted, headers={"X-Forwarded-For": "203.0.113.78"})
            after_restart = patient.send(patient.open_form(fields=fields))[0]
        assert statuses == [200, 200, 200, 429, 429, 429, 429, 429]
        assert after_restart == 429
        assert len(saved_references(env, full_name="No Redis Patient")) == 3
