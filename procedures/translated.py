"""Pages in the reader's language: a live translation's words put on the English page.

The English page, as loaded for patients, keeps everything the languages share (address,
links, sources, picture); where its translation into the address's language is live, the
translation's words replace the English ones in memory, and the page's `language` says
which words it shows (the templates mark English words among Spanish ones with `lang`).
"""

from collections import defaultdict

from django.utils import translation

from core.languages import DEFAULT_LANGUAGE
from procedures.models import TRANSLATIONS


def languages_of(*pages) -> set[str]:
    """The languages all of `pages` are live in (English always)."""
    found = {DEFAULT_LANGUAGE}
    if pages and all(page.pk for page in pages):
        each = [
            set(
                TRANSLATIONS[type(page)]
                .objects.published()
                .filter(original=page)
                .values_list("language", flat=True)
            )
            for page in pages
        ]
        found |= set.intersection(*each)
    return found


def in_reader_language(pages):
    """`pages`, each with its live translation's words in the active language where it has one."""
    language = translation.get_language()
    pages = list(pages)
    if language == DEFAULT_LANGUAGE:
        return pages
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        live = TRANSLATIONS[model].objects.shown(language).filter(original__in=group)
        words = {translated.original_id: translated for translated in live}
        for page in group:
            if page.pk in words:
                words[page.pk].show_on(page)
    return pages


def words_in_reader_language(model, *fields: str) -> dict[str, dict]:
    """For each page of `model` with a live translation in the active language, by address:
    those fields' words in it. Empty in English."""
    language = translation.get_language()
    if language == DEFAULT_LANGUAGE:
        return {}
    live = TRANSLATIONS[model].objects.shown(language).values_list("slug", *fields)
    return {slug: dict(zip(fields, values, strict=True)) for slug, *values in live}


def entries_in_reader_language(model, entries: list, fields: tuple[str, ...]) -> list:
    """List entries (named tuples with a `slug` and a `language`) of pages of `model`, with
    `fields` in the active language where a translation is live."""
    words = words_in_reader_language(model, *fields) if entries else {}
    language = translation.get_language()
    return [
        entry._replace(**words[entry.slug], language=language) if entry.slug in words else entry
        for entry in entries
    ]
