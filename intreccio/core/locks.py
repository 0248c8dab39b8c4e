"""Named locks for check-then-act steps that have no row to lock yet.

`advisory_lock(name)` inside `transaction.atomic()` serialises every
transaction that asks for the same name until it ends (ASVS 15.4.2: check
and act as one atomic step). PostgreSQL: a transaction-level advisory lock.
SQLite needs none: its transactions start IMMEDIATE (settings), so writers
already run one at a time.
"""

from django.db import connection, transaction


def advisory_lock(name: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("advisory_lock() needs an open transaction.atomic() block")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])
