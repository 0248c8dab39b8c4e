import pytest

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AppendOnlyViolation, AuditEntry, DomainEvent
from intreccio.core.context import ActingContext, acting_context


def test_an_audit_entry_records_who_what_and_from_where(network):
    context = ActingContext(
        request_id="a" * 32,
        channel="web",
        ip_address="10.0.0.7",
        path="/persone/1/",
        method="GET",
        organisation_id=network.comune.pk,
    )
    with acting_context(context):
        entry = record_audit(
            network.ana,
            AuditEntry.Action.READ,
            ("people.person", 1),
            person_id=1,
            categories=["health"],
            purpose="presa in carico",
        )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor == network.ana
    assert entry.actor_label == "Ana Invernizzi <ana@test.intreccio.it>"
    assert entry.organisation == network.comune
    assert (entry.target_type, entry.target_id, entry.person_id) == ("people.person", "1", 1)
    assert (entry.channel, entry.ip_address, entry.request_id, entry.path) == (
        "web",
        "10.0.0.7",
        "a" * 32,
        "/persone/1/",
    )
    assert entry.categories == ["health"]
    assert entry.outcome == AuditEntry.Outcome.ALLOWED


def test_entries_without_a_request_are_marked_as_code_and_system(db):
    entry = record_audit(None, AuditEntry.Action.EXPORT, ("people.person", 9), person_id=9)
    assert (entry.actor_label, entry.channel, entry.organisation_id) == ("system", "code", None)


def test_logs_cannot_be_changed_or_deleted(network):
    entry = record_audit(network.ana, AuditEntry.Action.READ, network.comune)
    event = record_event("TEST_HAPPENED", actor=network.ana, subject=network.comune)
    for row, model in ((entry, AuditEntry), (event, DomainEvent)):
        with pytest.raises(AppendOnlyViolation):
            row.save()
        with pytest.raises(AppendOnlyViolation):
            row.delete()
        with pytest.raises(AppendOnlyViolation):
            model.objects.filter(pk=row.pk).update(path="/changed/")
        with pytest.raises(AppendOnlyViolation):
            model.objects.filter(pk=row.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).path == ""
