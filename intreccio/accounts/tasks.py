"""Periodic accounts jobs."""

from django_tasks import task

from intreccio.core.context import acting_as


@task()
def expire_sessions() -> int:
    from .actions import expire_sessions as expire

    with acting_as("task"):
        return expire()
