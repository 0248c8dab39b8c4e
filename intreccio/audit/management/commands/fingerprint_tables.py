import hashlib
import json

from django.core.management.base import BaseCommand
from django.db import connection


def table_fingerprints(exclude_prefixes=("django_session",)) -> dict[str, dict]:
    """Row count and a digest of every row (ordered by the first column) of every table."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table.startswith(exclude_prefixes):
                continue
            quoted = connection.ops.quote_name(table)
            description = connection.introspection.get_table_description(cursor, table)
            first = connection.ops.quote_name(description[0].name)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {first}")  # noqa: S608  (names from introspection)
            digest = hashlib.sha256()
            count = 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(_normal(value) for value in row)).encode())
                count += 1
            result[table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _normal(value):
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class Command(BaseCommand):
    help = "Print a JSON fingerprint (row count + SHA-256 of the rows) of every table, for backup drills."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(table_fingerprints(), sort_keys=True))
