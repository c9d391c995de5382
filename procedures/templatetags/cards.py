"""Treatment cards for long lists: each card is rendered once for what it shows, then reused."""

import functools
from types import SimpleNamespace

from django import template
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.languages import DEFAULT_LANGUAGE

register = template.Library()


@register.simple_tag
def procedure_cards(procedures, level: int = 3) -> SafeString:
    """The same HTML as including includes/procedure_card.html for each procedure.

    The list of treatments shows every published procedure, some under several conditions,
    and the template engine costs far more per card than a lookup. A card depends only on
    the arguments of `_card`, so a kept card can never be out of date.
    """
    # The card's address depends on the prefix and the language (/es/...): both are in the key.
    where = (get_script_prefix(), get_language())
    return mark_safe(
        "".join(
            _card(
                procedure.list_name,
                procedure.slug,
                procedure.summary,
                getattr(procedure, "language", DEFAULT_LANGUAGE),
                level,
                *where,
            )
            for procedure in procedures
        )
    )


@functools.lru_cache(maxsize=4096)
def _card(
    name: str, slug: str, summary: str, written: str, level: int, script_prefix: str, language: str
) -> str:
    url = reverse("procedures:procedure_detail", args=[slug])
    procedure = SimpleNamespace(
        list_name=name, summary=summary, get_absolute_url=url, language=written
    )
    return get_template("includes/procedure_card.html").render(
        {"procedure": procedure, "level": level}
    )
