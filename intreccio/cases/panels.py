"""The operator home's panel "Le mie prese in carico": counts per status, team, hand-overs waiting."""

from .queries import case_counts


def my_cases(request):
    counts = case_counts(request.user)
    return counts if any(counts.values()) else None
