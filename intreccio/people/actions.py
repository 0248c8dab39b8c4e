# PLACEHOLDER (intake branch): replaced by the people/cases branch at merge
from django.db import transaction

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import PermissionDenied
from intreccio.core.roles import PERSON_FACING_ROLES

from .models import Person


def register_person(*, actor, confirm_duplicate=False, documents=(), other_names=(), **fields) -> Person:
    """Register a person (placeholder: no duplicate search, no documents)."""
    if actor is not None and not (actor.is_operator and actor.has_role(*PERSON_FACING_ROLES)):
        raise PermissionDenied("Solo chi lavora con le persone può registrarle.")
    with transaction.atomic():
        person = Person.objects.create(
            registered_by_organisation=actor.active_organisation if actor is not None else None, **fields
        )
        record_event("PERSON_REGISTERED", actor=actor, subject=person, person_id=person.pk)
        record_audit(actor, AuditEntry.Action.CREATE, person, person_id=person.pk)
    return person
