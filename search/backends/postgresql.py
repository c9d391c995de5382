"""PostgreSQL: a weighted tsvector with a GIN index for ranking, pg_trgm for spelling."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db.models import F

from search.models import SearchEntry, SearchWord

CONFIG = "english"
# ts_rank's weights for D, C, B, A: body, (unused), summary, title and names. No length
# normalisation: it put short glossary entries above the pages that answer the question
# (63 of the 71 lay queries in the top three with it, 66 without).
WEIGHTS = [0.05, 0.2, 0.4, 1.0]


def update_vector(entry: SearchEntry) -> None:
    vector = (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("names", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("body", weight="D", config=CONFIG)
    )
    SearchEntry.objects.filter(pk=entry.pk).update(vector=vector)


def _query(terms: list[str]) -> SearchQuery:
    # Each term quoted, joined with "or": websearch syntax built only from plain words.
    return SearchQuery(
        " or ".join(f'"{term}"' for term in terms), search_type="websearch", config=CONFIG
    )


def ranked(terms: list[str], limit: int, marks: tuple[str, str]) -> list[tuple[int, str]]:
    query = _query(terms)
    found = (
        SearchEntry.objects.filter(vector=query)
        .annotate(
            rank=SearchRank(F("vector"), query, weights=WEIGHTS),
            snippet=SearchHeadline(
                "body",
                query,
                config=CONFIG,
                start_sel=marks[0],
                stop_sel=marks[1],
                max_words=30,
                min_words=15,
                max_fragments=1,
                fragment_delimiter="…",
            ),
        )
        .order_by("-rank", "title")
    )
    return list(found.values_list("pk", "snippet")[:limit])


def matching(terms: list[str]) -> set[int]:
    """Every entry any of the terms finds, for the count the page gives."""
    return set(SearchEntry.objects.filter(vector=_query(terms)).values_list("pk", flat=True))


def similar_words(word: str, limit: int) -> list[str]:
    # trigram_similar is pg_trgm's % operator, which the GIN index answers.
    return list(
        SearchWord.objects.filter(word__trigram_similar=word)
        .annotate(similarity=TrigramSimilarity("word", word))
        .order_by("-similarity", "word")
        .values_list("word", flat=True)[:limit]
    )


def create_tables(schema_editor) -> None:
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)"
    )
    schema_editor.execute(
        "CREATE INDEX search_word_trigrams ON search_searchword USING gin (word gin_trgm_ops)"
    )


def drop_tables(schema_editor) -> None:
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")
    schema_editor.execute("DROP INDEX IF EXISTS search_word_trigrams")
