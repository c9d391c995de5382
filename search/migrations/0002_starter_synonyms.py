"""The starter synonyms: everyday words patients type, mapped to the words our pages use.

Staff own the table from here on (admin: Search › Synonyms), so this runs once per
database and never puts back a synonym staff have deleted. The list is in the text file
beside this migration, one `lay words = our words` per line.
"""

import re
import unicodedata
from pathlib import Path

from django.db import migrations

STARTER_FILE = Path(__file__).with_name("0002_starter_synonyms.txt")


def normalised(text: str) -> str:
    # As search.models.normalise_query, frozen here as it was when the list was written.
    return " ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold()))


def starter_synonyms(path: Path = STARTER_FILE) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words, _, means = line.partition("=")
        found[normalised(words)] = means.strip()
    return found


def add_synonyms(apps, schema_editor):
    add_unless_there(apps.get_model("search", "Synonym"), starter_synonyms())


def add_unless_there(Synonym, synonyms: dict[str, str]) -> None:
    """Each synonym whose words staff do not already have; theirs are never replaced."""
    existing = set(Synonym.objects.values_list("words", flat=True))
    Synonym.objects.bulk_create(
        Synonym(words=words, means=means)
        for words, means in synonyms.items()
        if words not in existing
    )


def remove_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(words__in=starter_synonyms()).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms)]
