"""Anomaly detection on the access log, for the data-protection contact.

A periodic job (every 10 minutes) looks at the last AUDIT_ALERT_WINDOW_MINUTES
of AuditEntry rows and raises an Alert, once per kind, operator and time
bucket, for:

- many distinct persons read by one operator (more than
  AUDIT_ALERT_DISTINCT_PERSONS), not counting persons the operator has a
  relationship with (case team, lead, referral recipient: apps that know
  relationships register a filter with `register_relationship_filter`);
- repeated refusals (AUDIT_ALERT_DENIALS) of one operator: probing;
- repeated failed log-ins on one account (same threshold);
- reading persons' data outside working hours (AUDIT_WORKING_HOURS, Monday
  to Saturday; Sundays and public holidays are outside; Europe/Rome).

The e-mail to the organisation's data-protection contact goes after commit.
"""

import datetime
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from intreccio.core.calendar import is_working_day

from .models import Alert, AuditEntry

READ_ACTIONS = (
    AuditEntry.Action.READ,
    AuditEntry.Action.SEARCH,
    AuditEntry.Action.EXPORT,
    AuditEntry.Action.PRINT,
)

# (actor_id, person_ids) -> the person ids the actor has a relationship with.
RelationshipFilter = Callable[[int, set[int]], set[int]]
_relationship_filters: list[RelationshipFilter] = []


def register_relationship_filter(function: RelationshipFilter) -> None:
    _relationship_filters.append(function)


def _related(actor_id: int, person_ids: set[int]) -> set[int]:
    related: set[int] = set()
    for function in _relationship_filters:
        related |= function(actor_id, person_ids)
    return related


def _fingerprint(*parts) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def _raise(kind, *, entries: list[AuditEntry], count: int, bucket, start, end, details=None) -> Alert | None:
    first = entries[0]
    organisation_id = Counter(e.organisation_id for e in entries).most_common(1)[0][0]
    actor_key = first.actor_id or (first.details or {}).get("account_digest", "")
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                kind=kind,
                organisation_id=organisation_id,
                actor_id=first.actor_id,
                actor_label=first.actor_label,
                window_start=start,
                window_end=end,
                count=count,
                details=details or {},
                fingerprint=_fingerprint(kind, actor_key, bucket),
            )
    except IntegrityError:
        return None  # already raised for this bucket
    transaction.on_commit(lambda: _notify(alert.pk))
    return alert


def _notify(alert_id: int) -> None:
    alert = Alert.objects.select_related("organisation").get(pk=alert_id)
    recipient = (
        alert.organisation and alert.organisation.data_protection_email
    ) or settings.INTRECCIO_DPO_EMAIL
    send_mail(
        f"[Intreccio] Allerta privacy: {alert.get_kind_display()}",
        (
            f"{alert.get_kind_display()}: {alert.actor_label}, {alert.count} volte "
            f"tra {timezone.localtime(alert.window_start):%d/%m/%Y %H:%M} e "
            f"{timezone.localtime(alert.window_end):%H:%M}.\n"
            f"Esamina l'allerta in Intreccio: {settings.INTRECCIO_BASE_URL}/privacy/allerte/{alert.pk}/\n"
        ),
        None,
        [recipient],
    )


def _outside_hours(moment: datetime.datetime) -> bool:
    local = timezone.localtime(moment)
    start, end = settings.AUDIT_WORKING_HOURS
    saturday = local.weekday() == 5  # access points open on Saturday mornings
    return not (start <= local.hour < end) or not (is_working_day(local.date()) or saturday)


def detect(now: datetime.datetime | None = None) -> list[Alert]:
    """Raise the alerts of the last window; return the new ones."""
    now = now or timezone.now()
    window = datetime.timedelta(minutes=settings.AUDIT_ALERT_WINDOW_MINUTES)
    start = now - window
    bucket = int(now.timestamp() // window.total_seconds())
    entries = list(
        AuditEntry.objects.filter(occurred_at__gte=start, occurred_at__lte=now).order_by("occurred_at", "pk")
    )
    raised: list[Alert | None] = []
    raised += _many_persons(entries, bucket, start, now)
    raised += _denials(entries, bucket, start, now)
    raised += _outside(entries)
    return [alert for alert in raised if alert is not None]


def _by(entries: Iterable[AuditEntry], key) -> dict:
    groups = defaultdict(list)
    for entry in entries:
        groups[key(entry)].append(entry)
    return groups


def _many_persons(entries, bucket, start, end):
    reads = [
        e
        for e in entries
        if e.actor_id and e.person_id and e.action in READ_ACTIONS and e.outcome == "allowed"
    ]
    for actor_id, rows in _by(reads, lambda e: e.actor_id).items():
        persons = {e.person_id for e in rows}
        unrelated = persons - _related(actor_id, persons)
        if len(unrelated) > settings.AUDIT_ALERT_DISTINCT_PERSONS:
            yield _raise(
                Alert.Kind.MANY_PERSONS,
                entries=rows,
                count=len(unrelated),
                bucket=bucket,
                start=start,
                end=end,
                details={"distinct_persons": len(unrelated), "reads": len(rows)},
            )


def _denials(entries, bucket, start, end):
    denied = [e for e in entries if e.outcome == AuditEntry.Outcome.DENIED]
    operators = _by([e for e in denied if e.actor_id], lambda e: e.actor_id)
    for rows in operators.values():
        if len(rows) >= settings.AUDIT_ALERT_DENIALS:
            yield _raise(
                Alert.Kind.REPEATED_DENIALS,
                entries=rows,
                count=len(rows),
                bucket=bucket,
                start=start,
                end=end,
            )
    strangers = [e for e in denied if not e.actor_id and e.action == AuditEntry.Action.LOGIN_FAILED]
    for digest, rows in _by(strangers, lambda e: (e.details or {}).get("account_digest", "")).items():
        if digest and len(rows) >= settings.AUDIT_ALERT_DENIALS:
            yield _raise(
                Alert.Kind.FAILED_LOGINS,
                entries=rows,
                count=len(rows),
                bucket=bucket,
                start=start,
                end=end,
                details={
                    "account_digest": digest,
                    "addresses": sorted({str(e.ip_address) for e in rows})[:10],
                },
            )


def _outside(entries):
    late = [e for e in entries if e.actor_id and e.person_id and _outside_hours(e.occurred_at)]
    for (_actor, day), rows in _by(late, lambda e: (e.actor_id, timezone.localdate(e.occurred_at))).items():
        yield _raise(
            Alert.Kind.OUTSIDE_HOURS,
            entries=rows,
            count=len(rows),
            bucket=day.isoformat(),
            start=rows[0].occurred_at,
            end=rows[-1].occurred_at,
            details={"persons": len({e.person_id for e in rows})},
        )
