"""What each domain event means on a person's timeline (the registry the timeline app reads).

Every app registers its event kinds in AppConfig.ready():

    timeline.register_kind(timeline.EventKind(
        "REFERRAL_SENT", label=_("Invio a un servizio"), group="referral",
        audience=timeline.Audience.NETWORK, describe=lambda event: event.payload.get("service", "")))

- `group` is the filter a viewer picks (intake, case, plan, referral, response, note…);
- `audience` says who, among those who may see the person, may see the event:
  NETWORK anyone who may see the person; CASE the case's lead and team
  (payload["case_id"]); ORGANISATION only the organisation that recorded it
  (DomainEvent.organisation). A payload["audience"] overrides it per event
  (a diary note written for the lead only);
- `describe(event)` turns the payload into one line: it must say nothing the
  audience may not read.
Events of kinds nobody registered are not shown. Sensitive categories
(DomainEvent.categories) are applied by the timeline app on top.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


class Audience(models.TextChoices):
    NETWORK = "network"
    CASE = "case"
    ORGANISATION = "organisation"
    # Only the case lead and the author (payload["author_id"]): a diary note for the lead.
    LEAD = "lead"


@dataclass(frozen=True)
class EventKind:
    kind: str
    label: str
    group: str
    audience: str = Audience.NETWORK
    describe: Callable | None = None


_kinds: dict[str, EventKind] = {}


def register_kind(kind: EventKind) -> None:
    _kinds[kind.kind] = kind


def kinds() -> dict[str, EventKind]:
    return dict(_kinds)
