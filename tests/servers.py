"""Real servers for tests that need real HTTP: a fresh database and gunicorn processes."""

import contextlib
import http.client
import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


# A valid callback request, as a patient would fill it in.
FORM = {
    "full_name": "Test Patient",
    "phone": "(202) 555-0143",
    "contact_time": "any",
    "procedure": "",
    "has_referral": "not_sure",
    "has_imaging": "no",
    "message": "",
    "consent": "on",
    "website": "",
}


class Patient:
    """One browser: its own cookies, so its own CSRF token and session.

    `headers` go with every request, e.g. X-Forwarded-For as a trusted proxy would add it.
    """

    def __init__(self, base: str, headers: dict | None = None):
        self.base = base
        self.headers = headers or {}
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(url, headers=self.headers))

    def open_form(self, path: str = "/request-callback/", fields: dict | None = None) -> bytes:
        """Fetch a form page; return the body to post back: `fields` plus its CSRF token."""
        _, page = self.get(self.base + path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        return urllib.parse.urlencode({**(fields or FORM), "csrfmiddlewaretoken": token}).encode()

    def send(
        self, body: bytes, path: str = "/request-callback/", base: str = ""
    ) -> tuple[int, str]:
        """Post to `path` (on `base`, or this patient's server); redirects are followed."""
        url = (base or self.base) + path
        return self._open(
            urllib.request.Request(url, data=body, headers={**self.headers, "Referer": url})
        )

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def fresh_database(tmp_path: Path):
    """A new, empty database of the kind the tests run on; yields its DATABASE_URL."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    import psycopg

    db = settings.DATABASES["default"]
    server = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    name = f"ir_server_test_{secrets.token_hex(4)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(database_url: str, **extra: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "server-test-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(settings.STATIC_ROOT),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # Plain HTTP on loopback: no redirect to HTTPS, and cookies that HTTP clients return.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        **extra,
    }


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@contextlib.contextmanager
def gunicorn(env: dict, *, workers: int = 4, ready_path: str = "/healthz"):
    """The project's gunicorn.conf.py serving the site on a free loopback port; yields its URL."""
    port = free_port()
    # A file, not a pipe, takes the server's log: a full pipe would stall the server.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--workers", str(workers)],
            cwd=BASE_DIR,
            env={"GUNICORN_ACCESS_LOG": "", **env, "PORT": str(port)},
            stdout=log,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base + ready_path, process, log)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_until_up(url: str, process: subprocess.Popen, log) -> None:
    """Wait until the server answers `url` with anything but a server error (redirects count)."""
    parts = urllib.parse.urlsplit(url)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn exited: {log.read().decode()[-2000:]}")
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
            connection.request("GET", parts.path)
            if connection.getresponse().status < 500:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start within 30 seconds")
