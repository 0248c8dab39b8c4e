"""Domain event kinds of taking in charge (each with person_id, micro_territory_id, categories)."""

CASE_OPENED = "CASE_OPENED"
CASE_ACTIVATED = "CASE_ACTIVATED"
CASE_SUSPENDED = "CASE_SUSPENDED"
CASE_RESUMED = "CASE_RESUMED"
CASE_CLOSED = "CASE_CLOSED"
CASE_REOPENED = "CASE_REOPENED"
LEAD_HANDOVER_PROPOSED = "LEAD_HANDOVER_PROPOSED"
LEAD_HANDOVER_ACCEPTED = "LEAD_HANDOVER_ACCEPTED"
LEAD_HANDOVER_DECLINED = "LEAD_HANDOVER_DECLINED"
LEAD_HANDOVER_CANCELLED = "LEAD_HANDOVER_CANCELLED"
CASE_MEMBER_ADDED = "CASE_MEMBER_ADDED"
CASE_MEMBER_REMOVED = "CASE_MEMBER_REMOVED"
CASE_NOTE_WRITTEN = "CASE_NOTE_WRITTEN"


def register_timeline_kinds() -> None:
    """What each kind means on the person's timeline (called from CasesConfig.ready())."""
    from django.utils.translation import gettext_lazy as _

    from intreccio.core.timeline import Audience, EventKind, register_kind

    from .models import Case

    statuses = dict(Case.Status.choices)
    outcomes = dict(Case.Outcome.choices)

    def number(event) -> str:
        return _("Presa in carico n. %(number)s") % {"number": event.payload.get("case_id", event.subject_id)}

    def status_change(event) -> str:
        moved = f"{statuses.get(event.payload.get('from'), '')} → {statuses.get(event.payload.get('to'), '')}"
        outcome = outcomes.get(event.payload.get("outcome"))
        return f"{number(event)} · {moved}" + (f" · {outcome}" if outcome else "")

    network = [
        (CASE_OPENED, _("Presa in carico aperta"), number),
        (CASE_ACTIVATED, _("Presa in carico avviata"), status_change),
        (CASE_SUSPENDED, _("Presa in carico sospesa"), status_change),
        (CASE_RESUMED, _("Presa in carico ripresa"), status_change),
        (CASE_CLOSED, _("Presa in carico chiusa"), status_change),
        (CASE_REOPENED, _("Presa in carico riaperta"), status_change),
        (LEAD_HANDOVER_ACCEPTED, _("Nuovo case manager"), number),
    ]
    # Who proposes what to whom, and who joins the team, is the team's business.
    team = [
        (LEAD_HANDOVER_PROPOSED, _("Passaggio di consegne proposto"), number),
        (LEAD_HANDOVER_DECLINED, _("Passaggio di consegne rifiutato"), number),
        (LEAD_HANDOVER_CANCELLED, _("Passaggio di consegne annullato"), number),
        (CASE_MEMBER_ADDED, _("Operatore aggiunto all'équipe"), number),
        (CASE_MEMBER_REMOVED, _("Operatore tolto dall'équipe"), number),
    ]
    for kind, label, describe in network:
        register_kind(
            EventKind(kind, label=label, group="case", audience=Audience.NETWORK, describe=describe)
        )
    for kind, label, describe in team:
        register_kind(EventKind(kind, label=label, group="case", audience=Audience.CASE, describe=describe))
    # The note's text is never in the event: the timeline loads it for those who may read it.
    register_kind(
        EventKind(
            CASE_NOTE_WRITTEN,
            label=_("Nota del diario"),
            group="note",
            audience=Audience.CASE,
            describe=number,
        )
    )
