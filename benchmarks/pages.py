"""Queries per page and render times as the content grows, measured in one process.

Run by benchmarks/run.py with the benchmark's database and production settings, the page
cache off so that every request renders.
"""

import datetime
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from procedures.models import Comparison, Condition, Procedure, Status  # noqa: E402

SIZES = (10, 1000)
TIMED = ("/procedures/", "/sitemap.xml")
ONE_MONTH = datetime.timedelta(days=30)


def public_urls() -> list[str]:
    procedure = Procedure.objects.published().order_by("slug").first()
    condition = Condition.objects.order_by("slug").first()
    comparison = Comparison.objects.published().order_by("slug").first()
    plan = f"{procedure.get_absolute_url()}plan/?date={datetime.date.today() + ONE_MONTH}"
    return [
        "/",
        "/procedures/",
        procedure.get_absolute_url(),
        "/conditions/",
        condition.get_absolute_url(),
        comparison.get_absolute_url(),
        "/glossary/",
        plan,
        "/privacy/",
        "/accessibility/",
        "/medical-disclaimer/",
        "/sitemap.xml",
        "/robots.txt",
    ]


def grow_to(count: int) -> None:
    """Copies of a published page, each linked to two conditions, until there are `count`.

    Rows are copied as saved (HTML already rendered), which is what a page costs to read.
    """
    model = Procedure.objects.published().order_by("slug").first()
    conditions = list(Condition.objects.order_by("pk"))
    existing = Procedure.objects.published().count()
    copies = []
    for number in range(existing, count):
        copy = Procedure.objects.get(pk=model.pk)
        copy.pk = None
        copy.title = f"{model.title} {number}"
        copy.slug = f"{model.slug}-{number}"
        copy.status = Status.PUBLISHED
        copies.append(copy)
    Procedure.objects.bulk_create(copies, batch_size=200)
    links = Procedure.conditions.through
    new = Procedure.objects.filter(slug__startswith=f"{model.slug}-")
    links.objects.bulk_create(
        [
            links(procedure_id=pk, condition_id=conditions[(i + k) % len(conditions)].pk)
            for i, pk in enumerate(new.values_list("pk", flat=True))
            for k in (0, 1)
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def render_ms(client: Client, url: str, repeat: int) -> float:
    client.get(url)  # warm: templates loaded, connection open
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    client = Client()
    counts, renders = {}, {}
    for size in SIZES:
        grow_to(size)
        published = Procedure.objects.published().count()
        counts[published] = {url: queries(client, url) for url in public_urls()}
        renders[published] = {
            url: render_ms(client, url, 50 if size < 100 else 15) for url in TIMED
        }
    sizes = list(counts)
    print("\nQueries per page (procedures published: " + " / ".join(map(str, sizes)) + ")")
    for url in counts[sizes[0]]:
        print(f"  {url:40} " + " / ".join(str(counts[size][url]) for size in sizes))
    print("\nRender time without the cache, median ms (" + " / ".join(map(str, sizes)) + ")")
    for url in TIMED:
        small, large = renders[sizes[0]][url], renders[sizes[-1]][url]
        print(f"  {url:40} {small:.1f} / {large:.1f}   ({large / small:.1f} times)")


if __name__ == "__main__":
    main()
