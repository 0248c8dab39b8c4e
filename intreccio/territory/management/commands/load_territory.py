from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intreccio.core.context import acting_as
from intreccio.core.exceptions import ApplicationError
from intreccio.territory.actions import load_territory


class Command(BaseCommand):
    help = "Load (or update) municipalities, districts and micro-territories from the territory file."

    def add_arguments(self, parser):
        parser.add_argument("--config", type=Path, default=settings.INTRECCIO_TERRITORY_CONFIG)

    def handle(self, *args, config: Path, **options):
        try:
            with acting_as("command"):
                summary = load_territory(config, actor=None)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"{summary.municipalities} municipalities, {summary.districts} districts, "
            f"{summary.micro_territories} micro-territories loaded from {config}"
        )
