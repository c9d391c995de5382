"""A page's sources: four parts a line in the admin, links with a date on the page."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from procedures.models.schema import SourcesFormField
from procedures.sources import Source, parse_source, parse_sources
from tests.factories import make_procedure

LINE = "Back pain | NHS | https://www.nhs.uk/conditions/back-pain/ | 2026-11-21"


def test_a_line_becomes_a_source_and_back():
    source = parse_source(LINE)
    assert source == Source(
        "Back pain", "NHS", "https://www.nhs.uk/conditions/back-pain/", datetime.date(2026, 11, 21)
    )
    assert source.as_line() == LINE


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Society of Interventional Radiology", "needs four parts"),
        ("Back pain | NHS | | 2026-11-21", "needs four parts"),
        ("Back pain | NHS | nhs.uk/back-pain | 2026-11-21", "is not a web address"),
        ("Back pain | NHS | javascript:alert(1) | 2026-11-21", "is not a web address"),
        ("Back pain | NHS | https://www.nhs.uk/ | 21/11/2026", "is not a date"),
    ],
)
def test_a_bad_line_is_refused_with_words_an_editor_can_act_on(line, message):
    with pytest.raises(ValidationError, match=message):
        parse_source(line)


def test_every_bad_line_is_listed_at_once():
    with pytest.raises(ValidationError) as error:
        parse_sources([LINE, "NHS", "RadiologyInfo"])
    assert len(error.value.messages) == 2


@pytest.mark.django_db
def test_a_page_with_a_bad_source_line_cannot_be_saved_in_the_admin_form():
    procedure = make_procedure()
    procedure.sources = f"{LINE}\nSociety of Interventional Radiology"
    with pytest.raises(ValidationError) as error:
        procedure.full_clean()
    assert "sources" in error.value.message_dict


def test_the_sources_box_shows_and_takes_month_day_year_and_keeps_the_date():

    box = SourcesFormField()
    stored = ["Back pain | NHS | https://www.nhs.uk/conditions/back-pain/ | 2026-11-21"]
    assert box.prepare_value(stored).endswith("| 11/21/2026")
    typed = "Back pain | NHS | https://www.nhs.uk/conditions/back-pain/ | 11/21/2026"
    assert box.to_python(typed) == stored
    assert box.to_python(stored[0]) == stored  # the old way still reads
    with pytest.raises(ValidationError, match="for example 11/21/2026"):
        parse_source("Back pain | NHS | https://www.nhs.uk/conditions/back-pain/ | 21/11/2026")
