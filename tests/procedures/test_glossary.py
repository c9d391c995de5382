"""The glossary page, and pages linking the first use of each word to its meaning."""

import pytest
from bs4 import BeautifulSoup

from procedures.markdown import GlossaryLinks, render_markdown
from tests.factories import make_procedure, make_term

pytestmark = pytest.mark.django_db

MEANING = "/glossary/#vertebra"


def glossary_links(html: str) -> list[tuple[str, str]]:
    page = BeautifulSoup(html, "html.parser")
    return [(a.get_text(), a["href"]) for a in page.select("a.glossary-term")]


def test_only_the_first_use_on_a_page_is_linked_whatever_its_form():
    links = GlossaryLinks({"vertebra": MEANING, "vertebrae": MEANING, "disc": "/glossary/#disc"})
    first = render_markdown("The vertebrae are bones. A vertebra and a disc.", glossary=links)
    second = render_markdown("Each vertebra has a disc.", glossary=links)
    assert glossary_links(first) == [("vertebrae", MEANING), ("disc", "/glossary/#disc")]
    assert glossary_links(second) == []


@pytest.mark.parametrize(
    "text",
    [
        "## The vertebra\n\nText.",
        "See [the vertebra](https://example.org/).",
        "Type `vertebra` here.",
        "    vertebra in a code block",
        "Vertebral bones.",
        "![A vertebra](/media/spine.png)",
    ],
)
def test_headings_links_code_and_parts_of_words_are_left_alone(text):
    links = GlossaryLinks({"vertebra": MEANING})
    assert glossary_links(render_markdown(text, glossary=links)) == []
    # ...and the next use, in plain text, is the first one linked.
    assert glossary_links(render_markdown("One vertebra.", glossary=links)) == [
        ("vertebra", MEANING)
    ]


def test_longer_words_win_and_the_case_of_the_text_is_kept():
    links = GlossaryLinks({"facet joint": "/glossary/#facet-joint", "joint": "/glossary/#joint"})
    html = render_markdown("Facet joint pain starts in a joint.", glossary=links)
    assert glossary_links(html) == [
        ("Facet joint", "/glossary/#facet-joint"),
        ("joint", "/glossary/#joint"),
    ]


def test_links_in_list_items_and_emphasis_keep_the_text_around_them():
    links = GlossaryLinks({"vertebra": MEANING, "disc": "/glossary/#disc"})
    html = render_markdown("- *A broken vertebra hurts*, and a disc too.", glossary=links)
    text = BeautifulSoup(html, "html.parser").get_text()
    assert text.strip() == "A broken vertebra hurts, and a disc too."
    assert len(glossary_links(html)) == 2


def test_a_saved_page_links_each_word_once_across_its_sections(client):
    make_term("vertebra", word_forms="vertebrae")
    procedure = make_procedure(
        overview="### About the vertebra\n\nIt treats a broken vertebra.",
        candidates="It suits people whose vertebrae are weak.",
    )
    assert glossary_links(procedure.overview_html) == [("vertebra", MEANING)]
    assert glossary_links(procedure.candidates_html) == []
    page = BeautifulSoup(client.get(procedure.get_absolute_url()).content, "html.parser")
    (link,) = page.select("main a.glossary-term")
    glossary = BeautifulSoup(client.get("/glossary/").content, "html.parser")
    assert glossary.select_one(f"dt#{link['href'].split('#')[1]}").get_text() == "Vertebra"


def test_changing_a_glossary_word_renders_the_pages_that_use_it_again():
    term = make_term("vertebra")
    procedure = make_procedure(overview="The vertebrae are bones.")
    untouched = make_procedure(overview="Nothing to link.")
    before = untouched.updated_at
    assert glossary_links(procedure.overview_html) == []

    term.word_forms = ["vertebrae"]
    term.save_page()
    procedure.refresh_from_db()
    assert glossary_links(procedure.overview_html) == [("vertebrae", MEANING)]

    term.slug = "spine-bone"
    term.save_page()
    procedure.refresh_from_db()
    assert glossary_links(procedure.overview_html) == [("vertebrae", "/glossary/#spine-bone")]

    term.delete()
    procedure.refresh_from_db()
    assert glossary_links(procedure.overview_html) == []
    untouched.refresh_from_db()
    assert untouched.updated_at == before


def test_the_glossary_page_lists_words_a_to_z_with_their_everyday_names(client):
    make_term("vertebra", other_names="spine bone\nbackbone")
    make_term("MRI scan", slug="mri-scan")
    make_term("disc")
    page = BeautifulSoup(client.get("/glossary/").content, "html.parser")
    assert [dt.get_text() for dt in page.select("dt")] == ["Disc", "MRI scan", "Vertebra"]
    assert "Also called: spine bone, backbone" in page.select_one("#vertebra").parent.get_text()
    assert [a["href"] for a in page.select(".letters a")] == ["#letter-D", "#letter-M", "#letter-V"]


@pytest.mark.usefixtures("starter_content")
def test_the_starter_glossary_has_30_words_and_pages_link_to_them(client):
    from procedures.models import GlossaryTerm, Procedure

    assert GlossaryTerm.objects.count() >= 30
    linked = {
        href
        for procedure in Procedure.objects.published()
        for _, href in glossary_links(procedure.page_html)
    }
    known = {term.get_absolute_url() for term in GlossaryTerm.objects.all()}
    assert linked <= known
    assert len(linked) >= 15


def test_rendering_again_reads_the_glossary_once_however_many_pages_use_the_word():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def glossary_reads_when_saved(term) -> int:
        with CaptureQueriesContext(connection) as queries:
            term.save_page()
        return sum('FROM "procedures_glossaryterm"' in q["sql"] for q in queries)

    term = make_term("vertebra")
    make_procedure(overview="One vertebra.")
    term.word_forms = ["vertebrae"]
    few = glossary_reads_when_saved(term)
    for _ in range(5):
        make_procedure(overview="Five vertebrae.")
    term.word_forms = ["vertebrae", "spine bones"]
    assert glossary_reads_when_saved(term) == few
