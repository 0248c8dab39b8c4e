"""Import an HSDS 3.0 dataset: manage.py import_hsds PATH (a file or a folder; all or nothing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intreccio.core.context import acting_as
from intreccio.directory.actions import DatasetInvalid, import_hsds
from intreccio.territory.queries import get_district


class Command(BaseCommand):
    help = "Import an Open Referral HSDS 3.0 dataset (JSON files or the tabular CSV package)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--district", help="code of the district new organisations belong to")

    def handle(self, *args, path: Path, district: str | None = None, **options):
        with acting_as("command"):
            try:
                summary = import_hsds(path, actor=None, district=get_district(district) if district else None)
            except DatasetInvalid as invalid:
                for problem in invalid.details["problems"]:
                    self.stderr.write(f"  {problem}")
                raise CommandError(invalid.message) from None
        for warning in summary.warnings:
            self.stdout.write(f"  warning: {warning}")
        created = ", ".join(f"{kind} {count}" for kind, count in sorted(summary.created.items())) or "nothing"
        updated = ", ".join(f"{kind} {count}" for kind, count in sorted(summary.updated.items())) or "nothing"
        self.stdout.write(self.style.SUCCESS(f"HSDS import done. Created: {created}. Updated: {updated}."))
