"""A second organisation records a food parcel that overlaps one already given; the lead sees the alert.

Mario, registered at Caritas and sharing with the network, is in charge of
Ana (Comune), whose colleague Bruno gave him a food parcel. Carla (Caritas)
records another parcel for the same days: the page warns her who gives what,
she confirms; Ana finds the alert on the case page and marks it
complementary. An accessibility scan on every page.
"""

import pytest

from intreccio.responses.models import OverlapAlert

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_overlap_is_warned_recorded_and_decided(
    page, network, browser_login, assert_accessible, live_server
):
    from intreccio.responses.tests.factories import DAY, build_responses_setting, give

    setting = build_responses_setting(network)
    give(network.bruno, setting.mario, setting.parcel)

    browser_login(page, network.carla)
    page.goto(f"{live_server.url}/persone/{setting.mario.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Registra una risposta").first.click()
    page.select_option("#id_type", label="Pacco alimentare")
    page.fill("#id_starts_on", (DAY.replace(day=10)).isoformat())
    page.fill("#id_quantity", "1")
    page.get_by_role("button", name="Registra la risposta").click()
    warning = page.locator("#overlap-warning")
    assert "Pacco alimentare da Comune di Lecco" in warning.inner_text()
    assert_accessible(page)
    page.get_by_label("Registra comunque: ho verificato che la risposta serve").check(force=True)
    page.get_by_role("button", name="Registra la risposta").click()
    page.wait_for_url(f"**/persone/{setting.mario.pk}/")
    assert OverlapAlert.objects.get().new.organisation == network.caritas

    page.context.clear_cookies()
    browser_login(page, network.ana)
    page.goto(f"{live_server.url}/prese-in-carico/{setting.case.pk}/")
    section = page.locator("#section-case-responses").locator("..")
    assert "Sovrapposizioni da valutare" in section.inner_text()
    assert_accessible(page)
    alert = OverlapAlert.objects.get()
    page.select_option(f"#decide-status-{alert.pk}", value="complementary")
    page.fill(f"#decide-note-{alert.pk}", "Famiglia numerosa: servono entrambi")
    page.get_by_role("button", name="Registra la valutazione").click()
    page.wait_for_url(f"**/prese-in-carico/{setting.case.pk}/")
    alert.refresh_from_db()
    assert alert.status == OverlapAlert.Status.COMPLEMENTARY
