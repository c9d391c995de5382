"""The translation catalogues: every string the site shows is in them, translated, and
compiled into the django.mo the site reads."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext is not installed (apt-get install gettext)",
)


def catalogue(mo_file: Path) -> dict:
    with mo_file.open("rb") as file:
        return {key: value for key, value in gettext.GNUTranslations(file)._catalog.items() if key}


@pytest.fixture(scope="module")
def gathered(tmp_path_factory) -> Path:
    """The site's strings as makemessages gathers them today, merged into a copy of the
    catalogues, as a translator would be given them."""
    folder = tmp_path_factory.mktemp("locale")
    shutil.copytree(LOCALE, folder, dirs_exist_ok=True)
    with override_settings(LOCALE_PATHS=[folder]):
        call_command("makemessages", locale=TRANSLATED, ignore_patterns=["locale"], verbosity=0)
    return folder


def _messages(po_file: Path, selection: str) -> str:
    return subprocess.run(
        ["msgattrib", selection, "--no-obsolete", "--no-location", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(gathered, language):
    """A string marked for translation that is missing, new or fuzzy fails here, by name."""
    po_file = gathered / language / "LC_MESSAGES" / "django.po"
    statistics = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "untranslated" not in statistics and "fuzzy" not in statistics, (
        statistics + _messages(po_file, "--untranslated") + _messages(po_file, "--only-fuzzy")
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_kept_catalogue_is_the_gathered_one_compiled(gathered, language, tmp_path):
    """`make messages` was run after the last change to the site's text or translations."""
    kept = LOCALE / language / "LC_MESSAGES"
    fresh_po = gathered / language / "LC_MESSAGES" / "django.po"
    fresh_mo = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh_mo), str(fresh_po)], check=True)
    assert catalogue(kept / "django.mo") == catalogue(fresh_mo)


def test_every_label_a_procedure_page_shows_is_in_the_catalogue():
    """Headings and labels come from field names, which makemessages cannot see: each must be
    in SHOWN_LABELS, or it would be shown in English on every other language's page."""
    from django.utils.text import capfirst

    from procedures.models import Procedure
    from procedures.models.pages import SHOWN_LABELS

    groups = ("at_a_glance", "choosing", "getting_back")
    fields = [*Procedure.schema.sections]
    fields += [name for key in groups for name in Procedure.group(key).fields]
    missing = [capfirst(Procedure.label(name)) for name in fields]
    assert [label for label in missing if label not in SHOWN_LABELS] == []
