"""Citizen journeys on the public portal, in Arabic (right to left) and in Italian.

A citizen finds a service open at a given time near an address for a need,
opens it, sees it on the map and asks to be contacted; the request is stored
and appears in the queue of the right organisation's operators. Every page
visited is axe-clean and raises no CSP violation.
"""

import pytest

from conftest import build_directory
from intreccio.portal.models import HelpRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TUESDAY_MORNING = "2026-12-01T10:30"


def search(page, lang, *, need, near, when=TUESDAY_MORNING):
    page.goto(f"{page.base_url}/portale/{lang}/cerca/")
    page.select_option("#id_bisogno", need)
    page.fill("#id_vicino", near)
    page.fill("#id_quando", when)
    page.click("form[role=search] button[type=submit]")
    page.wait_for_selector("#service-results")


def ask_for_help(page, *, need_label, phone_label, consent_label, name):
    page.select_option("#id_need", label=need_label)
    page.select_option("#id_municipality", label="Lecco")
    page.fill("#id_name", name)
    page.get_by_text(phone_label, exact=True).click()
    page.fill("#id_contact", "+39 333 1234567")
    page.get_by_text(consent_label).click()
    page.click("#help-form button[type=submit]")
    page.wait_for_selector("#receipt-code")
    return page.locator("#receipt-code").inner_text()


def test_a_citizen_in_arabic_finds_an_open_service_and_asks_for_help(
    page, network, browser_login, assert_accessible
):
    from intreccio.intake.actions import create_routing_rule

    directory = build_directory(network)
    # The district's default: intakes without a more specific rule go to the Comune's team.
    create_routing_rule(actor=network.sara, team=network.team)
    page.goto(page.base_url + "/portale/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "الخدمات والأماكن القريبة منك"
    assert_accessible(page)

    search(page, "ar", need="income", near="via Belfiore 3, Germanedo")
    results = page.locator("#service-results .result h3")
    assert results.all_inner_texts() == ["الخدمة الاجتماعية الأساسية"]
    assert (
        "2,1 كم · 40 دقيقة سيراً · 15 دقيقة بالدراجة (تقدير، ± 3 كم)"
        in page.locator("#service-results").inner_text()
    )
    assert_accessible(page)

    results.first.locator("a").click()
    page.wait_for_selector("#service-map path.leaflet-interactive")
    assert page.locator("h1").inner_text() == "الخدمة الاجتماعية الأساسية"
    assert page.locator("#service-map path.leaflet-interactive").count() == 1
    assert_accessible(page)

    page.click("#ask-help-link")
    assert page.locator("#id_language").input_value() == "ar"
    code = ask_for_help(
        page,
        need_label="الدخل والدعم المالي",
        phone_label="الهاتف",
        consent_label="أوافق على أن يتم التواصل معي",
        name="أمينة",
    )
    assert_accessible(page)
    request = HelpRequest.objects.get(receipt_code=code)
    assert (request.name, request.need.code, request.service, request.routed_organisation) == (
        "أمينة",
        "income",
        directory.social_service,
        network.comune,
    )

    # The Comune's access-point operator sees it in the portal queue and opens it.
    browser_login(page, network.bruno)
    page.goto(page.base_url + "/portale/operatori/richieste/")
    assert page.locator("#help-requests tbody th").all_inner_texts() == [code]
    assert_accessible(page)
    page.get_by_role("link", name=code).click()
    assert "+39 333 1234567" in page.locator("main").inner_text()
    assert_accessible(page)
    # …and as an intake in the queue of the team the district routes it to, with its deadline.
    from intreccio.intake.models import Intake

    intake = Intake.objects.get(source=Intake.Source.PORTAL)
    assert (intake.routed_to_team, intake.due_at is not None) == (network.team, True)
    page.goto(page.base_url + "/accessi/coda/")
    assert page.locator(f"main a[href='/accessi/{intake.pk}/']").count() >= 1
    assert_accessible(page)


def test_a_citizen_in_italian_finds_food_near_an_address_and_asks_the_service(
    page, network, browser_login, assert_accessible
):
    directory = build_directory(network)
    search(page, "it", need="food", near="23900")
    assert page.locator("#service-results .result h3").all_inner_texts() == ["Emporio solidale"]
    assert "Distanze stimate da Lecco" in page.locator("#origin-note").inner_text()
    page.get_by_role("link", name="Emporio solidale").click()
    page.wait_for_selector("#service-map path.leaflet-interactive")
    assert page.locator("#verified").inner_text() == "Informazioni non ancora verificate dall'ente."
    assert_accessible(page)
    page.click("#ask-help-link")
    code = ask_for_help(
        page,
        need_label="Alimentazione",
        phone_label="Telefono",
        consent_label="Acconsento a essere ricontattato",
        name="Giulia",
    )
    assert HelpRequest.objects.get(receipt_code=code).routed_organisation == directory.food_bank.organisation

    # Routed to Caritas: Caritas's operator sees it, the Comune's does not.
    browser_login(page, network.carla)
    page.goto(page.base_url + "/portale/operatori/richieste/")
    assert page.locator("#help-requests tbody th").all_inner_texts() == [code]
    page.locator("header form[action='/uscita/'] button").click()
    page.wait_for_url(page.base_url + "/accesso/")
    browser_login(page, network.bruno)
    page.goto(page.base_url + "/portale/operatori/richieste/")
    assert page.locator("#help-requests").count() == 0


@pytest.mark.parametrize("lang", ["it", "ar"])
def test_every_portal_page_is_accessible(page, network, assert_accessible, lang):
    directory = build_directory(network)
    micro = directory.oratory.micro_territory_id
    for path in (
        "",
        "cerca/?q=casa&vicino=Lecco",
        f"servizi/{directory.food_bank.pk}/",
        f"luoghi/{directory.oratory.pk}/",
        f"microterritori/{micro}/",
        "questa-settimana/",
        "chiedi-aiuto/",
        "accessibilita/",
        "privacy/",
    ):
        page.goto(f"{page.base_url}/portale/{lang}/{path}")
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page)
    page.goto(f"{page.base_url}/portale/{lang}/mappa/")
    page.wait_for_selector("#portal-map[data-points-loaded]")
    # 32 municipalities of the district and one point per located service site or place.
    assert page.locator("#portal-map path.leaflet-interactive").count() == 32 + 4
    assert_accessible(page)
    page.goto(f"{page.base_url}/portale/{lang}/chiedi-aiuto/")
    page.click("#help-form button[type=submit]")
    assert page.locator("#id_name_error").count() == 1
    assert_accessible(page)
    assert HelpRequest.objects.count() == 0


def test_feedback_is_sent_from_any_page(page, network, assert_accessible):
    directory = build_directory(network)
    page.goto(f"{page.base_url}/portale/it/servizi/{directory.food_bank.pk}/")
    page.get_by_text("No", exact=True).click()
    page.fill("#feedback-comment", "Mancano gli orari estivi")
    page.click("#feedback button[type=submit]")
    page.wait_for_selector("text=Grazie: il tuo parere è arrivato a chi cura questa pagina.")
    assert_accessible(page)
    assert directory.food_bank.feedback.get().comment == "Mancano gli orari estivi"
