"""SQLite: FTS5 tables kept by triggers (migration 0001): stemmed words for ranking, and
trigrams of the vocabulary for spelling."""

from django.db import connection

# bm25 weights for title, names, summary and body: the title and names count most.
COLUMN_WEIGHTS = (10.0, 10.0, 4.0, 1.0)


def quoted(term: str) -> str:
    """A phrase in FTS5 syntax: whatever it holds is matched as words, never as syntax."""
    return '"' + term.replace('"', '""') + '"'


def ranked(terms: list[str], limit: int) -> list[int]:
    """Entry ids, best first."""
    weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s "
            f"ORDER BY bm25(search_entry_fts, {weights}) LIMIT %s",
            [_any_of(terms), limit],
        )
        return [row[0] for row in cursor.fetchall()]


def snippets(terms: list[str], ids: list[int], marks: tuple[str, str]) -> dict[int, str]:
    """A snippet of each entry's body around the terms."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, snippet(search_entry_fts, 3, %s, %s, '…', 16) "
            f"FROM search_entry_fts WHERE search_entry_fts MATCH %s "
            f"AND rowid IN ({', '.join(['%s'] * len(ids))})",
            [*marks, _any_of(terms), *ids],
        )
        return dict(cursor.fetchall())


def matching(terms: list[str]) -> set[int]:
    """Every entry any of the terms finds, for the count the page gives."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s", [_any_of(terms)]
        )
        return {row[0] for row in cursor.fetchall()}


def terms_found(terms: list[str], ids: list[int]) -> dict[int, int]:
    """How many of the terms each of the entries has, in one query."""
    among = ", ".join(["%s"] * len(ids))
    one_term = (
        f"SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s AND rowid IN ({among})"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join([one_term] * len(terms)),
            [value for term in terms for value in (quoted(term), *ids)],
        )
        found = [row[0] for row in cursor.fetchall()]
    return {pk: found.count(pk) for pk in ids}


def _any_of(terms: list[str]) -> str:
    return " OR ".join(quoted(term) for term in terms)


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


ENTRY_COLUMNS = ("title", "names", "summary", "body")
TABLES = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(title, names, summary, body, "
    "content='search_searchentry', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    *_kept_in_step("search_entry_fts", "search_searchentry", ENTRY_COLUMNS),
    "CREATE VIRTUAL TABLE search_word_fts USING fts5(word, content='search_searchword', "
    "content_rowid='id', tokenize='trigram')",
    *_kept_in_step("search_word_fts", "search_searchword", ("word",)),
]
