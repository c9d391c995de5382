"""The site search: ranking, synonyms, spelling, best bets, the index following the pages,
and any input at all. The same tests run on SQLite and PostgreSQL (make test, .ci/run)."""

import pytest
from bs4 import BeautifulSoup

from procedures.models import Status
from search import indexing
from search.engine import search
from search.models import BestBet, SearchEntry, Synonym
from tests.factories import make_condition, make_option, make_procedure, make_term

pytestmark = pytest.mark.django_db


def titles(query: str) -> list[str]:
    return [result.entry.title for result in search(query).results]


@pytest.fixture
def pages():
    disc = make_condition(
        name="Herniated disc", slug="herniated-disc", summary="A disc presses on a nerve."
    )
    fracture = make_condition(
        name="Vertebral compression fracture",
        slug="vertebral-compression-fracture",
        lay_name="Broken bone in the spine",
        summary="A bone in the spine breaks.",
    )
    kyphoplasty = make_procedure(
        title="Kyphoplasty",
        slug="kyphoplasty",
        summary="A balloon, then bone cement.",
        conditions=[fracture],
    )
    make_procedure(
        title="Nucleoplasty",
        slug="nucleoplasty",
        summary="Lowers the pressure in a disc.",
        conditions=[disc],
    )
    make_option(name="Physical therapy", slug="physical-therapy", conditions=[disc])
    make_term("sciatica", summary="Pain down the leg from a pressed nerve.")
    return {"disc": disc, "fracture": fracture, "kyphoplasty": kyphoplasty}


def test_title_outranks_a_mention_in_the_body(pages):
    make_procedure(title="Vertebroplasty", slug="vertebroplasty", overview="Like kyphoplasty.")
    assert titles("kyphoplasty")[0] == "Kyphoplasty"
    assert "Vertebroplasty" in titles("kyphoplasty")


def test_each_kind_of_page_is_found_with_its_address(pages):
    found = {result.entry.title: result for result in search("sciatica disc therapy").results}
    assert found["sciatica"].kind == "Word we use"
    assert found["sciatica"].entry.url == "/glossary/#sciatica"
    assert found["Herniated disc"].entry.url == "/conditions/herniated-disc/"
    therapy = "/conditions/herniated-disc/#option-physical-therapy"
    assert found["Physical therapy"].entry.url == therapy


def test_everyday_name_is_ranked_with_the_title(pages):
    assert titles("broken bone in the spine")[0] == "Vertebral compression fracture"


def test_synonym_finds_the_page_and_without_it_nothing_does(pages):
    Synonym.objects.filter(words="slipped disc").delete()
    Synonym.objects.filter(words="slipped").delete()
    assert "Herniated disc" not in titles("slipped")
    Synonym.objects.create(words="slipped", means="herniated disc")
    assert titles("slipped")[0] == "Herniated disc"


def test_misspelt_names_are_corrected_and_the_page_says_so(pages, client):
    for typed in ("kyphoplasy", "kyphoplastie", "kyfoplasty"):
        found = search(typed)
        assert found.results[0].entry.title == "Kyphoplasty", typed
        assert found.corrected == "kyphoplasty"
    page = BeautifulSoup(client.get("/search/?q=kyphoplasy").content, "html.parser")
    assert "Showing results for kyphoplasty" in page.get_text(" ", strip=True)


def test_the_page_offers_the_search_as_typed(pages, client):
    page = BeautifulSoup(client.get("/search/?q=kyphoplasy").content, "html.parser")
    link = page.find("a", string="Search instead for “kyphoplasy”")
    assert link["href"] == "?q=kyphoplasy&spelling=as-typed"
    page = BeautifulSoup(client.get("/search/" + link["href"]).content, "html.parser")
    assert "Showing results for" not in page.get_text()


@pytest.mark.parametrize("typed", ["shots in my back", "how much does it cost", "shows"])
def test_real_english_words_are_never_corrected(pages, typed):
    make_procedure(title="Most", slug="most", summary="Shows costs.")  # words close to them
    assert search(typed).corrected == ""


def test_the_count_is_every_page_found_not_the_ones_shown(pages, client, monkeypatch):
    monkeypatch.setattr("search.engine.RESULT_LIMIT", 1)
    monkeypatch.setattr("search.engine.CANDIDATES", 1)  # so the count is asked for
    found = search("spine disc")
    assert len(found.results) == 1 and found.total > 1
    text = BeautifulSoup(client.get("/search/?q=spine+disc").content, "html.parser").get_text()
    assert f"{found.total} pages found. Here are the 1 that match best." in text


def test_a_meaning_goes_after_a_page_with_more_of_the_words(pages):
    make_term("bone cement", summary="Cement that sets hard inside a bone.")
    cement = make_procedure(
        title="Cement treatment",
        slug="cement-treatment",
        summary="Bone cement is put into a broken bone.",
        overview="Cement goes into a broken bone of the spine through a needle.",
    )
    make_term("cement leak", summary="Cement that seeps out of the bone.")
    urls = [result.entry.url for result in search("cement in spine").results]
    page = urls.index(cement.get_absolute_url())
    assert page < urls.index("/glossary/#bone-cement")
    assert page < urls.index("/glossary/#cement-leak")
    # With as many of the words as the page has, the meaning keeps its place.
    assert search("bone cement").results[0].entry.url == "/glossary/#bone-cement"


def test_words_far_from_any_page_are_not_corrected(pages):
    assert search("zebra").results == []
    assert search("zebra").corrected == ""


def test_best_bet_comes_first_whatever_the_ranking(pages):
    assert titles("disc")[0] != "Kyphoplasty"
    entry = SearchEntry.objects.get(title="Kyphoplasty")
    bet = BestBet(query="  Disc! ", entry=entry)
    bet.full_clean()
    bet.save()
    assert bet.query == "disc"
    assert titles("DISC")[0] == "Kyphoplasty"
    assert titles("disc").count("Kyphoplasty") == 1


def test_index_follows_saves_renames_drafts_and_deletes(pages):
    kyphoplasty = pages["kyphoplasty"]
    kyphoplasty.title = "Balloon kyphoplasty"
    kyphoplasty.save_page()
    assert titles("balloon")[0] == "Balloon kyphoplasty"
    kyphoplasty.status = Status.DRAFT
    kyphoplasty.save_page()
    assert "Balloon kyphoplasty" not in titles("kyphoplasty")
    kyphoplasty.status = Status.PUBLISHED
    kyphoplasty.save_page()
    assert "Balloon kyphoplasty" in titles("kyphoplasty")
    kyphoplasty.delete()
    assert "Balloon kyphoplasty" not in titles("kyphoplasty")


def test_option_moves_with_its_conditions(pages):
    option = make_option(name="Waiting", slug="waiting", conditions=[pages["disc"]])
    assert SearchEntry.objects.get(title="Waiting").url.startswith("/conditions/herniated-disc/")
    pages["fracture"].options.add(option)
    option.conditions.remove(pages["disc"])
    entry = SearchEntry.objects.get(title="Waiting")
    assert entry.url == "/conditions/vertebral-compression-fracture/#option-waiting"
    option.conditions.clear()
    assert not SearchEntry.objects.filter(title="Waiting").exists()


def test_rebuild_keeps_best_bets_and_drops_stale_entries(pages):
    bet = BestBet.objects.create(query="disc", entry=SearchEntry.objects.get(title="Kyphoplasty"))
    SearchEntry.objects.filter(title="Nucleoplasty").update(title="Old title")
    indexing.rebuild()
    assert BestBet.objects.filter(pk=bet.pk).exists()
    assert SearchEntry.objects.filter(title="Nucleoplasty").exists()
    assert not SearchEntry.objects.filter(title="Old title").exists()


HOSTILE = [
    '"',
    "'",
    '" OR 1=1 --',
    "'; DROP TABLE search_searchentry; --",
    "disc*",
    "NEAR(disc nerve)",
    "disc AND",
    "OR",
    "-disc",
    "title:disc",
    "^disc",
    "disc & | ! :*",
    "(disc",
    "disc)",
    "<script>alert(1)</script>",
    "%",
    "_",
    "\\",
    "😀 disc",
    "кифопластика",
    "脊椎",
    "ظهر",
    "\u200b",
    "   ",
    "a" * 200,
    "disc " * 40,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_any_input_gets_a_page_and_never_an_error(pages, client, text):
    response = client.get("/search/", {"q": text})
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert b"<script>alert" not in response.content
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response


def test_script_in_a_query_is_shown_as_text(pages, client):
    response = client.get("/search/", {"q": "<script>alert(1)</script>"})
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_over_long_query_is_refused_kindly(pages, client):
    response = client.get("/search/", {"q": "disc " * 400})
    assert response.status_code == 400
    assert "too long" in response.content.decode()


def test_snippet_marks_the_words_and_escapes_the_rest(pages):
    make_procedure(title="Cement", slug="cement", overview="Bone <b>cement</b> & more cement here.")
    snippet = next(r.snippet for r in search("cement").results if r.entry.title == "Cement")
    assert "<mark>" in snippet
    assert "<b>" not in snippet


def test_every_public_page_has_the_search_box(pages, client):
    for url in ("/", "/procedures/kyphoplasty/", "/conditions/herniated-disc/", "/glossary/"):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        form = page.select_one("header form[role=search]")
        assert form["action"] == "/search/" and form["method"] == "get", url
        field = form.select_one("input[name=q]")
        assert page.select_one(f"label[for={field['id']}]"), url


def test_each_database_has_its_own_search_index():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename LIKE 'search_%'")
            definitions = " ".join(row[0] for row in cursor.fetchall())
            assert "USING gin (vector)" in definitions
            assert "gin_trgm_ops" in definitions
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name LIKE 'search_%_fts'")
            definitions = " ".join(row[0] for row in cursor.fetchall())
            assert "tokenize='porter" in definitions and "tokenize='trigram'" in definitions


def test_the_everyday_words_replace_only_an_unchanged_starter_synonym():
    import importlib

    from django.apps import apps

    words = importlib.import_module("search.migrations.0003_everyday_us_words")
    Synonym.objects.all().delete()
    Synonym.objects.create(words="acetaminophen", means="paracetamol")
    Synonym.objects.create(words="tylenol", means="pain medicine")  # staff's own
    words.add_words(apps, schema_editor=None)
    kept = dict(Synonym.objects.values_list("words", "means"))
    assert "acetaminophen" not in kept
    assert kept["tylenol"] == "pain medicine"
    assert kept["paracetamol"] == "acetaminophen"
    assert kept["shots"] == "injection"
    words.remove_words(apps, schema_editor=None)
    assert dict(Synonym.objects.values_list("words", "means")) == {
        "acetaminophen": "paracetamol",
        "tylenol": "pain medicine",
    }
