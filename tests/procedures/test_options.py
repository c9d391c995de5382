"""Every option for a condition, procedures or not, with the same facts and none first."""

import pytest
from bs4 import BeautifulSoup

from procedures.models import OPTION_FACTS, Status
from tests.factories import make_condition, make_option, make_procedure

pytestmark = pytest.mark.django_db


def options_on(client, condition):
    page = BeautifulSoup(client.get(condition.get_absolute_url()).content, "html.parser")
    return page.select("#options li.option")


def test_procedures_and_other_options_show_the_same_facts_in_a_to_z_order(client):
    condition = make_condition(slug="herniated-disc")
    make_option(name="Waiting to see if it settles", conditions=[condition])
    make_procedure(title="Nucleoplasty", conditions=[condition])
    make_option(name="physiotherapy", conditions=[condition])
    make_option(name="Surgery", conditions=[make_condition()])  # another condition's

    options = options_on(client, condition)
    titles = [option.select_one(".option__title").get_text() for option in options]
    assert titles == ["Nucleoplasty", "physiotherapy", "Waiting to see if it settles"]
    labels = [label for _, label in OPTION_FACTS]
    for option in options:
        assert [dt.get_text() for dt in option.select("dt")] == labels
        assert all(dd.get_text().strip() for dd in option.select("dd"))


def test_a_procedure_links_to_its_page_and_an_option_cites_its_sources(client):
    condition = make_condition()
    procedure = make_procedure(title="Nucleoplasty", conditions=[condition])
    make_option(name="Physiotherapy", conditions=[condition])
    by_title = {o.select_one(".option__title").get_text(): o for o in options_on(client, condition)}
    assert by_title["Nucleoplasty"].select_one("a")["href"] == procedure.get_absolute_url()
    assert by_title["Physiotherapy"].select_one(".option__sources a")["href"].startswith("https://")


def test_a_draft_procedure_is_not_an_option(client):
    condition = make_condition()
    make_procedure(title="Nucleoplasty", conditions=[condition], status=Status.DRAFT)
    make_option(name="Physiotherapy", conditions=[condition])
    assert [o.select_one("h3").get_text() for o in options_on(client, condition)] == [
        "Physiotherapy"
    ]


@pytest.mark.usefixtures("starter_content")
def test_every_starter_condition_has_procedures_and_three_other_options(client):
    from procedures.models import Condition

    for condition in Condition.objects.all():
        options = condition.options.all()
        assert len(options) >= 3, condition
        assert condition.procedures.published().exists(), condition
        assert len(options_on(client, condition)) == len(options) + condition.procedures.count()
