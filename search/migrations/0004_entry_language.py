"""Each search entry's language: a translation is a page of its own, searched in its language.

On SQLite, adding a column makes the entries' table anew, without the triggers that keep
the FTS5 table in step with it; so that table and its triggers are made again after it.
"""

from django.db import migrations, models


def make_entry_table_again(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from search.backends import sqlite

        sqlite.make_entry_table_again(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_everyday_us_words")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="language",
            field=models.CharField(db_index=True, default="en", max_length=8),
        ),
        migrations.RunPython(make_entry_table_again, make_entry_table_again, elidable=False),
    ]
