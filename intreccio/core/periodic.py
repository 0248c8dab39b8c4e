"""Periodic jobs (reminders, escalations, retention): a clock enqueues them.

Apps register a django-tasks task with an interval in AppConfig.ready():

    periodic.register("intake.escalate_overdue", escalate_overdue_intakes, every=timedelta(minutes=15))

`manage.py run_periodic_tasks` (every minute from cron, or `--loop` in the
demo) enqueues each job whose interval has elapsed; a row lock on
PeriodicJobRun makes concurrent clocks enqueue a job once.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object
    every: datetime.timedelta


_jobs: dict[str, PeriodicJob] = {}


def register(name: str, task, *, every: datetime.timedelta) -> None:
    _jobs[name] = PeriodicJob(name=name, task=task, every=every)


def registered_jobs() -> list[PeriodicJob]:
    return [job for _, job in sorted(_jobs.items())]


def enqueue_due_jobs(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every job whose interval has elapsed; return their names."""
    from .models import PeriodicJobRun

    now = now or timezone.now()
    enqueued = []
    for job in registered_jobs():
        with transaction.atomic():
            PeriodicJobRun.objects.get_or_create(name=job.name)
            run = PeriodicJobRun.objects.select_for_update().get(name=job.name)
            if run.last_enqueued_at and now - run.last_enqueued_at < job.every:
                continue
            run.last_enqueued_at = now
            run.save(update_fields=["last_enqueued_at"])
            transaction.on_commit(job.task.enqueue)
            enqueued.append(job.name)
    return enqueued
