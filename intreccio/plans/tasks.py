"""Periodic plan job: remind reviews coming up and overdue actions."""

from django_tasks import task

from intreccio.core.context import acting_as


@task()
def remind_reviews() -> dict:
    from .reminders import remind_reviews as remind

    with acting_as("task"):
        return remind()
