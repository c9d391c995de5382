"""Site plumbing: health check, robots.txt and the error pages."""

import logging
import sys

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """One line per service the site needs; 503 when any of them does not answer."""
    answers = {"database": _database_answers(), **_redis_answers()}
    down = [name for name, answered in answers.items() if not answered]
    if down:
        logger.error("Health check: no answer from %s", ", ".join(down))
    lines = [f"{name}: {'ok' if answered else 'unavailable'}" for name, answered in answers.items()]
    return HttpResponse(
        "\n".join(lines) + "\n", status=503 if down else 200, content_type="text/plain"
    )


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


# What each Redis cache holds, as the health check names it.
REDIS_CACHES = {"default": "redis (sessions and limits)", "pages": "redis (page cache)"}


def _redis_answers() -> dict[str, bool]:
    answers = {}
    for alias, name in REDIS_CACHES.items():
        if settings.CACHES[alias]["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
            continue  # in the database, or in each worker's memory
        try:
            caches[alias].get("healthz")
        except RedisError:
            answers[name] = False
        else:
            answers[name] = True
    return answers


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    for language, _ in settings.LANGUAGES:  # the confirmation, in every language
        with translation.override(language):
            lines.append(f"Disallow: {reverse('appointments:sent')}")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def view_on_site(request, content_type_id, object_id):
    """Django's "View on site" redirect, for staff who may view that kind of record.

    It reveals the page's address, and a draft's address is not public yet.
    """
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    if content_type is None:
        raise Http404
    if not request.user.has_perm(f"{content_type.app_label}.view_{content_type.model}"):
        raise Http404
    return shortcut(request, content_type_id, object_id)


def _error_page(request, template: str, status: int) -> HttpResponse:
    """A friendly page with the phone number. It never touches the database, which may be down."""
    try:
        return render(request, template, status=status)
    except Exception:
        logger.exception("The %s error page itself failed to render", status)
        return HttpResponse(
            gettext("Sorry, something went wrong. Please call us."),
            status=status,
            # The charset is named because the Spanish text is not ASCII.
            content_type="text/plain; charset=utf-8",
        )


def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


def unsupported_media_type(request):
    return _error_page(request, "400.html", 415)


def request_too_large(request):
    return _error_page(request, "400.html", 413)


def csrf_failure(request, reason=""):
    return _error_page(request, "403_csrf.html", 403)


def server_error(request):
    if isinstance(sys.exc_info()[1], RedisError):
        # Sessions and the sign-in counts live in Redis: staff cannot sign in until it is
        # back, and they are told so. Patients' callbacks are saved without it.
        return _error_page(request, "503.html", 503)
    return _error_page(request, "500.html", 500)
