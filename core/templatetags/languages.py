"""The page in other languages: hreflang links for search engines, a plain link for people."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html

from core.languages import DEFAULT_LANGUAGE, language_name, shown_language, written_in
from pagecache.pages import PUBLIC_PAGES

register = template.Library()


def _path_in(request, language: str) -> str:
    path = translate_url(request.path_info, language)
    if path == request.path_info and language != translation.get_language():
        # An address no view answers (a 404): the other language's home page instead.
        path = translate_url("/", language)
    match = request.resolver_match
    if request.GET and not (match and match.view_name in PUBLIC_PAGES):
        # A search or a plan keeps its question. A kept page never does: its links would
        # carry whatever the first reader's address had.
        path += "?" + request.GET.urlencode()
    return path


@register.simple_tag(takes_context=True)
def page_language(context) -> str:
    """The language this page's own text is shown in: the address's, or else English."""
    return shown_language(context["request"])


@register.inclusion_tag("includes/alternate_languages.html", takes_context=True)
def alternate_languages(context) -> dict:
    """One hreflang link for each language the page exists in, and x-default (English).

    A page shown in English under another language's address is not pointed to: its
    hreflang pair would claim a translation that is not there (and base.html keeps it out
    of the index).
    """
    request = context["request"]
    site_url = context.get("site_url", "")
    links = [(code, site_url + _path_in(request, code)) for code in written_in(request)]
    links.append(("x-default", site_url + _path_in(request, DEFAULT_LANGUAGE)))
    return {"links": links}


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context) -> dict:
    """A link to this page in each other language, named in that language."""
    request = context["request"]
    return {
        "others": [
            (code, language_name(code), _path_in(request, code))
            for code, _ in settings.LANGUAGES
            if code != translation.get_language()
        ]
    }


@register.filter
def lang_attribute(page) -> str:
    """` lang="en"` for a page's title or summary shown among words in another language,
    so that screen readers say it in its own; nothing when the languages are the same."""
    if isinstance(page, dict):
        written = page.get("language", DEFAULT_LANGUAGE)
    else:
        written = getattr(page, "language", DEFAULT_LANGUAGE)
    return format_html(' lang="{}"', written) if written != translation.get_language() else ""


@register.simple_tag
def english_link_attributes() -> str:
    """` hreflang="en" lang="en"` for a link to a page in English (a source), when the page
    around it is in another language."""
    if translation.get_language() == DEFAULT_LANGUAGE:
        return ""
    return format_html(' hreflang="{0}" lang="{0}"', DEFAULT_LANGUAGE)


@register.filter
def english_if_other(language: str) -> str:
    """ "en" when `language` is another one: the language to mark an English source with."""
    return DEFAULT_LANGUAGE if language != DEFAULT_LANGUAGE else ""
