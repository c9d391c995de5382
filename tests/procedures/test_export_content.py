import filecmp

import pytest
from django.core.management import call_command

from procedures.models import Procedure
from tests.conftest import CONTENT_DIR


def _files(folder):
    return sorted(path.relative_to(folder) for path in folder.rglob("*.md"))


@pytest.mark.django_db
def test_import_then_export_gives_back_identical_files(tmp_path):
    call_command("import_content", folder=CONTENT_DIR, verbosity=0)
    out = tmp_path / "exported"
    call_command("export_content", folder=out, verbosity=0)

    assert _files(out) == _files(CONTENT_DIR)
    for relative in _files(CONTENT_DIR):
        assert filecmp.cmp(CONTENT_DIR / relative, out / relative, shallow=False), relative


@pytest.mark.django_db
def test_export_writes_staff_edits_and_a_reimport_accepts_them(content_copy):
    call_command("import_content", folder=content_copy, verbosity=0)
    procedure = Procedure.objects.get(slug="nucleoplasty")
    procedure.after = "Rest today.\r\n\r\nWalk tomorrow."
    procedure.save()

    call_command("export_content", folder=content_copy, verbosity=0)
    text = (content_copy / "procedures" / "nucleoplasty.md").read_text()
    assert "## After the procedure\n\nRest today.\n\nWalk tomorrow.\n\n## Benefits" in text

    # The file now matches the page, so editing the file and importing is not a conflict.
    path = content_copy / "procedures" / "nucleoplasty.md"
    path.write_text(text.replace("Walk tomorrow.", "Walk the day after."))
    call_command("import_content", folder=content_copy, verbosity=0)
    assert Procedure.objects.get(slug="nucleoplasty").after.endswith("Walk the day after.")


@pytest.mark.django_db
def test_export_dry_run_reports_changes_and_writes_nothing(content_copy):
    from io import StringIO

    call_command("import_content", folder=content_copy, verbosity=0)
    Procedure.objects.filter(slug="sacroplasty").update(summary="A new summary.")
    path = content_copy / "procedures" / "sacroplasty.md"
    before = path.read_text()
    out = StringIO()
    call_command("export_content", "--dry-run", folder=content_copy, stdout=out)
    assert "Would write 1 file(s)" in out.getvalue()
    assert path.read_text() == before
