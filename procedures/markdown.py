"""Markdown to safe HTML: the one renderer for stored pages and the editor's preview."""

from html.parser import HTMLParser
from pathlib import PurePosixPath

import markdown
import nh3
from markdown.extensions.toc import TocExtension
from markdown.extensions.toc import slugify as toc_slugify

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"scope"},
    **{heading: {"id"} for heading in HEADINGS},
}
# Relative links are always allowed; anything with a scheme must be one of these.
# That keeps out javascript:, data:, vbscript: and the rest.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown(text: str, *, heading_prefix: str = "") -> str:
    """Render Markdown to sanitized HTML.

    Headings get ids made from their text, prefixed so that two sections of one page
    can both have a "Medicines" heading without sharing an id.
    """

    def heading_id(value: str, separator: str) -> str:
        slug = toc_slugify(value, separator)
        return f"{heading_prefix}{separator}{slug}" if heading_prefix else slug

    converter = markdown.Markdown(
        extensions=[TocExtension(slugify=heading_id), "sane_lists", "tables"],
        output_format="html",
    )
    return sanitize_html(converter.convert(text or ""))


class _ImageFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.without_alt: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img" and not (attributes.get("alt") or "").strip():
            self.without_alt.append(PurePosixPath(attributes.get("src") or "(no address)").name)


def images_without_alt(text: str) -> list[str]:
    """File names of the pictures in a Markdown text that have no description."""
    finder = _ImageFinder()
    finder.feed(render_markdown(text))
    return finder.without_alt
