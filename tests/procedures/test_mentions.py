"""Treatments named on a condition page link to their pages."""

import re

import pytest
from bs4 import BeautifulSoup

from procedures.mentions import link_mentions
from procedures.models import Comparison, Condition, Procedure

ADDRESSES = {"Epidural steroid injection": "/procedures/esi/", "Nucleoplasty": "/procedures/n/"}


def linked(html: str) -> str:
    return link_mentions(html, section_id="help", addresses=ADDRESSES)


def test_the_first_mention_in_the_section_is_linked_and_the_rest_left_alone():
    html = (
        '<h2 id="before">Before</h2><p>Nucleoplasty.</p>'
        '<h2 id="help">Help</h2><p>An epidural steroid injection, or nucleoplasty. '
        'Nucleoplasty again.</p><h2 id="after">After</h2><p>Nucleoplasty.</p>'
    )
    assert linked(html) == (
        '<h2 id="before">Before</h2><p>Nucleoplasty.</p>'
        '<h2 id="help">Help</h2><p>An <a href="/procedures/esi/">epidural steroid injection</a>, '
        'or <a href="/procedures/n/">nucleoplasty</a>. Nucleoplasty again.</p>'
        '<h2 id="after">After</h2><p>Nucleoplasty.</p>'
    )


def test_a_glossary_link_inside_a_name_gives_way_and_others_stay():
    html = (
        '<h2 id="help">Help</h2><p><strong>Epidural <a class="glossary-term" href="/g/#s">'
        'steroid</a> injection.</strong> A <a class="glossary-term" href="/g/#d">disc</a> &amp; '
        "more.</p>"
    )
    assert linked(html) == (
        '<h2 id="help">Help</h2><p><strong><a href="/procedures/esi/">Epidural steroid '
        'injection</a>.</strong> A <a class="glossary-term" href="/g/#d">disc</a> &amp; more.</p>'
    )


def test_names_in_headings_and_other_links_are_not_linked_again():
    html = (
        '<h2 id="help">Help</h2><h3>Nucleoplasty</h3>'
        '<p><a href="/elsewhere/">nucleoplasty</a></p><p>Nucleoplasty.</p>'
    )
    assert linked(html) == (
        '<h2 id="help">Help</h2><h3>Nucleoplasty</h3>'
        '<p><a href="/elsewhere/">nucleoplasty</a></p>'
        '<p><a href="/procedures/n/">Nucleoplasty</a>.</p>'
    )


def test_without_the_section_or_the_names_nothing_changes():
    html = "<h2 id='other'>Other</h2><p>Nucleoplasty &#8212; &lt;b&gt;</p><br>"
    assert linked(html) == html
    assert link_mentions(html, section_id="other", addresses={}) == html


@pytest.mark.django_db
def test_a_condition_page_has_contents_treatment_links_and_its_comparison(client, starter_content):
    procedures = {page.title.lower(): page.get_absolute_url() for page in Procedure.objects.all()}
    for condition in Condition.objects.published():
        page = BeautifulSoup(client.get(condition.get_absolute_url()).content, "html.parser")
        contents = [a["href"] for a in page.select(".on-this-page a")]
        headings = [f"#{h2['id']}" for h2 in page.select(".prose h2")]
        assert contents[: len(headings)] == headings, condition.slug
        assert {"#urgent-care", "#options"} <= set(contents), condition.slug
        heading = page.find("h2", id="when-a-procedure-may-help")
        section = "".join(str(part) for part in heading.find_next_siblings())
        section = section.split("<h2")[0]
        named = {name for name in procedures if re.search(rf"\b{name}\b", section, re.I)}
        links = {
            a.get_text().lower(): a["href"] for a in BeautifulSoup(section, "html.parser")("a")
        }
        assert named, condition.slug
        assert {name: procedures[name] for name in named} == {
            name: links[name] for name in named
        }, condition.slug
    fracture = Condition.objects.get(slug="vertebral-compression-fracture")
    page = BeautifulSoup(client.get(fracture.get_absolute_url()).content, "html.parser")
    comparison = Comparison.objects.get(slug="vertebroplasty-vs-kyphoplasty")
    assert comparison.get_absolute_url() in [a["href"] for a in page.select(".on-this-page a")]
