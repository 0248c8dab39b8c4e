"""The person's timeline through the API (/api/v1/timeline/persons/{id}): cursor pagination.

The same query as the page: only the events the caller may see, each with
its organisation and operator; a diary note's text only when the caller may
read the note. Reading the timeline is an audited read of the person.
"""

import datetime

from ninja import Field, Query, Router, Schema

from intreccio.people.queries import get_person_for_user
from intreccio.timeline import queries

from .main import ERRORS

router = Router(tags=["timeline"])


class TimelineEventOut(Schema):
    id: int
    kind: str
    label: str
    group: str
    occurred_at: datetime.datetime
    description: str
    organisation_id: int | None
    organisation: str | None
    actor_id: int | None
    actor: str | None
    subject_type: str
    subject_id: str
    note: str | None = Field(None, description="Il testo della nota del diario, se puoi leggerla")


class TimelinePageOut(Schema):
    items: list[TimelineEventOut]
    next_cursor: str | None = Field(None, description="Da passare come `before` per gli eventi precedenti")


class TimelineFilters(Schema):
    group: list[str] | None = Field(None, description="Solo questi gruppi (intake, case, note, plan…)")
    organisation_id: int | None = None
    before: str | None = Field(None, max_length=40, description="Il cursore `next_cursor` della pagina prima")
    limit: int = Field(queries.PAGE_SIZE, ge=1, le=queries.MAX_PAGE_SIZE)


def _event_out(item) -> dict:
    event = item.event
    return {
        "id": event.pk,
        "kind": event.kind,
        "label": item.label,
        "group": item.group,
        "occurred_at": event.occurred_at,
        "description": item.description,
        "organisation_id": event.organisation_id,
        "organisation": event.organisation.name if event.organisation_id else None,
        "actor_id": event.actor_id,
        "actor": event.actor.get_full_name() if event.actor_id else None,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "note": item.note_body,
    }


@router.get(
    "/persons/{person_id}",
    response={200: TimelinePageOut, **ERRORS},
    operation_id="get_person_timeline",
    summary="La storia di una persona",
)
def get_person_timeline(request, person_id: int, filters: Query[TimelineFilters]):
    """The person's events I may see, newest first; 404 whether the person is missing or hidden."""
    person = get_person_for_user(request.user, person_id, purpose="API: storia della persona")
    page = queries.timeline_for(
        request.user,
        person,
        groups=filters.group,
        organisation=filters.organisation_id,
        before=filters.before,
        limit=filters.limit,
    )
    return {"items": [_event_out(item) for item in page.items], "next_cursor": page.next_cursor}
