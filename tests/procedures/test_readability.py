"""Every shipped page reads at grade 8 or below; the instructions people act on, lower."""

import pytest

from procedures.models import Condition, Procedure
from procedures.readability import plain_text, reading_grade

PAGE_LIMIT = 8.0
INSTRUCTIONS_LIMIT = 7.0


def test_list_items_and_headings_count_as_sentences():
    assert plain_text("<h3>Before</h3><ul><li>Bring your scans</li><li>Eat less.</li></ul>") == (
        "Before. Bring your scans. Eat less."
    )


def test_long_words_in_long_sentences_score_high():
    hard = (
        "<p>Percutaneous intervertebral decompression necessitates comprehensive "
        "preoperative evaluation including radiological investigations.</p>"
    )
    assert reading_grade(hard) > 12
    assert reading_grade("<p>You lie on your front. We numb your skin.</p>") < 4


@pytest.mark.django_db
def test_every_procedure_page_reads_at_grade_8_or_below(starter_content):
    for procedure in Procedure.objects.all():
        page = "".join(section["html"] for section in procedure.sections)
        assert reading_grade(page) <= PAGE_LIMIT, procedure.slug


@pytest.mark.django_db
def test_before_and_after_instructions_are_simpler_still(starter_content):
    for procedure in Procedure.objects.all():
        for field in ("before_html", "after_html"):
            grade = reading_grade(getattr(procedure, field))
            assert grade <= INSTRUCTIONS_LIMIT, (procedure.slug, field, grade)


@pytest.mark.django_db
def test_every_condition_page_reads_at_grade_8_or_below(starter_content):
    for condition in Condition.objects.all():
        assert reading_grade(condition.description_html) <= PAGE_LIMIT, condition.slug
