"""Demo seed: the demo accounts' notifications, some read, through notify().

The cases and intake seeders already notify the operators their actions
involve; this adds the kinds the demo would otherwise lack (referrals,
overlaps, deadlines) so that every demo account finds a few in its header,
and chooses the daily digest for one account.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from intreccio.core.seeding import SeedContext, seeder

from . import actions
from .models import EmailPreference, Notification

DEMO_DOMAIN = "@demo.intreccio.it"
DIGEST_ACCOUNT = "regia@demo.intreccio.it"
Kind = Notification.Kind
SAMPLES = [
    (Kind.REFERRAL_RECEIVED, "Nuovo invio ricevuto dal Servizio sociale di base", "/"),
    (Kind.REFERRAL_ACCEPTED, "Il tuo invio al Centro per l'impiego è stato accettato", "/"),
    (Kind.OVERLAP, "Possibile sovrapposizione: due contributi economici nello stesso mese", "/"),
    (Kind.OVERDUE, "Un'azione del progetto è scaduta da tre giorni", "/"),
    (Kind.PLAN_REVIEW_DUE, "Verifica del progetto personalizzato tra una settimana", "/"),
]


@seeder("notifications", after=("accounts", "cases", "intake"))
def seed_notifications(context: SeedContext) -> None:
    users = list(
        get_user_model().objects.filter(email__endswith=DEMO_DOMAIN, is_active=True).order_by("email")
    )
    created = 0
    for index, user in enumerate(users):
        for kind, title, url in SAMPLES[: 2 + index % 3]:
            rows = actions.notify([user], kind=kind, title=title, url=url, email=False)
            created += len(rows)
        first = Notification.objects.filter(recipient=user).order_by("created_at", "pk").first()
        if first is not None:
            actions.mark_read(first, actor=user, now=timezone.now() - datetime.timedelta(hours=1))
        if user.email == DIGEST_ACCOUNT:
            actions.set_email_frequency(actor=user, frequency=EmailPreference.Frequency.DAILY)
    context.stdout.write(f"  {created} notifications for {len(users)} demo accounts\n")
