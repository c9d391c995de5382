import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The page cache on, as in production, starting and ending empty.

    The Cache-Control lifetimes stay as configured, so the tests check the real ones.
    """
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader():
    """An anonymous patient's browser, apart from any staff member signed in on `client`."""
    return Client()


def queries_made(request_page) -> int:
    """How many database queries a request made: none means it was served from the cache."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        request_page()
    return len(queries)
