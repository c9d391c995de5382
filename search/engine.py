"""The site search, one interface for both databases: a patient's words in, pages out.

1. The words, without the small ones every page uses ("the", "what", "my").
2. Spelling: a word that is in neither the pages nor an English word list is replaced by
   the closest word the pages do use ("vertebroplsty"); real words ("shots", "cost") are
   left as they are. The page offers the search as typed, too.
3. Synonyms: everyday phrases staff have mapped to the words our pages use.
4. Best bets pinned by staff for that search come first, then the ranked pages: title and
   other names count most, then the summary, then the body. A glossary meaning is short,
   which ranking favours, so it goes after any page with more of the searched words than
   it has ("cement in spine": the cement treatments before the meaning of "bone cement").
"""

import difflib
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from spellchecker import SpellChecker

from search.models import (
    BestBet,
    Kind,
    SearchEntry,
    SearchWord,
    Synonym,
    normalise_query,
    query_words,
    without_accents,
)

# Longer searches are refused: a search is a few words, not a letter.
MAX_QUERY_LENGTH = 200
RESULT_LIMIT = 20
# How many of the backend's best are put in order: enough that a page with every searched
# word is never left out for short glossary meanings with one.
CANDIDATES = 60
# How alike a misspelt word and its correction must be (difflib's ratio, 0 to 1).
CLOSE_ENOUGH = 0.75
SHORTEST_CORRECTED = 4
# Markers the databases put around matched words; never in page text.
MARKS = ("\x02", "\x03")

# Words that say nothing about which page is wanted, by language (kept as text: a list of
# 70 words reads better as a paragraph than one per line).
STOP_WORDS = {
    "en": frozenset(
        """
        a about after am an and any are as at be been but by can could do does for from get
        had has have how i if im in into is it its me mean means much my of on or our should
        so than that the their them then there these they this to too was we were what when
        where which who why will with would you your
        """.split()  # noqa: SIM905
    ),
    "es": frozenset(
        """
        a al algo como cómo con cual cuál cuando cuándo de del donde dónde el él en es esta
        está este esto hay la las le les lo los me mi mis muy o para pero por que qué se ser
        si sí son su sus tengo tiene un una uno unos unas y ya yo
        """.split()  # noqa: SIM905
    ),
}


@dataclass(frozen=True)
class Result:
    entry: SearchEntry
    snippet: SafeString

    @property
    def kind(self) -> str:
        return self.entry.get_kind_display()


@dataclass(frozen=True)
class Found:
    results: list[Result]
    # The words searched for when spelling was corrected, to say so on the page.
    corrected: str = ""
    # How many pages the search found; at most RESULT_LIMIT of them are shown.
    total: int = 0


def backend():
    if connection.vendor == "postgresql":
        from search.backends import postgresql

        return postgresql
    from search.backends import sqlite

    return sqlite


def search(text: str, *, language: str | None = None, correct_spelling: bool = True) -> Found:
    """The pages in `language` (the active one by default) that best match `text`."""
    language = language or get_language()
    words = query_words(text)
    synonyms = list(Synonym.objects.all())
    corrected = _corrected(words, synonyms, language) if correct_spelling else words
    stop_words = STOP_WORDS.get(language, frozenset())
    terms = [word for word in corrected if word not in stop_words]
    terms += [phrase for phrase in _synonym_phrases(corrected, synonyms) if phrase not in terms]
    in_language = SearchEntry.objects.filter(language=language)
    pinned = _best_bets({normalise_query(text), " ".join(corrected)}, in_language)
    if not terms and not pinned:
        return Found([])
    db = backend()
    ranked = db.ranked(terms, CANDIDATES, language) if terms else []
    ranked = _meanings_after_fuller_pages(ranked, terms, language)
    order = [*pinned, *(pk for pk in ranked if pk not in pinned)][:RESULT_LIMIT]
    found = set(ranked)
    shown = [pk for pk in order if pk in found]
    snippets = db.snippets(terms, shown, MARKS, language) if shown else {}
    entries = SearchEntry.objects.defer("body", "vector").in_bulk(order)
    results = [Result(entries[pk], _highlighted(snippets.get(pk, ""))) for pk in order]
    # Fewer candidates than asked for means every match is among them.
    matched = db.matching(terms, language) if len(ranked) == CANDIDATES else found
    total = len(set(pinned) | matched)
    return Found(results, " ".join(corrected) if corrected != words else "", total)


def _meanings_after_fuller_pages(ranked: list[int], terms: list[str], language: str) -> list[int]:
    """The backend's order, but each glossary meaning shown moved down to just after the
    last page that has more of the terms than it has. Pages keep their order."""
    if len(terms) < 2:
        return ranked
    # Only a meaning among the results shown can be in the way.
    shown = ranked[:RESULT_LIMIT]
    meanings = set(
        SearchEntry.objects.filter(pk__in=shown, kind=Kind.TERM).values_list("pk", flat=True)
    )
    if not meanings:
        return ranked
    words = backend().terms_found(terms, ranked, language)
    pages = [pk for pk in ranked if pk not in meanings]
    slots = []  # (where among the pages, the meaning's rank, the meaning)
    for rank, pk in enumerate(ranked):
        if pk in meanings:
            above = rank - len([other for other in ranked[:rank] if other in meanings])
            fuller = [at for at, page in enumerate(pages) if words[page] > words[pk]]
            slots.append((max(above, fuller[-1] + 1 if fuller else 0), rank, pk))
    order = list(pages)
    # From the last slot back, so each insertion leaves the earlier slots where they were.
    for slot, _, meaning in sorted(slots, reverse=True):
        order.insert(slot, meaning)
    return order


def _corrected(words: list[str], synonyms: list[Synonym], language: str) -> list[str]:
    """Each word the pages do not use replaced by the closest one they do, if one is close."""
    stop_words = STOP_WORDS.get(language, frozenset())
    checkable = {
        word
        for word in words
        if len(word) >= SHORTEST_CORRECTED and word.isalpha() and word not in stop_words
    }
    if not checkable:
        return words
    known = set(SearchWord.objects.filter(word__in=checkable).values_list("word", flat=True))
    known |= {word for synonym in synonyms for word in synonym.words.split()}
    known |= _word_list(language).known(checkable)
    corrections = {}
    for word in checkable - known:
        candidates = backend().similar_words(word, limit=20)
        # A word typed without its accents ("ciatica") is the pages' word ("ciática"), not
        # the closest spelling in another language ("sciatica").
        same_letters = [c for c in candidates if without_accents(c) == without_accents(word)]
        closest = same_letters or difflib.get_close_matches(
            word, candidates, n=1, cutoff=CLOSE_ENOUGH
        )
        if closest:
            corrections[word] = closest[0]
    return [corrections.get(word, word) for word in words]


@lru_cache(maxsize=2)
def _word_list(language: str) -> SpellChecker:
    """pyspellchecker's word list for the language, loaded once per process."""
    return SpellChecker(language=language)


def _synonym_phrases(words: list[str], synonyms: list[Synonym]) -> list[str]:
    # Without accents: on a phone many people type "inyeccion" for "inyección".
    padded = without_accents(f" {' '.join(words)} ")
    return [
        phrase
        for synonym in synonyms
        if without_accents(f" {synonym.words} ") in padded
        for phrase in synonym.phrases()
    ]


def _best_bets(queries: set[str], entries) -> list[int]:
    pinned = BestBet.objects.filter(query__in=queries - {""}, entry__in=entries).order_by("pk")
    return list(dict.fromkeys(pinned.values_list("entry_id", flat=True)))


def _highlighted(snippet: str) -> SafeString:
    """The database's snippet as safe HTML: all of it escaped, then the marks made <mark>."""
    start, stop = MARKS
    text = escape(snippet or "").replace(start, "<mark>").replace(stop, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our own tags are added
