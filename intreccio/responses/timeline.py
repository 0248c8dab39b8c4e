"""What responses' events say on a person's timeline (core.timeline registry).

A recorded or cancelled response is for the network (the timeline app then
hides the events whose categories the viewer may not see: the type's
sensitive category travels in DomainEvent.categories); overlaps are for the
case's lead and team.
"""

from django.utils.translation import gettext_lazy as _

from intreccio.core import timeline

from . import events


def _response(event) -> str:
    payload = event.payload
    period = payload.get("starts_on", "")
    if payload.get("ends_on"):
        period = f"{period} – {payload['ends_on']}"
    return f"{payload.get('type_name', '')} · {payload.get('organisation_name', '')} · {period}"


def _overlap(event) -> str:
    return str(_("Gruppo «%(group)s»") % {"group": event.payload.get("overlap_group", "")})


def _decided(event) -> str:
    labels = {
        "complementary": _("Complementari"),
        "resolved": _("Risolta"),
        "prevented": _("Evitata"),
    }
    return str(labels.get(event.payload.get("status"), ""))


def register() -> None:
    kinds = [
        timeline.EventKind(
            events.RESPONSE_RECORDED, _("Risposta registrata"), "response", describe=_response
        ),
        timeline.EventKind(
            events.RESPONSE_CANCELLED, _("Risposta annullata"), "response", describe=_response
        ),
        timeline.EventKind(
            events.OVERLAP_RAISED,
            _("Possibile sovrapposizione"),
            "response",
            audience=timeline.Audience.CASE,
            describe=_overlap,
        ),
        timeline.EventKind(
            events.OVERLAP_DECIDED,
            _("Sovrapposizione valutata"),
            "response",
            audience=timeline.Audience.CASE,
            describe=_decided,
        ),
        timeline.EventKind(
            events.RESPONSE_TYPE_CREATED,
            _("Nuovo tipo di risposta"),
            "response",
            audience=timeline.Audience.ORGANISATION,
        ),
        timeline.EventKind(
            events.RESPONSE_TYPE_UPDATED,
            _("Tipo di risposta modificato"),
            "response",
            audience=timeline.Audience.ORGANISATION,
        ),
    ]
    for kind in kinds:
        timeline.register_kind(kind)
