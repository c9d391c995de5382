"""Production settings, served by gunicorn: HTTPS only, security headers, quiet logs."""

import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.test import RequestFactory

from core.security import client_address
from tests.servers import BASE_DIR, free_port, fresh_database, gunicorn, manage, server_env

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "production-test-" + "k" * 50,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_COOKIES": "1",
    "DJANGO_TRUSTED_PROXY_COUNT": "1",
}


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, headers: dict | None = None):
    """Status, headers and body, without following redirects or raising on errors."""
    opener = urllib.request.build_opener(NoRedirects)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


VIA_HTTPS_PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    with fresh_database(tmp_path_factory.mktemp("production")) as database_url:
        env = server_env(database_url, **PRODUCTION)
        manage(env, "migrate", "--noinput")
        manage(env, "import_content")
        with gunicorn(env, workers=2, ready_path="/robots.txt") as base:
            yield base


PAGES = {
    "public page": "/procedures/kyphoplasty/",
    "admin page": "/admin/login/",
    "error page": "/no-such-page/",
}


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_security_headers_on_every_kind_of_page(production, page):
    status, headers, body = fetch(production + PAGES[page], VIA_HTTPS_PROXY)
    assert status == (404 if page == "error page" else 200)
    assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    permissions = headers["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]:
        assert feature in permissions
    policy = dict(
        (part.split(" ", 1) + [""])[:2] for part in headers["Content-Security-Policy"].split("; ")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in headers["Content-Security-Policy"]
    if page == "admin page":
        assert policy["style-src"] == "'self' 'unsafe-inline'"
    else:
        assert policy["style-src"] == "'self'"
        assert "(555) 010-0199" in body


@pytest.mark.slow
def test_plain_http_is_sent_to_https(production):
    status, headers, _ = fetch(production + "/procedures/")
    assert status == 301
    assert headers["Location"] == production.replace("http:", "https:") + "/procedures/"


@pytest.mark.slow
def test_cookies_are_secure_and_hidden_from_scripts(production):
    _, headers, _ = fetch(production + "/admin/login/", VIA_HTTPS_PROXY)
    cookie = headers["Set-Cookie"]
    assert "csrftoken=" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie


@pytest.mark.slow
def test_deploy_check_is_clean_with_production_settings():
    env = {**os.environ, **PRODUCTION}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.slow
def test_access_log_leaves_out_query_strings(tmp_path):
    log = tmp_path / "access.log"
    with fresh_database(tmp_path) as database_url:
        env = server_env(database_url, GUNICORN_ACCESS_LOG=str(log))
        manage(env, "migrate", "--noinput")
        with gunicorn(env, workers=1) as base:
            fetch(base + "/request-callback/?procedure=kyphoplasty&name=Ada+Patient")
    text = log.read_text()
    assert '"GET /request-callback/ HTTP/1.1" 200' in text
    assert "Ada" not in text and "kyphoplasty" not in text


@pytest.mark.slow
def test_database_down_gives_503_health_and_the_friendly_error_page(tmp_path):
    unreachable = f"postgres://postgres@127.0.0.1:{free_port()}/nothing"
    env = server_env(unreachable, **PRODUCTION)
    with gunicorn(env, workers=1, ready_path="/robots.txt") as base:
        status, _, body = fetch(base + "/healthz", VIA_HTTPS_PROXY)
        assert (status, body.splitlines()[0]) == (503, "database: unavailable")
        status, _, body = fetch(base + "/procedures/", VIA_HTTPS_PROXY)
    assert status == 500
    assert "Sorry, something went wrong" in body
    assert "(555) 010-0199" in body
    assert "Traceback" not in body and "OperationalError" not in body


# Whose address is it? The rate limit and the sign-in lockout both ask.


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.1"),  # no trusted proxy: the header is ignored
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the client wrote 6.6.6.6 itself
        (2, "6.6.6.6, 1.2.3.4, 172.16.0.2", "1.2.3.4"),
        (2, "1.2.3.4", "10.0.0.1"),  # fewer entries than proxies: not to be trusted
    ],
)
def test_client_address_trusts_only_our_own_proxies(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_address(request) == expected


@pytest.mark.parametrize("remote", ["198.51.100.7", "10.0.0.1", "not-an-address", ""])
def test_a_client_that_is_not_our_proxy_cannot_choose_its_address(settings, remote):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_address(request) == remote


def test_trusted_proxies_default_to_this_machine_only():
    assert settings.TRUSTED_PROXIES == ["127.0.0.1", "::1"]


@pytest.mark.slow
def test_media_can_go_to_s3_compatible_storage():
    env = {
        **os.environ,
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "pictures",
        "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
        "DJANGO_SERVE_MEDIA": "0",
    }
    code = (
        "from django.conf import settings; from django.core.files.storage import storages; "
        "media = storages['default']; print(type(media).__name__, media.bucket_name); "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    storage, images = result.stdout.splitlines()
    assert storage == "S3Storage pictures"
    assert images == "[\"'self'\", 'https://objects.example.net']"


@pytest.mark.parametrize("package", ["storages", "boto3"])
def test_s3_media_without_the_s3_extra_stops_start_up_and_says_what_to_install(package):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "pictures",
    }
    # As if the package were not installed: an import of it fails, and nothing finds it.
    code = f"import sys; sys.modules[{package!r}] = None; from django.conf import settings; "
    code += "settings.STORAGES"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "pip install --require-hashes -r requirements-s3.txt" in result.stderr


def test_an_unknown_media_storage_stops_start_up():
    env = {**os.environ, "MEDIA_STORAGE": "S4"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "MEDIA_STORAGE=S4 is not local or s3." in result.stderr
