"""Operator journeys on the directory: free places near a person, one's own entries, the needs.

(The referral from a found service arrives with the referrals issue.)
"""

import pytest

from conftest import build_directory
from intreccio.directory.models import Capacity, Need, Service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operator_finds_a_service_with_free_places_near_a_person(
    page, network, browser_login, assert_accessible
):
    build_directory(network)
    browser_login(page, network.carla)
    page.get_by_role("link", name="Servizi e luoghi").first.click()
    assert_accessible(page)
    page.fill("#id_vicino", "Germanedo")
    page.get_by_text("Con posti disponibili").click()
    page.click("form[role=search] button[type=submit]")
    rows = page.locator("#directory-results tbody tr")
    assert rows.count() == 1
    assert "Emporio solidale" in rows.first.inner_text()
    assert "5/20 tessere" in rows.first.locator("td.capacity").inner_text()
    assert_accessible(page)
    rows.first.get_by_role("link", name="Emporio solidale").click()
    assert page.locator("#capacity-status").inner_text().startswith("Posti disponibili")
    assert page.get_by_role("link", name="Proponi una modifica").count() == 1
    assert_accessible(page)


def test_an_organisation_admin_updates_capacity_and_confirms_the_entry(
    page, network, browser_login, assert_accessible
):
    directory = build_directory(network)
    browser_login(page, network.sara)
    page.goto(f"{page.base_url}/servizi/{directory.shelter.pk}/")
    page.fill("#id_unit", "posti letto")
    page.fill("#id_available", "2")
    page.fill("#id_maximum", "10")
    page.get_by_role("button", name="Aggiorna la disponibilità").click()
    page.wait_for_selector("text=Disponibilità aggiornata.")
    assert Capacity.objects.get(service=directory.shelter).available == 2
    page.get_by_role("button", name="Confermo che è aggiornato").click()
    page.wait_for_selector("text=Grazie: la scheda risulta verificata oggi.")
    assert Service.objects.get(pk=directory.shelter.pk).last_verified_by == network.sara
    assert_accessible(page)
    for path in (
        f"/servizi/{directory.shelter.pk}/modifica/",
        f"/servizi/{directory.shelter.pk}/orari/",
        f"/servizi/{directory.shelter.pk}/traduzioni/ar/",
        "/servizi/luoghi/",
        f"/servizi/luoghi/{directory.oratory.pk}/",
        "/servizi/proposte/",
        "/servizi/da-verificare/",
    ):
        page.goto(page.base_url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_the_system_admin_adds_a_need_with_its_translations(page, network, browser_login, assert_accessible):
    browser_login(page, network.sara)
    page.goto(page.base_url + "/servizi/bisogni/")
    assert_accessible(page)
    page.get_by_role("link", name="Nuovo bisogno").click()
    page.fill("#id_code", "transport")
    page.fill("#id_label", "Trasporti")
    page.fill("#id_label_ar", "النقل")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Bisogno salvato.")
    assert Need.objects.get(code="transport").translations == {"ar": "النقل"}
    assert_accessible(page)
