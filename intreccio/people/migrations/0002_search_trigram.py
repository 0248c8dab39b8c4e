"""Find-or-register on PostgreSQL: pg_trgm and a GIN trigram index on the search keys.

Both are no-ops on SQLite (people.search uses its LIKE scoring and the
Python re-ranking there).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "people_person_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person USING gin (search_text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
