"""Translations: their own records in the one workflow, shown under the language's address,
flagged when the English changes, checked like any page, and kept in content files."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from core.roles import CLINICAL_REVIEWER, CONTENT_EDITOR
from editorial import publishing
from procedures.models import GlossaryTermTranslation, ProcedureTranslation, Status
from procedures.models.records import live_data
from procedures.models.translations import behind_english
from procedures.readability import reading_ease
from procedures.safety_checks import check_translation
from procedures.sync import export_folder, import_folder
from tests.factories import (
    admin_form_values,
    make_condition,
    make_procedure,
    make_staff,
    make_translation,
)
from tests.publishing import sign_off_and_publish

pytestmark = pytest.mark.django_db


def page(address: str) -> str:
    response = Client().get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def alternates(html: str) -> dict[str, str]:
    links = re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html)
    return dict(links)


def signed_in_translator() -> Client:
    """A content editor who translates, signed in to the admin."""
    client = Client()
    client.force_login(make_staff(CONTENT_EDITOR.group, "translator"))
    return client


def change_english(procedure, summary: str):
    """An editor changes the English page's summary, and it goes live after sign-off."""
    editor = make_staff(CONTENT_EDITOR.group, "editor")
    publishing.save_draft(procedure, {**live_data(procedure), "summary": summary}, by=editor)
    sign_off_and_publish(procedure, by=editor)


# The public page


def test_a_live_translation_is_the_page_under_its_language_address():
    procedure = make_procedure(conditions=[make_condition()])
    make_translation(procedure)
    html = page(f"/es{procedure.get_absolute_url()}")
    assert "A treatment for back pain. [es]" in html
    assert "untranslated-note" not in html
    assert '<meta name="robots" content="noindex">' not in html
    assert '<html lang="es">' in html


def test_each_language_of_a_translated_page_names_the_other():
    procedure = make_procedure()
    make_translation(procedure)
    english, spanish = (
        page(procedure.get_absolute_url()),
        page(f"/es{procedure.get_absolute_url()}"),
    )
    assert alternates(english) == alternates(spanish)
    assert alternates(spanish)["es"].endswith(f"/es{procedure.get_absolute_url()}")


def test_a_draft_translation_is_not_shown_and_the_page_stays_english():
    procedure = make_procedure()
    make_translation(procedure, status=Status.DRAFT)
    html = page(f"/es{procedure.get_absolute_url()}")
    assert "[es]" not in html
    assert "untranslated-note" in html
    assert "es" not in alternates(html)


def test_lists_show_a_translated_name_in_spanish_and_mark_the_others_english():
    condition = make_condition()
    translated = make_procedure(conditions=[condition], title="Translated one")
    make_procedure(conditions=[condition], title="English one")
    make_translation(translated)
    html = page("/es/procedures/")
    assert re.search(r'<a href="/es/procedures/[\w-]+/">Translated one \[es\]', html)
    assert re.search(r'<a href="/es/procedures/[\w-]+/" lang="en">English one', html)


# English changed since translation


def test_the_english_changed_flag_appears_with_the_diff_and_clears_when_caught_up():
    procedure = make_procedure()
    translation = make_translation(procedure)
    assert behind_english() == []

    change_english(procedure, "A treatment that eases back pain.")
    translation.refresh_from_db()
    assert translation.english_changed
    assert behind_english() == [translation]
    # Patients keep the last reviewed translation meanwhile.
    assert "A treatment for back pain. [es]" in page(f"/es{procedure.get_absolute_url()}")

    editor = signed_in_translator()
    listing = editor.get(reverse("admin:procedures_proceduretranslation_changelist"))
    assert "English changed since translation" in listing.content.decode()
    home = editor.get(reverse("admin:index")).content.decode()
    assert "English changed since translation" in home
    change_url = reverse("admin:procedures_proceduretranslation_change", args=[translation.pk])
    form = editor.get(change_url).content.decode()
    assert re.search(r"<del>.*?for.*?</del>", form, re.S)  # the English diff since then
    assert re.search(r"<ins>.*?that eases.*?</ins>", form, re.S)

    values = admin_form_values(form)
    values.update(summary="Un tratamiento que alivia el dolor de espalda.", matches_english="on")
    assert editor.post(change_url, values).status_code == 302
    # Caught up in the draft; the flag clears once that draft is approved and live.
    assert behind_english() == [translation]
    sign_off_and_publish(translation)
    assert behind_english() == []
    assert "Un tratamiento que alivia" in page(f"/es{procedure.get_absolute_url()}")


def test_the_translator_cannot_approve_their_own_translation():
    procedure = make_procedure()
    translation = make_translation(procedure)
    translator = make_staff(CLINICAL_REVIEWER.group, "translator")
    data = {**live_data(translation), "summary": "Otro resumen."}
    publishing.save_draft(translation, data, by=translator)
    publishing.submit(ProcedureTranslation.objects.get(pk=translation.pk), by=translator)
    with pytest.raises(publishing.NotAllowed, match="another clinician"):
        publishing.approve(ProcedureTranslation.objects.get(pk=translation.pk), by=translator)


def test_the_admin_shows_the_english_beside_each_field_and_the_reading_ease():
    procedure = make_procedure(summary="Plain English summary.")
    translation = make_translation(procedure)
    editor = signed_in_translator()
    url = reverse("admin:procedures_proceduretranslation_change", args=[translation.pk])
    html = editor.get(url).content.decode()
    assert re.search(
        r'<span class="english-source" lang="en"><strong>English:</strong> Plain '
        r"English summary.</span>",
        html,
    )
    assert f"{translation.reading_ease} (fairly easy or easier; 100 is easiest)" in html
    english_form = editor.get(reverse("admin:procedures_procedure_change", args=[procedure.pk]))
    assert "Spanish translation" in english_form.content.decode()


# Checks


def spanish_data(procedure, **changes) -> tuple[dict, dict]:
    translation = make_translation(procedure, status=Status.DRAFT)
    return {**live_data(translation), **changes}, live_data(procedure)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"summary": "Llame al 911 si le duele."}, "emergency number 911"),
        ({"questions": ["¿Una sola pregunta?"]}, "questions has 1 items; the English has 5"),
        (
            {"recovery_steps": ["the day | Descanse.", "2 days after | Camine."]},
            "recovery_steps: the days differ",
        ),
    ],
)
def test_a_translation_that_says_something_else_is_a_problem(change, problem):
    data, english = spanish_data(make_procedure(), **change)
    report = check_translation(ProcedureTranslation, "page", data, english, "es")
    assert any(problem in p.message for p in report.problems), report.problems


def test_a_translation_with_a_missing_list_item_in_a_section_is_a_problem():
    procedure = make_procedure()
    data, english = spanish_data(procedure)
    data["sections"]["before"] = "- Solo un punto."
    report = check_translation(ProcedureTranslation, "page", data, english, "es")
    assert any("before has 1 list items" in p.message for p in report.problems)


def test_a_translation_that_reads_hard_is_a_problem():
    long_words = "Consideraciones farmacoterapéuticas interdisciplinarias extraordinariamente " * 8
    data, english = spanish_data(make_procedure(), summary=long_words)
    report = check_translation(ProcedureTranslation, "page", data, english, "es")
    assert any("reading ease" in p.message and "below 65" in p.message for p in report.problems)


# Content files


def test_the_shipped_spanish_pages_import_check_and_export_unchanged(content_copy, capsys):
    report = import_folder(content_copy)
    spanish = sorted((content_copy / "es").glob("*/*.md"))
    assert len(spanish) >= 90
    assert len([name for name in report.created if name.startswith("es/")]) == len(spanish)
    assert behind_english() == []  # each was made from the English as shipped
    changed, _ = export_folder(content_copy)
    assert changed == 0  # every file read back is written out exactly as it was

    call_command("check_content", folder=content_copy)
    printed = capsys.readouterr().out
    for path in spanish:
        score = re.search(rf"{re.escape(str(path))}: reading ease ([\d.]+)", printed)
        assert score, path
        # A glossary meaning is a sentence or two: the glossary is scored as one page.
        assert path.parent.name == "glossary" or float(score.group(1)) >= 65, path
    meanings = " ".join(term.summary for term in GlossaryTermTranslation.objects.all())
    glossary = reading_ease(meanings, "es")
    assert glossary >= 65
    print(f"Spanish glossary, all meanings together: reading ease {glossary}")
    print("\n".join(line for line in printed.splitlines() if "reading ease" in line))


def test_translate_into_spanish_starts_a_draft_made_from_the_english_as_it_is_now():
    procedure = make_procedure()
    editor = signed_in_translator()
    english_form = editor.get(reverse("admin:procedures_procedure_change", args=[procedure.pk]))
    start = re.search(
        r'<a href="([^"]+)">Translate into Spanish</a>', english_form.content.decode()
    )
    add_url = start.group(1).replace("&amp;", "&")
    form = editor.get(add_url).content.decode()
    values = admin_form_values(form)
    assert values["original"] == str(procedure.pk) and values["language"] == "es"
    values["translated_by"] = "Translator"
    assert editor.post(add_url, values).status_code == 302

    translation = ProcedureTranslation.objects.get(original=procedure, language="es")
    assert translation.status == Status.DRAFT
    assert not translation.english_changed
    assert "untranslated-note" in page(f"/es{procedure.get_absolute_url()}")


# The plan and the steps


def test_the_spanish_plan_reads_a_typed_date_day_first_and_says_when_in_spanish():
    procedure = make_procedure()
    make_translation(procedure)
    day = timezone.localdate() + datetime.timedelta(days=20)
    html = page(f"/es{procedure.get_absolute_url()}plan/?date={day:%d/%m/%Y}")
    assert "untranslated-note" not in html
    with override("es"):
        assert date_format(day, "DATE_FORMAT") in html  # "27 de diciembre de 2026"
    assert "7 días antes" in html and "el día del procedimiento" in html
    assert "Ask about your blood thinners. [es]" in html
    # The same digits on the English plan are month/day/year.
    english = Client().get(f"{procedure.get_absolute_url()}plan/?date={day:%m/%d/%Y}")
    assert "7 days before" in english.content.decode()


def test_a_spanish_plan_date_typed_month_first_gets_the_spanish_order_in_its_message():
    procedure = make_procedure()
    make_translation(procedure)
    html = page(f"/es{procedure.get_absolute_url()}plan/?date=12-16-2026")
    assert "día/mes/año" in html


def test_the_recovery_timeline_on_a_spanish_page_says_when_in_spanish():
    procedure = make_procedure()
    make_translation(procedure)
    html = page(f"/es{procedure.get_absolute_url()}")
    assert "El día siguiente:</strong> Walk a little. [es]" in html


def test_preview_draft_shows_a_translation_draft_on_its_page_in_its_language():
    procedure = make_procedure()
    translation = make_translation(procedure)
    data = {**live_data(translation), "summary": "Un borrador del resumen."}
    publishing.save_draft(translation, data, by=None)
    client = signed_in_translator()
    url = reverse("admin:procedures_proceduretranslation_draft", args=[translation.pk])
    html = client.get(url).content.decode()
    assert "Un borrador del resumen." in html
    assert '<html lang="es">' in html
    assert "What it is. [es]" in html  # the live translation's sections, with the draft's summary
    assert "Un borrador del resumen." not in page(f"/es{procedure.get_absolute_url()}")
