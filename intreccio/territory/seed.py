"""Demo seed: the territory of the province of Lecco (illustrative districts)."""

from django.conf import settings

from intreccio.core.seeding import SeedContext, seeder

from .actions import load_territory
from .models import District


@seeder("territory")
def seed_territory(context: SeedContext) -> None:
    summary = load_territory(settings.INTRECCIO_TERRITORY_CONFIG, actor=None)
    context.stdout.write(
        f"  {summary.municipalities} municipalities, {summary.micro_territories} micro-territories\n"
    )
    # Demo sizes cover more of the province as they grow: small is the
    # Ambito di Lecco, medium adds Merate, large the whole province.
    codes = {
        "tiny": ["lecco"],
        "small": ["lecco"],
        "medium": ["lecco", "merate"],
        "large": ["lecco", "merate", "bellano"],
    }[context.size]
    context.shared["districts"] = list(District.objects.filter(code__in=codes).order_by("code"))
