"""The personal plan in a real browser: the lead writes two goals and two actions, one by another
organisation's service, agrees the plan and finds its printable versions; axe on every page."""

import pytest

from intreccio.plans.models import CarePlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_writes_a_plan_with_two_goals_and_two_actions(page, network, browser_login, assert_accessible):
    from intreccio.plans.tests.factories import build_plan_setting

    setting = build_plan_setting(network, create_plan=False)
    browser_login(page, network.ana)
    page.goto(page.base_url + f"/prese-in-carico/{setting.case.pk}/")
    page.get_by_role("button", name="Crea il progetto").click()
    page.wait_for_url(f"**/prese-in-carico/{setting.case.pk}/progetto/**")
    assert_accessible(page)
    assert "Da completare: 2 lacune" in page.content()

    for description, need in (
        ("Trovare una casa in affitto", "Casa e abitare"),
        ("Un reddito stabile", None),
    ):
        page.fill("#id_goal-description", description)
        if need:
            page.get_by_label("Bisogno", exact=True).select_option(label=need)
        page.get_by_role("button", name="Aggiungi l'obiettivo").click()
        page.get_by_role("heading", name=description).wait_for()

    page.get_by_label("Azione (che cosa va fatto)").fill("Tessera per l'emporio solidale")
    page.get_by_label("Per l'obiettivo").select_option(label="Un reddito stabile")
    page.get_by_label("Servizio che la realizza").select_option(label=setting.directory.food_bank.name)
    page.get_by_role("button", name="Aggiungi l'azione").click()
    page.get_by_role("rowheader", name="Tessera per l'emporio solidale").wait_for()

    page.get_by_label("Azione (che cosa va fatto)").fill("Portare il contratto di lavoro")
    page.get_by_label("Per l'obiettivo").select_option(label="Trovare una casa in affitto")
    page.locator("label[for=id_action-owner_is_person]").click()
    page.get_by_role("button", name="Aggiungi l'azione").click()
    page.get_by_role("rowheader", name="Portare il contratto di lavoro").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name="Condividi e salva la versione").click()
    page.get_by_role("link", name="PDF in italiano (versione 1)").wait_for()
    plan = CarePlan.objects.get(case=setting.case)
    assert (plan.status, plan.current_version) == ("agreed", 1)
    owners = {action.description: action.organisation for action in plan.actions.all()}
    assert owners == {
        "Tessera per l'emporio solidale": setting.caritas,
        "Portare il contratto di lavoro": None,
    }
