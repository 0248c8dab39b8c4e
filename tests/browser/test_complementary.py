"""Complementary responses (issue 4), in a real browser, with an accessibility scan on every page.

Ana, the case lead at the Comune, writes Mario's plan with two actions and sends a referral
for the housing one to a housing service of Caritas (its capacity shown before sending) →
Carla at Caritas finds it in her organisation's queue, accepts, starts and completes it with
an outcome → Ana sees the outcome on the plan action and on Mario's timeline. Then Caritas
records a food parcel while the Comune's parcel still covers Mario: the overlap is flagged
before it is recorded, recorded anyway, and Ana marks it complementary on the case page.
"""

import datetime

import pytest

from intreccio.plans.models import PlanAction
from intreccio.referrals.models import Referral
from intreccio.responses.models import OverlapAlert, Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mario_in_charge(network):
    """Mario's housing and income intake, taken in charge by Ana; a Caritas housing service;
    a food parcel the Comune gave Mario yesterday (it covers 30 days)."""
    from conftest import build_directory
    from intreccio.cases.actions import activate_case
    from intreccio.directory import actions as directory
    from intreccio.intake import actions as intake
    from intreccio.intake.tests.factories import build_intake_setting
    from intreccio.responses.actions import record_response
    from intreccio.responses.catalogue import ensure_catalogue
    from intreccio.responses.models import ResponseType

    setting = build_intake_setting(network)
    places = build_directory(network)
    housing = directory.create_service(
        network.caritas,
        actor=None,
        name="Casa ponte",
        description="Alloggi temporanei per chi ha perso la casa, con accompagnamento educativo.",
        needs=[setting.needs["housing"]],
    )
    directory.update_capacity(housing, actor=None, unit="alloggi", available=2, maximum=6)
    recorded = intake.record_intake(
        actor=network.bruno,
        person=setting.mario,
        needs=[setting.needs["housing"], setting.needs["income"]],
        urgency="ordinary",
        micro_territory=setting.centro,
    )
    case = activate_case(intake.take_in_charge(recorded, actor=network.ana), actor=network.ana)
    ensure_catalogue()
    record_response(
        actor=network.bruno,
        person=setting.mario,
        type=ResponseType.objects.get(code="food-parcel"),
        starts_on=datetime.date.today() - datetime.timedelta(days=1),
    )
    return case, housing, places


def test_plan_referral_closed_loop_and_overlap(
    page, network, mario_in_charge, browser_login, assert_accessible, live_server
):
    case, housing, _places = mario_in_charge
    mario = case.person

    # 1. Ana writes the plan: a housing goal with two actions, one by Caritas's housing service.
    browser_login(page, network.ana)
    page.goto(f"{live_server.url}/prese-in-carico/{case.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Crea il progetto").click()
    page.wait_for_url(f"**/prese-in-carico/{case.pk}/progetto/**")
    page.fill("#id_goal-description", "Una casa stabile entro l'estate")
    page.get_by_label("Bisogno", exact=True).select_option(label="Casa e abitare")
    page.get_by_role("button", name="Aggiungi l'obiettivo").click()
    page.get_by_role("heading", name="Una casa stabile entro l'estate").wait_for()
    page.get_by_label("Azione (che cosa va fatto)").fill("Alloggio temporaneo in casa ponte")
    page.get_by_label("Per l'obiettivo").select_option(label="Una casa stabile entro l'estate")
    page.get_by_label("Servizio che la realizza").select_option(label="Casa ponte")
    page.get_by_role("button", name="Aggiungi l'azione").click()
    page.get_by_role("rowheader", name="Alloggio temporaneo in casa ponte").wait_for()
    page.get_by_label("Azione (che cosa va fatto)").fill("Portare il contratto di lavoro")
    page.get_by_label("Per l'obiettivo").select_option(label="Una casa stabile entro l'estate")
    page.locator("label[for=id_action-owner_is_person]").click()
    page.get_by_role("button", name="Aggiungi l'azione").click()
    page.get_by_role("rowheader", name="Portare il contratto di lavoro").wait_for()
    assert_accessible(page)
    action = PlanAction.objects.get(description="Alloggio temporaneo in casa ponte")
    assert action.organisation == network.caritas

    # 2. From the action, the referral to Caritas's service: its capacity is shown before sending.
    page.get_by_role("link", name="Invia a un servizio Alloggio temporaneo in casa ponte").click()
    page.wait_for_url(f"**/invii/nuovo/{case.pk}/**")
    assert_accessible(page)
    service_choice = page.locator(f"label[for='service-{housing.pk}']")
    assert "Posti disponibili" in service_choice.inner_text()
    page.locator(f"#service-{housing.pk}").check(force=True)
    page.get_by_label("Cosa chiedi al servizio").fill(
        "Mario ha uno sfratto esecutivo: chiediamo un alloggio ponte per tre mesi."
    )
    page.get_by_role("button", name="Invia", exact=True).click()
    referral = Referral.objects.get(action=action)
    page.wait_for_url(f"**/invii/{referral.pk}/")
    assert (referral.to_organisation, referral.status) == (network.caritas, Referral.Status.REQUESTED)
    assert referral.capacity_status_at_send == "has_capacity"
    assert_accessible(page)

    # 3. Carla at Caritas: the referral waits in her organisation's queue; accept, start, complete.
    page.context.clear_cookies()
    browser_login(page, network.carla)
    page.goto(f"{live_server.url}/invii/in-arrivo/")
    assert_accessible(page)
    page.locator(f"main a[href='/invii/{referral.pk}/']").first.click()
    page.wait_for_url(f"**/invii/{referral.pk}/")
    assert_accessible(page)
    for button in ("Accetta", "Avvia il lavoro"):
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()
    page.select_option("#outcome-completed", value="need_met")
    page.fill("#outcome-note-completed", "Alloggio in casa ponte dal 1° marzo per tre mesi.")
    page.get_by_role("button", name="Concludi con un esito").click()
    page.locator("#referral-outcome").wait_for()
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == (Referral.Status.COMPLETED, "need_met")
    assert [t.to_status for t in referral.transitions.order_by("at", "id")] == [
        "requested",
        "accepted",
        "in_progress",
        "completed",
    ]
    assert_accessible(page)

    # 4. Caritas gives a food parcel: Mario already has the Comune's from yesterday.
    page.goto(f"{live_server.url}/risposte/nuova/?persona={mario.pk}")
    assert_accessible(page)
    page.select_option("#id_type", label="Pacco alimentare")
    page.fill("#id_starts_on", datetime.date.today().isoformat())
    page.get_by_role("button", name="Registra la risposta").click()
    warning = page.locator("#overlap-warning")
    warning.wait_for()
    assert "Comune di Lecco" in warning.inner_text()
    assert Response.objects.filter(organisation=network.caritas).count() == 0
    assert OverlapAlert.objects.filter(person=mario, raised_before_recording=True, new=None).count() == 1
    assert_accessible(page)
    page.get_by_label("Registra comunque: ho verificato che la risposta serve").check(force=True)
    page.get_by_role("button", name="Registra la risposta").click()
    page.wait_for_load_state()
    given = Response.objects.get(organisation=network.caritas)
    alert = OverlapAlert.objects.get(person=mario)
    assert (alert.new, alert.status) == (given, OverlapAlert.Status.OPEN)

    # 5. Ana: the outcome is on the plan action and on Mario's timeline; the overlap on the case.
    page.context.clear_cookies()
    browser_login(page, network.ana)
    page.goto(f"{live_server.url}/prese-in-carico/{case.pk}/progetto/")
    row = page.get_by_role("row").filter(has_text="Alloggio temporaneo in casa ponte")
    assert "Realizzata" in row.inner_text()
    assert "Alloggio in casa ponte dal 1° marzo" in row.inner_text()
    action.refresh_from_db()
    assert action.status == PlanAction.Status.DONE
    page.goto(f"{live_server.url}/persone/{mario.pk}/storia/")
    assert_accessible(page)
    timeline = page.locator("main").inner_text()
    assert "Invio a un servizio" in timeline
    assert "Invio aggiornato" in timeline
    page.goto(f"{live_server.url}/prese-in-carico/{case.pk}/")
    section = page.locator("#section-case-responses").locator("xpath=..")
    assert "Sovrapposizioni da valutare" in section.inner_text()
    page.select_option(f"#decide-status-{alert.pk}", value="complementary")
    page.fill(f"#decide-note-{alert.pk}", "Il pacco Caritas copre la famiglia del fratello ospitato.")
    assert_accessible(page)
    page.get_by_role("button", name="Registra la valutazione").click()
    page.wait_for_load_state()
    alert.refresh_from_db()
    assert (alert.status, alert.decided_by) == (OverlapAlert.Status.COMPLEMENTARY, network.ana)
