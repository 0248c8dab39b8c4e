"""Write the whole directory as HSDS 3.0 JSON files: manage.py export_hsds OUT_DIR."""

from pathlib import Path

from django.core.management.base import BaseCommand

from intreccio.core.context import acting_as
from intreccio.directory.hsds.export import export_directory


class Command(BaseCommand):
    help = "Export the directory as Open Referral HSDS 3.0 JSON (one file per object list)."

    def add_arguments(self, parser):
        parser.add_argument("out_dir", type=Path)

    def handle(self, *args, out_dir: Path, **options):
        with acting_as("command"):
            counts = export_directory(
                out_dir, progress=lambda name, count: self.stdout.write(f"  {name}: {count} objects")
            )
        self.stdout.write(
            self.style.SUCCESS(f"HSDS 3.0 export written to {out_dir} ({sum(counts.values())} objects)")
        )
