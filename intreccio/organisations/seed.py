"""Demo seed: the organisations of the network and their sites (synthetic, illustrative).

Public bodies carry their institutional names; third-sector organisations
and employers are invented. Nothing here describes a real organisation's
participation or data.
"""

from intreccio.core.seeding import SeedContext, seeder
from intreccio.territory.models import MicroTerritory, Municipality

from .actions import create_organisation, create_site
from .models import Organisation, Site

K = Organisation.Kind
A = Site.AccessPointKind

STREETS = [
    "via Roma",
    "via Garibaldi",
    "piazza della Vittoria",
    "via Cavour",
    "via Mazzini",
    "corso Matteotti",
    "via Manzoni",
    "via dell'Eremo",
    "via Belfiore",
    "via XX Settembre",
    "via Volta",
    "via Dante",
]

# Organisations that serve a whole district: (key, name pattern, kind, sites).
# A site is (name, access point kind, where) with where = "lead" (the lead
# municipality) or a micro-territory code of the district.
DISTRICT_BODIES = [
    (
        "planning",
        "Ufficio di Piano – {district}",
        K.PLANNING_OFFICE,
        [("Sede dell'Ufficio di Piano", A.NONE, "lead"), ("Agenzia per l'abitare", A.HOUSING_DESK, "lead")],
    ),
    (
        "caritas",
        "Caritas decanale – {district}",
        K.CHARITY,
        [
            ("Centro di ascolto cittadino", A.LISTENING_CENTRE, "lead"),
            ("Centro di ascolto di quartiere", A.LISTENING_CENTRE, 1),
            ("Emporio solidale", A.NONE, "lead"),
        ],
    ),
    (
        "filo",
        "Associazione Il Filo – {district}",
        K.ASSOCIATION,
        [("Portineria sociale", A.SOCIAL_CONCIERGE, 0), ("Spazio di comunità", A.OTHER, 2)],
    ),
    (
        "tessitura",
        "Cooperativa sociale La Tessitura – {district}",
        K.COOPERATIVE,
        [("Centro diurno", A.NONE, "lead"), ("Servizio di assistenza domiciliare", A.NONE, 1)],
    ),
    (
        "telaio",
        "Cooperativa sociale Il Telaio (tipo B) – {district}",
        K.COOPERATIVE,
        [("Laboratorio di inserimento lavorativo", A.WORK_DESK, "lead")],
    ),
    (
        "casacomune",
        "Cooperativa sociale Casa Comune – {district}",
        K.COOPERATIVE,
        [("Dormitorio e accoglienza notturna", A.OUTREACH, "lead"), ("Unità di strada", A.OUTREACH, "lead")],
    ),
    (
        "mondoinsieme",
        "Associazione Mondo Insieme – {district}",
        K.ASSOCIATION,
        [("Sportello stranieri e scuola di italiano", A.LISTENING_CENTRE, "lead")],
    ),
    (
        "donne",
        "Centro antiviolenza Rete Donne – {district}",
        K.ASSOCIATION,
        [("Sportello antiviolenza", A.LISTENING_CENTRE, "lead")],
    ),
    (
        "anziani",
        "Associazione Anziani Attivi – {district}",
        K.ASSOCIATION,
        [("Punto di ascolto anziani", A.LISTENING_CENTRE, 2)],
    ),
    ("school1", "Istituto comprensivo {lead} 1", K.SCHOOL, [("Sede centrale", A.SCHOOL, "lead")]),
    ("school2", "Istituto comprensivo {lead} 2", K.SCHOOL, [("Plesso di quartiere", A.SCHOOL, 1)]),
    (
        "employer1",
        "Officine Meccaniche del Resegone – {district}",
        K.EMPLOYER,
        [("Stabilimento", A.NONE, "lead")],
    ),
    ("employer2", "Supermercati del Lario – {district}", K.EMPLOYER, [("Punto vendita", A.NONE, 0)]),
]

# Organisations that serve the whole province (created once, in the first district).
PROVINCE_BODIES = [
    (
        "asst",
        "ASST di Lecco",
        K.HEALTH_SERVICE,
        [
            ("Casa di Comunità di Lecco", A.COMMUNITY_HOUSE, "lead"),
            ("Centro psicosociale (CPS)", A.HEALTH_DESK, "lead"),
            ("Servizio per le dipendenze (SerD)", A.HEALTH_DESK, "lead"),
            ("Consultorio familiare", A.HEALTH_DESK, 1),
            ("Infermieri di famiglia e comunità", A.NEIGHBOURHOOD_NURSE, 2),
        ],
    ),
    (
        "aler",
        "ALER Bergamo-Lecco-Sondrio – UOG Lecco",
        K.PUBLIC_HOUSING,
        [("Sportello inquilini", A.HOUSING_DESK, "lead")],
    ),
    (
        "cpi",
        "Centro per l'impiego di Lecco",
        K.EMPLOYMENT_SERVICE,
        [("Sportello lavoro", A.WORK_DESK, "lead")],
    ),
    ("foundation", "Fondazione di Comunità del Lario", K.FOUNDATION, [("Sede", A.NONE, "lead")]),
]


def _micro_territory_of(municipality: Municipality, district_micros: list[MicroTerritory], index: int = 0):
    """The micro-territory a site in `municipality` belongs to (for Lecco, one of its neighbourhoods)."""
    candidates = [m for m in district_micros if municipality in m.member_list]
    return candidates[index % len(candidates)]


def _place(district, where, micros):
    lead = district.lead_municipality
    if where == "lead":
        return lead, _micro_territory_of(lead, micros)
    micro = micros[where % len(micros)]
    return micro.member_list[0], micro


def _address(context: SeedContext) -> str:
    return f"{context.rng.choice(STREETS)} {context.rng.randint(1, 120)}"


@seeder("organisations", after=("territory",))
def seed_organisations(context: SeedContext) -> None:
    organisations: dict[str, Organisation] = {}
    municipalities_by_org: dict[int, Municipality] = {}
    for district_index, district in enumerate(context.shared["districts"]):
        micros = list(
            MicroTerritory.objects.filter(district=district)
            .prefetch_related("municipalities")
            .order_by("code")
        )
        for micro in micros:
            micro.member_list = list(micro.municipalities.all())
        names = {
            "district": district.name.replace("Ambito distrettuale di ", "Ambito di "),
            "lead": district.lead_municipality.name,
        }
        bodies = DISTRICT_BODIES + (PROVINCE_BODIES if district_index == 0 else [])
        for key, pattern, kind, sites in bodies:
            organisation = create_organisation(
                actor=None,
                name=pattern.format(**names),
                kind=kind,
                district=district,
                email=f"{key}.{district.code}@demo.intreccio.it",
                phone=context.faker.phone_number(),
                description="",
                micro_territories=micros if kind != K.EMPLOYER else [],
                data_protection_email=f"privacy.{key}.{district.code}@demo.intreccio.it",
            )
            organisations[f"{key}:{district.code}"] = organisation
            for site_name, access_kind, where in sites:
                municipality, micro = _place(district, where, micros)
                create_site(
                    organisation,
                    actor=None,
                    name=site_name,
                    address=_address(context),
                    municipality=municipality,
                    micro_territory=micro,
                    access_point_kind=access_kind,
                    latitude=micro.latitude or municipality.latitude,
                    longitude=micro.longitude or municipality.longitude,
                )
        for municipality in district.municipalities.order_by("name"):
            organisation = create_organisation(
                actor=None,
                name=f"Comune di {municipality.name}",
                kind=K.MUNICIPALITY,
                district=district,
                email=f"servizisociali.{municipality.istat_code}@demo.intreccio.it",
                tax_code=f"00{municipality.istat_code}000",
                micro_territories=[m for m in micros if municipality in m.member_list],
                data_protection_email=f"dpo.{municipality.istat_code}@demo.intreccio.it",
            )
            organisations[f"municipality:{municipality.istat_code}"] = organisation
            municipalities_by_org[organisation.pk] = municipality
            own_micros = [m for m in micros if municipality in m.member_list]
            for micro in own_micros:
                label = micro.name.split("– ")[-1] if len(own_micros) > 1 else ""
                create_site(
                    organisation,
                    actor=None,
                    name=f"Segretariato sociale{' – ' + label if label else ''}",
                    address=_address(context),
                    municipality=municipality,
                    micro_territory=micro,
                    access_point_kind=A.SOCIAL_SECRETARIAT,
                    latitude=micro.latitude or municipality.latitude,
                    longitude=micro.longitude or municipality.longitude,
                )
        context.progress("districts", district_index + 1, len(context.shared["districts"]))
    context.shared["organisations"] = organisations
    context.shared["municipality_of_organisation"] = municipalities_by_org
    context.stdout.write(f"  {len(organisations)} organisations\n")
