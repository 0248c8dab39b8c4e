import random
import resource
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils.module_loading import autodiscover_modules
from faker import Faker

from intreccio.core import seeding
from intreccio.core.context import acting_as


class Command(BaseCommand):
    help = (
        "Build a believable synthetic district (deterministic for a given --seed). Never real personal data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(seeding.SIZES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if the database already has data"
        )

    def handle(self, *args, size: str, seed: int, if_empty: bool, **options):
        if settings.INTRECCIO_ENVIRONMENT == "production":
            raise CommandError("seed_demo creates demo accounts with a known password: never on production.")
        # Any operator account means the database is in use (core imports no domain app).
        if apps.get_model("accounts", "User").objects.exists():
            if if_empty:
                self.stdout.write("The database already has data: demo seed skipped.")
                return
            raise CommandError(
                "The database already has data: seed_demo needs an empty database (migrate a new one)."
            )
        autodiscover_modules("seed")
        faker = Faker("it_IT")
        faker.seed_instance(seed)
        context = seeding.SeedContext(
            size=size, seed=seed, rng=random.Random(seed), faker=faker, stdout=self.stdout
        )
        started = time.perf_counter()
        self.stdout.write(f"Seeding the demo territory: size {size} ({context.persons} persons), seed {seed}")
        # Invitations would go to invented addresses: the demo sends no e-mail.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            acting_as("command"),
        ):
            timings = seeding.run_seeders(context)
        elapsed = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"Seeded in {elapsed:.1f} s, peak memory {peak_mb:.0f} MB; by step: {timings}")
