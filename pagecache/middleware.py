"""Serve anonymous readers' public pages from the cache, before the rest of the middleware."""

import logging

from django.conf import settings

from pagecache import invalidation
from pagecache.pages import (
    accepts_gzip,
    deliver,
    is_public_page,
    make_entry,
    mark_personal,
    may_be_shared,
    page_key,
    replay,
)

logger = logging.getLogger(__name__)


class PageCacheMiddleware:
    """Sits just inside SecurityMiddleware and WhiteNoise, so a hit skips sessions, CSRF,
    authentication, URL resolving and the view. The middleware further in has already added
    its headers (CSP, Permissions-Policy, X-Frame-Options) to the response that is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_be_shared(request):
            return self._personal(request)
        key = page_key(request) if settings.PAGE_CACHE_SECONDS > 0 else None
        # None also for a page that reads its query string: rendered every time, never kept.
        # The version is read before rendering: a page rendered while content changes is
        # kept under the version it started with, which the change has already retired.
        version, entry = _lookup(key) if key else (None, None)
        if entry is not None:
            return replay(request, entry)
        response = self.get_response(request)
        if not is_public_page(request, response):
            mark_personal(request, response)
            return response
        keep = version is not None and request.method == "GET"
        # A kept page is compressed once for every later reader; otherwise only on request.
        entry = make_entry(response, version, compress=keep or accepts_gzip(request))
        if keep:
            _keep(key, entry)
        return deliver(request, response, entry)

    def _personal(self, request):
        response = self.get_response(request)
        mark_personal(request, response)
        return response


def _lookup(key: str):
    """The current content version, and the page kept for it.

    With the cache server down the version is None: the page is rendered and not kept,
    since patients must still get it.
    """
    try:
        version, entry = _read(key)
    except Exception:
        logger.warning("Page cache unavailable; rendering instead", exc_info=True)
        return None, None
    if entry is None or entry.version != version:
        return version, None
    return version, entry


def _read(key: str):
    cache = invalidation.page_cache()
    if invalidation.version_in_database():
        return invalidation.current_version(), cache.get(key)
    # Both from the shared cache in one round trip.
    found = cache.get_many([invalidation.VERSION_KEY, key])
    return found.get(invalidation.VERSION_KEY) or invalidation.current_version(), found.get(key)


def _keep(key: str, entry) -> None:
    try:
        invalidation.page_cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Page cache unavailable; the page was not kept", exc_info=True)
