"""Demo seed: the needs taxonomy and a first set of services per organisation."""

from intreccio.core.seeding import SeedContext, seeder
from intreccio.organisations.models import Organisation

from .actions import create_service, load_needs_taxonomy
from .models import Need

K = Organisation.Kind

# Organisation key prefix (see organisations/seed.py) → services: (name, need codes).
SERVICES = {
    "planning": [
        ("Agenzia per l'abitare", ["housing", "homelessness"]),
        ("Fondo di solidarietà", ["income", "debt"]),
    ],
    "caritas": [
        ("Centro di ascolto", ["income", "food", "loneliness", "housing"]),
        ("Emporio solidale", ["food"]),
        ("Sportello debiti", ["debt"]),
    ],
    "filo": [("Portineria sociale di quartiere", ["loneliness", "old_age"])],
    "tessitura": [
        ("Assistenza domiciliare", ["old_age", "disability"]),
        ("Centro diurno", ["old_age", "disability"]),
    ],
    "telaio": [("Inserimento lavorativo (cooperativa di tipo B)", ["work"])],
    "casacomune": [
        ("Accoglienza notturna", ["homelessness"]),
        ("Housing first", ["homelessness", "housing"]),
        ("Unità di strada", ["homelessness", "addiction"]),
    ],
    "mondoinsieme": [
        ("Scuola di italiano", ["language"]),
        ("Sportello stranieri", ["legal_status", "legal_advice"]),
    ],
    "donne": [("Centro antiviolenza", ["violence"])],
    "anziani": [("Compagnia e telefonate amiche", ["loneliness", "old_age"])],
    "asst": [
        ("Centro psicosociale (CPS)", ["mental_health"]),
        ("Servizio per le dipendenze (SerD)", ["addiction"]),
        ("Consultorio familiare", ["health", "education_minors", "violence"]),
        ("Infermieri di famiglia e comunità", ["health", "old_age"]),
    ],
    "aler": [
        ("Assegnazione alloggi SAP", ["housing"]),
        ("Sportello morosità incolpevole", ["housing", "debt"]),
    ],
    "cpi": [("Orientamento e politiche attive", ["work"])],
}
MUNICIPAL_SERVICES = [
    ("Servizio sociale di base", ["income", "housing", "old_age", "education_minors", "disability"]),
    ("Iscrizione anagrafica e residenza fittizia", ["residence"]),
    ("Tutela minori", ["minors_protection"]),
]


@seeder("directory", after=("organisations",))
def seed_directory(context: SeedContext) -> None:
    load_needs_taxonomy(actor=None)
    needs = {need.code: need for need in Need.objects.all()}
    count = 0
    for key, organisation in sorted(context.shared["organisations"].items()):
        prefix = key.split(":")[0]
        catalogue = MUNICIPAL_SERVICES if organisation.kind == K.MUNICIPALITY else SERVICES.get(prefix, [])
        micros = list(organisation.micro_territories.all())
        for name, codes in catalogue:
            create_service(
                organisation,
                actor=None,
                name=name,
                needs=[needs[c] for c in codes],
                micro_territories=micros,
                email=organisation.email,
            )
            count += 1
    context.stdout.write(f"  {len(needs)} needs, {count} services\n")
