import pytest
from django.core.cache import caches
from django.test import Client


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The page cache on, as in production, starting and ending empty.

    The Cache-Control lifetimes stay as configured, so the tests check the real ones.
    """
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def reader():
    """An anonymous patient's browser, apart from any staff member signed in on `client`."""
    return Client()


def rendering_queries(request_page) -> int:
    """Queries a request made beyond reading the content version: none means it came from the
    cache (in tests the cache is in memory, so the version is read from the database)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        request_page()
    return sum("pagecache_contentversion" not in query["sql"] for query in queries)
