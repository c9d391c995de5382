"""SQLite: FTS5 tables kept by triggers (migration 0001): stemmed words for ranking, and
trigrams of the vocabulary for spelling.

FTS5's stemmer is English (Porter). For other languages each searched word is cut to its
Snowball stem (the stemmer PostgreSQL's configurations use too) and matched as a prefix:
"fracturas" finds "fractura" and "fracturado".
"""

import snowballstemmer
from django.db import connection

# Snowball's name for each language searched by stems; others are searched as typed.
STEMMERS = {"es": "spanish"}
# Shorter stems would find too many unrelated words as prefixes.
SHORTEST_PREFIX = 4

# bm25 weights for title, names, summary and body: the title and names count most.
COLUMN_WEIGHTS = (10.0, 10.0, 4.0, 1.0)


def quoted(term: str) -> str:
    """A phrase in FTS5 syntax: whatever it holds is matched as words, never as syntax."""
    return '"' + term.replace('"', '""') + '"'


# The entries in one language that the FTS5 expression matches.
MATCHING = (
    "FROM search_entry_fts JOIN search_searchentry entry ON entry.id = search_entry_fts.rowid "
    "WHERE search_entry_fts MATCH %s AND entry.language = %s"
)


def ranked(terms: list[str], limit: int, language: str) -> list[int]:
    """Entry ids, best first."""
    weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT search_entry_fts.rowid {MATCHING} "
            f"ORDER BY bm25(search_entry_fts, {weights}) LIMIT %s",
            [_any_of(terms, language), language, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def snippets(
    terms: list[str], ids: list[int], marks: tuple[str, str], language: str
) -> dict[int, str]:
    """A snippet of each entry's body around the terms."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT search_entry_fts.rowid, snippet(search_entry_fts, 3, %s, %s, '…', 16) "
            f"{MATCHING} AND search_entry_fts.rowid IN ({', '.join(['%s'] * len(ids))})",
            [*marks, _any_of(terms, language), language, *ids],
        )
        return dict(cursor.fetchall())


def matching(terms: list[str], language: str) -> set[int]:
    """Every entry any of the terms finds, for the count the page gives."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT search_entry_fts.rowid {MATCHING}", [_any_of(terms, language), language]
        )
        return {row[0] for row in cursor.fetchall()}


def terms_found(terms: list[str], ids: list[int], language: str) -> dict[int, int]:
    """How many of the terms each of the entries has, in one query."""
    among = ", ".join(["%s"] * len(ids))
    one_term = f"SELECT search_entry_fts.rowid {MATCHING} AND search_entry_fts.rowid IN ({among})"
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join([one_term] * len(terms)),
            [value for term in terms for value in (_match(term, language), language, *ids)],
        )
        found = [row[0] for row in cursor.fetchall()]
    return {pk: found.count(pk) for pk in ids}


def _any_of(terms: list[str], language: str) -> str:
    return " OR ".join(_match(term, language) for term in terms)


def _match(term: str, language: str) -> str:
    """One term (a word or a phrase) as an FTS5 expression in `language`."""
    if language not in STEMMERS:
        return quoted(term)
    words = [_stem_prefix(word, language) for word in term.split()]
    return words[0] if len(words) == 1 else "(" + " AND ".join(words) + ")"


def _stem_prefix(word: str, language: str) -> str:
    # A stemmer keeps state while it works, so each search makes its own.
    stem = snowballstemmer.stemmer(STEMMERS[language]).stemWord(word)
    return f"{quoted(stem)}*" if len(stem) >= SHORTEST_PREFIX else quoted(word)


def similar_words(word: str, limit: int) -> list[str]:
    """Words of the pages sharing the most three-letter pieces with `word`."""
    pieces = {word[i : i + 3] for i in range(len(word) - 2)}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w.word FROM search_word_fts JOIN search_searchword w "
            "ON w.id = search_word_fts.rowid WHERE search_word_fts MATCH %s "
            "ORDER BY rank LIMIT %s",
            [" OR ".join(quoted(piece) for piece in sorted(pieces)), limit],
        )
        return [row[0] for row in cursor.fetchall()]


def create_tables(schema_editor) -> None:
    for statement in TABLES:
        schema_editor.execute(statement)


def drop_tables(schema_editor) -> None:
    for table in ("search_entry_fts", "search_word_fts"):
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def _kept_in_step(fts: str, table: str, columns: tuple[str, ...]) -> list[str]:
    """External-content FTS5 triggers, as the SQLite manual gives them."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES('delete', old.id, {old});"
    insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    return [
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
    ]


def make_entry_table_again(schema_editor) -> None:
    """The entries' FTS5 table and triggers made again and filled from the entries, after a
    change to the entries' table (SQLite makes the table anew, without its triggers)."""
    for trigger in ("ai", "ad", "au"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS search_entry_fts_{trigger}")
    schema_editor.execute("DROP TABLE IF EXISTS search_entry_fts")
    for statement in ENTRY_TABLE:
        schema_editor.execute(statement)
    schema_editor.execute("INSERT INTO search_entry_fts(search_entry_fts) VALUES('rebuild')")


ENTRY_COLUMNS = ("title", "names", "summary", "body")
ENTRY_TABLE = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(title, names, summary, body, "
    "content='search_searchentry', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    *_kept_in_step("search_entry_fts", "search_searchentry", ENTRY_COLUMNS),
]
TABLES = [
    *ENTRY_TABLE,
    "CREATE VIRTUAL TABLE search_word_fts USING fts5(word, content='search_searchword', "
    "content_rowid='id', tokenize='trigram')",
    *_kept_in_step("search_word_fts", "search_searchword", ("word",)),
]
