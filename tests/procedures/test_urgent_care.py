"""The urgent-care card: written once, shown everywhere back pain is discussed, with the
emergency number from settings."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from procedures.models import Condition, Procedure
from procedures.urgent_care import AFTER_ANY_PROCEDURE, EMERGENCY, EMERGENCY_SUMMARY, URGENT
from tests.conftest import CONTENT_DIR

OTHER_NUMBER = "999"
TEMPLATES_DIR = settings.BASE_DIR / "templates"
CARD_TEMPLATES = {"urgent_care.html", "urgent_care_summary.html"}


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def public_urls() -> list[str]:
    pages = [
        reverse("procedures:home"),
        reverse("procedures:procedure_list"),
        reverse("procedures:condition_list"),
        reverse("appointments:request_callback"),
        reverse("procedures:privacy"),
        reverse("procedures:accessibility"),
        reverse("procedures:disclaimer"),
    ]
    pages += [condition.get_absolute_url() for condition in Condition.objects.all()]
    return pages + [procedure.get_absolute_url() for procedure in Procedure.objects.published()]


def card_pages() -> list[str]:
    """Every page that talks about back pain itself: home, conditions, procedures."""
    pages = [reverse("procedures:home")]
    pages += [condition.get_absolute_url() for condition in Condition.objects.all()]
    return pages + [procedure.get_absolute_url() for procedure in Procedure.objects.published()]


def assert_full_card(card, number: str) -> None:
    emergency = card.select_one(".care-card--emergency")
    assert emergency.select_one(f'a[href="tel:{number}"]').get_text() == number
    emergency_signs = [li.get_text() for li in emergency.select("li")]
    assert emergency_signs[: len(EMERGENCY.signs)] == list(EMERGENCY.signs)
    assert any("genitals, bottom or inner thighs" in sign for sign in emergency_signs)
    urgent_signs = [li.get_text() for li in card.select(".care-card--urgent li")]
    assert urgent_signs[: len(URGENT.signs)] == list(URGENT.signs)
    assert card.select_one(".care-card--call-us a[href^='tel:']")
    # Each tier says what to do in its heading, and cites the NHS pages it follows.
    assert len(card.select(".care-card__heading")) == 3
    assert len(card.select(".care-cards__sources a[href^='https://']")) >= 2


@pytest.mark.django_db
def test_card_shows_on_home_every_condition_and_every_procedure_page_with_the_configured_number(
    client, starter_content, settings
):
    settings.EMERGENCY_NUMBER = OTHER_NUMBER
    pages = card_pages()
    assert len(pages) == 1 + Condition.objects.count() + Procedure.objects.published().count()
    for url in pages:
        page = soup(client.get(url))
        cards = page.select("#urgent-care")
        assert len(cards) == 1, url
        assert_full_card(cards[0], OTHER_NUMBER)


@pytest.mark.django_db
def test_no_public_page_shows_another_emergency_number(client, starter_content, settings):
    settings.EMERGENCY_NUMBER = OTHER_NUMBER
    for url in public_urls():
        html = client.get(url).content.decode()
        assert not re.search(r"(?<![\w-])(911|9-1-1|112)(?![\w-])", html), url
        assert f'href="tel:{OTHER_NUMBER}"' in html, url


@pytest.mark.django_db
def test_procedure_card_sits_in_the_after_section_with_the_procedures_own_signs(
    client, starter_content
):
    for procedure in Procedure.objects.published():
        page = soup(client.get(procedure.get_absolute_url()))
        card = page.select_one("section#after #urgent-care")
        assert card is not None, procedure.slug
        shown = {li.get_text() for li in card.select("li")}
        own = {sign for signs in procedure.warning_signs.values() for sign in signs}
        assert own, procedure.slug
        assert own <= shown, procedure.slug
        # Headings stay in order inside the section: h2 section, h3 card, h4 tiers.
        assert card.select_one("h3#urgent-care-heading")
        assert len(card.select("h4.care-card__heading")) == 3


@pytest.mark.django_db
def test_every_procedure_says_when_to_get_help_before_anything_else(client, starter_content):
    for procedure in Procedure.objects.published():
        page = soup(client.get(procedure.get_absolute_url()))
        link = page.select_one("article .get-help a")
        assert link["href"] == "#urgent-care", procedure.slug
        assert page.select_one("#urgent-care") is not None, procedure.slug
        glance = page.select_one("#at-a-glance")
        assert link in glance.find_all_previous("a"), procedure.slug
        contents = [a["href"] for a in page.select(".on-this-page a")]
        assert "#urgent-care" in contents, procedure.slug


@pytest.mark.django_db
def test_every_procedure_gives_one_before_checklist(client, starter_content):
    """One list per procedure, each fact once: no generic block repeating it in other words."""
    for procedure in Procedure.objects.published():
        before = soup(client.get(procedure.get_absolute_url())).select_one("section#before")
        assert len(before.select("ul")) == 1, procedure.slug
        labels = [strong.get_text() for strong in before.select("ul > li > strong")]
        assert len(labels) == len(set(labels)), procedure.slug
        assert "Blood thinners." in labels, procedure.slug


@pytest.mark.django_db
def test_home_page_gives_the_emergency_tier_first_and_links_to_the_full_card(
    client, starter_content
):
    page = soup(client.get(reverse("procedures:home")))
    summary = page.select_one(".care-summary")
    assert str(EMERGENCY_SUMMARY) in summary.get_text()
    assert summary.select_one('a[href="tel:911"]')
    assert summary.select_one('a[href="#urgent-care"]')
    # Near the top: straight after the opening sentence, before the list of conditions.
    main = page.select_one("main")
    order = [element for element in main.find_all(["aside", "section"]) if element.get("class")]
    assert order[0] is summary
    first_paragraphs = main.select("p.lead")
    assert first_paragraphs and first_paragraphs[0].find_next("aside") is summary


@pytest.mark.django_db
def test_callback_form_keeps_a_short_line_that_links_to_the_card(client, settings):
    settings.EMERGENCY_NUMBER = OTHER_NUMBER
    page = soup(client.get(reverse("appointments:request_callback")))
    note = page.select_one('[role="note"]')
    assert note.select_one(f'a[href="tel:{OTHER_NUMBER}"]')
    assert note.select_one('a[href$="#urgent-care"]')
    assert not note.select("li")


def test_warning_signs_are_written_only_in_the_card():
    """No other template and no content file repeats the card's signs or sends people to
    the emergency number with a list of its own."""
    after = [sign for signs in AFTER_ANY_PROCEDURE.values() for sign in signs]
    signs = [sign.lower() for sign in (*EMERGENCY.signs, *URGENT.signs, *after)]
    own_lists = re.compile(r"call .{0,40}emergency_number.{0,80}if you", re.IGNORECASE | re.DOTALL)
    offenders = []
    for path in [*TEMPLATES_DIR.rglob("*.html"), *CONTENT_DIR.rglob("*.md")]:
        if path.name in CARD_TEMPLATES:
            continue
        text = path.read_text(encoding="utf-8").lower()
        offenders += [(path.name, sign) for sign in signs if sign in text]
        if own_lists.search(text):
            offenders.append((path.name, "its own emergency list"))
    assert offenders == []


def test_no_content_file_types_an_emergency_number():
    pattern = re.compile(r"(?<![\w-])(911|9-1-1|999|112)(?![\w-])")
    offenders = [
        str(path)
        for path in CONTENT_DIR.rglob("*.md")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_spanish_card_gives_every_sign_in_spanish_with_the_configured_number(client, settings):
    """Written once: the same tiers and signs, each translated, and the number from settings."""
    from django.utils import translation

    settings.EMERGENCY_NUMBER = OTHER_NUMBER
    page = soup(client.get("/es/"))
    card = page.select_one("#urgent-care")
    emergency = card.select_one(".care-card--emergency")
    heading = emergency.select_one(".care-card__heading")
    assert (
        heading.get_text()
        == f"Llame al {OTHER_NUMBER} o vaya ahora mismo a la sala de emergencias si tiene:"
    )
    assert heading.select_one(f'a[href="tel:{OTHER_NUMBER}"]')
    with translation.override("es"):
        spanish = {tier.key: [str(sign) for sign in tier.signs] for tier in (EMERGENCY, URGENT)}
    assert [li.get_text() for li in emergency.select("li")] == spanish["emergency"]
    assert [li.get_text() for li in card.select(".care-card--urgent li")] == spanish["urgent"]
    assert "adormecimiento u hormigueo alrededor de sus partes íntimas" in spanish["emergency"][0]
    # The NHS sources it follows, in English and marked so, then reading in Spanish.
    sources = card.select(".care-cards__sources")
    assert len(sources[0].select('a[hreflang="en"][lang="en"]')) >= 2
    assert sources[1].select_one('a[href^="https://medlineplus.gov/spanish/"]')
    assert "911" not in page.get_text()
    summary = page.select_one(".care-summary")
    assert summary.select_one(f'a[href="tel:{OTHER_NUMBER}"]')
    assert "Llame ahora si tiene dolor de espalda con adormecimiento" in summary.get_text()
