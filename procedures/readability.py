"""Readability of rendered page text: a US school grade for English, reading ease for others."""

from html.parser import HTMLParser

import textstat
from textstat.backend import metrics

# Each of these ends a thought on the page even when the writer used no full stop
# (list items, headings, table cells), so it counts as the end of a sentence.
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote"}
SENTENCE_ENDINGS = (".", "!", "?")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        self._current = []
        if text:
            self.blocks.append(text if text.endswith(SENTENCE_ENDINGS) else text + ".")

    def close(self) -> None:
        super().close()
        self._flush()


def plain_text(html: str) -> str:
    """Visible text of an HTML fragment, with every block ending as a sentence."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return " ".join(extractor.blocks)


def reading_grade(html: str) -> float:
    """Flesch-Kincaid grade of an HTML fragment's text (0.0 when it has none)."""
    text = plain_text(html)
    return round(textstat.flesch_kincaid_grade(text), 1) if text else 0.0


def reading_ease(text: str, language: str) -> float | None:
    """Szigriszt-Pazos reading ease of plain text in Spanish, 0 (very hard) to 100 (very
    easy); 65 and above is "bastante fácil". None for a language it has no formula for."""
    if language != "es":
        return None
    return round(metrics.szigriszt_pazos(text, language), 1) if text.strip() else 0.0
