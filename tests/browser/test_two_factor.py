"""Journey: an operator sets up the authenticator app, logs in with it, and looks after their sessions.

Every page visited is axe-clean and raises no CSP violation (the QR code is
an inline SVG data: image, allowed by img-src).
"""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from intreccio.accounts.twofactor import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operator_enrols_logs_in_with_the_app_and_ends_a_session(page, network, assert_accessible):
    bruno = network.bruno
    page.goto(page.base_url + "/accesso/")
    assert_accessible(page)
    page.fill("#id_username", bruno.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(page.base_url + "/accesso/autenticazione-a-due-fattori/**")
    assert page.locator("img.qr-code").get_attribute("src").startswith("data:image/svg+xml")
    assert len(page.locator(".otp-secret").inner_text()) == 32
    assert page.locator(".it-header-navbar-wrapper").count() == 0  # no menu before the second factor
    assert_accessible(page)

    page.fill("#id_code", "123456")
    page.click("main form button[type=submit]")
    assert "Il codice non è corretto" in page.locator("main").inner_text()
    device = TOTPDevice.objects.get(user=bruno, confirmed=False)
    page.fill("#id_code", totp_code(device))
    page.click("main form button[type=submit]")
    page.wait_for_selector("ul.recovery-codes")
    assert page.locator("ul.recovery-codes li").count() == 10
    assert_accessible(page)
    page.click("text=Li ho salvati, continua")
    page.wait_for_url(page.base_url + "/")

    page.locator("header form[action='/uscita/'] button").click()
    page.wait_for_url(page.base_url + "/accesso/")
    page.fill("#id_username", bruno.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(page.base_url + "/accesso/verifica/**")
    assert_accessible(page)
    page.goto(page.base_url + "/enti/")  # no way around the second factor
    page.wait_for_url(page.base_url + "/accesso/verifica/**")
    device.refresh_from_db()
    page.fill("#id_code", totp_code(device))
    page.click("main form button[type=submit]")
    page.wait_for_url(page.base_url + "/enti/")

    page.goto(page.base_url + "/profilo/sicurezza/")
    assert "Ti restano 10 codici di recupero." in page.locator("main").inner_text()
    assert page.locator("main table tbody tr").count() == 1
    assert_accessible(page)


def test_an_administrator_sees_and_ends_an_operators_session(page, network, browser_login, assert_accessible):
    from django.test import Client

    from conftest import persona_device

    other = Client()
    other.force_login(network.ana)
    session = other.session
    session["otp_device_id"] = persona_device(network.ana).persistent_id
    session.save()

    browser_login(page, network.laura)
    page.goto(page.base_url + "/operatori/sessioni/")
    assert_accessible(page)
    row = page.locator("main table tbody tr", has_text="Invernizzi")
    row.locator("button", has_text="Chiudi").click()
    page.wait_for_selector("text=Sessione chiusa.")
    assert page.locator("main table tbody tr", has_text="Invernizzi").count() == 0
    assert other.get("/").status_code == 302


def test_the_data_protection_contact_reads_the_alerts(page, network, dpo, browser_login, assert_accessible):
    from conftest import many_reads_alert

    alert = many_reads_alert(network.ana, network.comune)
    browser_login(page, dpo)
    page.click("nav >> text=Allerte privacy")
    page.wait_for_url(page.base_url + "/privacy/allerte/")
    assert_accessible(page)
    page.click("text=Molte persone consultate in poco tempo")
    page.wait_for_url(page.base_url + f"/privacy/allerte/{alert.pk}/")
    assert_accessible(page)
    page.fill("#id_note", "Verifica straordinaria ISEE concordata con la dirigente.")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Allerta chiusa.")
    assert_accessible(page)
