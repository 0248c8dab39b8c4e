"""Log-in with the second factor: the gate, replay, lockout, enumeration, re-authentication."""

import re

import pytest
from django.contrib.auth.hashers import get_hasher
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, persona_code, persona_device
from intreccio.accounts.models import UserSession
from intreccio.audit.models import AuditEntry, DomainEvent

GATED_PAGES = ["/", "/profilo/", "/profilo/sicurezza/", "/operatori/", "/enti/", "/territorio/", "/equipe/"]


def password_login(client, user, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": user.email, "password": password})


def test_after_the_password_every_page_waits_for_the_second_factor(network):
    persona_device(network.laura)
    client = Client()
    response = password_login(client, network.laura)
    assert response.status_code == 302
    for path in GATED_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accesso/verifica/?next="), path
    # The API refuses the half-open session too.
    assert client.get("/api/v1/accounts/me").status_code == 401
    # Posting to an action is refused the same way and changes nothing.
    before = DomainEvent.objects.count()
    response = client.post(reverse("accounts:operator_set_active", args=[network.bruno.pk]), {"active": "0"})
    assert response.status_code == 302
    assert response["Location"] == "/accesso/verifica/"
    network.bruno.refresh_from_db()
    assert network.bruno.is_active is True
    assert DomainEvent.objects.count() == before


def test_the_right_code_opens_the_session_with_a_new_key(network):
    persona_device(network.laura)
    client = Client()
    password_login(client, network.laura)
    half_open_key = client.session.session_key
    response = client.post(
        reverse("accounts:two_factor_verify") + "?next=/enti/", {"code": persona_code(network.laura)}
    )
    assert response.status_code == 302
    assert response["Location"] == "/enti/"
    assert client.session.session_key != half_open_key
    assert client.get("/operatori/").status_code == 200
    tracked = UserSession.objects.get(user=network.laura)
    assert tracked.session_key == client.session.session_key
    assert tracked.verified_at is not None
    steps = list(
        AuditEntry.objects.filter(actor=network.laura, action="login").values_list("details__step", flat=True)
    )
    assert steps == ["password", "second_factor"]


def test_a_code_is_accepted_once(network):
    device = persona_device(network.laura)
    code = persona_code(network.laura)
    first, second = Client(), Client()
    password_login(first, network.laura)
    password_login(second, network.laura)
    assert first.post(reverse("accounts:two_factor_verify"), {"code": code}).status_code == 302
    replay = second.post(reverse("accounts:two_factor_verify"), {"code": code})
    assert replay.status_code == 200
    assert "Codice non valido o già usato" in replay.content.decode()
    assert second.get("/").status_code == 302
    device.refresh_from_db()
    assert AuditEntry.objects.filter(actor=network.laura, action="login_failed").count() == 1


def test_wrong_codes_end_the_half_open_session(network, settings):
    persona_device(network.laura)
    client = Client()
    password_login(client, network.laura)
    for _attempt in range(settings.INTRECCIO_OTP_MAX_FAILURES - 1):
        assert client.post(reverse("accounts:two_factor_verify"), {"code": "000000"}).status_code == 200
    response = client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
    assert response["Location"] == reverse("accounts:login")
    assert client.get("/").status_code == 302
    assert client.get("/").url == "/accesso/?next=/"
    failures = AuditEntry.objects.filter(actor=network.laura, action="login_failed", outcome="denied")
    assert failures.count() == settings.INTRECCIO_OTP_MAX_FAILURES


def test_a_recovery_code_works_once(network):
    from intreccio.accounts.actions import regenerate_recovery_codes

    persona_device(network.laura)
    codes = regenerate_recovery_codes(actor=network.laura)
    assert len(codes) == 10
    client = Client()
    password_login(client, network.laura)
    assert client.post(reverse("accounts:two_factor_verify"), {"code": codes[0].upper()}).status_code == 302
    assert client.get("/").status_code == 200
    assert StaticToken.objects.filter(device__user=network.laura).count() == 9
    again = Client()
    password_login(again, network.laura)
    assert again.post(reverse("accounts:two_factor_verify"), {"code": codes[0]}).status_code == 200
    assert again.get("/").status_code == 302


def test_an_operator_without_a_device_enrols_first(network):
    client = Client()
    password_login(client, network.bruno)
    assert client.get("/").url == "/accesso/autenticazione-a-due-fattori/?next=%2F"
    page = client.get(reverse("accounts:two_factor_enrol"))
    body = page.content.decode()
    assert 'src="data:image/svg+xml' in body
    device = TOTPDevice.objects.get(user=network.bruno, confirmed=False)
    wrong = client.post(reverse("accounts:two_factor_enrol"), {"code": "123456"})
    assert "Il codice non è corretto" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=network.bruno, confirmed=True).exists()
    from intreccio.accounts.twofactor import totp_code

    device.refresh_from_db()
    done = client.post(reverse("accounts:two_factor_enrol"), {"code": totp_code(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/").status_code == 200
    assert (
        DomainEvent.objects.filter(kind="SECOND_FACTOR_ENROLLED", subject_id=str(network.bruno.pk)).count()
        == 1
    )


def test_replacing_the_app_or_the_password_needs_reauthentication(client_for, network):
    client = client_for(network.laura)
    for path in (reverse("accounts:two_factor_enrol"), reverse("accounts:password_change")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/profilo/sicurezza/conferma/?next="), path
    refused = client.post(
        reverse("accounts:reauthenticate"), {"password": "wrong password!", "code": "000000"}
    )
    assert "Password o codice non corretti" in refused.content.decode()
    assert client.get(reverse("accounts:password_change")).status_code == 302
    ok = client.post(
        reverse("accounts:reauthenticate") + "?next=/password/modifica/",
        {"password": PASSWORD, "code": persona_code(network.laura)},
    )
    assert ok["Location"] == "/password/modifica/"
    assert client.get(reverse("accounts:password_change")).status_code == 200


def test_a_password_change_ends_the_other_sessions(client_for, network):
    other = Client()
    password_login(other, network.laura)
    client = client_for(network.laura)
    client.post(
        reverse("accounts:reauthenticate"), {"password": PASSWORD, "code": persona_code(network.laura)}
    )
    new_password = "una frase lunga per la nuova password"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # this session survives
    assert other.get("/").url.startswith("/accesso/")  # the other one is gone
    ended = UserSession.objects.filter(user=network.laura, end_reason="credentials_changed")
    assert ended.count() == 1


def test_a_password_reset_does_not_skip_the_second_factor(client, network, mailoutbox):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    persona_device(network.laura)
    uid = urlsafe_base64_encode(force_bytes(network.laura.pk))
    token = default_token_generator.make_token(network.laura)
    step = client.get(reverse("accounts:password_reset_confirm", args=[uid, token]))
    new_password = "una frase lunga per la nuova password"
    response = client.post(step.url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert client.get("/").url.startswith("/accesso/")  # not logged in by the reset
    password_login(client, network.laura, new_password)
    assert client.get("/").url.startswith("/accesso/verifica/")


def test_logout_ends_the_session_on_the_server(client_for, network):
    client = client_for(network.laura)
    cookie = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get("/").status_code == 302
    assert UserSession.objects.get(user=network.laura).end_reason == "logout"


# --- password rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password, accepted",
    [
        ("corto12345", False),  # shorter than 12
        ("password1234", False),  # breached list
        ("iloveyou12345", False),  # breached list
        ("qwertyuiop123", False),  # breached list
        ("una frase lunga per la nuova password", True),
        ("x" * 3 + "Lecco-adda-" * 5 + "y", True),  # 59 characters, no composition rule
        ("parola " * 9 + "fine", True),  # 67 characters
        ("la mia frase di accesso " * 5 + "di Intreccio.", True),  # 133 characters
    ],
)
def test_password_rules_are_length_and_lists_only(db, password, accepted):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password)
        outcome = True
    except ValidationError:
        outcome = False
    assert outcome is accepted


# --- lockout and enumeration ----------------------------------------------------------------------


def _normalised(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())  # CSRF tokens


def test_five_failures_lock_the_account_whether_or_not_it_exists(network, settings):
    known, unknown = Client(), Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        a = password_login(known, network.laura, "wrong password here")
        b = known.post(reverse("accounts:login"), {"username": "nobody@nowhere.it", "password": "wrong pass"})
        assert a.status_code == b.status_code == 200
    a = password_login(known, network.laura, "wrong password here")
    b = unknown.post(reverse("accounts:login"), {"username": "nobody@nowhere.it", "password": "wrong pass"})
    assert a.status_code == b.status_code == 429
    assert _normalised(a).replace(network.laura.email, "X") == _normalised(b).replace(
        "nobody@nowhere.it", "X"
    )
    # Locked: even the right password is refused, with the same answer.
    locked = password_login(Client(), network.laura)
    assert locked.status_code == 429
    assert "Troppi tentativi" in locked.content.decode()
    assert AuditEntry.objects.filter(action="login_failed", details__step="password").count() >= 10


def test_wrong_password_and_unknown_account_get_the_same_answer_and_work(network, monkeypatch):
    hasher = get_hasher()
    calls = []
    original = type(hasher).encode
    monkeypatch.setattr(
        type(hasher), "encode", lambda self, *a, **k: calls.append(1) or original(self, *a, **k)
    )
    known = password_login(Client(), network.laura, "wrong password here")
    known_calls = len(calls)
    unknown = Client().post(reverse("accounts:login"), {"username": "nobody@nowhere.it", "password": "wrong"})
    assert known.status_code == unknown.status_code == 200
    assert known_calls == len(calls) - known_calls == 1  # one password hash each: same work
    assert _normalised(known).replace(network.laura.email, "X") == _normalised(unknown).replace(
        "nobody@nowhere.it", "X"
    )
