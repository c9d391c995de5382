"""Guidance written once for every page: the urgent-care card and its short form."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from procedures.urgent_care import EMERGENCY_SUMMARY, FURTHER_READING, SOURCES, card_tiers

register = template.Library()

NUMBERS = ("emergency_number", "practice_phone", "practice_phone_href")


@register.inclusion_tag("includes/urgent_care.html", takes_context=True)
def urgent_care_card(context, procedure=None, level: int = 2) -> dict:
    """The full card; on a procedure page it carries that procedure's own signs too."""
    extra = procedure.warning_signs if procedure else None
    return {
        **{name: context[name] for name in NUMBERS},
        "tiers": card_tiers(extra, after_procedure=procedure is not None),
        "procedure": procedure,
        "sources": SOURCES,
        # The NHS sources are in English: marked so, for screen readers, on other pages.
        "sources_language": "" if get_language() == settings.LANGUAGE_CODE else "en",
        "further_reading": FURTHER_READING.get(get_language(), ()),
        "level": level,
    }


@register.inclusion_tag("includes/urgent_care_summary.html", takes_context=True)
def urgent_care_summary(context) -> dict:
    return {"emergency_number": context["emergency_number"], "summary": EMERGENCY_SUMMARY}
