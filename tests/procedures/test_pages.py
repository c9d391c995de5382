import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from procedures.models import SECTIONS, Condition, Procedure, Status
from tests.factories import make_comparison, make_condition, make_option, make_procedure

INFO_PAGES = ["procedures:privacy", "procedures:accessibility", "procedures:disclaimer"]


def public_urls() -> list[str]:
    urls = [
        reverse(name)
        for name in [
            "procedures:home",
            "procedures:procedure_list",
            "procedures:condition_list",
            "appointments:request_callback",
            *INFO_PAGES,
        ]
    ]
    urls += [p.get_absolute_url() for p in Procedure.objects.published()]
    urls += [c.get_absolute_url() for c in Condition.objects.all()]
    return urls


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_every_public_page_answers_with_exactly_one_h1(client, starter_content):
    urls = public_urls()
    assert len(urls) >= 6 + 10 + 7
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(soup(response).find_all("h1")) == 1, url


@pytest.mark.django_db
def test_every_page_has_skip_link_landmarks_phone_and_description(
    client, starter_content, settings
):
    settings.PRACTICE_PHONE = "(555) 010-0123"
    for url in public_urls():
        page = soup(client.get(url))
        assert page.select_one("a.skip-link")["href"] == "#main-content", url
        assert page.select_one("main#main-content"), url
        assert page.find("header") and page.find("footer") and page.find("nav"), url
        assert page.select_one('a[href="tel:5550100123"]').get_text() == "(555) 010-0123", url
        assert page.select_one('meta[name="description"]')["content"].strip(), url
        assert page.find("html")["lang"] == "en"


@pytest.mark.django_db
def test_every_page_but_home_has_breadcrumbs(client, starter_content):
    for url in public_urls():
        crumbs = soup(client.get(url)).select('nav[aria-label="Breadcrumb"] li')
        if url == "/":
            assert not crumbs
        else:
            assert crumbs[0].a["href"] == "/", url
            assert crumbs[-1].get("aria-current") == "page", url


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_host(client, starter_content):
    for url in [*public_urls(), "/no-such-page/"]:
        page = soup(client.get(url))
        for tag in page.find_all(["script", "img", "link", "iframe", "source", "video", "audio"]):
            if tag.get("rel") == ["alternate"]:
                continue  # names the page in another language (in full, as it must); loads nothing
            address = tag.get("src") or tag.get("href") or ""
            assert not address.startswith(("http:", "https:", "//")), (url, address)
        assert not page.find("script"), url


@pytest.mark.django_db
def test_procedure_page_has_its_sections_in_order(client, starter_content):
    expected = [section.id for section in SECTIONS]
    for procedure in Procedure.objects.published():
        page = soup(client.get(procedure.get_absolute_url()))
        ids = [tag["id"] for tag in page.select("main section[id]") if tag["id"] in expected]
        assert ids == expected, procedure.slug
        glance = page.select_one("#at-a-glance")
        assert glance and glance.find("dl"), procedure.slug
        first_section = page.select_one("#overview")
        assert glance.find_all_next(id="overview")[0] is first_section
        toc = [a["href"] for a in page.select(".on-this-page a")]
        contents = [*expected, "questions", "urgent-care"]
        assert toc == [f"#{section_id}" for section_id in contents], procedure.slug


@pytest.mark.django_db
def test_every_procedure_page_has_questions_to_take_to_the_appointment(client, starter_content):
    for procedure in Procedure.objects.published():
        page = soup(client.get(procedure.get_absolute_url()))
        questions = page.select("#questions ol li")
        assert len(questions) >= 5, procedure.slug
        assert [q.get_text() for q in questions] == procedure.questions
        assert page.select_one("#questions").find_previous(id="alternatives"), procedure.slug


@pytest.mark.django_db
def test_procedure_page_shows_review_date_reviewer_and_sources(client, starter_content):
    procedure = Procedure.objects.get(slug="vertebroplasty")
    text = soup(client.get(procedure.get_absolute_url())).get_text(" ", strip=True)
    reviewed = f"{procedure.last_reviewed:%B %-d, %Y} by {procedure.reviewed_by}"
    assert f"Last reviewed on {reviewed}" in text
    sources = soup(client.get(procedure.get_absolute_url())).select(".page-review .sources li")
    assert len(sources) == len(procedure.source_list) >= 2
    for item, source in zip(sources, procedure.source_list, strict=True):
        assert item.a["href"] == source.url
        assert item.a.get_text() == source.title
        assert source.organisation in item.get_text()
        assert f"Checked on {source.checked:%B %-d, %Y}" in item.get_text()


@pytest.mark.django_db
def test_draft_procedure_is_not_public(client):
    draft = make_procedure(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get(reverse("procedures:procedure_list")).content.decode()
    assert draft.get_absolute_url() not in client.get("/sitemap.xml").content.decode()


@pytest.mark.django_db
def test_draft_procedure_is_not_linked_from_its_condition_or_related_pages(client):
    condition = make_condition()
    draft = make_procedure(status=Status.DRAFT, conditions=[condition])
    public = make_procedure(conditions=[condition], related=[draft])
    for url in [condition.get_absolute_url(), public.get_absolute_url(), "/"]:
        assert draft.get_absolute_url() not in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_home_leads_with_problems_in_patients_words_most_common_first(client, starter_content):
    page = soup(client.get("/"))
    problems = page.select(".problem")
    first = problems[0].select_one(".problem__link")
    assert first.get_text().startswith("A broken bone in the spine")
    assert first["href"] == "/conditions/vertebral-compression-fracture/"
    disc = next(
        p for p in problems if p.select_one(".problem__link")["href"].endswith("/herniated-disc/")
    )
    assert disc.select_one(".problem__name").get_text() == "Slipped disc (herniated disc)"
    assert "/procedures/nucleoplasty/" in {a["href"] for a in disc.select(".problem__treatments a")}
    # The urgent-care summary comes before the problems, the search box after them.
    order = [
        element.get("class", [""])[0]
        for element in page.select(".care-summary, .problems, main .search-form")
    ]
    assert order == ["care-summary", "problems", "search-form"]


@pytest.mark.django_db
def test_procedure_list_groups_treatments_by_condition(client, starter_content):
    page = soup(client.get(reverse("procedures:procedure_list")))
    group = page.select_one("#group-vertebral-compression-fracture").parent
    titles = {a.get_text() for a in group.select(".card__title a")}
    assert titles == {
        "Balloon and bone cement for a broken bone in the spine (kyphoplasty)",
        "Bone cement for a broken bone in the spine (vertebroplasty)",
    }


@pytest.mark.django_db
def test_condition_page_links_to_its_treatments(client, starter_content):
    page = soup(client.get("/conditions/spinal-stenosis/"))
    links = {a["href"] for a in page.select("#options .option a")}
    assert {"/procedures/interspinous-spacer/", "/procedures/epidural-steroid-injection/"} <= links


@pytest.mark.django_db
def test_unknown_pages_get_a_friendly_404_with_the_phone_number(client, settings):
    settings.PRACTICE_PHONE = "(555) 010-0123"
    for url in ["/procedures/no-such-thing/", "/conditions/no-such-thing/", "/nothing/here/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "(555) 010-0123" in response.content.decode()
        assert len(soup(response).find_all("h1")) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["procedures:home", "procedures:procedure_list", "procedures:condition_list"]
)
def test_list_pages_use_a_fixed_number_of_queries(client, url_name):
    condition = make_condition()
    make_procedure(conditions=[condition])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(url_name))
    for _ in range(8):
        make_procedure(conditions=[condition, make_condition()])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(url_name))
    assert len(many) == len(few) <= 3


@pytest.mark.django_db
def test_detail_pages_use_a_fixed_number_of_queries(client):
    condition = make_condition()
    procedure = make_procedure(conditions=[condition])
    with CaptureQueriesContext(connection) as few:
        client.get(procedure.get_absolute_url())
        client.get(condition.get_absolute_url())
    for _ in range(8):
        other = make_procedure(conditions=[condition])
        procedure.related.add(other)
        procedure.conditions.add(make_condition())
        make_comparison(procedure, other)
        make_option(conditions=[condition])
    with CaptureQueriesContext(connection) as many:
        client.get(procedure.get_absolute_url())
        client.get(condition.get_absolute_url())
    # The procedure with its conditions, related procedures and comparisons; the condition
    # with its procedures, other options and comparisons, and the treatments its text links;
    # and for each page, the languages it is translated into (its hreflang links).
    assert len(many) == len(few) <= 11
