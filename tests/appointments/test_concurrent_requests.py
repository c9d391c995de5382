"""No request is lost when many patients send the form at the same moment."""

import http.cookiejar
import json
import re
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tests.servers import fresh_database, gunicorn, manage, server_env

SIMULTANEOUS = 50
FORM = {
    "full_name": "Test Patient",
    "phone": "(202) 555-0143",
    "contact_method": "phone",
    "contact_time": "any",
    "procedure": "",
    "has_referral": "not_sure",
    "has_imaging": "no",
    "message": "",
    "consent": "on",
    "website": "",
}


def _send_when_all_are_ready(base: str, barrier: threading.Barrier) -> str:
    """Fetch the form, wait for every other patient, post, return the reference shown."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    form_page = opener.open(f"{base}/request-callback/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page)[1]
    body = urllib.parse.urlencode({**FORM, "csrfmiddlewaretoken": token}).encode()
    barrier.wait(timeout=60)
    request = urllib.request.Request(
        f"{base}/request-callback/", data=body, headers={"Referer": f"{base}/request-callback/"}
    )
    confirmation = opener.open(request, timeout=120).read().decode()
    return re.search(r"<strong>(CB-[A-Z0-9]{6})</strong>", confirmation)[1]


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
        saved = json.loads(
            manage(
                env,
                "shell",
                "--no-imports",
                "-c",
                "import json; from appointments.models import CallbackRequest as C; "
                "print(json.dumps(list(C.objects.values_list('reference', flat=True))))",
            )  # fmt: skip
        )
    assert len(saved) == SIMULTANEOUS
    assert len(set(saved)) == SIMULTANEOUS
    assert sorted(shown) == sorted(saved)
