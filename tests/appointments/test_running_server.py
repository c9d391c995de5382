"""The callback form against a real gunicorn: nothing lost, and one limit for all workers."""

import json
import re
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

from tests.servers import Patient, fresh_database, gunicorn, manage, server_env

SIMULTANEOUS = 50


def _send_when_all_are_ready(base: str, barrier: threading.Barrier) -> str:
    """Fetch the form, wait for every other patient, post, return the reference shown."""
    patient = Patient(base)
    body = patient.open_form()
    barrier.wait(timeout=60)
    status, page = patient.send(body)
    assert status == 200, status
    return re.search(r"<strong>(CB-[A-Z0-9]{6})</strong>", page)[1]


def _saved_references(env: dict) -> list[str]:
    return json.loads(
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "import json; from appointments.models import CallbackRequest as C; "
            "print(json.dumps(list(C.objects.values_list('reference', flat=True))))",
        )  # fmt: skip
    )


def test_fifty_simultaneous_requests_are_all_saved_with_distinct_references(tmp_path):
    with fresh_database(tmp_path) as database_url:
        env = server_env(database_url, CALLBACK_RATE_LIMIT="0", FRONT_DESK_EMAIL="")
        manage(env, "migrate", "--noinput")
        with gunicorn(env, workers=4) as base:
            barrier = threading.Barrier(SIMULTANEOUS)
            with ThreadPoolExecutor(max_workers=SIMULTANEOUS) as pool:
                futures = [
                    pool.submit(_send_when_all_are_ready, base, barrier)
                    for _ in range(SIMULTANEOUS)
                ]
                shown = [future.result() for future in futures]
        saved = _saved_references(env)
    assert len(saved) == SIMULTANEOUS
    assert len(set(saved)) == SIMULTANEOUS
    assert sorted(shown) == sorted(saved)


def test_rate_limit_counts_across_gunicorn_workers_with_redis(tmp_path):
    """Four worker processes, one count: the limit lives in Redis, not in a worker."""
    with fresh_database(tmp_path) as database_url:
        env = server_env(
            database_url,
            CALLBACK_RATE_LIMIT="3/h",
            REDIS_URL="redis://127.0.0.1:6379/0",
            FRONT_DESK_EMAIL="",
            # A fresh key gives this run its own counters in the shared Redis.
            DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        )
        manage(env, "migrate", "--noinput")
        with gunicorn(env, workers=4) as base:
            patient = Patient(base)
            statuses = [patient.send(patient.open_form())[0] for _ in range(8)]
        saved = _saved_references(env)
    assert statuses == [200, 200, 200, 429, 429, 429, 429, 429]
    assert len(saved) == 3
