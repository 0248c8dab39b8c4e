import time

from django.core.management.base import BaseCommand

from intreccio.core import periodic


class Command(BaseCommand):
    help = "Enqueue the periodic jobs that are due (run every minute, or with --loop)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="keep running, checking every --interval seconds"
        )
        parser.add_argument("--interval", type=int, default=30)

    def handle(self, *args, loop, interval, **options):
        while True:
            for name in periodic.enqueue_due_jobs():
                self.stdout.write(f"enqueued {name}")
            if not loop:
                return
            time.sleep(interval)
