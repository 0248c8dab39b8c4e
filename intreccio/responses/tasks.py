"""Periodic job of responses: warnings nobody confirmed within a day count as overlaps prevented."""

from django_tasks import task

from intreccio.core.context import acting_as


@task()
def mark_prevented() -> int:
    from .actions import mark_prevented as mark

    with acting_as("task"):
        return mark()
