"""Everyday US words: medicine brand names, "shots" for injections, and paying for care.

Like 0002, it adds only words staff do not already have. The one starter synonym it
replaces, acetaminophen = paracetamol (the pages now say acetaminophen), is removed only
if staff have not changed it.
"""

import importlib
from pathlib import Path

from django.db import migrations

WORDS_FILE = Path(__file__).with_name("0003_everyday_us_words.txt")
REPLACED = {"acetaminophen": "paracetamol"}
starter = importlib.import_module("search.migrations.0002_starter_synonyms")


def everyday_words() -> dict[str, str]:
    return starter.starter_synonyms(WORDS_FILE)


def add_words(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    _remove_unchanged(Synonym, REPLACED)
    starter.add_unless_there(Synonym, everyday_words())


def remove_words(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    _remove_unchanged(Synonym, everyday_words())
    starter.add_unless_there(Synonym, REPLACED)


def _remove_unchanged(Synonym, synonyms: dict[str, str]) -> None:
    """Only rows exactly as this migration wrote them: a row staff changed stays."""
    for words, means in synonyms.items():
        Synonym.objects.filter(words=words, means=means).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_starter_synonyms")]

    operations = [migrations.RunPython(add_words, remove_words)]
