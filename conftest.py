"""Project-wide fixtures: the territory, the demo network and its personas, the browser.

Personas (built through the real actions, each with what it may see):

- sara    system administrator (Ufficio di Piano): organisations, territory, everything administrative.
- laura   organisation admin of the Comune di Lecco: its operators, teams and sites; no other organisation's.
- ana     case lead (social worker) at the Comune di Lecco: works with persons; later issues give her cases.
- bruno   access-point operator at the Comune di Lecco: a colleague of ana, not on her cases.
- diana   supervisor of the Comune di Lecco's social service team.
- carla   access-point operator of another organisation (Caritas): sees only what a relationship allows.
- paolo   planning analyst (Ufficio di Piano): aggregated data only, never a person.

Persons served (who consented to sharing and who did not) join with the people app.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API keeps an event loop in the test thread; the ORM calls
# made by fixtures there are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery staple"


def _load_reference_data():
    """The territory and the needs taxonomy: configuration every test reads."""
    from intreccio.directory.actions import load_needs_taxonomy
    from intreccio.directory.models import Need
    from intreccio.territory.actions import load_territory
    from intreccio.territory.models import Municipality

    if not Municipality.objects.exists():
        load_territory(settings.INTRECCIO_TERRITORY_CONFIG, actor=None)
    if not Need.objects.exists():
        load_needs_taxonomy(actor=None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once; tests that change it run in their own transaction."""
    with django_db_blocker.unblock():
        _load_reference_data()


@pytest.fixture
def territory(db):
    """The Ambito di Lecco (reference data reloaded after a transactional test flushed it)."""
    _load_reference_data()
    from intreccio.territory.models import District

    return District.objects.get(code="lecco")


@dataclass
class Network:
    district: object
    comune: object  # Comune di Lecco
    caritas: object  # Caritas, another organisation
    planning: object  # Ufficio di Piano
    sara: object
    laura: object
    ana: object
    bruno: object
    diana: object
    carla: object
    paolo: object
    team: object  # the Comune's social service team (ana, bruno; supervisor diana)


def build_network(district) -> Network:
    from intreccio.accounts.actions import (
        add_operator,
        bootstrap_system_admin,
        create_team,
        set_initial_password,
    )
    from intreccio.core.roles import Role
    from intreccio.organisations.actions import create_organisation, create_site
    from intreccio.organisations.models import Organisation, Site
    from intreccio.territory.models import MicroTerritory, Municipality

    lecco = Municipality.objects.get(name="Lecco")
    centro = MicroTerritory.objects.get(code="lecco-centro")
    micros = list(MicroTerritory.objects.filter(district=district))
    planning = create_organisation(
        actor=None,
        name="Ufficio di Piano – Ambito di Lecco",
        kind=Organisation.Kind.PLANNING_OFFICE,
        district=district,
        micro_territories=micros,
    )
    comune = create_organisation(
        actor=None,
        name="Comune di Lecco",
        kind=Organisation.Kind.MUNICIPALITY,
        district=district,
        micro_territories=[m for m in micros if m.code.startswith("lecco-")],
        data_protection_email="dpo@comune.example.it",
    )
    caritas = create_organisation(
        actor=None,
        name="Caritas decanale di Lecco",
        kind=Organisation.Kind.CHARITY,
        district=district,
        micro_territories=micros,
    )
    create_site(
        comune,
        actor=None,
        name="Segretariato sociale – Centro",
        address="piazza Diaz 1",
        municipality=lecco,
        micro_territory=centro,
        access_point_kind=Site.AccessPointKind.SOCIAL_SECRETARIAT,
    )
    create_site(
        caritas,
        actor=None,
        name="Centro di ascolto",
        address="via Mascari 1",
        municipality=lecco,
        micro_territory=centro,
        access_point_kind=Site.AccessPointKind.LISTENING_CENTRE,
    )

    def operator(actor, organisation, email, given, family, roles):
        user = add_operator(
            actor=actor,
            organisation=organisation,
            email=email,
            given_name=given,
            family_name=family,
            roles=roles,
        )
        return set_initial_password(user, actor=None, raw_password=PASSWORD)

    sara = bootstrap_system_admin(
        organisation=planning,
        email="sara@test.intreccio.it",
        given_name="Sara",
        family_name="Colombo",
        password=PASSWORD,
    )
    laura = operator(sara, comune, "laura@test.intreccio.it", "Laura", "Panzeri", [Role.ORGANISATION_ADMIN])
    ana = operator(laura, comune, "ana@test.intreccio.it", "Ana", "Invernizzi", [Role.CASE_LEAD])
    bruno = operator(laura, comune, "bruno@test.intreccio.it", "Bruno", "Mauri", [Role.ACCESS_POINT_OPERATOR])
    diana = operator(laura, comune, "diana@test.intreccio.it", "Diana", "Crippa", [Role.SUPERVISOR])
    caritas_admin = add_operator(
        actor=sara,
        organisation=caritas,
        email="admin@caritas.test.intreccio.it",
        given_name="Piero",
        family_name="Sala",
        roles=[Role.ORGANISATION_ADMIN],
    )
    carla = operator(
        caritas_admin, caritas, "carla@test.intreccio.it", "Carla", "Airoldi", [Role.ACCESS_POINT_OPERATOR]
    )
    paolo = operator(sara, planning, "paolo@test.intreccio.it", "Paolo", "Rota", [Role.PLANNING_ANALYST])
    team = create_team(
        actor=laura,
        organisation=comune,
        name="Servizio sociale – Centro",
        supervisor=diana,
        members=[ana, bruno],
        micro_territories=[centro],
    )
    return Network(
        district=district,
        comune=comune,
        caritas=caritas,
        planning=planning,
        sara=sara,
        laura=laura,
        ana=ana,
        bruno=bruno,
        diana=diana,
        carla=carla,
        paolo=paolo,
        team=team,
    )


@pytest.fixture
def network(territory) -> Network:
    return build_network(territory)


# Personas' authenticator apps share this TOTP key (hex), so fixtures can type codes.
PERSONA_TOTP_KEY = "706572736f6e612d746f74702d6b65792d2d2d21"


def persona_device(user):
    """The persona's confirmed authenticator device (created on first use)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", key=PERSONA_TOTP_KEY, confirmed=True)
    return device


def persona_code(user) -> str:
    """A valid, not yet used code of the persona's authenticator app."""
    from intreccio.accounts.twofactor import totp_code

    device = persona_device(user)
    device.refresh_from_db()
    return totp_code(device)


@pytest.fixture
def client_for(client):
    """Log a persona in on the test client, second factor included: client_for(network.ana).

    client_for(user, verified=False) stops after the password (a half-open session).
    """
    from django_otp import DEVICE_ID_SESSION_KEY

    def login(user, *, verified: bool = True):
        client.force_login(user)
        if verified:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = persona_device(user).persistent_id
            session.save()
        return client

    return login


# --- browser -------------------------------------------------------------------------------

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE = Path(settings.BASE_DIR) / "static/vendor/axe-core/axe.min.js"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never `playwright install`).

    Without Chromium the browser tests are skipped with the reason, or fail
    when REQUIRE_BROWSER=1 (CI).
    """
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1: {message}")
        pytest.skip(f"browser tests skipped: {message}")

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server, settings):
    """A fresh browser tab (Italian locale) that fails the test on any CSP violation or script error."""
    # live_server serves static files through the finders: plain storage, no manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(locale="it-IT", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.add_init_script(
        "window.__csp=[];document.addEventListener('securitypolicyviolation',"
        "e=>window.__csp.push(e.violatedDirective+' '+e.blockedURI))"
    )
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.base_url = live_server.url
    yield tab
    violations = tab.evaluate("window.__csp || []") if not tab.is_closed() else []
    context.close()
    assert violations == [], f"Content-Security-Policy violations: {violations}"
    assert errors == [], f"JavaScript errors: {errors}"


def axe_violations(tab) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations on the current page (axe-core)."""
    tab.evaluate(AXE_SOURCE.read_text() + "\n;0")
    result = tab.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: "tag",
             values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})).violations
             .filter(v => ["serious", "critical"].includes(v.impact))
             .map(v => ({id: v.id, impact: v.impact, help: v.help,
                         nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
    )
    return result


@pytest.fixture
def assert_accessible():
    def check(tab):
        violations = axe_violations(tab)
        assert violations == [], f"axe found serious/critical WCAG violations on {tab.url}: {violations}"

    return check


@pytest.fixture
def browser_login():
    """Log a persona in through the pages: password, then the code of their authenticator app."""

    def login(tab, user, password: str = PASSWORD):
        persona_device(user)
        tab.goto(tab.base_url + "/accesso/")
        tab.fill("#id_username", user.email)
        tab.fill("#id_password", password)
        tab.click("main form button[type=submit]")
        tab.wait_for_url(tab.base_url + "/accesso/verifica/**")
        tab.fill("#id_code", persona_code(user))
        tab.click("main form button[type=submit]")
        tab.wait_for_url(tab.base_url + "/")

    return login


# --- trust: data-protection contact, security figures ------------------------------------------


@pytest.fixture
def dpo(network):
    """Dario, the Comune di Lecco's data-protection contact (reads the anomaly alerts)."""
    from intreccio.accounts.actions import add_operator, set_initial_password
    from intreccio.core.roles import Role

    user = add_operator(
        actor=network.laura,
        organisation=network.comune,
        email="dario@test.intreccio.it",
        given_name="Dario",
        family_name="Negri",
        roles=[Role.DATA_PROTECTION_OFFICER],
    )
    return set_initial_password(user, actor=None, raw_password=PASSWORD)


class SecurityFigures:
    """Figures a test measured, for security-report.json (written when SECURITY_REPORT_DIR is set)."""

    def __init__(self, directory):
        self.directory = Path(directory) if directory else None

    def record(self, name: str, figures: dict) -> None:
        import json

        if self.directory is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        vendor = __import__("django.db", fromlist=["connection"]).connection.vendor
        path = self.directory / f"{name}.{vendor}.json"
        path.write_text(json.dumps(figures, indent=2, sort_keys=True, default=str))


@pytest.fixture(scope="session")
def security_figures():
    return SecurityFigures(os.environ.get("SECURITY_REPORT_DIR"))


def many_reads_alert(actor, organisation, persons: int = 30):
    """Raise a "many persons" alert: `actor` read `persons` distinct persons in the last 40 minutes."""
    import datetime

    from django.utils import timezone

    from intreccio.audit.anomalies import detect
    from intreccio.audit.models import AuditEntry

    start = timezone.now() - datetime.timedelta(minutes=40)
    for person in range(persons):
        AuditEntry.objects.create(
            occurred_at=start + datetime.timedelta(seconds=person),
            actor=actor,
            actor_label=str(actor),
            organisation=organisation,
            action=AuditEntry.Action.READ,
            target_type="people.person",
            target_id=str(9000 + person),
            person_id=9000 + person,
            channel="web",
        )
    return next(alert for alert in detect() if alert.kind == "many_persons")


# --- directory (services and places) -------------------------------------------------------


@dataclass
class DirectoryFixture:
    """A small map of the network, built through the directory's actions.

    - social_service  Comune di Lecco, income and housing, it/en/ar, free, Mon–Fri 9–12 at the
                      Comune's site in Lecco centre (step-free); translated into Arabic.
    - food_bank       Caritas, food, 5 of 20 cards free, Tue and Sat 9–12 at Caritas (Lecco centre).
    - shelter         Caritas, homelessness, from 18, no beds free, every evening 19:30–23 in Germanedo.
    - oratory         a meeting place in Germanedo (Lecco south) with a Tuesday walking group.
    """

    food: object
    housing: object
    homelessness: object
    town_hall: object
    caritas_site: object
    germanedo: object
    oratory: object
    social_service: object
    food_bank: object
    shelter: object


def build_directory(network) -> DirectoryFixture:
    import datetime

    from intreccio.directory import actions
    from intreccio.directory.models import Location, Need
    from intreccio.territory.models import MicroTerritory, Municipality

    lecco = Municipality.objects.get(name="Lecco")
    centro = MicroTerritory.objects.get(code="lecco-centro")
    sud = MicroTerritory.objects.get(code="lecco-sud")
    needs = {need.code: need for need in Need.objects.all()}

    def place(organisation, name, micro, **extra):
        return actions.create_location(
            actor=None,
            organisation=organisation,
            name=name,
            municipality=lecco,
            micro_territory=micro,
            latitude=micro.latitude,
            longitude=micro.longitude,
            coordinates_precision="micro_territory",
            address={
                "address_1": extra.pop("street", "piazza Diaz 1"),
                "city": "Lecco",
                "state_province": "LC",
                "postal_code": "23900",
                "country": "IT",
            },
            **extra,
        )

    def hours(target, days, opens, closes, **extra):
        actions.add_schedule(
            target,
            actor=None,
            freq="WEEKLY",
            byday=days,
            opens_at=datetime.time.fromisoformat(opens),
            closes_at=datetime.time.fromisoformat(closes),
            **extra,
        )

    town_hall = place(network.comune, "Municipio – Segretariato sociale", centro, step_free_access=True)
    caritas_site = place(network.caritas, "Centro di ascolto Caritas", centro, street="via Mascari 1")
    germanedo = place(network.caritas, "Casa Betania", sud, street="via Germanedo 12")
    oratory = place(
        None, "Oratorio di Germanedo", sud, place_kind=Location.PlaceKind.ORATORY, street="via Belfiore 3"
    )
    walk = actions.create_activity(
        oratory, actor=None, name="Gruppo di cammino", description="Si cammina insieme."
    )
    hours(walk, "TU", "09:00", "10:00")

    social_service = actions.create_service(
        network.comune,
        actor=None,
        name="Servizio sociale di base",
        description="Le assistenti sociali del comune: ascolto, orientamento, contributi economici.",
        eligibility_description="Residenti a Lecco.",
        free_of_charge=True,
        needs=[needs["income"], needs["housing"]],
        micro_territories=[centro],
        languages=["it", "en", "ar"],
    )
    link = actions.link_service_to_location(social_service, town_hall, actor=None)
    hours(link, "MO,TU,WE,TH,FR", "09:00", "12:00")
    actions.save_translation(
        social_service,
        "ar",
        actor=None,
        name="الخدمة الاجتماعية الأساسية",
        description="الأخصائيون الاجتماعيون في البلدية.",
    )

    food_bank = actions.create_service(
        network.caritas,
        actor=None,
        name="Emporio solidale",
        description="Un supermercato gratuito con tessera a punti per le famiglie in difficoltà.",
        free_of_charge=True,
        needs=[needs["food"]],
        languages=["it", "fr"],
    )
    hours(actions.link_service_to_location(food_bank, caritas_site, actor=None), "TU,SA", "09:00", "12:00")
    actions.update_capacity(food_bank, actor=None, unit="tessere", available=5, maximum=20)

    shelter = actions.create_service(
        network.caritas,
        actor=None,
        name="Accoglienza notturna",
        description="Posti letto per la notte per persone senza dimora, con cena e colazione.",
        minimum_age=18,
        needs=[needs["homelessness"]],
    )
    hours(
        actions.link_service_to_location(shelter, germanedo, actor=None),
        "MO,TU,WE,TH,FR,SA,SU",
        "19:30",
        "23:00",
        closed_on_public_holidays=False,
    )
    actions.update_capacity(shelter, actor=None, unit="posti letto", available=0, maximum=10)
    return DirectoryFixture(
        food=needs["food"],
        housing=needs["housing"],
        homelessness=needs["homelessness"],
        town_hall=town_hall,
        caritas_site=caritas_site,
        germanedo=germanedo,
        oratory=oratory,
        social_service=social_service,
        food_bank=food_bank,
        shelter=shelter,
    )


@pytest.fixture
def directory(network) -> DirectoryFixture:
    return build_directory(network)


def account_without_roles(network):
    """Nora: a Comune account whose roles were all removed (not an operator: deny by default)."""
    from intreccio.accounts.actions import add_operator, set_operator_roles
    from intreccio.core.roles import Role

    user = add_operator(
        actor=network.laura,
        organisation=network.comune,
        email="nora@test.intreccio.it",
        given_name="Nora",
        family_name="Senzaruolo",
        roles=[Role.CASE_LEAD],
    )
    set_operator_roles(user, actor=network.laura, organisation=network.comune, roles=[])
    return user


@pytest.fixture
def no_role(network):
    return account_without_roles(network)
