"""Search under /es/: the Spanish words of live translations, stemmed as Spanish, each
language apart. The same tests run on SQLite and PostgreSQL (make test, .ci/run)."""

import pytest
from bs4 import BeautifulSoup

from editorial import publishing
from procedures.models import Status
from search.engine import search
from search.models import Synonym
from tests.factories import make_condition, make_procedure, make_staff, make_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def fracture():
    condition = make_condition(
        name="Vertebral compression fracture",
        slug="vertebral-compression-fracture",
        summary="A bone in the spine breaks.",
    )
    make_translation(
        condition,
        name="Fractura por compresión de una vértebra",
        summary="Un hueso de la columna se rompe.",
        description="## Qué es\n\nUna vértebra se aplasta porque los huesos son frágiles.",
    )
    return condition


def urls(query: str, language: str) -> list[str]:
    return [result.entry.url for result in search(query, language=language).results]


def test_spanish_words_find_the_spanish_page_and_english_ones_the_english(fracture):
    assert urls("fractura", "es") == ["/es/conditions/vertebral-compression-fracture/"]
    assert urls("fracture", "en") == ["/conditions/vertebral-compression-fracture/"]
    assert urls("fractura", "en") == []  # each language is searched apart


def test_spanish_search_finds_other_forms_of_a_word(fracture):
    """Plurals and other endings, as PostgreSQL's spanish configuration and SQLite's
    Snowball stems find them."""
    for query in ("fracturas", "vértebras", "huesos", "frágil", "aplastada"):
        assert urls(query, "es") == ["/es/conditions/vertebral-compression-fracture/"], query


def test_a_spanish_synonym_matches_with_or_without_accents(fracture):
    assert urls("colapso oseo", "es") == []  # no word of the page
    Synonym.objects.create(words="colapso óseo", means="fractura por compresión")
    for query in ("colapso oseo", "COLAPSO ÓSEO"):
        assert urls(query, "es") == ["/es/conditions/vertebral-compression-fracture/"], query


def test_the_search_page_under_es_shows_spanish_results(client, fracture):
    page = BeautifulSoup(client.get("/es/search/?q=columna").content, "html.parser")
    result = page.select_one(".search-result")
    assert result.a["href"] == "/es/conditions/vertebral-compression-fracture/"
    assert "Fractura por compresión" in result.get_text()
    assert result.find(attrs={"lang": "en"}) is None


def test_a_translation_leaves_the_search_when_it_or_its_english_page_comes_down(fracture):
    assert urls("fractura", "es")
    editor = make_staff("Content editors", "editor")
    publishing.unpublish(fracture, by=editor)
    assert urls("fractura", "es") == []
    fracture.refresh_from_db()
    fracture.status = Status.PUBLISHED
    fracture.save_page()
    assert urls("fractura", "es")
    translation = fracture.translations.get()
    publishing.unpublish(translation, by=editor)
    assert urls("fractura", "es") == []


def test_a_draft_translation_is_not_searched():
    procedure = make_procedure(title="Kyphoplasty", slug="kyphoplasty")
    make_translation(procedure, title="Cifoplastia", status=Status.DRAFT)
    assert urls("cifoplastia", "es") == []


def test_a_word_typed_without_its_accent_is_the_pages_word_not_an_english_one():
    sciatica = make_condition(name="Sciatica", slug="sciatica", summary="Pain down the leg.")
    make_translation(sciatica, name="Ciática", summary="Dolor que baja por la pierna.")
    found = search("ciatica", language="es")
    assert found.corrected in ("", "ciática")  # left as typed where the word list knows it
    assert [result.entry.url for result in found.results] == ["/es/conditions/sciatica/"]
