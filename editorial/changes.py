"""What changed between two versions of a page, part by part, in the words staff use.

Each part is named by its label ("How long it takes", "Before the procedure"), never by
its field name, and its text is marked word by word: kept, added or removed. Long runs of
unchanged words are shortened to a few words either side of each change.
"""

import difflib
import re
from typing import NamedTuple

from django.utils.text import capfirst

# Unchanged words kept on each side of a change.
CONTEXT_WORDS = 8
# Unchanged runs up to this many tokens (words and spaces) between changes join them.
SHORT_RUN = 3
TOKENS = re.compile(r"\s+|[^\s]+")
# Where a page stands with patients is not part of its text.
NOT_COMPARED = {"status"}


class Part(NamedTuple):
    label: str
    # ("same" | "added" | "removed" | "gap", text), in reading order.
    pieces: list[tuple[str, str]]


def page_changes(model, old: dict | None, new: dict) -> list[Part]:
    """The parts of `new` that differ from `old` (None: the first version, all added)."""
    texts = [
        (label, as_text(before), as_text(after))
        for label, before, after in _parts(model, old or {}, new)
    ]
    return [
        Part(label, word_changes(before, after))
        for label, before, after in texts
        if before != after
    ]


def _parts(model, old: dict, new: dict):
    """(label, old value, new value) for each part, in the page's order."""
    for key, group, name in model.front_fields():
        if key in NOT_COMPARED:
            continue
        if group:
            field = group.file_key(name)
            yield (
                capfirst(model.label(name)),
                old.get(key, {}).get(field),
                new.get(key, {}).get(field),
            )
        else:
            yield capfirst(model.label(name)), old.get(key), new.get(key)
    if model.schema.body:
        body = model.schema.body
        yield capfirst(model.label(body)), old.get(body), new.get(body)
    else:
        for section in model.section_list():
            yield (
                section.heading,
                old.get("sections", {}).get(section.field),
                new.get("sections", {}).get(section.field),
            )


def as_text(value) -> str:
    """A stored value as staff would read it: lists one item per line, sources in words."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_item_text(item) for item in value)
    return str(value)


def _item_text(item) -> str:
    if isinstance(item, dict):  # a source
        return (
            f"{item.get('title')}, {item.get('organisation')}, {item.get('url')}, "
            f"checked {item.get('checked')}"
        )
    return str(item)


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    pieces = []
    opcodes = _whole_phrases(
        difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    )
    for number, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            first, last = number == 0, number == len(opcodes) - 1
            pieces += _unchanged(before[i1:i2], lead_in=not first, lead_out=not last)
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(after[j1:j2])))
    return pieces


def _whole_phrases(opcodes: list) -> list:
    """Fold a short unchanged run (a space, a "the") between two changes into them, so a
    rewritten sentence reads as one removal and one addition, not a patchwork of words."""
    merged = []
    for number, (op, i1, i2, j1, j2) in enumerate(opcodes):
        between_changes = 0 < number < len(opcodes) - 1 and i2 - i1 <= SHORT_RUN
        if merged and merged[-1][0] != "equal" and (op != "equal" or between_changes):
            merged[-1] = ("replace", merged[-1][1], i2, merged[-1][3], j2)
        else:
            merged.append((op, i1, i2, j1, j2))
    return merged


def _unchanged(tokens: list[str], *, lead_in: bool, lead_out: bool) -> list[tuple[str, str]]:
    """Unchanged words: the few after the change before them (lead_in) and before the change
    after them (lead_out); the rest is a gap."""
    keep = CONTEXT_WORDS * 2  # a word and the space after it are two tokens
    if len(tokens) <= keep * (lead_in + lead_out) + 2:
        return [("same", "".join(tokens))]
    pieces = [("same", "".join(tokens[:keep]))] if lead_in else []
    pieces.append(("gap", " … "))
    if lead_out:
        pieces.append(("same", "".join(tokens[-keep:])))
    return pieces
