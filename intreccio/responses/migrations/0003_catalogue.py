"""Seed the common response types (intreccio/responses/catalogue.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from intreccio.responses.catalogue import seed_catalogue

    seed_catalogue(apps.get_model("responses", "ResponseType"), apps.get_model("directory", "Need"))


class Migration(migrations.Migration):
    dependencies = [("responses", "0002_coverage"), ("directory", "0002_hsds_directory")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
