from django.db import models


class PeriodicJobRun(models.Model):
    """When the clock last enqueued a periodic job (one row per job)."""

    name = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
