"""Request-level security: the Content Security Policy per area, and who the client is."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


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
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote
