"""Changes proposed by other organisations, and the freshness of entries."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_event
from intreccio.core.exceptions import ApplicationError, PermissionDenied

from .. import events
from ..models import (
    PROPOSAL_TRANSITIONS,
    ChangeProposal,
    Location,
    Service,
)
from ..queries import organisation_admin_emails
from ..rules import (
    can_manage_services,
    can_propose_change,
    can_review_change,
)
from ._common import actor_label
from .locations import LOCATION_FIELDS, _update_location
from .services import SERVICE_FIELDS, _update_service


def _target_of(proposal: ChangeProposal):
    return proposal.service or proposal.location


def check_can_propose(actor, organisation) -> None:
    """Refuse a proposal from who maintains the entry (they change it) or is not an operator."""
    if not can_propose_change(actor, organisation):
        raise PermissionDenied(
            _("Puoi modificare direttamente questa scheda: non serve una proposta.")
            if can_manage_services(actor, organisation)
            else _("Solo gli operatori della rete possono proporre modifiche.")
        )


def propose_change(target, *, actor, changes: dict, note: str = "") -> ChangeProposal:
    """Propose a change to another organisation's service or place; its administrator reviews it."""
    organisation = target.organisation
    check_can_propose(actor, organisation)
    allowed = SERVICE_FIELDS if isinstance(target, Service) else LOCATION_FIELDS
    current = {field: getattr(target, field) for field in changes if field in allowed}
    proposed = {
        field: value for field, value in changes.items() if field in allowed and current[field] != value
    }
    if not proposed:
        raise ApplicationError(
            _("La proposta non cambia nulla: modifica almeno un campo."), code="empty_proposal"
        )
    if any(hasattr(value, "pk") for value in proposed.values()):
        raise ApplicationError(
            _("Si possono proporre solo modifiche ai testi e ai dati semplici."), code="invalid_proposal"
        )
    with transaction.atomic():
        proposal = ChangeProposal.objects.create(
            service=target if isinstance(target, Service) else None,
            location=target if isinstance(target, Location) else None,
            changes=dict(proposed),
            note=note,
            proposed_by=actor,
        )
        record_event(
            events.CHANGE_PROPOSED,
            actor=actor,
            subject=proposal,
            organisation_id=organisation.pk if organisation else None,
            payload={"fields": sorted(proposed), "target": str(target.uuid)},
        )
    return proposal


def _review(proposal: ChangeProposal, *, actor, status: str):
    target = _target_of(proposal)
    if not can_review_change(actor, target.organisation):
        raise PermissionDenied(
            _("Solo gli amministratori dell'ente possono valutare le proposte sulle sue schede.")
        )
    PROPOSAL_TRANSITIONS.check(proposal.status, status, labels=dict(ChangeProposal.Status.choices))
    return target


def accept_proposal(proposal: ChangeProposal, *, actor, note: str = "") -> ChangeProposal:
    """Apply a proposed change (the history names who proposed and who accepted it)."""
    target = _review(proposal, actor=actor, status=ChangeProposal.Status.ACCEPTED)
    by = _("%(proposer)s, accettata da %(reviewer)s") % {
        "proposer": actor_label(proposal.proposed_by),
        "reviewer": actor_label(actor),
    }
    with transaction.atomic():
        proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
        PROPOSAL_TRANSITIONS.check(proposal.status, ChangeProposal.Status.ACCEPTED)
        values = dict(proposal.changes)
        if isinstance(target, Service):
            _update_service(
                target, actor=actor, needs=None, micro_territories=None, languages=None, values=values, by=by
            )
        else:
            _update_location(target, actor=actor, languages=None, address=None, values=values, by=by)
        proposal.status = ChangeProposal.Status.ACCEPTED
        proposal.reviewed_by, proposal.reviewed_at, proposal.review_note = actor, timezone.now(), note
        proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        record_event(
            events.CHANGE_ACCEPTED,
            actor=actor,
            subject=proposal,
            organisation_id=target.organisation_id,
            payload={"fields": sorted(values)},
        )
    return proposal


def reject_proposal(proposal: ChangeProposal, *, actor, note: str) -> ChangeProposal:
    target = _review(proposal, actor=actor, status=ChangeProposal.Status.REJECTED)
    if not note.strip():
        raise ApplicationError(
            _("Scrivi il motivo: chi ha proposto la modifica lo leggerà."), code="rejection_reason_missing"
        )
    with transaction.atomic():
        proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
        PROPOSAL_TRANSITIONS.check(proposal.status, ChangeProposal.Status.REJECTED)
        proposal.status = ChangeProposal.Status.REJECTED
        proposal.reviewed_by, proposal.reviewed_at, proposal.review_note = actor, timezone.now(), note
        proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        record_event(
            events.CHANGE_REJECTED,
            actor=actor,
            subject=proposal,
            organisation_id=target.organisation_id,
        )
    return proposal


def stale_before(now=None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(days=30 * settings.INTRECCIO_DIRECTORY_VERIFY_MONTHS)


def flag_stale_entries(*, now=None) -> dict[int, int]:
    """Flag services and places not verified for N months; e-mail each organisation's admins once.

    Returns {organisation id: newly flagged entries}. An entry is flagged once
    until it is verified again.
    """
    now = now or timezone.now()
    limit = stale_before(now)
    old = Q(last_verified_at__lt=limit) | Q(last_verified_at__isnull=True, created_at__lt=limit)
    with transaction.atomic():
        services = list(
            Service.objects.filter(old, stale_flagged_at__isnull=True)
            .exclude(status=Service.Status.DEFUNCT)
            .values_list("pk", "organisation_id", "name")
        )
        locations = list(
            Location.objects.filter(
                old, stale_flagged_at__isnull=True, active=True, organisation__isnull=False
            ).values_list("pk", "organisation_id", "name")
        )
        Service.objects.filter(pk__in=[s[0] for s in services]).update(stale_flagged_at=now)
        Location.objects.filter(pk__in=[loc[0] for loc in locations]).update(stale_flagged_at=now)
        per_organisation: dict[int, list[str]] = {}
        for _pk, organisation_id, name in services + locations:
            per_organisation.setdefault(organisation_id, []).append(name)
        for organisation_id, names in per_organisation.items():
            record_event(
                events.ENTRIES_FLAGGED_STALE,
                actor=None,
                subject=("organisations.organisation", organisation_id),
                organisation_id=organisation_id,
                payload={"count": len(names), "months": settings.INTRECCIO_DIRECTORY_VERIFY_MONTHS},
            )
            recipients = organisation_admin_emails(organisation_id)
            if recipients:
                transaction.on_commit(
                    lambda names=names, recipients=recipients: _send_stale_notice(names, recipients)
                )
    return {organisation_id: len(names) for organisation_id, names in per_organisation.items()}


def _send_stale_notice(names: list[str], recipients: list[str]) -> None:
    from django.core.mail import send_mail

    months = settings.INTRECCIO_DIRECTORY_VERIFY_MONTHS
    body = _(
        "Queste schede della mappa dei servizi non sono state verificate negli ultimi %(months)s mesi:\n\n"
        "%(names)s\n\nAprile da «Servizi e luoghi → Da verificare» e conferma i dati o correggili."
    ) % {"months": months, "names": "\n".join(f"- {name}" for name in sorted(names))}
    send_mail(
        _("Intreccio: %(count)s schede da verificare") % {"count": len(names)},
        body,
        None,
        recipients,
        fail_silently=True,
    )
