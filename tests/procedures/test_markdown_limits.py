"""Markdown cannot stall the site: editors only, a size limit checked first, quick rendering."""

import time

import markdown
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.roles import CONTENT_EDITOR, FRONT_DESK
from procedures import markdown as renderer
from procedures.markdown import (
    MARKDOWN_MAX_CHARACTERS,
    MarkdownTooDeep,
    MarkdownTooSlow,
    render_markdown,
)
from procedures.models import SECTIONS, Condition, Draft, Procedure
from procedures.readability import reading_grade
from tests.admin_post import admin_post
from tests.factories import admin_form_values, make_procedure, make_staff

PREVIEW = reverse("markdownx_markdownify")
# Inputs that made Python-Markdown rescan the rest of the text for each character.
SLOW_INPUTS = ["[", "[a", "<a ", "[a](", "![a](", "<![CDATA[", "<b ", "[[]"]


def repeated(token: str, length: int) -> str:
    return (token * (length // len(token) + 1))[:length]


@pytest.fixture
def editor(client, db):
    client.force_login(make_staff(CONTENT_EDITOR.group))


@pytest.fixture(scope="module")
def reading_grades_loaded():
    """The reading-grade word list loads once per process (about a second); not timed here."""
    reading_grade("<p>A short warm-up sentence.</p>")


@pytest.mark.django_db
def test_front_desk_cannot_use_the_editor_preview(client):
    client.force_login(make_staff(FRONT_DESK.group))
    response = client.post(PREVIEW, {"content": "Hello"})
    assert response.status_code == 403


@pytest.mark.parametrize("length", [MARKDOWN_MAX_CHARACTERS, MARKDOWN_MAX_CHARACTERS - 1])
@pytest.mark.parametrize("token", SLOW_INPUTS)
def test_slow_inputs_preview_in_well_under_a_second(
    client, editor, reading_grades_loaded, token, length
):
    started = time.perf_counter()
    response = client.post(PREVIEW, {"content": repeated(token, length)})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert "Reading grade" in response.content.decode()  # it was rendered, not refused
    assert elapsed < 0.75, f"{token!r} took {elapsed:.2f}s"


def test_quick_rendering_gives_the_same_html_as_python_markdown(starter_content):
    for procedure in Procedure.objects.all():
        for section in SECTIONS:
            text = getattr(procedure, section.field)
            expected = renderer.sanitize_html(
                markdown.markdown(text, extensions=["toc", "sane_lists", "tables"])
            )
            assert render_markdown(text) == expected, (procedure.slug, section.field)


@pytest.mark.parametrize(
    "text",
    [
        "[a link](https://example.org/a_(b)) and [another](/x 'title') [ref][r]\n\n[r]: /y",
        "![A nurse](/media/a.png) `code [` <abbr title='x'>MRI</abbr> [[nested]](/z)",
        "<div>\n<p>Raw <a href='/x'>html</a></p>\n</div>\n\n<![CDATA[ x ]]> text",
    ],
)
def test_quick_rendering_matches_python_markdown_on_links_and_raw_html(text):
    expected = renderer.sanitize_html(
        markdown.markdown(text, extensions=["toc", "sane_lists", "tables"])
    )
    assert render_markdown(text) == expected


@pytest.mark.django_db
def test_preview_refuses_text_over_the_limit_without_rendering_it(client, editor, monkeypatch):
    monkeypatch.setattr("procedures.editor.render_markdown", _must_not_render)
    response = client.post(PREVIEW, {"content": "a" * (MARKDOWN_MAX_CHARACTERS + 1)})
    assert response.status_code == 200
    assert f"Keep it to {MARKDOWN_MAX_CHARACTERS:,} or fewer" in response.content.decode()


@pytest.mark.django_db
def test_model_clean_checks_every_size_before_rendering_anything(monkeypatch):
    procedure = make_procedure()
    procedure.during = "[" * (MARKDOWN_MAX_CHARACTERS + 1)
    monkeypatch.setattr("procedures.models.pages.images_without_alt", _must_not_render)
    with pytest.raises(ValidationError) as error:
        procedure.full_clean()
    assert list(error.value.message_dict) == ["during"]
    assert "Keep it to 20,000 or fewer" in error.value.message_dict["during"][0]


@pytest.mark.django_db
def test_admin_refuses_a_section_over_the_limit_and_says_the_limit(client, editor):
    procedure = make_procedure()
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    page = client.get(url).content.decode()
    assert "up to 20,000 characters" in page
    values = admin_form_values(page)
    values["before"] = "[a" * 12_000
    response = admin_post(client, url, values, status=200)  # the form again, with the error
    assert "at most 20000 characters" in response.content.decode()
    assert not Draft.objects.exists()  # nothing was kept, live or as a draft


@pytest.mark.django_db
def test_condition_admin_refuses_a_description_over_the_limit(client, editor):
    response = client.post(
        reverse("admin:procedures_condition_add"),
        {
            "name": "Long",
            "slug": "long",
            "summary": "A back problem.",
            "description": "[" * (MARKDOWN_MAX_CHARACTERS + 1),
            "last_reviewed": "2026-11-01",
            "reviewed_by": "Team",
            "sources": "A source",
        },
    )
    assert response.status_code == 200
    assert "at most 20000 characters" in response.content.decode()
    assert not Condition.objects.filter(slug="long").exists()


@pytest.mark.django_db
def test_import_refuses_a_section_over_the_limit(content_copy):
    path = content_copy / "procedures" / "kyphoplasty.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("## Other options\n", "## Other options\n\n" + "[a" * 12_000 + "\n"),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="kyphoplasty.md: section .## Other options.: This is 2"):
        call_command("import_content", folder=content_copy, verbosity=0)
    assert not Procedure.objects.exists()


def test_rendering_that_runs_too_long_is_stopped_with_a_message(monkeypatch):
    monkeypatch.setattr(renderer, "RENDER_SECONDS", 0.01)
    with pytest.raises(MarkdownTooSlow, match="took too long"):
        render_markdown(repeated("`` `", 8000))


@pytest.mark.django_db
def test_preview_says_when_rendering_ran_too_long(client, editor, monkeypatch):
    monkeypatch.setattr(renderer, "RENDER_SECONDS", 0.01)
    response = client.post(PREVIEW, {"content": repeated("`` `", 8000)})
    assert response.status_code == 200
    assert "took too long" in response.content.decode()


def _must_not_render(*args, **kwargs):
    raise AssertionError("rendered text that is over the size limit")


# Lists inside lists a thousand levels deep: Python-Markdown recurses once per level.
DEEP_LISTS = "1. " * 1000


def test_deep_nesting_is_refused_with_a_message_not_a_recursion_error():
    with pytest.raises(MarkdownTooDeep, match="too many levels deep"):
        render_markdown(DEEP_LISTS)


@pytest.mark.django_db
def test_preview_says_when_the_text_is_nested_too_deeply(client, editor):
    response = client.post(PREVIEW, {"content": DEEP_LISTS})
    assert response.status_code == 200
    assert "too many levels deep" in response.content.decode()


@pytest.mark.django_db
def test_admin_refuses_a_section_nested_too_deeply_and_keeps_the_page(client, editor):
    procedure = make_procedure()
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    values = admin_form_values(client.get(url).content.decode())
    values["during"] = DEEP_LISTS
    response = admin_post(client, url, values, status=200)
    assert "too many levels deep" in response.content.decode()
    assert Procedure.objects.get(pk=procedure.pk).during == procedure.during
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_import_names_the_file_with_a_section_nested_too_deeply(content_copy):
    path = content_copy / "procedures" / "kyphoplasty.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("## Other options\n", f"## Other options\n\n{DEEP_LISTS}\n"), encoding="utf-8"
    )
    with pytest.raises(CommandError, match="kyphoplasty.md.*too many levels deep"):
        call_command("import_content", folder=content_copy, verbosity=0)
    assert not Procedure.objects.exists()


# Within the size limit, and a little under a second to render here: one such section is
# fine, seven are not.
MANY_HEADINGS = "# x\n" * 4997


def test_every_render_in_a_request_shares_one_budget(monkeypatch):
    monkeypatch.setattr(renderer, "REQUEST_RENDER_SECONDS", 0.5)
    render_markdown(MANY_HEADINGS)  # on its own, well within RENDER_SECONDS
    with renderer.request_render_budget(), pytest.raises(MarkdownTooSlow):
        for _ in SECTIONS:
            render_markdown(MANY_HEADINGS)


@pytest.mark.django_db
def test_saving_seven_slow_sections_is_refused_within_the_request_budget(
    client, editor, monkeypatch
):
    monkeypatch.setattr(renderer, "REQUEST_RENDER_SECONDS", 0.5)
    procedure = make_procedure()
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    values = admin_form_values(client.get(url).content.decode())
    values.update({section.field: MANY_HEADINGS for section in SECTIONS})
    response = admin_post(client, url, values, status=200)
    assert "took too long" in response.content.decode()
    assert Procedure.objects.get(pk=procedure.pk).during == procedure.during
    assert not Draft.objects.exists()
