from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intreccio.core.context import acting_as
from intreccio.core.exceptions import ApplicationError
from intreccio.directory.actions import DEFAULT_NEEDS, load_needs_taxonomy


class Command(BaseCommand):
    help = "Load (or update) the needs taxonomy from a TOML file."

    def add_arguments(self, parser):
        parser.add_argument("--config", type=Path, default=DEFAULT_NEEDS)

    def handle(self, *args, config: Path, **options):
        try:
            with acting_as("command"):
                count = load_needs_taxonomy(config, actor=None)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{count} needs loaded from {config}")
