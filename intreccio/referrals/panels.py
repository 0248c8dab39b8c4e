"""The operator home's panel "Invii in arrivo": the receiving queue in numbers."""

from .queries import queue_counts


def queue(request):
    counts = queue_counts(request.user)
    return counts if any(counts.values()) else None
