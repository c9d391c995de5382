import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

CONTENT_DIR = Path(settings.BASE_DIR) / "content"


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """Pages use hashed static file names, so the manifest must exist, as in production."""
    settings.STATIC_ROOT = tmp_path_factory.mktemp("staticfiles")
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Counts kept in the cache (rate limits, failed sign-ins) never leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def starter_content(db):
    """The shipped pages, loaded the way `make run` loads them."""
    call_command("import_content", folder=CONTENT_DIR, verbosity=0)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the shipped content folder."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder)
    return folder
