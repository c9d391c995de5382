"""The page cache cannot be filled from outside: a page is kept once whatever its query
string, and kept pages live in a cache of their own, apart from sessions and rate limits."""

import uuid

import pytest
import redis
from django.core.cache import cache, caches
from django.test import override_settings

from tests.factories import make_procedure

REDIS = "redis://127.0.0.1:6379/11"


def _redis_cache(prefix: str) -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS,
        "KEY_PREFIX": prefix,
    }


def _keys(prefix: str, pattern: str = "") -> list[bytes]:
    return list(redis.Redis.from_url(REDIS).scan_iter(match=f"{prefix}:*{pattern}*", count=1000))


@pytest.fixture
def two_redis_caches():
    """The shared cache (sessions, rate limits) and the page cache in the real Redis, each
    under a prefix of this run's own, deleted afterwards (never the whole database)."""
    shared, pages = f"shared-{uuid.uuid4().hex}", f"pages-{uuid.uuid4().hex}"
    with override_settings(CACHES={"default": _redis_cache(shared), "pages": _redis_cache(pages)}):
        yield shared, pages
    client = redis.Redis.from_url(REDIS)
    for prefix in (shared, pages):
        for key in _keys(prefix):
            client.delete(key)


@pytest.mark.django_db
def test_two_thousand_query_strings_on_a_page_keep_one_copy_apart_from_the_shared_cache(
    reader, two_redis_caches
):
    shared, pages = two_redis_caches
    url = make_procedure(slug="nucleoplasty").get_absolute_url()
    for number in range(2000):
        assert reader.get(f"{url}?x={number}").status_code == 200
    kept = _keys(pages, "pagecache:page:") + _keys(shared, "pagecache:page:")
    assert len(kept) == 1
    assert _keys(shared) == []  # sessions and rate limits never sit beside kept pages
    assert caches["pages"] is not cache
