"""Two app servers sharing one database and one Redis, as a hosting platform runs them."""

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.servers import Patient, fresh_database, gunicorn, manage, server_env

PASSWORD = "two-servers-password-42"


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
        manage({**env, "STAFF_USER_PASSWORD": PASSWORD}, "create_staff_user", "desk",
               "--role", "front-desk")  # fmt: skip
        with gunicorn(env, workers=2) as first, gunicorn(env, workers=2) as second:
            yield first, second, env


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
    engine, database_sessions = manage(env, "shell", "--no-imports", "-c", (
        "from django.conf import settings; from django.contrib.sessions.models import Session; "
        "print(settings.SESSION_ENGINE, Session.objects.count())"
    )).split()  # fmt: skip
    assert (engine, database_sessions) == ("django.contrib.sessions.backends.cache", "0")


def test_the_rate_limit_counts_across_both_servers(two_servers):
    first, second, _ = two_servers
    patient = Patient(first, headers={"X-Forwarded-For": "203.0.113.77"})
    statuses = [
        patient.send(patient.open_form(), base=server)[0]
        for server in [first, second, first, second, first, second]
    ]
    assert statuses == [200, 200, 200, 429, 429, 429]


def test_requests_sent_to_both_at_once_are_all_saved(two_servers):
    first, second, env = two_servers
    count = 40
    barrier = threading.Barrier(count)

    def send(number: int) -> str:
        server = (first, second)[number % 2]
        patient = Patient(server, headers={"X-Forwarded-For": f"192.0.2.{number + 1}"})
        body = patient.open_form()
        barrier.wait(timeout=60)
        status, page = patient.send(body)
        assert status == 200, status
        return page.split("<strong>")[1].split("</strong>")[0]

    with ThreadPoolExecutor(max_workers=count) as pool:
        references = list(pool.map(send, range(count)))
    saved = manage(env, "shell", "--no-imports", "-c", (
        "from appointments.models import CallbackRequest as C; "
        f"print(C.objects.filter(reference__in={references!r}).count())"
    ))  # fmt: skip
    assert len(set(references)) == count
    assert int(saved) == count
