import datetime

import pytest
from django.utils import timezone

from intreccio.core import periodic
from intreccio.core.models import PeriodicJobRun


class FakeTask:
    def __init__(self):
        self.enqueued = 0

    def enqueue(self):
        self.enqueued += 1


@pytest.fixture
def job(monkeypatch):
    monkeypatch.setattr(periodic, "_jobs", {})
    task = FakeTask()
    periodic.register("test.reminders", task, every=datetime.timedelta(minutes=15))
    return task


@pytest.mark.django_db(transaction=True)
def test_a_job_is_enqueued_once_per_interval(job):
    now = timezone.now()
    assert periodic.enqueue_due_jobs(now) == ["test.reminders"]
    assert periodic.enqueue_due_jobs(now + datetime.timedelta(minutes=5)) == []
    assert periodic.enqueue_due_jobs(now + datetime.timedelta(minutes=16)) == ["test.reminders"]
    assert job.enqueued == 2
    assert PeriodicJobRun.objects.get(name="test.reminders").last_enqueued_at == now + datetime.timedelta(
        minutes=16
    )
