"""Domain event kinds of the intake app (the observatory reads the routing ones)."""

INTAKE_RECORDED = "INTAKE_RECORDED"
INTAKE_ROUTED = "INTAKE_ROUTED"
INTAKE_TAKEN_IN_CHARGE = "INTAKE_TAKEN_IN_CHARGE"
INTAKE_JOINED_CASE = "INTAKE_JOINED_CASE"
INTAKE_REROUTED = "INTAKE_REROUTED"
INTAKE_CLOSED = "INTAKE_CLOSED"
INTAKE_REMINDED = "INTAKE_REMINDED"
INTAKE_ESCALATED = "INTAKE_ESCALATED"
ROUTING_RULE_CREATED = "ROUTING_RULE_CREATED"
ROUTING_RULE_UPDATED = "ROUTING_RULE_UPDATED"
ROUTING_RULE_DEACTIVATED = "ROUTING_RULE_DEACTIVATED"
DEADLINE_POLICY_UPDATED = "DEADLINE_POLICY_UPDATED"


def register_timeline_kinds() -> None:
    """What each kind means on the person's timeline (called from IntakeConfig.ready()).

    The narrative never is in an event; the urgency is. Reminders and
    escalations are the receiving organisation's own follow-up.
    """
    from django.utils.translation import gettext_lazy as _

    from intreccio.core.timeline import Audience, EventKind, register_kind

    from .models import Urgency

    urgencies = dict(Urgency.choices)

    def urgency(event) -> str:
        label = urgencies.get(event.payload.get("urgency"))
        return _("Urgenza: %(urgency)s") % {"urgency": label} if label else ""

    kinds = [
        (INTAKE_RECORDED, _("Accesso registrato"), Audience.NETWORK),
        (INTAKE_ROUTED, _("Accesso smistato"), Audience.NETWORK),
        (INTAKE_REROUTED, _("Accesso smistato di nuovo"), Audience.NETWORK),
        (INTAKE_TAKEN_IN_CHARGE, _("Accesso preso in carico"), Audience.NETWORK),
        (INTAKE_JOINED_CASE, _("Accesso unito alla presa in carico"), Audience.NETWORK),
        (INTAKE_CLOSED, _("Accesso chiuso"), Audience.NETWORK),
        (INTAKE_REMINDED, _("Accesso in ritardo: promemoria"), Audience.ORGANISATION),
        (INTAKE_ESCALATED, _("Accesso in ritardo: segnalato al coordinatore"), Audience.ORGANISATION),
    ]
    for kind, label, audience in kinds:
        register_kind(EventKind(kind, label=label, group="intake", audience=audience, describe=urgency))
