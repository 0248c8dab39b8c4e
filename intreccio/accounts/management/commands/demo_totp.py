from django.core.management.base import BaseCommand, CommandError

from intreccio.accounts.queries import demo_authenticator
from intreccio.accounts.seed import DEMO_ACCOUNTS
from intreccio.accounts.twofactor import totp_code


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo account (demo accounts only)."

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default=DEMO_ACCOUNTS[0][0])

    def handle(self, *args, email, **options):
        device = demo_authenticator(email)
        if device is None:
            raise CommandError(f"{email} has no demo authenticator: codes are shown only for demo accounts.")
        self.stdout.write(totp_code(device))
