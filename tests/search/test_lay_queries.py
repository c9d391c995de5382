"""Patients' own words against the shipped pages: the right page first, or at least in the
top three, for at least 90% of the queries in lay_queries.txt (English) and
lay_queries_es.txt (Spanish, searched under /es/), on each database."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from search.engine import search

QUERIES = {
    "en": Path(__file__).with_name("lay_queries.txt"),
    "es": Path(__file__).with_name("lay_queries_es.txt"),
}
SMALLEST_SET = {"en": 50, "es": 30}
TOP_THREE_AT_LEAST = 0.9


def lay_queries(language: str) -> list[tuple[str, str]]:
    """(query, expected address) for each line `query | address`; # starts a comment line."""
    lines = QUERIES[language].read_text(encoding="utf-8").splitlines()
    pairs = [line.split("|") for line in lines if line.strip() and not line.startswith("#")]
    return [(query.strip(), expected.strip()) for query, expected in pairs]


@pytest.mark.parametrize("language", QUERIES)
def test_the_set_is_big_enough(language):
    assert len(lay_queries(language)) >= SMALLEST_SET[language]


@pytest.fixture
def starter_synonyms(db):
    """The synonyms a new site starts with (tests that empty the tables remove them)."""
    importlib.import_module("search.migrations.0002_starter_synonyms").add_synonyms(
        django_apps, schema_editor=None
    )
    for migration in ("0003_everyday_us_words", "0005_everyday_spanish_words"):
        importlib.import_module(f"search.migrations.{migration}").add_words(
            django_apps, schema_editor=None
        )


@pytest.mark.usefixtures("starter_content", "starter_synonyms")
@pytest.mark.parametrize("language", QUERIES)
def test_lay_queries_find_the_right_page(language, capsys):
    misses, first, top_three = [], 0, 0
    queries = lay_queries(language)
    for query, expected in queries:
        urls = [result.entry.url for result in search(query, language=language).results]
        first += urls[:1] == [expected]
        top_three += expected in urls[:3]
        if expected not in urls[:3]:
            misses.append(f"  {query!r}: expected {expected}, got {urls[:3]}")
    with capsys.disabled():
        print(
            f"\nLay queries ({language}): {first}/{len(queries)} right page first "
            f"({first / len(queries):.0%}), "
            f"{top_three}/{len(queries)} in the top three ({top_three / len(queries):.0%})"
        )
        print("\n".join(misses))
    assert top_three / len(queries) >= TOP_THREE_AT_LEAST, "\n".join(misses)
