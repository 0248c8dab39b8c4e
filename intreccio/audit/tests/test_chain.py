"""The hash chain detects every kind of tampering; writers never wait for it."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from intreccio.audit.chain import seal_all, verify_chain
from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry, AuditSeal, ChainCheckpoint

# Every tamper scenario this module proves detected (counted for security-report.json).
TAMPER_SCENARIOS = [
    "altered",
    "deleted_row_and_seal",
    "deleted_row_only",
    "reordered",
    "truncated_with_checkpoints",
    "truncated_everything_but_the_anchor",
    "inserted_behind_the_sealer",
]
DETECTED: set[str] = set()


def tamper(*statements):
    """Run raw SQL as an attacker with database access would (triggers off on PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        for statement, params in statements:
            cursor.execute(statement, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


@pytest.fixture
def chain(network, settings, tmp_path, django_capture_on_commit_callbacks):
    """Twenty audit entries and events, sealed, with an anchor file."""
    settings.AUDIT_ANCHOR_PATH = str(tmp_path / "anchor.jsonl")
    for index in range(10):
        record_audit(network.ana, AuditEntry.Action.READ, ("people.person", index), person_id=index)
        record_event("TEST_HAPPENED", actor=network.ana, subject=("people.person", index))
    with django_capture_on_commit_callbacks(execute=True):
        seal_all()
    report = verify_chain()
    assert report.ok, report.problems
    return report


def _seq_of(entry_id):
    return AuditSeal.objects.get(audit_entry_id=entry_id).seq


def test_an_untouched_chain_verifies_and_every_row_is_sealed(chain):
    total = AuditEntry.objects.count() + AuditSeal.objects.filter(domain_event__isnull=False).count()
    assert chain.sealed == AuditSeal.objects.count() == total
    assert chain.pending == 0
    assert chain.head_seq == total
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "audit chain verified: OK" in out.getvalue()


def test_an_altered_entry_is_detected(chain):
    target = AuditEntry.objects.filter(person_id=4).get()
    tamper(("UPDATE audit_auditentry SET path = %s WHERE id = %s", ["/nascosto/", target.pk]))
    report = verify_chain()
    assert report.problems == [
        f"seq {_seq_of(target.pk)}: audit #{target.pk} does not match its seal (altered, or rows reordered)"
    ]
    with pytest.raises(CommandError, match="1 problem"):
        call_command("verify_audit_chain", "--no-seal", stdout=io.StringIO(), stderr=io.StringIO())
    DETECTED.add("altered")


def test_a_deleted_entry_and_its_seal_leave_a_gap(chain):
    target = AuditEntry.objects.filter(person_id=3).get()
    seq = _seq_of(target.pk)
    tamper(
        ("DELETE FROM audit_auditseal WHERE audit_entry_id = %s", [target.pk]),
        ("DELETE FROM audit_auditentry WHERE id = %s", [target.pk]),
    )
    assert verify_chain().problems == [f"seq {seq}–{seq} missing: rows deleted or chain reordered"]
    DETECTED.add("deleted_row_and_seal")


def test_a_deleted_entry_under_its_seal_is_detected(chain):
    target = AuditEntry.objects.filter(person_id=2).get()
    seq = _seq_of(target.pk)
    tamper(("DELETE FROM audit_auditentry WHERE id = %s", [target.pk]))
    assert verify_chain().problems == [f"seq {seq}: the sealed row is gone (deleted)"]
    tamper(("DELETE FROM audit_auditseal WHERE seq = %s", [seq]))  # (SQLite checks foreign keys at the end)
    DETECTED.add("deleted_row_only")


def test_reordered_entries_are_detected(chain):
    first, second = AuditSeal.objects.order_by("seq")[2:4]
    tamper(
        ("UPDATE audit_auditseal SET seq = %s WHERE id = %s", [10_000, first.pk]),
        ("UPDATE audit_auditseal SET seq = %s WHERE id = %s", [first.seq, second.pk]),
        ("UPDATE audit_auditseal SET seq = %s WHERE id = %s", [second.seq, first.pk]),
    )
    problems = verify_chain().problems
    assert problems[0].startswith(f"seq {first.seq}: ")
    assert "does not match its seal" in problems[0]
    DETECTED.add("reordered")


def test_a_truncated_tail_is_detected_by_the_checkpoints(chain, settings):
    settings.AUDIT_ANCHOR_PATH = ""
    last = AuditSeal.objects.order_by("-seq")[:3]
    tamper(*[("DELETE FROM audit_auditseal WHERE id = %s", [seal.pk]) for seal in last])
    problems = verify_chain().problems
    end, recorded = chain.head_seq - 3, chain.head_seq
    assert problems[-1] == f"the chain ends at seq {end} but the checkpoint records seq {recorded}: truncated"
    DETECTED.add("truncated_with_checkpoints")


def test_truncating_everything_but_the_external_anchor_is_detected(chain):
    tamper(
        ("DELETE FROM audit_auditseal", []),
        ("DELETE FROM audit_chaincheckpoint", []),
        ("DELETE FROM audit_auditentry", []),
        ("DELETE FROM audit_domainevent", []),
    )
    assert verify_chain().problems == [
        "the anchor file records a chain but the database has none (truncated)",
        f"the chain ends at seq 0 but the anchor records seq {chain.head_seq}: truncated",
    ]
    DETECTED.add("truncated_everything_but_the_anchor")


def test_an_entry_inserted_behind_the_sealer_is_detected(chain, network):
    late = record_audit(network.ana, AuditEntry.Action.READ, ("people.person", 77), person_id=77)
    assert verify_chain().ok  # a fresh entry is only pending
    later = timezone.now() + datetime.timedelta(hours=2)
    report = verify_chain(now=later)
    assert report.problems == [f"audit #{late.pk} was never sealed (written behind the sealer's back?)"]
    DETECTED.add("inserted_behind_the_sealer")


def test_the_anchor_of_another_database_is_refused(chain, settings, tmp_path):
    anchor = tmp_path / "other.jsonl"
    anchor.write_text('{"chain_id": "0000", "seq": 1, "digest": "ab", "at": "2026-01-01T00:00:00+00:00"}\n')
    problems = verify_chain(anchor_path=str(anchor)).problems
    assert problems[0].startswith("anchor line for seq 1 belongs to chain 0000")


def test_sealing_again_extends_the_same_chain(chain, network, django_capture_on_commit_callbacks):
    record_audit(network.bruno, AuditEntry.Action.READ, ("people.person", 8), person_id=8)
    with django_capture_on_commit_callbacks(execute=True):
        result = seal_all()
    assert result.sealed == 1
    assert result.head_seq == chain.head_seq + 1
    assert ChainCheckpoint.objects.values("chain_id").distinct().count() == 1
    assert verify_chain().ok


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_the_sealer_does_not_wait_for_a_long_transaction(territory):
    """A transaction holding unsealed entries does not block sealing, and is sealed after it commits."""
    import threading

    from django.db import connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    written, release, done = threading.Event(), threading.Event(), threading.Event()

    def long_transaction():
        try:
            with transaction.atomic():
                record_audit(None, AuditEntry.Action.READ, ("people.person", 501), person_id=501)
                written.set()
                release.wait(10)
        finally:
            connections.close_all()
            done.set()

    worker = threading.Thread(target=long_transaction)
    worker.start()
    assert written.wait(10)
    record_audit(None, AuditEntry.Action.READ, ("people.person", 502), person_id=502)
    started = timezone.now()
    first = seal_all()
    assert (timezone.now() - started).total_seconds() < 2  # not blocked by the open transaction
    assert set(AuditSeal.objects.values_list("audit_entry__person_id", flat=True)) >= {502}
    assert not AuditSeal.objects.filter(audit_entry__person_id=501).exists()
    release.set()
    done.wait(10)
    worker.join()
    second = seal_all()
    assert second.sealed == 1
    assert second.head_seq == first.head_seq + 1
    assert verify_chain(anchor_path="").ok


@pytest.mark.postgresql
def test_the_database_refuses_to_update_or_delete_audit_rows(network, security_figures):
    from django.db import DatabaseError, transaction

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    entry = record_audit(network.ana, AuditEntry.Action.READ, ("people.person", 1), person_id=1)
    for statement in (
        "UPDATE audit_auditentry SET path = '/x/' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
        "DELETE FROM audit_domainevent WHERE id > %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk if "auditentry" in statement else 0])
    assert AuditEntry.objects.get(pk=entry.pk).path == ""
    security_figures.record("append_only_triggers", {"update_and_delete_refused_by_the_database": True})


def test_every_tamper_scenario_was_detected(security_figures):
    """Runs after the scenarios above (file order): the figure for security-report.json."""
    security_figures.record(
        "tamper_detection",
        {
            "scenarios": len(TAMPER_SCENARIOS),
            "detected": len(DETECTED),
            "undetected": sorted(set(TAMPER_SCENARIOS) - DETECTED),
        },
    )
    assert set(TAMPER_SCENARIOS) == DETECTED
