"""Periodic audit jobs: seal the chain, look for anomalies."""

from django_tasks import task

from intreccio.core.context import acting_as


@task()
def seal_audit_chain() -> int:
    from .chain import seal_all

    with acting_as("task"):
        return seal_all().sealed


@task()
def detect_anomalies() -> int:
    from .anomalies import detect

    with acting_as("task"):
        return len(detect())
