"""Request-level security: which methods the site answers, the Content Security Policy per
area, who the client is, and how much a public request may send."""

import ipaddress
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponseNotAllowed

from core.views import request_too_large, unsupported_media_type

# Every page is read with GET (HEAD for its headers) and every form sends POST.
ALLOWED_METHODS = ("GET", "HEAD", "POST")


class AllowedMethodsMiddleware:
    """Any other method is refused before a view runs: views that render on anything but
    POST (the admin's change pages do) would otherwise answer OPTIONS or TRACE with the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            return method_not_allowed()
        return self.get_response(request)


def method_not_allowed() -> HttpResponseNotAllowed:
    response = HttpResponseNotAllowed(ALLOWED_METHODS, "Method not allowed.\n")
    response["Content-Type"] = "text/plain; charset=utf-8"
    response["Cache-Control"] = "no-store"
    return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site-wide policy, loosened only as far as the admin's widgets need."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith("/" + settings.ADMIN_URL) and parts.update is None:
            parts.update = settings.ADMIN_CSP_UPDATE
        return parts


def client_address(request) -> str:
    """The client's IP address, trusting X-Forwarded-For only as far as our own proxies.

    Each trusted proxy appends the address it received the request from, so with N
    proxies the client is the Nth address from the right. Anything to its left was
    written by the client and proves nothing.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if not count or not is_trusted_proxy(remote):
        # Someone who reached the app directly could write any header they like.
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    # A proxy passes on whatever it was sent; anything but an address would be stored as
    # one (PostgreSQL's inet refuses it), so the proxy's own address stands in.
    return canonical_address(forwarded[-count]) or remote


def canonical_address(text: str) -> str | None:
    """The IPv4 or IPv6 address `text` holds, written the standard way; None if it is not one."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # A zone ("fe80::1%eth0") names an interface on the proxy, not a client.
    return None if getattr(address, "scope_id", None) else str(address)


@cache
def _proxy_networks(addresses: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(address, strict=False) for address in addresses)


def is_trusted_proxy(address: str) -> bool:
    """True when `address` is one of our own proxies (TRUSTED_PROXIES: addresses or networks)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _proxy_networks(tuple(settings.TRUSTED_PROXIES)))


class PublicBodyLimitMiddleware:
    """Public POSTs are small forms: refuse big or multipart bodies before anything reads them.

    It runs before the CSRF check, which would otherwise parse the body (and write any
    uploaded file to disk) first. Staff pages, which take pictures, are left alone.
    """

    STAFF_PREFIXES = ("/markdownx/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not self._is_staff_path(request.path_info):
            length = body_length(request)
            if length > settings.PUBLIC_POST_MAX_BYTES:
                return request_too_large(request)
            if length and request.content_type != "application/x-www-form-urlencoded":
                return unsupported_media_type(request)
        return self.get_response(request)

    def _is_staff_path(self, path: str) -> bool:
        return path.startswith(("/" + settings.ADMIN_URL, *self.STAFF_PREFIXES))


def body_length(request) -> int:
    """The declared body size; a missing or broken Content-Length counts as too big to read."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    return int(declared) if declared.isdigit() else settings.PUBLIC_POST_MAX_BYTES + 1
