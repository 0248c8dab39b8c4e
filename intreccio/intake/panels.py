"""The intake panels of the operator home: what waits for me; overdue intakes per team of the district."""

from .queries import overdue_by_team, waiting_counts


def my_intakes(request):
    counts = waiting_counts(request.user)
    return counts if counts["waiting"] else None


def district_overdue(request):
    organisation = request.user.active_organisation
    if organisation is None:
        return None
    teams = overdue_by_team(organisation.district_id)
    return {"teams": teams} if teams else None
