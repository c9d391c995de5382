import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

CONTENT_DIR = Path(settings.BASE_DIR) / "content"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests on the starter pages run last, after pytest-django's own ordering; see
    `starter_pages` for why."""
    items.sort(key=lambda item: "starter_content" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session", autouse=True)
def collected_static(request, tmp_path_factory):
    """Pages use hashed static file names, so the manifest must exist, as in production.

    The gzip and Brotli copies take seconds to make and only the servers that slow tests
    start serve them, so a run without slow tests collects the files uncompressed.
    """
    settings.STATIC_ROOT = tmp_path_factory.mktemp("staticfiles")
    if any(item.get_closest_marker("slow") for item in request.session.items):
        call_command("collectstatic", interactive=False, verbosity=0)
        return
    uncompressed = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": uncompressed}):
        call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing():
    """The production hasher takes a third of a second per password, and the tests make or
    check about 150 of them. Servers started by the tests keep the production hasher."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def cache_in_memory():
    """Without Redis the site counts in a database table (config.settings), which tests
    that need no database could not empty. Here the counts are kept in memory; the servers
    that slow tests start use the table."""
    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    with override_settings(CACHES={**settings.CACHES, "default": memory}):
        yield


@pytest.fixture(autouse=True)
def empty_cache(cache_in_memory):
    """Counts kept in the cache (rate limits, failed sign-ins) and kept pages never leak
    between tests."""
    for each in (cache, caches["pages"]):
        each.clear()
    yield
    for each in (cache, caches["pages"]):
        each.clear()


@pytest.fixture(scope="session")
def starter_pages(django_db_setup, django_db_blocker):
    """The shipped pages, imported once per run, in a transaction that is never committed.

    Each test that asks for them runs in its own transaction inside this one, so its changes
    are rolled back as usual. Most other tests expect an empty database (they count pages or
    make pages with the same addresses), so the pages must never be there for them: the tests
    that ask for the pages run last (pytest_collection_modifyitems above), and this
    transaction stays open from the first of them to the end of the run.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_content", folder=CONTENT_DIR, verbosity=0)
        with django_db_blocker.block():
            yield
        transaction.set_rollback(True)


@pytest.fixture
def starter_content(starter_pages, db):
    """The shipped pages, loaded the way `make run` loads them."""


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the shipped content folder."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder)
    return folder


@pytest.fixture
def valid_post() -> dict:
    """A callback request that passes every check."""
    return {
        "full_name": "Ada Patient",
        "phone": "(202) 555-0143",
        "email": "",
        "contact_time": "morning",
        "procedure": "",
        "has_referral": "yes",
        "has_imaging": "not_sure",
        "message": "My back hurts when I walk.",
        "consent": "on",
        "website": "",
    }
