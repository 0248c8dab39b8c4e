"""Demo seed: a burst of failed log-ins on one account, so the anomaly alerts have something to show.

Entries are written through record_audit exactly as the log-in page writes
them (an address typed by someone guessing passwords); the detector then
raises the alert for the system administrators (the account typed belongs
to no organisation).
"""

import hashlib

from intreccio.core.context import ActingContext, acting_context
from intreccio.core.seeding import SeedContext, seeder

from .anomalies import detect
from .log import record_audit
from .models import AuditEntry


@seeder("audit", after=("accounts",))
def seed_audit(context: SeedContext) -> None:
    digest = hashlib.sha256(b"m.rossi@comune.example.it").hexdigest()[:16]
    for attempt in range(14):
        request = ActingContext(
            request_id=f"{attempt:032x}",
            channel="web",
            ip_address="198.51.100.23",
            path="/accesso/",
            method="POST",
        )
        with acting_context(request):
            record_audit(
                None,
                AuditEntry.Action.LOGIN_FAILED,
                outcome=AuditEntry.Outcome.DENIED,
                details={"step": "password", "account_digest": digest},
            )
    alerts = detect()
    context.stdout.write(f"  {len(alerts)} privacy alerts\n")
