"""The one way to write the audit log and the domain events.

Actions call `record_event` (what happened) and `record_audit` (who touched
which personal data) inside their transaction: if the entry cannot be
written the whole action rolls back, and a read that cannot be audited is
not served (fail closed): any database error while writing becomes
AuditUnavailable (503 on pages and in the API).

Entries are only inserted here, never locked or chained: the sealer
(intreccio.audit.chain) links them into the hash chain afterwards, so a long
transaction that writes audit entries never blocks another one.
"""

from django.db import DatabaseError, models

from intreccio.core.context import current_context
from intreccio.core.exceptions import AuditUnavailable

from .models import AuditEntry, DomainEvent


def _label(actor) -> str:
    if actor is None:
        return "system"
    full_name = getattr(actor, "get_full_name", lambda: "")()
    return f"{full_name} <{actor.email}>" if full_name else str(actor.email)


def _target(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, models.Model):
        return target._meta.label_lower, str(target.pk)
    kind, identifier = target
    return kind, str(identifier)


def audit_entry(
    actor,
    action: str,
    target=None,
    *,
    person_id: int | None = None,
    outcome: str = AuditEntry.Outcome.ALLOWED,
    categories: list[str] | None = None,
    purpose: str = "",
    details: dict | None = None,
) -> AuditEntry:
    """The unsaved audit entry `record_audit` writes (bulk writers such as the demo seed insert many)."""
    context = current_context()
    target_type, target_id = _target(target)
    return AuditEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_label(actor),
        organisation_id=context.organisation_id,
        action=action,
        outcome=outcome,
        target_type=target_type,
        target_id=target_id,
        person_id=person_id,
        categories=categories or [],
        purpose=purpose[:300],
        channel=context.channel,
        request_id=context.request_id,
        ip_address=context.ip_address,
        path=context.path,
        details=details or {},
    )


def record_audit(actor, action: str, target=None, **fields) -> AuditEntry:
    """Append one audit entry; `target` is a model instance or (type, id); fields as audit_entry."""
    return _write(audit_entry(actor, action, target, **fields))


def _write(row):
    # One INSERT, no savepoint: a failure aborts the caller's transaction,
    # which then rolls back as a whole (AuditUnavailable propagates).
    try:
        row.save(force_insert=True)
    except DatabaseError as error:
        raise AuditUnavailable() from error
    return row


def domain_event(
    kind: str,
    *,
    actor,
    subject,
    person_id: int | None = None,
    micro_territory_id: int | None = None,
    categories: list[str] | None = None,
    payload: dict | None = None,
    organisation_id: int | None = None,
) -> DomainEvent:
    """The unsaved domain event `record_event` writes about `subject` (a model instance or (type, id))."""
    subject_type, subject_id = _target(subject)
    return DomainEvent(
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        organisation_id=organisation_id if organisation_id is not None else current_context().organisation_id,
        subject_type=subject_type,
        subject_id=subject_id,
        person_id=person_id,
        micro_territory_id=micro_territory_id,
        categories=categories or [],
        payload=payload or {},
    )


def record_event(kind: str, **fields) -> DomainEvent:
    """Append one domain event; fields as domain_event."""
    return _write(domain_event(kind, **fields))
