"""Markdown to safe HTML: the one renderer for stored pages and the editor's preview."""

import contextlib
import signal
import threading
from html.parser import HTMLParser
from pathlib import PurePosixPath

import markdown
import nh3
from markdown.extensions.toc import TocExtension
from markdown.extensions.toc import slugify as toc_slugify

from procedures.markdown_speed import LinearTimeExtension

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

# A page section is a few thousand characters; this leaves room for a long one while
# keeping any one render small. Checked before rendering, wherever Markdown comes in.
MARKDOWN_MAX_CHARACTERS = 20_000
MARKDOWN_SIZE_HELP = f"In Markdown, up to {MARKDOWN_MAX_CHARACTERS:,} characters."
# Rendering is linear in the text's size (procedures/markdown_speed.py); this stops any
# input that still finds a slow path before it holds a web worker for long.
RENDER_SECONDS = 2.0


class MarkdownTooSlow(Exception):
    """The text took too long to render; the message tells the editor what to do."""

    def __init__(self) -> None:
        super().__init__(
            "This text took too long to turn into a page. Check it for long runs of "
            "brackets, back-ticks or < signs, or split it up."
        )


def too_long(text: str | None) -> str | None:
    """A message for the editor when the text is over the size limit; None when it fits."""
    length = len(text or "")
    if length <= MARKDOWN_MAX_CHARACTERS:
        return None
    return (
        f"This is {length:,} characters long. Keep it to {MARKDOWN_MAX_CHARACTERS:,} "
        "or fewer: split it up, or move some of it to another section."
    )


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
        extensions=[
            TocExtension(slugify=heading_id),
            "sane_lists",
            "tables",
            LinearTimeExtension(),
        ],
        output_format="html",
    )
    with _time_limit(RENDER_SECONDS):
        html = converter.convert(text or "")
    return sanitize_html(html)


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise MarkdownTooSlow after `seconds`, where a timer signal can interrupt the work.

    Signals reach only the main thread: gunicorn's sync workers, management commands
    and tests. Elsewhere (the threaded development server) the work runs unlimited.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise MarkdownTooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
