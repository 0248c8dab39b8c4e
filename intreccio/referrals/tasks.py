"""Periodic referral job: flag stalled referrals and remind once."""

from django_tasks import task

from intreccio.core.context import acting_as


@task()
def flag_stalled_referrals() -> dict:
    from .actions import flag_stalled

    with acting_as("task"):
        return flag_stalled()
