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
    for words, means in REPLACED.items():
        Synonym.objects.filter(words=words, means=means).delete()
    existing = set(Synonym.objects.values_list("words", flat=True))
    Synonym.objects.bulk_create(
        Synonym(words=words, means=means)
        for words, means in everyday_words().items()
        if words not in existing
    )


def remove_words(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for words, means in everyday_words().items():
        Synonym.objects.filter(words=words, means=means).delete()
    existing = set(Synonym.objects.values_list("words", flat=True))
    Synonym.objects.bulk_create(
        Synonym(words=words, means=means)
        for words, means in REPLACED.items()
        if words not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_starter_synonyms")]

    operations = [migrations.RunPython(add_words, remove_words)]
