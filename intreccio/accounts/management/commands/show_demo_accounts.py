import base64
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand

from intreccio.accounts.queries import demo_accounts
from intreccio.accounts.seed import DEMO_ACCOUNTS


def demo_secret() -> str:
    return base64.b32encode(bytes.fromhex(settings.INTRECCIO_DEMO_TOTP_KEY)).decode().rstrip("=")


class Command(BaseCommand):
    help = "Print the demo accounts (one per role), their password and how to pass the second factor."

    def handle(self, *args, **options):
        present = demo_accounts([account[0] for account in DEMO_ACCOUNTS])
        if not present:
            self.stdout.write("No demo accounts: run `manage.py seed_demo` first.")
            return
        self.stdout.write("\nDemo accounts — password for all: " + settings.INTRECCIO_DEMO_PASSWORD)
        for email, _given, _family, _key, _roles, note in DEMO_ACCOUNTS:
            if email in present:
                self.stdout.write(f"  {email:<34} {present[email]} — {note}")
        secret = demo_secret()
        issuer = quote(settings.OTP_TOTP_ISSUER)
        self.stdout.write(
            "\nSecond factor (every operator has one): the demo accounts share one authenticator key.\n"
            f"  key for an authenticator app (TOTP, 6 digits, 30 s): {secret}\n"
            f"  otpauth://totp/{issuer}:demo?secret={secret}&issuer={issuer}\n"
            "  or, without a phone, in another terminal: .venv/bin/python manage.py demo_totp\n"
            "\nOpen http://127.0.0.1:8000, log in with one of them, then type the 6-digit code.\n"
        )
