"""Periodic intake jobs: remind overdue intakes, escalate to the supervisor."""

from django_tasks import task

from intreccio.core.context import acting_as


@task()
def remind_overdue_intakes() -> dict:
    from .actions import remind_overdue_intakes as remind

    with acting_as("task"):
        return remind()
