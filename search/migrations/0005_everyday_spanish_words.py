"""Everyday Spanish words for the search under /es/, as 0003 added the US English ones.

Like 0002 and 0003, it adds only words staff do not already have.
"""

import importlib
from pathlib import Path

from django.db import migrations

WORDS_FILE = Path(__file__).with_name("0005_everyday_spanish_words.txt")
starter = importlib.import_module("search.migrations.0002_starter_synonyms")


def spanish_words() -> dict[str, str]:
    return starter.starter_synonyms(WORDS_FILE)


def add_words(apps, schema_editor):
    starter.add_unless_there(apps.get_model("search", "Synonym"), spanish_words())


def remove_words(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for words, means in spanish_words().items():
        Synonym.objects.filter(words=words, means=means).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_entry_language")]

    operations = [migrations.RunPython(add_words, remove_words)]
