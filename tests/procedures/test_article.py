"""A procedure page's article is rendered once for what it shows, and follows every change.

The page cache is off here (as it is in development): what is checked is the article kept in
each worker, which needs no retiring because its inputs are its key.
"""

import pytest
from django.urls import reverse

from procedures import article
from tests.factories import make_comparison, make_condition, make_procedure, make_term


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def pages(db):
    condition = make_condition(name="Compression fracture", slug="compression-fracture")
    kyphoplasty = make_procedure(title="Kyphoplasty", slug="kyphoplasty", summary="A balloon.")
    vertebroplasty = make_procedure(
        title="Vertebroplasty", slug="vertebroplasty", conditions=[condition], related=[kyphoplasty]
    )
    return condition, vertebroplasty, kyphoplasty


def read(client, slug="vertebroplasty") -> str:
    return client.get(reverse("procedures:procedure_detail", args=[slug])).content.decode()


def test_reading_a_page_again_reuses_its_article(client, pages):
    first = read(client)
    before = article._render.cache_info()
    assert read(client) == first
    after = article._render.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)


def test_the_article_follows_its_own_page(client, pages):
    _, vertebroplasty, _ = pages
    read(client)
    vertebroplasty.summary = "Bone cement makes the broken bone steady."
    vertebroplasty.save()
    assert "Bone cement makes the broken bone steady." in read(client)


def test_the_article_follows_the_pages_it_links_to(client, pages):
    condition, vertebroplasty, kyphoplasty = pages
    read(client)
    condition.name = "Broken bone in the spine"
    condition.save()
    kyphoplasty.summary = "A small balloon makes room first."
    kyphoplasty.save()
    make_comparison(vertebroplasty, kyphoplasty, slug="vertebroplasty-vs-kyphoplasty")
    page = read(client)
    assert ">Broken bone in the spine</a>" in page
    assert "A small balloon makes room first." in page
    assert 'href="/compare/vertebroplasty-vs-kyphoplasty/"' in page


def test_the_article_follows_the_glossary(client, pages):
    _, vertebroplasty, _ = pages
    vertebroplasty.overview = "It treats a broken vertebra."
    vertebroplasty.save_page()
    read(client)
    make_term("vertebra")
    assert 'href="/glossary/#vertebra"' in read(client)


def test_the_article_follows_the_practice_numbers(client, pages, settings):
    read(client)
    settings.PRACTICE_PHONE = "(617) 555-0199"
    # The header shows the number too, but outside the article.
    assert 'Or call us on <a href="tel:6175550199">' in read(client)
