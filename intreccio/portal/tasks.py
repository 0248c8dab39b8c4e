"""Background jobs of the portal: retention of what citizens leave."""

from django_tasks import task

from intreccio.core.context import acting_as

from .actions import purge_portal_data as purge


@task()
def purge_portal_data() -> dict:
    """Every few hours: forget connection fingerprints after a day, requests after 12 months."""
    with acting_as("task"):
        return purge()
