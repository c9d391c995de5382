"""Two procedures side by side: the table, its one address, and the links to it."""

import pytest
from bs4 import BeautifulSoup

from procedures.models import Comparison, Status
from tests.factories import make_comparison, make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    first = make_procedure(title="Vertebroplasty", slug="vertebroplasty", duration="1 hour")
    second = make_procedure(title="Kyphoplasty", slug="kyphoplasty", duration="90 minutes")
    first.related.set([second])
    return make_comparison(first, second, key_difference="Kyphoplasty uses a small balloon.")


def test_the_table_has_a_caption_column_headers_and_a_header_for_every_row(client, pair):
    page = BeautifulSoup(
        client.get("/compare/vertebroplasty-vs-kyphoplasty/").content, "html.parser"
    )
    table = page.select_one("table.compare-table")
    assert "Vertebroplasty and kyphoplasty side by side" in table.caption.get_text()
    assert [th.get_text(strip=True) for th in table.select("thead th[scope=col]")] == [
        "Vertebroplasty",
        "Kyphoplasty",
    ]
    rows = table.select("tbody tr")
    labels = [row.select_one("th[scope=row]").get_text(strip=True) for row in rows]
    assert labels == [Comparison.row_label(name) for name in Comparison.compared_fields()]
    assert labels[:3] == ["What it is", "Who it may suit", "How long it takes"]
    assert {"How well it works", "Main risks", "Recovery", "Driving"} <= set(labels)
    duration = rows[labels.index("How long it takes")].select("td")
    # Each answer is named for a phone, where the column headings scroll away.
    assert [cell.get_text(" ", strip=True) for cell in duration] == [
        "Vertebroplasty 1 hour",
        "Kyphoplasty 90 minutes",
    ]
    assert all(len(row.select("td")) == 2 for row in rows)
    assert "Kyphoplasty uses a small balloon." in page.select_one(".key-difference").get_text()


def test_the_pair_named_the_other_way_round_redirects_to_the_one_address(client, pair):
    response = client.get("/compare/kyphoplasty-vs-vertebroplasty/")
    assert response.status_code == 301
    assert response["Location"] == "/compare/vertebroplasty-vs-kyphoplasty/"


@pytest.mark.parametrize(
    "address",
    [
        "/compare/vertebroplasty-vs-sacroplasty/",
        "/compare/vertebroplasty/",
        "/compare/-vs-/",
        "/compare/vertebroplasty-vs-vertebroplasty/",
    ],
)
def test_pairs_nobody_compared_are_not_found(client, pair, address):
    assert client.get(address).status_code == 404


def test_a_comparison_with_a_draft_procedure_is_not_shown(client, pair):
    pair.second.status = Status.DRAFT
    pair.second.save_page()
    assert client.get("/compare/vertebroplasty-vs-kyphoplasty/").status_code == 404
    page = client.get("/procedures/vertebroplasty/").content.decode()
    assert "/compare/" not in page


def test_both_procedure_pages_link_to_the_comparison(client, pair):
    for slug in ("vertebroplasty", "kyphoplasty"):
        page = BeautifulSoup(client.get(f"/procedures/{slug}/").content, "html.parser")
        links = [a["href"] for a in page.select("#alternatives a")]
        assert "/compare/vertebroplasty-vs-kyphoplasty/" in links


def test_renaming_a_procedure_moves_the_comparison_and_keeps_the_old_address(client, pair):
    pair.first.slug = "percutaneous-vertebroplasty"
    pair.first.save_page()
    pair.refresh_from_db()
    assert pair.slug == "percutaneous-vertebroplasty-vs-kyphoplasty"
    old = client.get("/compare/vertebroplasty-vs-kyphoplasty/")
    assert old.status_code == 301
    assert old["Location"] == "/compare/percutaneous-vertebroplasty-vs-kyphoplasty/"
    assert client.get(old["Location"]).status_code == 200


def test_a_pair_can_be_compared_once_in_either_order(pair):
    from django.core.exceptions import ValidationError

    again = Comparison(
        first=pair.second,
        second=pair.first,
        summary="s",
        key_difference="k",
        discussion="d",
        last_reviewed=pair.last_reviewed,
        reviewed_by="x",
        sources=pair.sources,
    )
    with pytest.raises(ValidationError, match="already compared"):
        again.full_clean()
    same = Comparison(first=pair.first, second=pair.first)
    with pytest.raises(ValidationError, match="two different"):
        same.full_clean()


def test_the_sitemap_lists_comparisons_and_the_glossary_but_no_plans(client, pair):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/compare/vertebroplasty-vs-kyphoplasty/</loc>" in sitemap
    assert "/glossary/</loc>" in sitemap
    assert "/plan/" not in sitemap
