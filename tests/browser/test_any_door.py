"""The any-door journey (issue 3), in a real browser, with an accessibility scan on every page.

A third-sector listening centre meets a new person and records the intake →
it is routed to the Comune's social service team with the urgent deadline →
a case lead takes the person in charge → another organisation's access point
meets the same person, finds them by a misspelled name, learns only who the
lead is, and records a new intake that lands in the lead's inbox.
"""

import datetime

import pytest
from django.utils import timezone

from conftest import PASSWORD
from intreccio.cases.models import Case
from intreccio.core.calendar import add_working_days
from intreccio.intake.models import Intake
from intreccio.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_door(network):
    """Marta, access-point operator at a cooperative that has never met the person."""
    from intreccio.accounts.actions import add_operator, set_initial_password
    from intreccio.core.roles import Role
    from intreccio.organisations.actions import create_organisation
    from intreccio.organisations.models import Organisation

    cooperative = create_organisation(
        actor=None,
        name="Cooperativa Il Germoglio",
        kind=Organisation.Kind.COOPERATIVE,
        district=network.district,
    )
    marta = add_operator(
        actor=network.sara,
        organisation=cooperative,
        email="marta@test.intreccio.it",
        given_name="Marta",
        family_name="Redaelli",
        roles=[Role.ACCESS_POINT_OPERATOR],
    )
    return set_initial_password(marta, actor=None, raw_password=PASSWORD)


@pytest.fixture
def district_routing(network):
    """The district default: every intake without a more specific rule goes to the Comune's team."""
    from intreccio.intake.actions import create_routing_rule

    return create_routing_rule(actor=network.sara, team=network.team)


def test_any_door_to_one_lead(
    page, network, second_door, district_routing, browser_login, assert_accessible, live_server
):
    # 1. Carla, listening centre of Caritas: the person is new to the network.
    browser_login(page, network.carla)
    page.goto(f"{live_server.url}/persone/cerca/?q=Haddad+Fatima")
    assert_accessible(page)
    assert "Nessuna persona corrisponde" in page.locator("#people-results").inner_text()
    page.goto(f"{live_server.url}/persone/nuova/")
    page.fill("#id_given_names", "Fatima")
    page.fill("#id_surnames", "Haddad")
    page.fill("#id_phone", "+39 333 123 4567")
    assert_accessible(page)
    page.get_by_role("button", name="Registra").click()
    person = Person.objects.get(surnames="Haddad")
    page.wait_for_url(f"**/persone/{person.pk}/")
    assert_accessible(page)

    page.get_by_role("link", name="Registra un accesso").first.click()
    page.get_by_label("Casa e abitare").check(force=True)
    page.get_by_label("Urgente").check(force=True)
    page.select_option("#id_micro_territory", label="Lecco – Centro e Pescarenico")
    page.fill("#id_narrative", "Sfratto esecutivo tra dieci giorni, due figli piccoli.")
    assert_accessible(page)
    page.locator("main form button[type=submit]").first.click()
    first = Intake.objects.get(person=person)
    page.wait_for_url(f"**/accessi/{first.pk}/")
    assert_accessible(page)
    # Routed at once to the team responsible for the district, due in two working days.
    assert first.routed_to_team == network.team
    recorded_on = timezone.localtime(first.occurred_at).date()
    assert timezone.localtime(first.due_at).date() == add_working_days(recorded_on, 2)
    assert network.team.name in page.locator("main").inner_text()

    # 2. Ana, case lead in that team: the intake waits in her team's queue; she takes it in charge.
    page.context.clear_cookies()
    browser_login(page, network.ana)
    page.goto(f"{live_server.url}/accessi/coda/")
    assert_accessible(page)
    page.get_by_role("link", name="Fatima Haddad").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Prendi in carico").click()
    page.wait_for_load_state()
    case = Case.objects.get(person=person)
    assert (case.lead, case.status) == (network.ana, Case.Status.TO_ASSESS)
    assert_accessible(page)

    # 3. Marta, another organisation's door: a misspelled name finds the person, shows only the lead.
    page.context.clear_cookies()
    browser_login(page, second_door)
    page.goto(f"{live_server.url}/persone/cerca/?q=Fatma+Hadad")
    assert_accessible(page)
    results = page.locator("#people-search-results tbody").inner_text()
    assert "Persona conosciuta dalla rete" in results
    assert "Ana Invernizzi (Comune di Lecco)" in results
    assert "Haddad" not in results
    assert "333" not in results
    page.get_by_role("link", name="Registra un accesso").first.click()
    assert "Haddad" not in page.locator("main").inner_text()
    page.get_by_label("Alimentazione").check(force=True)
    page.select_option("#id_micro_territory", label="Lecco – Centro e Pescarenico")
    assert_accessible(page)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    second = Intake.objects.exclude(pk=first.pk).get(person=person)
    assert (second.routed_to_user, second.case) == (network.ana, case)

    # 4. Ana's inbox: the new intake from the other door is there.
    page.context.clear_cookies()
    browser_login(page, network.ana)
    page.goto(f"{live_server.url}/accessi/in-arrivo/")
    assert_accessible(page)
    inbox = page.locator("main").inner_text()
    assert "Fatima Haddad" in inbox
    assert page.locator(f"main a[href='/accessi/{second.pk}/']").count() >= 1
    assert second.due_at > timezone.now() - datetime.timedelta(minutes=5)
