"""Browser tests: Playwright drives the system's Chromium against a real gunicorn.

The site runs with production settings on a fresh database holding the starter
content, so pages are served exactly as patients get them (compressed static files,
friendly error pages). The test process itself never touches the database (setup goes
through manage.py), so Playwright's event loop never meets Django's ORM and
DJANGO_ALLOW_ASYNC_UNSAFE is not needed. Playwright lives only while this package runs.
"""

import os
import shutil
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from core.roles import CLINICAL_REVIEWER, CONTENT_EDITOR, FRONT_DESK
from tests.servers import fresh_database, gunicorn, manage, server_env

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
STAFF_PASSWORD = "browser-test-password-1"


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="package")
def chromium():
    path = chromium_path()
    if not path:
        message = "No Chromium found: install Debian's chromium package or set CHROMIUM_PATH."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@dataclass
class Site:
    base: str
    env: dict

    def url(self, path: str) -> str:
        return self.base + path

    def shell(self, code: str) -> str:
        return manage(self.env, "shell", "--no-imports", "-c", code)


@pytest.fixture(scope="package")
def site(tmp_path_factory):
    """The whole site on gunicorn, with the starter content and one staff member per role."""
    with fresh_database(tmp_path_factory.mktemp("browser")) as database_url:
        env = server_env(
            database_url,
            CALLBACK_RATE_LIMIT="0",
            FEEDBACK_RATE_LIMIT="0",
            FRONT_DESK_EMAIL="",
            # Pictures staff upload in the journeys land here, never in the checkout.
            DJANGO_MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        )
        manage(env, "migrate", "--noinput")
        manage(env, "import_content")
        staff = {
            "frontdesk": [FRONT_DESK.group],
            "editor": [CONTENT_EDITOR.group],
            "reviewer": [CLINICAL_REVIEWER.group],
            # One person in both roles: they may edit and review, never their own change.
            "both": [CONTENT_EDITOR.group, CLINICAL_REVIEWER.group],
        }
        for username, groups in staff.items():
            manage(
                env,
                "shell",
                "--no-imports",
                "-c",
                (
                    "from django.contrib.auth.models import Group, User; "
                    f"u = User.objects.create_user({username!r}, password={STAFF_PASSWORD!r}, "
                    "is_staff=True); "
                    f"u.groups.add(*Group.objects.filter(name__in={groups!r}))"
                ),
            )
        with gunicorn(env, workers=2) as base:
            yield Site(base, env)


@dataclass
class PageProblems:
    """Everything a page did that it should not: console errors, failures, other hosts."""

    base: str
    console_errors: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    other_hosts: list = field(default_factory=list)
    transferred: dict = field(default_factory=dict)

    def watch(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("request", self._check_host)
        page.on("requestfinished", self._count)

    def _check_host(self, request) -> None:
        if urlsplit(request.url).netloc != urlsplit(self.base).netloc:
            self.other_hosts.append(request.url)

    def _count(self, request) -> None:
        sizes = request.sizes()
        self.transferred[request.url] = (
            request.resource_type,
            sizes["responseBodySize"] + sizes["responseHeadersSize"],
        )


@pytest.fixture
def new_page(chromium, site):
    """Open a fresh browser context (no cookies) at a viewport; its problems are collected."""
    contexts = []

    def open_page(viewport=DESKTOP, **options):
        context = chromium.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.problems = PageProblems(site.base)
        page.problems.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
