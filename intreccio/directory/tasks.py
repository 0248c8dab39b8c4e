"""Background jobs of the directory."""

from django_tasks import task

from intreccio.core.context import acting_as

from .actions import flag_stale_entries


@task()
def flag_stale_directory_entries() -> dict:
    """Daily: flag entries not verified for N months and tell their organisations' admins."""
    with acting_as("task"):
        return {str(k): v for k, v in flag_stale_entries().items()}
