# PLACEHOLDER (intake branch): replaced by the people/cases branch at merge
from .models import Case


def open_case_of(person_id) -> Case | None:
    """The person's case that is not closed (unscoped, for routing)."""
    return (
        Case.objects.exclude(status=Case.Status.CLOSED)
        .select_related("lead", "lead_organisation")
        .filter(person_id=person_id)
        .first()
    )
