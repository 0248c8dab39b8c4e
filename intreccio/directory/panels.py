"""The directory's panel on the operator home: entries to verify and proposals to review."""

from .queries import entries_to_verify, proposals_to_review


def maintenance(request):
    stale_services, stale_locations = entries_to_verify(request.user)
    counts = {
        "to_verify": stale_services.count() + stale_locations.count(),
        "proposals": proposals_to_review(request.user).count(),
    }
    return counts if any(counts.values()) else None
