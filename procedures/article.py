"""The procedure page's article, rendered once for what it shows and then reused.

The article is most of a procedure page's cost and changes only when its inputs do: the
procedure's own row, the links it is given, the practice's numbers and the language. Those
inputs are the key, so a kept article can never be out of date and nothing has to retire it.
This is not the page cache: every request still reads the page from the database, and a save
that changes one page leaves the other pages' articles in use while the page cache starts
again.
"""

import functools
import json

from django.db.models.fields.files import FieldFile
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.context_processors import practice

TEMPLATE = "includes/procedure_article.html"
# About 50 KB each with its key: at most about 13 MB in each worker.
KEPT_ARTICLES = 256


def procedure_article(procedure, *, conditions, related, comparisons, preview) -> SafeString:
    """The article's HTML. Previews show unsaved or draft data, so they are never kept."""
    numbers = practice(None)
    context = {
        **numbers,
        "procedure": procedure,
        "conditions": conditions,
        "related": related,
        "comparisons": comparisons,
        "preview": preview,
    }
    if preview:
        return mark_safe(get_template(TEMPLATE).render(context))
    key = (
        _row(procedure),
        tuple(conditions),
        tuple(related),
        tuple(comparisons),
        tuple(numbers.items()),
        get_script_prefix(),
        get_language(),  # the article's words and its links' addresses are in it
    )
    return mark_safe(_render(_Inputs(key, context)))


class _Inputs:
    """The template's context, compared and hashed by the key alone."""

    def __init__(self, key: tuple, context: dict):
        self.key = key
        self.context = context

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return self.key == other.key


@functools.lru_cache(maxsize=KEPT_ARTICLES)
def _render(inputs: _Inputs) -> str:
    html = get_template(TEMPLATE).render(inputs.context)
    inputs.context = None  # kept as the key: the page's objects need not stay in memory too
    return html


def _row(procedure) -> tuple:
    """Every field value the query loaded, in a hashable form."""
    loaded = procedure.__dict__
    return tuple(
        (field.attname, _hashable(loaded[field.attname]))
        for field in procedure._meta.concrete_fields
        if field.attname in loaded
    )


def _hashable(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, sort_keys=True, default=str)
    if isinstance(value, FieldFile):
        return value.name
    return value
