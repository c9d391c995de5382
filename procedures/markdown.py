"""Markdown to safe HTML: the one renderer for stored pages and the editor's preview.

Python-Markdown rather than markdown-it-py: on every starter page the two give the same
HTML, both stay far inside the time limit on hostile input, but past its nesting limit
markdown-it-py drops the rest of the text without a word, where this renderer refuses the
text with a message the editor can act on (MarkdownTooDeep).
"""

import contextlib
import contextvars
import re
import signal
import threading
import time
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from pathlib import PurePosixPath

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.extensions.toc import slugify as toc_slugify
from markdown.treeprocessors import Treeprocessor

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
# A link to a glossary meaning; styled apart from other links, so one class is let through.
GLOSSARY_LINK_CLASS = "glossary-term"
ALLOWED_CLASSES = {"a": {GLOSSARY_LINK_CLASS}}

# A page section is a few thousand characters; this leaves room for a long one while
# keeping any one render small. Checked before rendering, wherever Markdown comes in.
MARKDOWN_MAX_CHARACTERS = 20_000
MARKDOWN_SIZE_HELP = f"In Markdown, up to {MARKDOWN_MAX_CHARACTERS:,} characters."
# Rendering is linear in the text's size (procedures/markdown_speed.py); these stop any
# input that still finds a slow path before it holds a web worker for long: one render
# gets RENDER_SECONDS, and all the renders of one request REQUEST_RENDER_SECONDS together
# (a page has up to seven sections, and a save checks them all).
RENDER_SECONDS = 2.0
REQUEST_RENDER_SECONDS = 3.0
_request_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "markdown_request_deadline", default=None
)


class MarkdownRefused(Exception):
    """Text that cannot be turned into a page safely; the message tells the editor why."""


class MarkdownTooSlow(MarkdownRefused):
    def __init__(self) -> None:
        super().__init__(
            "This text took too long to turn into a page. Check it for long runs of "
            "brackets, back-ticks or < signs, or split it up."
        )


class MarkdownTooDeep(MarkdownRefused):
    def __init__(self) -> None:
        super().__init__(
            "This text has lists or quotes inside one another too many levels deep to "
            "turn into a page. Check it for lines that start with many numbers, dashes or "
            "> signs in a row, and keep lists to a few levels."
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
        allowed_classes=ALLOWED_CLASSES,
        link_rel="noopener noreferrer",
    )


class GlossaryLinks:
    """Links the first use on a page of each glossary word to its meaning.

    `words` maps each word (a term or another form of it) to the address of its meaning.
    One instance serves every section of a page, so a word linked in one section is not
    linked again in the next. Words inside headings, links and code are left alone.
    """

    SKIPPED = {"a", "code", "pre", "h1", *HEADINGS}

    def __init__(self, words: dict[str, str]):
        self.address = {word.lower(): address for word, address in words.items()}
        self.linked: set[str] = set()  # addresses already linked on this page
        longest_first = sorted(self.address, key=len, reverse=True)
        pattern = "|".join(re.escape(word) for word in longest_first)
        self.pattern = re.compile(rf"\b({pattern})\b", re.IGNORECASE) if pattern else None

    def link(self, root: etree.Element) -> None:
        if self.pattern is not None:
            self._link_inside(root)

    def _link_inside(self, element: etree.Element) -> None:
        element.text, links = self._split(element.text)
        children = list(element)
        for position, link in enumerate(links):
            element.insert(position, link)
        for child in children:
            if child.tag not in self.SKIPPED:
                self._link_inside(child)
            child.tail, links = self._split(child.tail)
            at = list(element).index(child) + 1
            for offset, link in enumerate(links):
                element.insert(at + offset, link)

    def _split(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """The text up to the first new glossary word, and links each holding the rest."""
        if not text:
            return text, []
        links, before, rest = [], None, text
        while match := self._next_word(rest):
            address = self.address[match[0].lower()]
            self.linked.add(address)
            link = etree.Element("a", {"href": address, "class": GLOSSARY_LINK_CLASS})
            link.text, link.tail = match[0], rest[match.end() :]
            if before is None:
                before = rest[: match.start()]
            else:
                links[-1].tail = rest[: match.start()]
            links.append(link)
            rest = link.tail
        return (text if before is None else before), links

    def _next_word(self, text: str):
        for match in self.pattern.finditer(text):
            if self.address[match[0].lower()] not in self.linked:
                return match
        return None


class _GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md, links: GlossaryLinks):
        super().__init__(md)
        self.links = links

    def run(self, root):
        self.links.link(root)


class _GlossaryExtension(Extension):
    def __init__(self, links: GlossaryLinks):
        super().__init__()
        self.links = links

    def extendMarkdown(self, md):
        # After inline Markdown (priority 20), so links and code already exist to be skipped.
        md.treeprocessors.register(_GlossaryTreeprocessor(md, self.links), "glossary", 5)


def render_markdown(
    text: str, *, heading_prefix: str = "", glossary: GlossaryLinks | None = None
) -> str:
    """Render Markdown to sanitized HTML.

    Headings get ids made from their text, prefixed so that two sections of one page
    can both have a "Medicines" heading without sharing an id. With `glossary`, the first
    use of each glossary word links to its meaning.
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
            *([_GlossaryExtension(glossary)] if glossary else []),
        ],
        output_format="html",
    )
    try:
        with _time_limit(_seconds_left()):
            html = converter.convert(text or "")
    except RecursionError:
        # Python-Markdown parses nested blocks recursively: "1. " a thousand times over
        # nests a thousand lists.
        raise MarkdownTooDeep from None
    return sanitize_html(html)


@contextlib.contextmanager
def request_render_budget(seconds: float | None = None):
    """Share one time budget among every render inside the block (one web request)."""
    seconds = REQUEST_RENDER_SECONDS if seconds is None else seconds
    token = _request_deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _request_deadline.reset(token)


def render_budget_middleware(get_response):
    def middleware(request):
        with request_render_budget():
            return get_response(request)

    return middleware


def _seconds_left() -> float:
    deadline = _request_deadline.get()
    if deadline is None:
        return RENDER_SECONDS
    left = min(RENDER_SECONDS, deadline - time.monotonic())
    if left <= 0:
        raise MarkdownTooSlow
    return left


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


# What the editor puts where a new picture's description goes, for the editor to replace.
PICTURE_PLACEHOLDER = "Describe this picture"


class _ImageFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.without_alt: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        alt = (attributes.get("alt") or "").strip()
        if tag == "img" and alt in ("", PICTURE_PLACEHOLDER):
            self.without_alt.append(PurePosixPath(attributes.get("src") or "(no address)").name)


def images_without_alt(text: str) -> list[str]:
    """File names of the pictures in a Markdown text that have no description."""
    finder = _ImageFinder()
    finder.feed(render_markdown(text))
    return finder.without_alt
