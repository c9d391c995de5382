"""Which edits may go live without clinical review: spelling corrections and spacing only.

A clinician must check any change that could alter what a page tells a patient. A word
that is already a real word ("likely", "six", "safe") may be exactly what the writer meant,
so changing it into another real word ("unlikely", "sixty", "unsafe") always needs review;
so does any number, any punctuation, and any word added or removed. What is left is the
correction of a word that is in no English word list nor the site's own vocabulary
("recieve"), into the word a spelling checker would choose for it ("receive").
"""

import difflib
import re
from functools import lru_cache

from spellchecker import SpellChecker

# Words (letters, with apostrophes inside: "don't"), numbers, and each other character.
TOKENS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+|[^\w\s]")


def refusal(old: str, new: str, *, known_words: frozenset[str] = frozenset()) -> str | None:
    """Why changing `old` into `new` needs a clinician; None for a spelling or spacing fix.

    `known_words` are the site's own words (glossary terms, page titles), in lower case:
    they count as correctly spelled, like the dictionary's.
    """
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op != "replace" or i2 - i1 != j2 - j1:
            return "Words or punctuation were added or removed."
        for old_word, new_word in zip(before[i1:i2], after[j1:j2], strict=True):
            if reason := _word_refusal(old_word, new_word, known_words):
                return reason
    return None


def words(text: str) -> list[str]:
    return [token for token in TOKENS.findall(text) if token[0].isalpha()]


def _word_refusal(old: str, new: str, known_words: frozenset[str]) -> str | None:
    if not (old[0].isalpha() and new[0].isalpha()):
        return f"“{old}” became “{new}”: numbers and punctuation need a clinician's check."
    checker = _checker(known_words)
    old_key, new_key = _key(old), _key(new)
    if old_key in checker:
        return f"“{old}” is a real word, so changing it to “{new}” may change the meaning."
    if (correction := checker.correction(old_key)) != new_key:
        suggestion = f" (a spelling checker suggests “{correction}”)" if correction else ""
        return f"“{new}” is not the correction of “{old}”{suggestion}."
    return None


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


@lru_cache(maxsize=4)
def _checker(known_words: frozenset[str]) -> SpellChecker:
    # English word frequencies shipped with pyspellchecker, plus the site's own terms.
    checker = SpellChecker(language="en", distance=2)
    checker.word_frequency.load_words(known_words)
    return checker
