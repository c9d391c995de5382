"""check_content: the clinical-safety checks that CI, import and the admin run."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from procedures.content import read_page
from procedures.models import Condition, Procedure
from procedures.safety_checks import check_condition, check_procedure
from tests.conftest import CONTENT_DIR

VERTEBROPLASTY = CONTENT_DIR / "procedures" / "vertebroplasty.md"
HERNIATED_DISC = CONTENT_DIR / "conditions" / "herniated-disc.md"


def run_check(folder) -> str:
    out = StringIO()
    call_command("check_content", folder=folder, stdout=out)
    return out.getvalue()


def problems_of_procedure(**changes) -> list[str]:
    data = read_page(Procedure, VERTEBROPLASTY)
    for key, value in changes.items():
        if key in data["sections"]:
            data["sections"][key] = value
        else:
            data[key] = value
    return [problem.message for problem in check_procedure("vertebroplasty", data).problems]


def test_shipped_content_passes_and_every_page_is_graded():
    output = run_check(CONTENT_DIR)
    pages = len(list(CONTENT_DIR.rglob("*.md")))
    assert f"{pages} pages checked, no problems." in output
    assert output.count(": grade ") + output.count(": reading ease ") == pages


def test_shipped_pages_pass_on_their_own():
    assert check_procedure("vertebroplasty", read_page(Procedure, VERTEBROPLASTY)).problems == []
    assert check_condition("herniated-disc", read_page(Condition, HERNIATED_DISC)).problems == []


def test_it_finds_a_typed_emergency_number():
    after = read_page(Procedure, VERTEBROPLASTY)["sections"]["after"] + "\n\nCall 911 if worried."
    assert problems_of_procedure(after=after) == [
        "emergency number 911 typed into the page: the urgent-care card gives it"
    ]


def test_it_finds_the_configured_emergency_number_too(settings):
    settings.EMERGENCY_NUMBER = "000"
    data = read_page(Procedure, VERTEBROPLASTY)
    data["warning_signs"]["urgent"].append("ring 000 if you feel faint")
    messages = [problem.message for problem in check_procedure("v", data).problems]
    assert messages == ["emergency number 000 typed into the page: the urgent-care card gives it"]


def test_a_number_inside_another_number_is_not_an_emergency_number():
    after = read_page(Procedure, VERTEBROPLASTY)["sections"]["after"] + "\n\nCode 49112 and 1999."
    assert problems_of_procedure(after=after) == []


@pytest.mark.parametrize(
    "value",
    ["", "  ", "Your care team will tell you", "It depends", "Varies from person to person"],
)
def test_it_finds_a_vague_or_empty_glance_fact(value):
    glance = {**read_page(Procedure, VERTEBROPLASTY)["at_a_glance"], "recovery": value}
    assert problems_of_procedure(at_a_glance=glance) == [
        "at a glance 'recovery' is vague or empty: give a typical value"
    ]


def test_a_typical_value_with_a_pointer_to_us_is_not_vague():
    glance = {
        **read_page(Procedure, VERTEBROPLASTY)["at_a_glance"],
        "recovery": "About 2 to 3 days; it depends on how many bones were treated",
    }
    assert problems_of_procedure(at_a_glance=glance) == []


def test_it_finds_a_procedure_without_warning_signs_of_its_own():
    empty = {"emergency": [], "urgent": [], "call_us": []}
    assert problems_of_procedure(warning_signs=empty) == [
        "no warning signs of its own for the after section (warning_signs)"
    ]


def test_it_finds_fewer_than_two_sources():
    one = read_page(Procedure, VERTEBROPLASTY)["sources"][:1]
    assert problems_of_procedure(sources=one) == [
        "1 source(s) with an address; at least 2 are needed"
    ]


def test_it_finds_a_missing_evidence_part():
    text = read_page(Procedure, VERTEBROPLASTY)["sections"]["benefits_risks"]
    without = text.replace("### How well it works", "### Results")
    assert problems_of_procedure(benefits_risks=without) == [
        "benefits and risks has no '### How well it works' part"
    ]


def test_it_finds_a_page_above_grade_8():
    hard = (
        "Percutaneous vertebral augmentation necessitates intraoperative fluoroscopic "
        "visualisation and polymethylmethacrylate instillation into osteoporotic "
        "trabecular architecture, contraindicated in uncorrectable coagulopathy. "
    ) * 40
    messages = problems_of_procedure(overview=hard)
    assert len(messages) == 1 and messages[0].startswith("reading grade ")


def test_it_finds_a_condition_without_its_sections():
    data = read_page(Condition, HERNIATED_DISC)
    data["description"] = data["description"].replace("## What usually happens", "## Outlook")
    messages = [problem.message for problem in check_condition("c", data).problems]
    assert len(messages) == 1 and messages[0].startswith("the sections must be")


def test_command_fails_on_a_bad_file_and_names_it(content_copy):
    path = content_copy / "procedures" / "kyphoplasty.md"
    text = path.read_text().replace("## Other options\n", "## Other options\n\nCall 911.\n")
    path.write_text(text)
    with pytest.raises(CommandError, match=r"1 problem\(s\)"):
        run_check(content_copy)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_content", folder=content_copy, stdout=out)
    assert "kyphoplasty.md: grade" in out.getvalue()
    assert "emergency number 911 typed into the page" in out.getvalue()


@pytest.mark.django_db
def test_import_refuses_an_unsafe_page_and_writes_nothing(content_copy):
    from procedures.models import Condition, Procedure

    path = content_copy / "conditions" / "spinal-stenosis.md"
    path.write_text(path.read_text() + "\nCall 911 now.\n")
    with pytest.raises(CommandError, match="fail the content checks"):
        call_command("import_content", folder=content_copy, verbosity=0)
    assert (Condition.objects.count(), Procedure.objects.count()) == (0, 0)


def test_a_procedure_needs_five_questions_to_ask():
    four = read_page(Procedure, VERTEBROPLASTY)["questions"][:4]
    assert problems_of_procedure(questions=four) == ["fewer than 5 questions to ask"]


def test_a_plan_needs_steps_before_and_after():
    assert problems_of_procedure(
        preparation_steps=["the day | Bring your medicines."], recovery_steps=[]
    ) == [
        "fewer than 3 preparation steps",
        "fewer than 2 recovery steps",
    ]


def test_a_step_on_the_wrong_side_of_the_day_is_refused_when_read(tmp_path):
    from procedures.content import ContentError

    text = VERTEBROPLASTY.read_text().replace(
        "recovery_steps:\n", "recovery_steps:\n- 2 days before | Rest.\n", 1
    )
    path = tmp_path / "vertebroplasty.md"
    path.write_text(text)
    with pytest.raises(ContentError, match="Recovery happens on the day or after it, not 2 days"):
        read_page(Procedure, path)


def test_a_vague_choosing_fact_is_found():
    data = read_page(Procedure, VERTEBROPLASTY)
    data["choosing"]["effectiveness"] = "It depends"
    messages = [problem.message for problem in check_procedure("v", data).problems]
    assert messages == ["choosing 'effectiveness' is vague or empty: give a typical value"]


def test_a_comparison_must_be_named_after_its_two_procedures():
    from procedures.safety_checks import check_comparison

    data = {
        "slug": "kyphoplasty-vs-vertebroplasty",
        "first": "vertebroplasty",
        "second": "kyphoplasty",
        "summary": "s",
        "key_difference": "One uses a balloon.",
        "discussion": "Both ease pain.",
        "sources": [{}, {}],
    }
    messages = [problem.message for problem in check_comparison("c", data).problems]
    assert messages == [
        "the slug must be 'vertebroplasty-vs-kyphoplasty': the first procedure, -vs-, the second"
    ]


def test_a_glossary_meaning_needs_a_source():
    from procedures.safety_checks import check_glossary_term

    data = {"summary": "A bone of the spine.", "sources": []}
    messages = [problem.message for problem in check_glossary_term("g", data).problems]
    assert messages == ["no source: give at least one page the meaning was checked against"]


def test_a_before_checklist_must_cover_every_topic_patients_act_on():
    before = "- Wear loose clothes.\n- Bring your scans.\n- Tell us if you are pregnant."
    assert problems_of_procedure(before=before) == [
        "the before checklist does not cover blood thinners, named",
        "the before checklist does not cover the prescriber decides about blood thinners",
        "the before checklist does not cover diabetes",
        "the before checklist does not cover food and drink",
        "the before checklist does not cover a driver",
        "the before checklist does not cover an adult at home, or a night in the hospital",
        "the before checklist does not cover allergies",
    ]
