"""First journey: every role logs in and lands on its home.

Every page visited is axe-clean and raises no CSP violation.
"""

import pytest

from conftest import PASSWORD
from intreccio.accounts.actions import add_operator, set_initial_password
from intreccio.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _operator_with_role(network, role):
    user = add_operator(
        actor=network.sara,
        organisation=network.planning,
        email=f"{role}@test.intreccio.it",
        given_name="Prova",
        family_name=role.replace("_", " ").title(),
        roles=[role],
    )
    return set_initial_password(user, actor=None, raw_password=PASSWORD)


def test_every_role_lands_on_its_home(page, network, browser_login, assert_accessible):
    personas = {
        Role.SYSTEM_ADMIN: network.sara,
        Role.ORGANISATION_ADMIN: network.laura,
        Role.CASE_LEAD: network.ana,
        Role.ACCESS_POINT_OPERATOR: network.carla,
        Role.SUPERVISOR: network.diana,
        Role.PLANNING_ANALYST: network.paolo,
    }
    for role in sorted(set(Role.values) - set(personas)):
        personas[role] = _operator_with_role(network, role)
    assert set(personas) == set(Role.values)

    for role, user in personas.items():
        browser_login(page, user)
        assert page.locator("h1").inner_text() == f"Buongiorno, {user.given_name}"
        assert page.locator("#panel-my-organisation").is_visible(), role
        if role == Role.ORGANISATION_ADMIN:
            assert page.locator("#panel-org-admin").is_visible()
        if role == Role.SYSTEM_ADMIN:
            assert page.locator("#panel-system-admin").is_visible()
        assert_accessible(page)
        page.locator("header form[action='/uscita/'] button").click()
        page.wait_for_url(page.base_url + "/accesso/")


def test_admin_pages_are_accessible(page, network, browser_login, assert_accessible):
    browser_login(page, network.sara)
    for path in (
        "/operatori/",
        f"/operatori/{network.laura.pk}/",
        "/equipe/",
        "/enti/",
        f"/enti/{network.comune.pk}/",
        f"/enti/{network.comune.pk}/modifica/",
        "/territorio/",
        "/profilo/",
        "/operatori/nuovo/",
        "/accessibilita/",
        "/privacy/",
    ):
        page.goto(page.base_url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    page.goto(page.base_url + "/territorio/")
    page.wait_for_selector("#territory-map path.leaflet-interactive")
    assert (
        page.locator("#territory-map path.leaflet-interactive").count() == 32 + 4
    )  # municipalities + neighbourhood points


def test_an_admin_adds_an_operator_through_the_form(page, network, browser_login, assert_accessible):
    browser_login(page, network.laura)
    page.goto(page.base_url + "/operatori/nuovo/")
    page.fill("#id_email", "nuova@comune.it")
    page.fill("#id_given_name", "Nuova")
    page.fill("#id_family_name", "Operatrice")
    page.get_by_text("Case manager (assistente sociale)").click()  # Bootstrap Italia styles the label
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Nuova Operatrice ora lavora per Comune di Lecco.")
    assert page.locator("h1").inner_text() == "Nuova Operatrice"
    assert_accessible(page)
    page.goto(page.base_url + "/operatori/nuovo/")
    page.click("main form button[type=submit]")
    assert page.locator("#id_email_error").inner_text() == "Questo campo è obbligatorio."
    assert_accessible(page)
