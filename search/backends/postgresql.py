"""PostgreSQL: a weighted tsvector with a GIN index for ranking, pg_trgm for spelling."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db.models import Case, F, IntegerField, Q, When

from search.models import SearchEntry, SearchWord

# The text search configuration for each language: its stemmer and stop words.
CONFIGS = {"en": "english", "es": "spanish"}
# ts_rank's weights for D, C, B, A: body, (unused), summary, title and names.
WEIGHTS = [0.05, 0.2, 0.4, 1.0]
# The rank divided by 1 + the log of the page's length, so a long page that says "back pain"
# often does not come before the one that answers the question. Short glossary meanings it
# would favour go after fuller pages (search.engine). Of the 81 lay queries, 77 are in the
# top three with it, 75 without; dividing by the length itself (2) gives 48.
LENGTH_NORMALISATION = 1


def config(language: str) -> str:
    return CONFIGS.get(language, "simple")  # "simple": words as they are, no stemming


def update_vector(entry: SearchEntry) -> None:
    language = config(entry.language)
    vector = (
        SearchVector("title", weight="A", config=language)
        + SearchVector("names", weight="A", config=language)
        + SearchVector("summary", weight="B", config=language)
        + SearchVector("body", weight="D", config=language)
    )
    SearchEntry.objects.filter(pk=entry.pk).update(vector=vector)


def _query(terms: list[str], language: str) -> SearchQuery:
    # Each term quoted, joined with "or": websearch syntax built only from plain words.
    return SearchQuery(
        " or ".join(f'"{term}"' for term in terms),
        search_type="websearch",
        config=config(language),
    )


def _entries(language: str):
    return SearchEntry.objects.filter(language=language)


def ranked(terms: list[str], limit: int, language: str) -> list[int]:
    """Entry ids, best first."""
    query = _query(terms, language)
    found = (
        _entries(language)
        .filter(vector=query)
        .annotate(
            rank=SearchRank(F("vector"), query, weights=WEIGHTS, normalization=LENGTH_NORMALISATION)
        )
        .order_by("-rank", "title")
    )
    return list(found.values_list("pk", flat=True)[:limit])


def snippets(
    terms: list[str], ids: list[int], marks: tuple[str, str], language: str
) -> dict[int, str]:
    """A snippet of each entry's body around the terms: ts_headline is slow, so only for the
    results shown."""
    query = _query(terms, language)
    headline = SearchHeadline(
        "body",
        query,
        config=config(language),
        start_sel=marks[0],
        stop_sel=marks[1],
        max_words=30,
        min_words=15,
        max_fragments=1,
        fragment_delimiter="…",
    )
    found = SearchEntry.objects.filter(pk__in=ids).annotate(snippet=headline)
    return dict(found.values_list("pk", "snippet"))


def matching(terms: list[str], language: str) -> set[int]:
    """Every entry any of the terms finds, for the count the page gives."""
    found = _entries(language).filter(vector=_query(terms, language))
    return set(found.values_list("pk", flat=True))


def terms_found(terms: list[str], ids: list[int], language: str) -> dict[int, int]:
    """How many of the terms each of the entries has, in one query."""
    has_term = [
        Case(
            When(Q(vector=_query([term], language)), then=1),
            default=0,
            output_field=IntegerField(),
        )
        for term in terms
    ]
    found = SearchEntry.objects.filter(pk__in=ids).annotate(terms=sum(has_term[1:], has_term[0]))
    return dict(found.values_list("pk", "terms"))


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
