"""Pages in the reader's language: a live translation's words put on the English page.

The English page, as loaded for patients, keeps everything the languages share (address,
links, sources, picture); where its translation into the address's language is live, the
translation's words replace the English ones in memory, and the page's `language` says
which words it shows (the templates mark English words among Spanish ones with `lang`).
"""

from collections import defaultdict

from django.db.models import Count, Prefetch
from django.utils import translation

from core.languages import DEFAULT_LANGUAGE, set_written_in
from procedures.models import TRANSLATIONS


def show_in_reader_language(request, *pages) -> None:
    """For a page of staff-written text made of `pages` (a comparison is three): record the
    languages all of them are live in, and, where the address's language is one, put its
    words on each page."""
    live = [_live_translations(page) for page in pages]
    languages = set.intersection(*(set(found) for found in live))
    set_written_in(request, languages)
    language = translation.get_language()
    if language in languages:
        for page, found in zip(pages, live, strict=True):
            found[language].show_on(page)


def _live_translations(page) -> dict:
    """The page's live translations, by language."""
    if page.pk is None:
        return {}
    found = TRANSLATIONS[type(page)].objects.published().filter(original=page)
    return {translated.language: translated for translated in found}


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


def glossary_languages() -> set[str]:
    """The glossary is in a language once every live term has a live translation in it."""
    from procedures.models import GlossaryTerm, GlossaryTermTranslation

    live = GlossaryTerm.objects.published()
    count = live.count()
    translated = (
        GlossaryTermTranslation.objects.published()
        .filter(original__in=live)
        .values("language")
        .annotate(terms=Count("pk"))
    )
    return {DEFAULT_LANGUAGE, *(row["language"] for row in translated if row["terms"] == count)}


def live_languages(page) -> set[str]:
    """The languages `page` is live in, from its prefetched `live_translations`."""
    return {DEFAULT_LANGUAGE, *(found.language for found in page.live_translations)}


def with_live_languages(queryset, prefix: str = ""):
    """`queryset` with each page's live translations (at `prefix`, e.g. "first__") read in
    one query, for live_languages."""
    model = queryset.model
    if prefix:
        model = model._meta.get_field(prefix.removesuffix("__")).related_model
    live = TRANSLATIONS[model].objects.published().only("original_id", "language")
    return queryset.prefetch_related(
        Prefetch(f"{prefix}translations", queryset=live, to_attr="live_translations")
    )
