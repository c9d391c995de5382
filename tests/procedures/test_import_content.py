import re

import pytest
from django.core.management import CommandError, call_command

from procedures.content import ContentError, read_page
from procedures.models import SECTIONS, Condition, Procedure
from procedures.sync import PAGE_FOLDERS
from tests.conftest import CONTENT_DIR

PROCEDURE_SLUGS = {
    "nucleoplasty",
    "vertebroplasty",
    "kyphoplasty",
    "sacroplasty",
    "epidural-steroid-injection",
    "facet-joint-injection",
    "facet-radiofrequency-ablation",
    "interspinous-spacer",
    "spinal-cord-stimulation",
    "targeted-drug-delivery",
}
REQUIRED_CONDITIONS = {
    "herniated-disc",
    "degenerative-disc-disease",
    "spinal-stenosis",
    "vertebral-compression-fracture",
    "sacral-insufficiency-fracture",
    "facet-joint-pain",
    "cancer-related-spine-pain",
}


def run_import(folder, *args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_content", *args, folder=folder, stdout=out, stderr=out)
    return out.getvalue()


def page_counts() -> tuple[int, int]:
    return Condition.objects.count(), Procedure.objects.count()


@pytest.mark.django_db
def test_every_starter_file_imports():
    output = run_import(CONTENT_DIR)
    files = {path.stem for path in (CONTENT_DIR / "procedures").glob("*.md")}
    assert files == PROCEDURE_SLUGS
    assert set(Procedure.objects.values_list("slug", flat=True)) == PROCEDURE_SLUGS
    assert set(Condition.objects.values_list("slug", flat=True)) >= REQUIRED_CONDITIONS
    for folder, model in PAGE_FOLDERS.items():
        files = {path.stem for path in (CONTENT_DIR / folder).glob("*.md")}
        assert set(model.objects.values_list("slug", flat=True)) == files, folder
    assert f"{len(list(CONTENT_DIR.rglob('*.md')))} created" in output


@pytest.mark.django_db
def test_every_starter_procedure_treats_a_condition_and_has_every_section():
    run_import(CONTENT_DIR)
    for procedure in Procedure.objects.prefetch_related("conditions"):
        assert procedure.status == "published"
        assert procedure.conditions.exists(), procedure.slug
        for section in SECTIONS:
            assert getattr(procedure, f"{section.field}_html").strip(), (procedure.slug, section.id)


@pytest.mark.django_db
def test_second_import_changes_nothing_and_says_so():
    run_import(CONTENT_DIR)
    stamps = list(Procedure.objects.values_list("slug", "updated_at"))
    output = run_import(CONTENT_DIR)
    assert "Nothing to change" in output
    assert "0 created, 0 updated" in output
    assert list(Procedure.objects.values_list("slug", "updated_at")) == stamps


@pytest.mark.django_db
def test_import_updates_a_page_whose_file_changed(content_copy):
    run_import(content_copy)
    path = content_copy / "procedures" / "kyphoplasty.md"
    path.write_text(
        path.read_text().replace("## Other options\n\n", "## Other options\n\nNew line.\n\n")
    )
    output = run_import(content_copy)
    assert "1 updated" in output
    assert Procedure.objects.get(slug="kyphoplasty").alternatives.startswith("New line.")


@pytest.mark.django_db
def test_one_bad_file_writes_nothing(content_copy):
    bad = content_copy / "procedures" / "sacroplasty.md"
    bad.write_text(bad.read_text().replace("## During the procedure", "## While you wait"))
    with pytest.raises(CommandError, match=r"sacroplasty\.md: unknown section '## While you wait'"):
        run_import(content_copy)
    assert page_counts() == (0, 0)


@pytest.mark.django_db
def test_a_bad_file_leaves_earlier_imports_untouched(content_copy):
    run_import(content_copy)
    before = Procedure.objects.get(slug="kyphoplasty").before
    good = content_copy / "procedures" / "kyphoplasty.md"
    good.write_text(
        good.read_text().replace(
            "## Before the procedure\n\n", "## Before the procedure\n\nChanged.\n\n"
        )
    )
    bad = content_copy / "procedures" / "sacroplasty.md"
    bad.write_text(bad.read_text().replace("title: Sacroplasty", "title: [Sacroplasty"))
    with pytest.raises(CommandError):
        run_import(content_copy)
    assert Procedure.objects.get(slug="kyphoplasty").before == before


def _edit(text: str, case: str) -> str:
    if case == "unknown section":
        return text.replace("## Benefits and risks", "## Good and bad")
    if case == "missing section":
        return re.sub(r"## Other options\n.*", "", text, flags=re.DOTALL)
    if case == "duplicate section":
        return text + "\n## What it is\n\nAgain.\n"
    if case == "out of order":
        before = re.search(r"## Before the procedure\n.*?(?=## During)", text, re.DOTALL)[0]
        during = re.search(r"## During the procedure\n.*?(?=## After)", text, re.DOTALL)[0]
        return text.replace(before, "@@").replace(during, before).replace("@@", during)
    if case == "bad front matter":
        return text.replace("summary: ", "summary: [", 1)
    if case == "no front matter":
        return text.split("---\n", 2)[2]
    if case == "unknown field":
        return text.replace("status: published", "status: published\ncolour: blue")
    if case == "missing field":
        return re.sub(r"reviewed_by: .*\n", "", text)
    if case == "glance fact too long":
        return re.sub(r"  driver: .*\n", f"  driver: {'Yes. ' * 30}\n", text)
    if case == "yes read as true":
        return re.sub(r"  driver: .*\n", "  driver: yes\n", text)
    if case == "bad status":
        return text.replace("status: published", "status: live")
    if case == "bad date":
        return re.sub(r"last_reviewed: .*", "last_reviewed: soon", text)
    if case == "unknown condition":
        return text.replace("- sacral-insufficiency-fracture", "- broken-toe")
    if case == "unknown related":
        return text.replace("- kyphoplasty", "- acupuncture")
    if case == "slug differs from file name":
        return text.replace("slug: sacroplasty", "slug: sacro")
    if case == "text before first section":
        return text.replace("---\n\n## What it is", "---\n\nHello.\n\n## What it is")
    if case == "bad review interval":
        return text.replace("review_interval_months: 12", "review_interval_months: yearly")
    if case == "review interval out of range":
        return text.replace("review_interval_months: 12", "review_interval_months: 120")
    if case == "title too long":
        return text.replace("title: Sacroplasty", "title: " + "S" * 200)
    raise AssertionError(case)


# Problems found in the file itself, before the database is asked anything.
MALFORMED = {
    "unknown section": "unknown section '## Good and bad'",
    "missing section": "missing section(s): ## Other options",
    "duplicate section": "section '## What it is' appears twice",
    "out of order": "sections are out of order",
    "bad front matter": "bad front matter",
    "no front matter": "no front matter",
    "unknown field": "unknown front matter field(s): colour",
    "missing field": "missing front matter field(s): reviewed_by",
    "yes read as true": "at_a_glance.driver must be text",
    "bad status": "status must be one of draft, published",
    "bad date": "last_reviewed must be a date",
    "slug differs from file name": "slug 'sacro' does not match the file name",
    "text before first section": "there is text before the first '## ' section heading",
    "bad review interval": "review_interval_months must be a whole number",
    "review interval out of range": (
        "review_interval_months: Ensure this value is less than or equal to 60"
    ),
    "title too long": "title: Ensure this value has at most 120 characters",
    "glance fact too long": "at_a_glance.driver: Ensure this value has at most 120 characters",
}
# Problems found only against the other pages or the model's rules.
REFUSED_ON_IMPORT = {
    "unknown condition": "unknown condition 'broken-toe'",
    "unknown related": "unknown related procedure 'acupuncture'",
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_file_is_refused_with_file_and_problem_named(tmp_path, case):
    path = tmp_path / "sacroplasty.md"
    path.write_text(_edit((CONTENT_DIR / "procedures" / "sacroplasty.md").read_text(), case))
    with pytest.raises(ContentError) as error:
        read_page(Procedure, path)
    assert f"sacroplasty.md: {MALFORMED[case]}" in str(error.value)


@pytest.mark.django_db
@pytest.mark.parametrize("case", REFUSED_ON_IMPORT)
def test_import_refuses_a_file_the_database_would_not_take(content_copy, case):
    path = content_copy / "procedures" / "sacroplasty.md"
    path.write_text(_edit(path.read_text(), case))
    with pytest.raises(CommandError) as error:
        run_import(content_copy)
    assert f"sacroplasty.md: {REFUSED_ON_IMPORT[case]}" in str(error.value)
    assert page_counts() == (0, 0)


@pytest.mark.django_db
def test_staff_edit_is_kept_unless_forced(content_copy):
    run_import(content_copy)
    procedure = Procedure.objects.get(slug="vertebroplasty")
    procedure.before = "Edited by staff."
    procedure.save()

    output = run_import(content_copy)
    assert "Kept vertebroplasty: changed in the admin" in output
    assert "1 skipped" in output
    assert Procedure.objects.get(slug="vertebroplasty").before == "Edited by staff."

    output = run_import(content_copy, "--force")
    assert "1 updated" in output
    assert Procedure.objects.get(slug="vertebroplasty").before != "Edited by staff."


@pytest.mark.django_db
def test_staff_edit_to_relations_is_also_kept(content_copy):
    run_import(content_copy)
    Procedure.objects.get(slug="kyphoplasty").related.clear()
    assert "1 skipped" in run_import(content_copy)
    assert not Procedure.objects.get(slug="kyphoplasty").related.exists()


@pytest.mark.django_db
def test_page_created_in_the_admin_is_not_overwritten(content_copy, django_user_model):
    from tests.factories import make_procedure

    make_procedure(slug="sacroplasty", title="Sacroplasty", overview="Written in the admin.")
    output = run_import(content_copy)
    assert "Kept sacroplasty" in output
    assert Procedure.objects.get(slug="sacroplasty").overview == "Written in the admin."


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    output = run_import(CONTENT_DIR, "--dry-run")
    assert "Dry run, nothing written" in output
    assert page_counts() == (0, 0)
