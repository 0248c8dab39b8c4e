"""PostgreSQL: the database itself refuses UPDATE and DELETE on the audit tables.

The application already refuses them in Python (AppendOnlyModel); the
trigger also stops raw SQL and any code path that forgets. Together with the
grants in docs/operations.md (the application's role has INSERT and SELECT
only, no TRUNCATE) the logs are append-only for the application. A
superuser can still drop the trigger: the hash chain and its external anchor
detect what such a person changes. Nothing to do on SQLite (embedded,
single-user installations).
"""

from django.db import migrations

TABLES = ["audit_auditentry", "audit_domainevent", "audit_auditseal", "audit_chaincheckpoint"]

FUNCTION = """
CREATE OR REPLACE FUNCTION intreccio_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'intreccio: % rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION intreccio_refuse_audit_change()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS intreccio_refuse_audit_change()")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain_and_alerts")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
