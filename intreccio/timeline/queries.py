"""One timeline per person: the domain events a viewer may see, newest first, a page at a time.

The caller has already read the person through people.queries.get_person_for_user
(the audited, scoped read): a person the viewer may not see never gets here.
Among that person's events, only the kinds registered in core.timeline are
shown, and each only to its audience (core.timeline.Audience), applied in SQL:

- NETWORK       whoever may see the person;
- CASE          the lead and active team of the case the event is about
                (payload["case_id"], or the case it was recorded on; of any of
                the person's cases when it names none), and the organisation
                that recorded it;
- ORGANISATION  the organisation that recorded it;
- LEAD          the case's lead and the event's author (payload["author_id"]).

payload["audience"] overrides the kind's audience for one event (a diary
note for the lead only). An event tagged with a category protected by
default (core.sensitivity.PROTECTED_BY_DEFAULT) is shown only to the
organisation that recorded it, whatever its audience. "The organisation"
of the viewer is the one they act for now.

Cost: one query for the viewer's ties to the person's cases, one for the
page of events (with actor and organisation), and one for the bodies of the
diary notes on the page the viewer may read — whatever the number of events.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Exists, OuterRef, Q, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce

from intreccio.audit.models import DomainEvent
from intreccio.cases import events as case_events
from intreccio.cases.models import Case as PersonCase
from intreccio.cases.models import CaseMember
from intreccio.cases.queries import note_bodies_for
from intreccio.core import timeline
from intreccio.core.sensitivity import tagged_protected

Audience = timeline.Audience
NOTHING = Q(pk__in=[])
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
CASE_SUBJECT = "cases.case"


@dataclass(frozen=True)
class TimelineItem:
    event: DomainEvent
    kind: timeline.EventKind
    description: str = ""
    # The diary note's text, when the event is a note the viewer may read.
    note_body: str | None = None

    @property
    def label(self) -> str:
        return str(self.kind.label)

    @property
    def group(self) -> str:
        return self.kind.group

    @property
    def group_label(self) -> str:
        from .forms import group_label

        return group_label(self.kind.group)


@dataclass(frozen=True)
class TimelinePage:
    items: list[TimelineItem] = field(default_factory=list)
    # Pass as `before` to get the older events; None on the last page.
    next_cursor: str | None = None


@dataclass(frozen=True)
class CaseTies:
    """The viewer's ties to the person's cases (one query)."""

    led: frozenset = frozenset()
    member: frozenset = frozenset()  # the lead is a member of their case's team too


def groups() -> list[str]:
    """The groups of the registered kinds (the timeline's filter), in a stable order."""
    return sorted({kind.group for kind in timeline.kinds().values()})


def case_ties(user, person) -> CaseTies:
    """The person's cases the user leads or is an active team member of."""
    active = CaseMember.objects.filter(case=OuterRef("pk"), user=user, removed_at__isnull=True)
    rows = (
        PersonCase.objects.filter(person_id=person.pk)
        .filter(Q(lead=user) | Q(Exists(active)))
        .values_list("pk", "lead_id")
    )
    led, member = set(), set()
    for case_id, lead_id in rows:
        member.add(case_id)
        if lead_id == user.pk:
            led.add(case_id)
    return CaseTies(led=frozenset(led), member=frozenset(member))


def _about_cases(case_ids) -> Q:
    """Events about one of `case_ids`: named in the payload, or recorded on the case itself."""
    if not case_ids:
        return NOTHING
    ids = sorted(case_ids)
    return Q(payload__case_id__in=ids) | Q(subject_type=CASE_SUBJECT, subject_id__in=[str(pk) for pk in ids])


def _about_no_case() -> Q:
    return Q(payload__case_id__isnull=True) & ~Q(subject_type=CASE_SUBJECT)


def _audience_annotation(kinds: dict):
    """payload["audience"] when given, else the kind's audience."""
    by_audience: dict[str, list[str]] = {}
    for name, kind in kinds.items():
        by_audience.setdefault(str(kind.audience), []).append(name)
    default = Case(
        *[
            When(kind__in=sorted(names), then=Value(audience))
            for audience, names in sorted(by_audience.items())
        ],
        default=Value(""),
        output_field=CharField(),
    )
    return Coalesce(KeyTextTransform("audience", "payload"), default, output_field=CharField())


def visibility(user, ties: CaseTies) -> Q:
    """The condition on the person's events (annotated with `audience`) that the user may see."""
    organisation_id = getattr(user, "active_organisation_id", None)
    own = Q(organisation_id=organisation_id) if organisation_id is not None else NOTHING
    as_team = _about_cases(ties.member) | (_about_no_case() if ties.member else NOTHING)
    as_lead = _about_cases(ties.led) | Q(payload__author_id=user.pk)
    shown = (
        Q(audience=Audience.NETWORK)
        | Q(audience=Audience.CASE) & (as_team | own)
        | Q(audience=Audience.ORGANISATION) & own
        | Q(audience=Audience.LEAD) & as_lead
    )
    return shown & (~tagged_protected() | own)


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def encode_cursor(event: DomainEvent) -> str:
    """The position of an event: microseconds since the epoch and id (URL-safe)."""
    return f"{(event.occurred_at - EPOCH) // datetime.timedelta(microseconds=1)}_{event.pk}"


def decode_cursor(cursor: str | None) -> tuple[datetime.datetime, int] | None:
    """(occurred_at, id) from a cursor; None when absent or malformed (the first page)."""
    if not cursor:
        return None
    micro, _sep, pk = str(cursor).partition("_")
    try:
        return EPOCH + datetime.timedelta(microseconds=int(micro)), int(pk)
    except (ValueError, OverflowError):
        return None


def visible_events(user, person, *, groups=None, organisation=None, ties: CaseTies | None = None):
    """The queryset of the person's events the user may see (filters applied, no order, no page)."""
    kinds = timeline.kinds()
    if groups:
        wanted = set(groups)
        kinds_shown = [name for name, kind in kinds.items() if kind.group in wanted]
    else:
        kinds_shown = list(kinds)
    ties = ties if ties is not None else case_ties(user, person)
    queryset = (
        DomainEvent.objects.filter(person_id=person.pk, kind__in=sorted(kinds_shown))
        .annotate(audience=_audience_annotation(kinds))
        .filter(visibility(user, ties))
    )
    if organisation:
        queryset = queryset.filter(organisation_id=getattr(organisation, "pk", organisation))
    return queryset


def timeline_for(
    user,
    person,
    *,
    groups=None,
    organisation=None,
    before: str | None = None,
    limit: int = PAGE_SIZE,
    ties: CaseTies | None = None,
) -> TimelinePage:
    """A page of the person's timeline the user may see, newest first, older than the cursor `before`.

    `ties` (from case_ties) saves its query when the caller already has them.
    """
    limit = max(1, min(int(limit), MAX_PAGE_SIZE))
    queryset = visible_events(user, person, groups=groups, organisation=organisation, ties=ties)
    cursor = decode_cursor(before)
    if cursor is not None:
        occurred_at, event_id = cursor
        queryset = queryset.filter(
            Q(occurred_at__lt=occurred_at) | Q(occurred_at=occurred_at, pk__lt=event_id)
        )
    rows = list(queryset.select_related("actor", "organisation").order_by("-occurred_at", "-pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    note_ids = [
        row.payload.get("note_id")
        for row in rows
        if row.kind == case_events.CASE_NOTE_WRITTEN and isinstance(row.payload.get("note_id"), int)
    ]
    bodies = note_bodies_for(user, note_ids) if note_ids else {}
    kinds = timeline.kinds()
    items = []
    for row in rows:
        kind = kinds[row.kind]
        items.append(
            TimelineItem(
                event=row,
                kind=kind,
                description=str(kind.describe(row)) if kind.describe else "",
                note_body=bodies.get(row.payload.get("note_id"))
                if row.kind == case_events.CASE_NOTE_WRITTEN
                else None,
            )
        )
    return TimelinePage(items=items, next_cursor=encode_cursor(rows[-1]) if more and rows else None)


def organisations_in_timeline(user, person, *, ties: CaseTies | None = None) -> list[tuple[int, str]]:
    """(id, name) of the organisations that recorded events the user may see (the filter's choices)."""
    rows = (
        visible_events(user, person, ties=ties)
        .filter(organisation__isnull=False)
        .values_list("organisation_id", "organisation__name")
        .distinct()
        .order_by("organisation__name")
    )
    return list(rows)
