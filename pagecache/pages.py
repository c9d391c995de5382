"""Which responses are public pages, how they are kept, and what each client is sent."""

import functools
import hashlib
import re
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

# The pages every anonymous visitor sees alike. A page not named here is never cached or
# shared: forms, the callback confirmation, previews, the admin, search and personal plans.
PUBLIC_PAGES = frozenset(
    {
        "procedures:home",
        "procedures:procedure_list",
        "procedures:procedure_detail",
        "procedures:condition_list",
        "procedures:condition_detail",
        "procedures:comparison",
        "procedures:glossary",
        "procedures:privacy",
        "procedures:accessibility",
        "procedures:disclaimer",
        "sitemap",
    }
)
PERSONAL = "private, no-store"
# Settings that change the bytes of a page (text, links, headers) without a code change.
PAGE_SETTINGS = (
    "PRACTICE_NAME",
    "PRACTICE_PHONE",
    "EMERGENCY_NUMBER",
    "CALLBACK_RESPONSE_TIME",
    "CALLBACK_RESPONSE_TIME_ES",
    "STATIC_URL",
    "MEDIA_URL",
    "TIME_ZONE",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "X_FRAME_OPTIONS",
    "PAGE_MAX_AGE",
    "PAGE_STALE_WHILE_REVALIDATE",
)
# The public pages that read their query string, by URL name, and the parameters they read.
# No other public page reads one, so the key leaves the query string out: whatever a link or
# a stranger appends (utm_source, ?x=1, ?x=2…), a page is kept once.
QUERY_PAGES = {"sitemap": ("p",)}  # the sitemap's page number
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Below this size gzip saves less than its own overhead.
MIN_COMPRESS_BYTES = 200


class Entry(NamedTuple):
    """A rendered page, with the content version it was rendered for."""

    version: str | None
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    gzipped: bytes | None
    etag: str


def may_be_shared(request) -> bool:
    """A GET or HEAD from someone with no session and no messages waiting: an anonymous reader."""
    personal = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in personal
    )


def is_public_page(request, response) -> bool:
    """A public page that came out the same for everyone: no cookie set, no headers of its own."""
    match = request.resolver_match
    return (
        match is not None
        and match.view_name in PUBLIC_PAGES
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not response.has_header("Content-Encoding")
        # A Content-Security-Policy nonce must be new for every response.
        and getattr(request, "_csp_nonce", None) is None
    )


def mark_personal(request, response) -> None:
    """Responses for one person, and error pages, are kept by no browser cache or proxy."""
    personal = not may_be_shared(request) or response.cookies or response.status_code >= 400
    if personal and not response.has_header("Cache-Control"):
        response.headers["Cache-Control"] = PERSONAL


def page_key(request) -> str | None:
    """One key per release, host and path; sitemap.xml names the host, so it counts.

    None when a page is asked for with a parameter it reads: such a page is rendered every
    time and never kept, so the number of kept pages stays the number of public pages.
    """
    if any(name in request.GET for name in _query_paths().get(request.path, ())):
        return None
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
    return f"pagecache:page:{release()}:{digest}"


@functools.cache
def _query_paths() -> dict[str, tuple[str, ...]]:
    """Each query page's path in every language it is served in."""
    paths = {}
    for language, _ in settings.LANGUAGES:
        with translation.override(language):
            paths |= {reverse(name): parameters for name, parameters in QUERY_PAGES.items()}
    return paths


def release() -> str:
    """Pages from other code, templates, static files or settings live under another key."""
    return _release(repr([getattr(settings, name, None) for name in PAGE_SETTINGS]))


@functools.cache
def _release(page_settings: str) -> str:
    digest = hashlib.sha256(page_settings.encode())
    for path in _source_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _source_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    files = [
        path
        for folder in ("config", "core", "procedures", "appointments", "pagecache", "templates")
        for path in (base / folder).rglob("*")
        if path.suffix in (".py", ".html")
    ]
    files += [  # the translations
        path for folder in settings.LOCALE_PATHS for path in Path(folder).rglob("*.mo")
    ]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"  # hashed CSS and icon names
    return sorted([*files, *([manifest] if manifest.exists() else [])])


def make_entry(response, version: str | None, *, compress: bool) -> Entry:
    """Give a public page its shared-cache headers and ETag; compress it once, if asked."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_MAX_AGE,
        stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
    )
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
    body = response.content
    gzipped = compress_string(body) if compress and len(body) >= MIN_COMPRESS_BYTES else None
    if gzipped is not None and len(gzipped) >= len(body):
        gzipped = None
    etag = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
    headers = tuple(
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in ("content-length", "etag")
    )
    return Entry(version, response.status_code, headers, body, gzipped, etag)


def accepts_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def replay(request, entry: Entry) -> HttpResponse:
    return deliver(request, HttpResponse(status=entry.status, headers=dict(entry.headers)), entry)


def deliver(request, response: HttpResponse, entry: Entry) -> HttpResponse:
    """What this client gets: gzip if it takes it (with a weak ETag), or 304 if it has the page.

    Public pages carry no secret, so compressing them cannot leak one (BREACH).
    """
    if entry.gzipped is not None and accepts_gzip(request):
        response.content = entry.gzipped
        response.headers["Content-Encoding"] = "gzip"
        response.headers["ETag"] = "W/" + entry.etag
    else:
        response.content = entry.body
        response.headers["ETag"] = entry.etag
    response.headers["Content-Length"] = str(len(response.content))
    return get_conditional_response(request, etag=response.headers["ETag"], response=response)
