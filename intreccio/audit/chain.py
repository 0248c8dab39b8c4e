"""The hash chain that makes the audit log and the domain events tamper-evident.

Writers (record_audit, record_event) only INSERT rows. The sealer, a
periodic job (every minute) and the first step of `verify_audit_chain`,
takes the chain lock, reads committed rows that have no seal yet and appends
one AuditSeal per row:

    digest_n = SHA-256(digest_{n-1} "\n" kind "\n" canonical(row))

then records the head in a ChainCheckpoint row and, after commit, appends
the same head as one JSON line to the anchor file (settings.AUDIT_ANCHOR_PATH),
which operations ship to storage the application cannot rewrite.

`verify_chain()` recomputes every link and reports, by sequence number:
an altered row, a deleted row (a gap, or a seal without its row), rows in a
different order, rows never sealed for longer than the grace period
(inserted behind the sealer), and a chain shorter than a checkpoint or an
anchor line says (truncation). See docs/decisions/0006-tamper-evident-audit.md.
"""

import datetime
import hashlib
import json
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from intreccio.core.locks import advisory_lock

from .models import AuditEntry, AuditSeal, ChainCheckpoint, DomainEvent

logger = logging.getLogger("intreccio.audit.anchor")

AUDIT, EVENT = "audit", "event"
AUDIT_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "organisation_id",
    "action",
    "outcome",
    "target_type",
    "target_id",
    "person_id",
    "categories",
    "purpose",
    "channel",
    "request_id",
    "ip_address",
    "path",
    "details",
)
EVENT_FIELDS = (
    "occurred_at",
    "kind",
    "actor_id",
    "organisation_id",
    "subject_type",
    "subject_id",
    "person_id",
    "micro_territory_id",
    "categories",
    "payload",
)


def _value(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return value


def canonical(kind: str, row) -> str:
    """A stable text of the row: the same on SQLite, PostgreSQL and after a restore."""
    fields = AUDIT_FIELDS if kind == AUDIT else EVENT_FIELDS
    data = {name: _value(getattr(row, name)) for name in fields}
    data["id"] = row.pk
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def link(previous: str, kind: str, row) -> str:
    return hashlib.sha256(f"{previous}\n{kind}\n{canonical(kind, row)}".encode()).hexdigest()


def genesis(chain_id: str) -> str:
    return hashlib.sha256(f"intreccio-audit-chain\n{chain_id}".encode()).hexdigest()


@dataclass
class SealResult:
    sealed: int
    head_seq: int
    head_digest: str


def _floors(latest: ChainCheckpoint | None) -> tuple[int, int]:
    """Ids below which every row is already sealed (see the decision record).

    Taken from the newest checkpoint at least the grace period older than
    the latest one: any row with a lower id was committed (transactions are
    shorter than the grace period) before the latest run, which sealed it.
    """
    if latest is None:
        return 0, 0
    cutoff = latest.created_at - datetime.timedelta(seconds=settings.AUDIT_SEAL_GRACE_SECONDS)
    floor = ChainCheckpoint.objects.filter(created_at__lte=cutoff).order_by("-created_at", "-pk").first()
    return (floor.max_audit_id, floor.max_event_id) if floor else (0, 0)


def seal_pending(batch: int = 5000) -> SealResult:
    """Seal committed rows that have no seal yet, in one short transaction."""
    with transaction.atomic():
        advisory_lock("intreccio.audit.chain")
        latest = ChainCheckpoint.objects.order_by("-created_at", "-pk").first()
        chain_id = latest.chain_id if latest else secrets.token_hex(16)
        last_seal = AuditSeal.objects.order_by("-seq").first()
        seq = last_seal.seq if last_seal else 0
        digest = last_seal.digest if last_seal else genesis(chain_id)
        audit_floor, event_floor = _floors(latest)
        rows = [
            (AUDIT, row)
            for row in AuditEntry.objects.filter(pk__gt=audit_floor, seal__isnull=True).order_by("pk")[:batch]
        ] + [
            (EVENT, row)
            for row in DomainEvent.objects.filter(pk__gt=event_floor, seal__isnull=True).order_by("pk")[
                :batch
            ]
        ]
        if not rows and latest is not None:
            return SealResult(0, seq, digest)
        seals = []
        for kind, row in rows:
            seq += 1
            digest = link(digest, kind, row)
            seals.append(
                AuditSeal(
                    seq=seq,
                    digest=digest,
                    audit_entry=row if kind == AUDIT else None,
                    domain_event=row if kind == EVENT else None,
                )
            )
        AuditSeal.objects.bulk_create(seals, batch_size=1000)
        checkpoint = ChainCheckpoint.objects.create(
            chain_id=chain_id,
            seq=seq,
            digest=digest,
            max_audit_id=max([r.pk for k, r in rows if k == AUDIT] + [latest.max_audit_id if latest else 0]),
            max_event_id=max([r.pk for k, r in rows if k == EVENT] + [latest.max_event_id if latest else 0]),
        )
        transaction.on_commit(lambda: _anchor(checkpoint))
    return SealResult(len(rows), seq, digest)


def seal_all() -> SealResult:
    result = seal_pending()
    total = result.sealed
    while result.sealed:
        result = seal_pending()
        total += result.sealed
    return SealResult(total, result.head_seq, result.head_digest)


def _anchor(checkpoint: ChainCheckpoint) -> None:
    line = json.dumps(
        {
            "chain_id": checkpoint.chain_id,
            "seq": checkpoint.seq,
            "digest": checkpoint.digest,
            "at": checkpoint.created_at.astimezone(datetime.UTC).isoformat(),
        },
        sort_keys=True,
    )
    logger.info("audit chain head %s", line)
    path = settings.AUDIT_ANCHOR_PATH
    if path:
        with Path(path).open("a", encoding="utf-8") as anchor:
            anchor.write(line + "\n")


def read_anchor(path) -> list[dict]:
    if not path or not Path(path).exists():
        return []
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class ChainReport:
    sealed: int = 0
    pending: int = 0
    head_seq: int = 0
    head_digest: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(anchor_path=None, now=None) -> ChainReport:
    """Recompute the whole chain and compare it with checkpoints and the anchor file."""
    report = ChainReport()
    checkpoints = list(ChainCheckpoint.objects.order_by("created_at", "pk"))
    chain_ids = {c.chain_id for c in checkpoints}
    if len(chain_ids) > 1:
        report.problems.append(f"checkpoints of {len(chain_ids)} different chains")
    chain_id = checkpoints[0].chain_id if checkpoints else None
    anchors = read_anchor(anchor_path if anchor_path is not None else settings.AUDIT_ANCHOR_PATH)
    wanted = {c.seq: ("checkpoint", c.digest) for c in checkpoints}
    for line in anchors:
        if chain_id is not None and line["chain_id"] != chain_id:
            report.problems.append(
                f"anchor line for seq {line['seq']} belongs to chain {line['chain_id']}, "
                f"the database holds chain {chain_id} (database replaced or rebuilt)"
            )
            continue
        wanted[line["seq"]] = ("anchor", line["digest"])
    if anchors and chain_id is None:
        report.problems.append("the anchor file records a chain but the database has none (truncated)")

    digest = genesis(chain_id) if chain_id else ""
    expected_seq = 1
    seals = AuditSeal.objects.select_related("audit_entry", "domain_event").order_by("seq")
    for seal in seals.iterator(chunk_size=2000):
        gap = seal.seq != expected_seq
        if gap:
            report.problems.append(
                f"seq {expected_seq}–{seal.seq - 1} missing: rows deleted or chain reordered"
            )
        row, kind = (seal.audit_entry, AUDIT) if seal.audit_entry_id else (seal.domain_event, EVENT)
        if gap:
            digest = seal.digest  # the missing link's digest is unknown: resume from here
        elif row is None:
            report.problems.append(f"seq {seal.seq}: the sealed row is gone (deleted)")
            digest = seal.digest
        else:
            computed = link(digest, kind, row)
            if computed != seal.digest:
                report.problems.append(
                    f"seq {seal.seq}: {kind} #{row.pk} does not match its seal (altered, or rows reordered)"
                )
            digest = seal.digest
        if seal.seq in wanted and wanted[seal.seq][1] != seal.digest:
            report.problems.append(f"seq {seal.seq}: the chain differs from its {wanted[seal.seq][0]}")
        expected_seq = seal.seq + 1
        report.sealed += 1
    report.head_seq, report.head_digest = expected_seq - 1, digest
    beyond = sorted(seq for seq in wanted if seq > report.head_seq)
    if beyond:
        source = wanted[beyond[-1]][0]
        report.problems.append(
            f"the chain ends at seq {report.head_seq} but the {source} records seq {beyond[-1]}: truncated"
        )

    now = now or timezone.now()
    grace = now - datetime.timedelta(seconds=settings.AUDIT_SEAL_GRACE_SECONDS)
    for model, kind in ((AuditEntry, AUDIT), (DomainEvent, EVENT)):
        unsealed = model.objects.filter(seal__isnull=True)
        report.pending += unsealed.count()
        for pk in unsealed.filter(occurred_at__lt=grace).values_list("pk", flat=True)[:20]:
            report.problems.append(f"{kind} #{pk} was never sealed (written behind the sealer's back?)")
    return report
