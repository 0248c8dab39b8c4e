"""The default deadlines per urgency (issue 3): same day, 2 and 10 working days; escalate after 1."""

from django.db import migrations

DEFAULTS = {"immediate": 0, "urgent": 2, "ordinary": 10}


def create_defaults(apps, schema_editor):
    DeadlinePolicy = apps.get_model("intake", "DeadlinePolicy")
    for urgency, days in DEFAULTS.items():
        DeadlinePolicy.objects.get_or_create(
            urgency=urgency, defaults={"working_days": days, "escalate_after_working_days": 1}
        )


class Migration(migrations.Migration):
    dependencies = [("intake", "0003_intake_contact")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
