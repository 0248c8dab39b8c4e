"""Demo seed: a system administrator, one demo account per role, synthetic operators and teams.

Demo accounts log in with settings.INTRECCIO_DEMO_PASSWORD; every other
operator is synthetic (Faker names) and has no usable password.
"""

import unicodedata

from django.conf import settings

from intreccio.core.roles import Role
from intreccio.core.seeding import SeedContext, seeder
from intreccio.organisations.models import Organisation

from .actions import (
    add_operator,
    bootstrap_system_admin,
    create_team,
    give_demo_authenticator,
    set_initial_password,
)
from .models import User

K = Organisation.Kind

# (e-mail, given name, family name, organisation key, roles, what the account shows)
DEMO_ACCOUNTS = [
    (
        "sistema@demo.intreccio.it",
        "Sara",
        "Colombo",
        "planning:lecco",
        [Role.SYSTEM_ADMIN],
        "amministratrice di sistema: enti, territorio, configurazione",
    ),
    (
        "admin.ente@demo.intreccio.it",
        "Laura",
        "Panzeri",
        "municipality:097042",
        [Role.ORGANISATION_ADMIN],
        "amministratrice del Comune di Lecco: operatori, équipe, sedi",
    ),
    (
        "regia@demo.intreccio.it",
        "Anna",
        "Invernizzi",
        "municipality:097042",
        [Role.CASE_LEAD],
        "assistente sociale del Comune di Lecco, case manager",
    ),
    (
        "coordinamento@demo.intreccio.it",
        "Davide",
        "Crippa",
        "municipality:097042",
        [Role.SUPERVISOR],
        "coordinatore del servizio sociale del Comune di Lecco",
    ),
    (
        "privacy@demo.intreccio.it",
        "Dario",
        "Negri",
        "municipality:097042",
        [Role.DATA_PROTECTION_OFFICER],
        "referente privacy del Comune di Lecco: allerte sugli accessi",
    ),
    (
        "sportello@demo.intreccio.it",
        "Chiara",
        "Airoldi",
        "caritas:lecco",
        [Role.ACCESS_POINT_OPERATOR],
        "operatrice del centro di ascolto Caritas",
    ),
    (
        "servizio@demo.intreccio.it",
        "Luca",
        "Spreafico",
        "casacomune:lecco",
        [Role.SERVICE_OPERATOR],
        "operatore della cooperativa Casa Comune (accoglienza)",
    ),
    (
        "casa@demo.intreccio.it",
        "Elena",
        "Rota",
        "planning:lecco",
        [Role.HOUSING_OFFICER],
        "operatrice dell'agenzia per l'abitare",
    ),
    (
        "lavoro@demo.intreccio.it",
        "Marco",
        "Valsecchi",
        "planning:lecco",
        [Role.EMPLOYMENT_OFFICER],
        "operatore per l'inserimento lavorativo",
    ),
    (
        "fondo@demo.intreccio.it",
        "Giovanna",
        "Bonacina",
        "planning:lecco",
        [Role.FUND_COMMITTEE_MEMBER],
        "membro del comitato del fondo di solidarietà",
    ),
    (
        "analisi@demo.intreccio.it",
        "Paolo",
        "Mauri",
        "planning:lecco",
        [Role.PLANNING_ANALYST],
        "analista dell'Ufficio di Piano (solo dati aggregati)",
    ),
]

# Synthetic staff per organisation kind: role → how many (× scale where marked).
STAFF = {
    K.PLANNING_OFFICE: {
        Role.PLANNING_ANALYST: 2,
        Role.HOUSING_OFFICER: 2,
        Role.EMPLOYMENT_OFFICER: 2,
        Role.FUND_COMMITTEE_MEMBER: 3,
    },
    K.CHARITY: {Role.ACCESS_POINT_OPERATOR: ("scale", 4), Role.SERVICE_OPERATOR: 2},
    K.ASSOCIATION: {Role.ACCESS_POINT_OPERATOR: 1, Role.SERVICE_OPERATOR: ("scale", 2)},
    K.COOPERATIVE: {Role.SERVICE_OPERATOR: ("scale", 3), Role.SUPERVISOR: 1},
    K.HEALTH_SERVICE: {
        Role.SERVICE_OPERATOR: ("scale", 4),
        Role.ACCESS_POINT_OPERATOR: ("scale", 2),
        Role.CASE_LEAD: 2,
        Role.SUPERVISOR: 1,
    },
    K.PUBLIC_HOUSING: {Role.HOUSING_OFFICER: 2, Role.SERVICE_OPERATOR: 1},
    K.EMPLOYMENT_SERVICE: {Role.EMPLOYMENT_OFFICER: 3},
    K.SCHOOL: {Role.ACCESS_POINT_OPERATOR: 1},
    K.FOUNDATION: {Role.FUND_COMMITTEE_MEMBER: 1},
    K.EMPLOYER: {},
}


def _municipal_staff(population: int) -> dict:
    if population >= 20_000:
        return {Role.CASE_LEAD: ("scale", 4), Role.ACCESS_POINT_OPERATOR: 2, Role.SUPERVISOR: 1}
    if population >= 5_000:
        return {Role.CASE_LEAD: 1, Role.ACCESS_POINT_OPERATOR: 1}
    return {}  # one social worker who does everything (added as the admin with extra roles)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in ascii_text.lower() if c.isalnum())


class OperatorFactory:
    def __init__(self, context: SeedContext):
        self.context = context
        self.count = 0

    def add(self, actor, organisation, roles) -> User:
        faker = self.context.faker
        given, family = faker.first_name(), faker.last_name()
        self.count += 1
        email = f"{_slug(given)}.{_slug(family)}.{self.count}@demo.intreccio.it"
        return add_operator(
            actor=actor,
            organisation=organisation,
            email=email,
            given_name=given,
            family_name=family,
            roles=roles,
            phone=faker.phone_number(),
        )


def _expand(staff: dict, scale: int) -> list[str]:
    roles = []
    for role, count in staff.items():
        if isinstance(count, tuple):
            count = count[1] * scale
        roles += [role] * count
    return roles


@seeder("accounts", after=("organisations",))
def seed_accounts(context: SeedContext) -> None:
    organisations = context.shared["organisations"]
    municipality_of = context.shared["municipality_of_organisation"]
    demo_by_org: dict[str, list] = {}
    for account in DEMO_ACCOUNTS:
        demo_by_org.setdefault(account[3], []).append(account)

    system_email, given, family, org_key, _roles, _note = DEMO_ACCOUNTS[0]
    system_admin = bootstrap_system_admin(
        organisation=organisations[org_key],
        email=system_email,
        given_name=given,
        family_name=family,
        password=settings.INTRECCIO_DEMO_PASSWORD,
    )
    give_demo_authenticator(system_admin, actor=None, key=settings.INTRECCIO_DEMO_TOTP_KEY)
    factory = OperatorFactory(context)
    staff_by_org: dict[int, dict[str, list[User]]] = {}
    total = len(organisations)
    for index, (key, organisation) in enumerate(sorted(organisations.items()), start=1):
        staff: dict[str, list[User]] = {}
        demo_here = [a for a in demo_by_org.get(key, []) if a[0] != system_email]
        demo_admin = next((a for a in demo_here if Role.ORGANISATION_ADMIN in a[4]), None)
        municipality = municipality_of.get(organisation.pk)
        small_municipality = municipality is not None and (municipality.population or 0) < 5_000
        admin_roles = [Role.ORGANISATION_ADMIN] + (
            [Role.CASE_LEAD, Role.ACCESS_POINT_OPERATOR] if small_municipality else []
        )
        if demo_admin:
            admin = add_operator(
                actor=system_admin,
                organisation=organisation,
                email=demo_admin[0],
                given_name=demo_admin[1],
                family_name=demo_admin[2],
                roles=admin_roles,
            )
            set_initial_password(admin, actor=None, raw_password=settings.INTRECCIO_DEMO_PASSWORD)
            give_demo_authenticator(admin, actor=None, key=settings.INTRECCIO_DEMO_TOTP_KEY)
        else:
            admin = factory.add(system_admin, organisation, admin_roles)
        for role in admin_roles:
            staff.setdefault(role, []).append(admin)
        for email, given, family, _key, roles, _note in demo_here:
            if demo_admin and email == demo_admin[0]:
                continue
            user = add_operator(
                actor=admin,
                organisation=organisation,
                email=email,
                given_name=given,
                family_name=family,
                roles=roles,
            )
            set_initial_password(user, actor=None, raw_password=settings.INTRECCIO_DEMO_PASSWORD)
            give_demo_authenticator(user, actor=None, key=settings.INTRECCIO_DEMO_TOTP_KEY)
            for role in roles:
                staff.setdefault(role, []).append(user)
        wanted = (
            _municipal_staff(municipality.population or 0)
            if municipality
            else STAFF.get(organisation.kind, {})
        )
        for role in _expand(wanted, context.scale):
            staff.setdefault(role, []).append(factory.add(admin, organisation, [role]))
        staff_by_org[organisation.pk] = staff
        _seed_teams(context, organisation, admin, staff)
        context.progress("organisations staffed", index, total)
    context.shared["system_admin"] = system_admin
    context.shared["staff_by_organisation"] = staff_by_org
    context.stdout.write(f"  {factory.count + len(DEMO_ACCOUNTS)} operators\n")


def _seed_teams(context: SeedContext, organisation, admin, staff: dict[str, list[User]]) -> None:
    micros = list(organisation.micro_territories.order_by("code"))
    supervisor = (staff.get(Role.SUPERVISOR) or [admin])[0]
    if organisation.kind == K.MUNICIPALITY:
        workers = staff.get(Role.CASE_LEAD, []) + staff.get(Role.ACCESS_POINT_OPERATOR, [])
        if len(micros) > 1:
            for index, micro in enumerate(micros):
                members = [w for position, w in enumerate(workers) if position % len(micros) == index]
                create_team(
                    actor=admin,
                    organisation=organisation,
                    name=f"Servizio sociale – {micro.name.split('– ')[-1]}",
                    supervisor=supervisor,
                    members=members,
                    micro_territories=[micro],
                )
        else:
            create_team(
                actor=admin,
                organisation=organisation,
                name="Servizio sociale di base",
                supervisor=supervisor,
                members=workers,
                micro_territories=micros,
            )
    elif organisation.kind == K.PLANNING_OFFICE:
        for name, role in (
            ("Agenzia per l'abitare", Role.HOUSING_OFFICER),
            ("Équipe inserimento lavorativo", Role.EMPLOYMENT_OFFICER),
            ("Comitato del fondo di solidarietà", Role.FUND_COMMITTEE_MEMBER),
        ):
            create_team(
                actor=admin,
                organisation=organisation,
                name=name,
                supervisor=admin,
                members=staff.get(role, []),
                micro_territories=micros,
            )
    elif organisation.kind == K.HEALTH_SERVICE:
        services = staff.get(Role.SERVICE_OPERATOR, [])
        half = len(services) // 2
        create_team(
            actor=admin,
            organisation=organisation,
            name="Équipe salute mentale (CPS)",
            supervisor=supervisor,
            members=services[:half] + staff.get(Role.CASE_LEAD, []),
            micro_territories=micros,
        )
        create_team(
            actor=admin,
            organisation=organisation,
            name="Équipe dipendenze (SerD)",
            supervisor=supervisor,
            members=services[half:],
            micro_territories=micros,
        )
        create_team(
            actor=admin,
            organisation=organisation,
            name="Infermieri di famiglia e comunità",
            supervisor=supervisor,
            members=staff.get(Role.ACCESS_POINT_OPERATOR, []),
            micro_territories=micros,
        )
    elif organisation.kind != K.EMPLOYER:
        members = [user for users in staff.values() for user in users if user != admin]
        if members:
            create_team(
                actor=admin,
                organisation=organisation,
                name="Operatori",
                supervisor=supervisor,
                members=list(dict.fromkeys(members)),
                micro_territories=micros,
            )
