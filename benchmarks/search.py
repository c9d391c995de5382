"""`make bench-search`: search latency with the starter pages grown to 1,000 procedures, on
SQLite and on PostgreSQL: median and 95th percentile of 200 searches from the lay query set.

Each database is made fresh (a temporary SQLite file; a PostgreSQL database named
ir_bench_search, dropped at the end) with production settings.
"""

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SEARCHES = 200
PAGES = 1000
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DATABASE = "ir_bench_search"


def measure() -> None:
    """In a process whose DATABASE_URL names the database to measure."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.pages import grow_to
    from search import indexing
    from search.engine import search
    from search.models import SearchEntry
    from tests.search.test_lay_queries import lay_queries

    call_command("migrate", verbosity=0)
    call_command("import_content", verbosity=0, stdout=io.StringIO())
    grow_to(PAGES)
    indexing.rebuild()
    queries = [query for query, _ in lay_queries()]
    for query in queries:
        search(query)  # warm: connection open, caches filled
    times = []
    for number in range(SEARCHES):
        start = time.perf_counter()
        search(queries[number % len(queries)])
        times.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"  {connection.vendor:12} {SearchEntry.objects.count():5} pages   "
        f"median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms"
    )


def run(database_url: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    subprocess.run(
        [sys.executable, "-m", "benchmarks.search", "--measure"], cwd=BASE_DIR, env=env, check=True
    )


def main() -> None:
    print(f"Search latency, {SEARCHES} searches from tests/search/lay_queries.txt")
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.sqlite3")
    psql = ["psql", POSTGRES_SERVER + "/postgres", "--quiet", "-v", "ON_ERROR_STOP=1", "--command"]
    os.environ["PGOPTIONS"] = "--client-min-messages=warning"
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE}"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {POSTGRES_DATABASE}"], check=True)
    try:
        run(f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}")
    finally:
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE}"], check=True)


if __name__ == "__main__":
    sys.path.insert(0, str(BASE_DIR))
    measure() if "--measure" in sys.argv else main()
