from django.core.management.base import BaseCommand, CommandError

from intreccio.audit.chain import seal_all, verify_chain
from intreccio.core.context import acting_as


class Command(BaseCommand):
    help = (
        "Seal pending audit entries and domain events, then verify the whole hash chain against its "
        "checkpoints and the anchor file. Exits non-zero naming every altered, deleted, reordered, "
        "unsealed or truncated entry."
    )

    def add_arguments(self, parser):
        parser.add_argument("--anchor", help="anchor file (default: settings.AUDIT_ANCHOR_PATH)")
        parser.add_argument("--no-seal", action="store_true", help="verify only (e.g. on a restored copy)")

    def handle(self, *args, anchor=None, no_seal=False, **options):
        with acting_as("command"):
            if not no_seal:
                sealed = seal_all()
                self.stdout.write(f"sealed {sealed.sealed} new rows")
            report = verify_chain(anchor_path=anchor)
        self.stdout.write(
            f"chain: {report.sealed} sealed rows, head seq {report.head_seq} {report.head_digest[:16]}, "
            f"{report.pending} pending"
        )
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"TAMPERED: {problem}")
            raise CommandError(f"audit chain verification failed: {len(report.problems)} problem(s)")
        self.stdout.write("audit chain verified: OK")
