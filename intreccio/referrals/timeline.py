"""How referral events read on the person's timeline (registered in ReferralsConfig.ready()).

Audience: sending and moving a referral are NETWORK events. The person page
and its timeline are already scoped to those who may see the person (their
sharing choices included), and the receiving organisation, which is not on
the case, must read the history of the referral it works on; the payload
says only the service, the states, the coded reason and outcome. Messages
and stalls are CASE events (the thread stays between the two sides, read on
the referral's page); an assignment concerns the receiving organisation only.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intreccio.core import timeline

from . import events
from .models import Referral

STATUS = dict(Referral.Status.choices)
REASON = dict(Referral.Reason.choices)
OUTCOME = dict(Referral.Outcome.choices)


def _sent(event) -> str:
    return _("Invio a «%(service)s»") % {"service": event.payload.get("service", "")}


def _transition(event) -> str:
    payload = event.payload
    line = _("Invio a «%(service)s»: %(source)s → %(target)s") % {
        "service": payload.get("service", ""),
        "source": STATUS.get(payload.get("from"), payload.get("from", "")),
        "target": STATUS.get(payload.get("to"), payload.get("to", "")),
    }
    if payload.get("outcome"):
        line += f" ({OUTCOME.get(payload['outcome'], payload['outcome'])})"
    elif payload.get("reason"):
        line += f" ({REASON.get(payload['reason'], payload['reason'])})"
    return line


def _message(event) -> str:
    return _("Messaggio sull'invio a «%(service)s»") % {"service": event.payload.get("service", "")}


def _stalled(event) -> str:
    return _("Invio a «%(service)s» fermo: sollecito inviato") % {"service": event.payload.get("service", "")}


def _assigned(event) -> str:
    return _("Invio a «%(service)s» assegnato a un operatore") % {"service": event.payload.get("service", "")}


def register() -> None:
    kinds = [
        (events.REFERRAL_SENT, gettext_lazy("Invio a un servizio"), timeline.Audience.NETWORK, _sent),
        (
            events.REFERRAL_TRANSITION,
            gettext_lazy("Invio aggiornato"),
            timeline.Audience.NETWORK,
            _transition,
        ),
        (events.REFERRAL_MESSAGE, gettext_lazy("Messaggio su un invio"), timeline.Audience.CASE, _message),
        (events.REFERRAL_STALLED, gettext_lazy("Invio fermo"), timeline.Audience.CASE, _stalled),
        (
            events.REFERRAL_ASSIGNED,
            gettext_lazy("Invio assegnato"),
            timeline.Audience.ORGANISATION,
            _assigned,
        ),
    ]
    for kind, label, audience, describe in kinds:
        timeline.register_kind(
            timeline.EventKind(kind, label=label, group="referral", audience=audience, describe=describe)
        )
