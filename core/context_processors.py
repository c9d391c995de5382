"""Template context that every page needs, including the error pages."""

import re

from django.conf import settings
from django.utils import translation


def practice(request) -> dict:
    """The practice's name and numbers, on every page (including error pages), and the
    site's address, which a printed page gives beside the links it prints."""
    return {
        "site_url": settings.SITE_URL or (request.build_absolute_uri("/")[:-1] if request else ""),
        "practice_name": settings.PRACTICE_NAME,
        "practice_phone": settings.PRACTICE_PHONE,
        "practice_phone_href": "tel:" + re.sub(r"[^\d+]", "", settings.PRACTICE_PHONE),
        "emergency_number": settings.EMERGENCY_NUMBER,
        "callback_response_time": callback_response_time(),
    }


def callback_response_time() -> str:
    """When we will call, in the page's language (CALLBACK_RESPONSE_TIME_ES for Spanish)."""
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE:
        return settings.CALLBACK_RESPONSE_TIME
    return getattr(settings, f"CALLBACK_RESPONSE_TIME_{language.upper()}")
