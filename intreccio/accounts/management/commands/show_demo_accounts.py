from django.conf import settings
from django.core.management.base import BaseCommand

from intreccio.accounts.queries import demo_accounts
from intreccio.accounts.seed import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = "Print the demo accounts (one per role) and their password."

    def handle(self, *args, **options):
        present = demo_accounts([account[0] for account in DEMO_ACCOUNTS])
        if not present:
            self.stdout.write("No demo accounts: run `manage.py seed_demo` first.")
            return
        self.stdout.write("\nDemo accounts — password for all: " + settings.INTRECCIO_DEMO_PASSWORD)
        for email, _given, _family, _key, _roles, note in DEMO_ACCOUNTS:
            if email in present:
                self.stdout.write(f"  {email:<34} {present[email]} — {note}")
        self.stdout.write("\nOpen http://127.0.0.1:8000 and log in with one of them.\n")
