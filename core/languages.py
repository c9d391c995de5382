"""Which language a page is in, and the same page's address in the other languages.

The address alone decides the language: /es/... is Spanish, every other address is English.
The browser's Accept-Language and cookies are never read, so a page is the same for every
reader, a shared cache needs no Vary header, and a link always opens the language it names.
"""

from django.conf import settings
from django.utils import translation

# The language search engines are sent to when none of the others fits the reader.
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
# Pages whose text is the staff's own writing: each is in another language only where its
# translation is live (the view says so, with set_written_in). Under another language's
# address an untranslated one is shown in English, under a note, and is not indexed.
TRANSLATED_PAGES = frozenset(
    {
        "procedures:procedure_detail",
        "procedures:condition_detail",
        "procedures:comparison",
        "procedures:glossary",
        "procedures:preparation_plan",
    }
)


def page_languages(view_name: str) -> tuple[str, ...]:
    """The languages a page (by its URL name) is written in."""
    if view_name in TRANSLATED_PAGES:
        return (DEFAULT_LANGUAGE,)
    return tuple(code for code, _ in settings.LANGUAGES)


def language_from_address(get_response):
    """Middleware: the page's language is the one its address starts with, else English."""

    def middleware(request):
        language = translation.get_language_from_path(request.path_info) or DEFAULT_LANGUAGE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response

    return middleware


def set_written_in(request, languages) -> None:
    """Record the languages a page of staff-written text is written in (see TRANSLATED_PAGES)."""
    request.written_in = (DEFAULT_LANGUAGE, *sorted(set(languages) - {DEFAULT_LANGUAGE}))


def written_in(request) -> tuple[str, ...]:
    """The languages the page asked for is written in (all of them for an error page)."""
    if hasattr(request, "written_in"):
        return request.written_in
    match = request.resolver_match
    return page_languages(match.view_name if match else "")


def shown_language(request) -> str:
    """The language a page's own text is shown in: the address's if the page is written in
    it, else English."""
    language = translation.get_language()
    return language if language in written_in(request) else DEFAULT_LANGUAGE


def language_name(code: str) -> str:
    """A language's own name ("Español"), as its speakers look for it."""
    return dict(settings.LANGUAGES)[code]
