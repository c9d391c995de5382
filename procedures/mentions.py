"""Links the first mention of each treatment in one section of a page's rendered HTML.

Done when the page is shown, not when its text is saved, so a link always goes to a
treatment as it is now: a renamed, moved or unpublished one is never linked stale.

A treatment's name may already hold a glossary link ("Epidural <a>steroid</a> injection"):
the treatment's link takes its place, so the whole name is one link.
"""

import re
from html import escape
from html.parser import HTMLParser

from procedures.markdown import GLOSSARY_LINK_CLASS

# Text in these is left as it is: a link inside a link or a heading helps no one.
NOT_LINKED_INSIDE = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"})


def link_mentions(html: str, *, section_id: str, addresses: dict[str, str]) -> str:
    """`html` with the first mention of each name in `addresses`, in the part from the h2
    with id `section_id` to the next h2, linked to its address."""
    if not addresses:
        return html
    linker = _Linker(section_id, addresses)
    linker.feed(html)
    linker.close()
    linker.flush()
    return "".join(linker.out)


class _Linker(HTMLParser):
    def __init__(self, section_id: str, addresses: dict[str, str]):
        # Character references are passed through as they came, never decoded and re-encoded.
        super().__init__(convert_charrefs=False)
        self.section_id = section_id
        self.address = {name.lower(): address for name, address in addresses.items()}
        longest_first = sorted(self.address, key=len, reverse=True)
        names = "|".join(re.escape(name) for name in longest_first)
        self.pattern = re.compile(rf"\b({names})\b", re.IGNORECASE)
        self.in_section = False
        self.not_linked_depth = 0
        self.linked: set[str] = set()
        self.out: list[str] = []
        # The run of text being gathered in the section: (text, glossary link tag or "").
        self.run: list[tuple[str, str]] = []
        self.glossary_tag = ""

    @property
    def linking(self) -> bool:
        return self.in_section and not self.not_linked_depth

    def handle_starttag(self, tag, attrs):
        if self.linking and tag == "a" and dict(attrs).get("class") == GLOSSARY_LINK_CLASS:
            self.glossary_tag = self.get_starttag_text()
            return
        self.flush()
        if tag == "h2":
            self.in_section = dict(attrs).get("id") == self.section_id
        if tag in NOT_LINKED_INSIDE:
            self.not_linked_depth += 1
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.flush()
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "a" and self.glossary_tag:
            self.glossary_tag = ""
            return
        self.flush()
        if tag in NOT_LINKED_INSIDE:
            self.not_linked_depth = max(0, self.not_linked_depth - 1)
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        self._text(f"&{name};")

    def handle_charref(self, name):
        self._text(f"&#{name};")

    def handle_comment(self, data):
        self.flush()
        self.out.append(f"<!--{data}-->")

    def _text(self, text: str) -> None:
        if self.linking:
            self.run.append((text, self.glossary_tag))
        else:
            self.out.append(text)

    def flush(self) -> None:
        """Write the gathered run: treatment names linked, other glossary links kept."""
        if not self.run:
            return
        text = "".join(piece for piece, _ in self.run)
        # Where each glossary link's text starts and ends in `text`.
        glossary, at = [], 0
        for piece, tag in self.run:
            if tag:
                glossary.append((at, at + len(piece), tag))
            at += len(piece)
        names = [match for match in self.pattern.finditer(text) if self._first(match)]
        written = 0
        for start, end, tag in glossary:
            if any(m.start() < end and start < m.end() for m in names):
                continue  # inside a treatment's name: the treatment's link replaces it
            written = self._write(text, written, start, names)
            self.out.append(f"{tag}{text[start:end]}</a>")
            written = end
        self._write(text, written, len(text), names)
        self.run = []

    def _first(self, match: re.Match) -> bool:
        address = self.address[match[0].lower()]
        if address in self.linked:
            return False
        self.linked.add(address)
        return True

    def _write(self, text: str, start: int, end: int, names: list[re.Match]) -> int:
        """text[start:end], with the treatment names that start in it linked."""
        at = start
        for match in names:
            if start <= match.start() < end and match.start() >= at:
                self.out.append(text[at : match.start()])
                address = escape(self.address[match[0].lower()])
                self.out.append(f'<a href="{address}">{match[0]}</a>')
                at = match.end()
        if at < end:
            self.out.append(text[at:end])
        return max(at, end)
