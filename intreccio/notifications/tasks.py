"""The daily digest of notifications for those who chose it."""

from django_tasks import task

from intreccio.core.context import acting_as


@task()
def send_digests() -> dict:
    from .actions import send_digests as send

    with acting_as("task"):
        return send()
