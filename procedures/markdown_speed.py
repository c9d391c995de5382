"""Python-Markdown, kept fast on hostile input.

Some Markdown makes Python-Markdown rescan the rest of the text once for every
opening character that is never closed, so the time grows with the square of the
length: 8,000 `[` took seconds, and 32,000 minutes. Each class here finds the same
answer as the code it replaces, but remembers what it learned about the text
instead of scanning it again.
"""

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.htmlparser import HTMLExtractor, htmlparser
from markdown.inlinepatterns import (
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)
from markdown.preprocessors import HtmlBlockPreprocessor

# Link text and addresses in real pages close within this many characters; only
# longer scans look the closing bracket up in a table made once per text.
SHORT_SCAN = 200


class _Pairs:
    """Which `opener` each `closer` closes, for one text; made once, looked up many times."""

    def __init__(self, opener: str, closer: str) -> None:
        self.pattern = re.compile(re.escape(opener) + "|" + re.escape(closer))
        self.opener, self.closer = opener, closer
        self.text: str | None = None
        self.closing: dict[int, int] = {}

    def closing_of(self, text: str, position: int) -> int | None:
        """Where the opener at `position` is closed, counting nested pairs; None if never."""
        if text is not self.text:
            self.text, self.closing, open_at = text, {}, []
            for match in self.pattern.finditer(text):
                if match[0] == self.opener:
                    open_at.append(match.start())
                elif open_at:
                    self.closing[open_at.pop()] = match.start()
        return self.closing.get(position)

    def closing_near(self, text: str, position: int) -> int | None:
        """The same answer, reading only a little of a text not seen before.

        Each link found changes the text, so a table made for it would be thrown away
        at once; most links close within a few words, and a short look finds them.
        """
        if text is not self.text:
            close = _close_nearby(text, position, self.opener, self.closer)
            if close is not None:
                return close
        return self.closing_of(text, position)


class LinearLinkMixin:
    """Link text `[...]` and addresses `(...)` found without rescanning the rest of the text."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802
        close = self.md.bracket_pairs.closing_near(data, index - 1)
        if close is None:
            return "", len(data), False
        return data[index:close], close + 1, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        if data[index : index + 1] != "(":
            return super().getLink(data, index)
        close = self.md.paren_pairs.closing_near(data, index)
        end = len(data) if close is None else close
        if any(data.find(mark, index, end) != -1 for mark in ("'", '"', "<")):
            # Titles in quotes and <addresses> count brackets their own way; rare, so
            # they get the full scan.
            return super().getLink(data, index)
        if close is None:
            return "", None, len(data), False
        # Plain brackets: the scan stops at the matching `)`, so it can stop reading there.
        return super().getLink(data[: close + 1], index)


def _close_nearby(text: str, start: int, opener: str, closer: str) -> int | None:
    """Where the opener at `start` is closed, if that is within SHORT_SCAN characters."""
    depth = 0
    for position in range(start, min(len(text), start + SHORT_SCAN)):
        char = text[position]
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return position
    return None


class LinearHtmlExtractor(HTMLExtractor):
    """Raw HTML found without rescanning the rest of the text for every `<`."""

    # The standard start-tag pattern lets an attribute name contain `<`, so from every
    # unclosed `<a ` it reads on to the end of the text. No real tag has `<` in a name
    # or an unquoted value, so here they stop there.
    START_TAG_END = re.compile(
        r"""
        <[a-zA-Z][^\t\n\r\f />\x00<]*
        (?:[\s/]*
          (?:(?<=['"\s/])[^\s/><][^\s/=><]*
            (?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s<]*)\s*)?(?:\s|/(?!>))*
          )*
        )?
        \s*
        """,
        re.VERBOSE,
    )

    def reset(self) -> None:
        super().reset()
        self._no_cdata_close: tuple[str | None, int] = (None, 0)

    def check_for_whole_start_tag(self, i: int) -> int:
        saved = htmlparser.locatestarttagend_tolerant
        htmlparser.locatestarttagend_tolerant = self.START_TAG_END
        try:
            return super().check_for_whole_start_tag(i)
        finally:
            htmlparser.locatestarttagend_tolerant = saved

    def parse_html_declaration(self, i: int) -> int:
        # Like unclosed comments (handled upstream): once no `]]>` follows a position,
        # none follows any later one, so an unclosed `<![CDATA[` is read past once.
        if self.rawdata.startswith("<![CDATA[", i):
            searched, position = self._no_cdata_close
            if searched is self.rawdata and i >= position:
                self.handle_data("<")
                return i + 1
            if self.rawdata.find("]]>", i + 9) == -1:
                self._no_cdata_close = (self.rawdata, i)
                self.handle_data("<")
                return i + 1
        return super().parse_html_declaration(i)


class LinearHtmlBlockPreprocessor(HtmlBlockPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        parser = LinearHtmlExtractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


_LINK_PROCESSORS = {
    "reference": ReferenceInlineProcessor,
    "link": LinkInlineProcessor,
    "image_link": ImageInlineProcessor,
    "image_reference": ImageReferenceInlineProcessor,
    "short_reference": ShortReferenceInlineProcessor,
    "short_image_ref": ShortImageReferenceInlineProcessor,
}


class LinearTimeExtension(Extension):
    """Swap in the linear-time parts, keeping each one's name and place in the order."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.bracket_pairs = _Pairs("[", "]")
        md.paren_pairs = _Pairs("(", ")")
        for name, base in _LINK_PROCESSORS.items():
            old = md.inlinePatterns[name]
            fast = type(f"Linear{base.__name__}", (LinearLinkMixin, base), {})
            md.inlinePatterns.register(fast(old.pattern, md), name, _priority(md, name))
        md.preprocessors.register(
            LinearHtmlBlockPreprocessor(md), "html_block", _priority(md, "html_block", "pre")
        )


def _priority(md: Markdown, name: str, registry: str = "inline") -> float:
    items = md.preprocessors if registry == "pre" else md.inlinePatterns
    return next(item.priority for item in items._priority if item.name == name)
