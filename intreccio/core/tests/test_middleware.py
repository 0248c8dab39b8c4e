import time

import pytest
from django.urls import reverse

from intreccio.core.middleware import SESSION_STARTED_KEY


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("organisations:list"))
    assert response.status_code == 302
    assert response["Location"] == "/accesso/?next=/enti/"


@pytest.mark.django_db
def test_public_pages_answer_without_login(client):
    for name in ("core:accessibility", "core:privacy", "accounts:login"):
        assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("core:health")).json() == {"status": "ok"}


def test_a_session_older_than_the_absolute_lifetime_ends(client_for, network, settings):
    client = client_for(network.laura)
    assert client.get(reverse("accounts:home")).status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    # The next request is anonymous: the session was ended on the server.
    assert client.get(reverse("accounts:home")).status_code == 302


def test_a_recent_session_survives(client_for, network, settings):
    client = client_for(network.laura)
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - settings.SESSION_ABSOLUTE_SECONDS + 60
    session.save()
    assert client.get(reverse("accounts:home")).status_code == 200


def test_security_headers_on_every_page(client_for, network):
    response = client_for(network.laura).get(reverse("accounts:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"
    assert "camera=()" in response["Permissions-Policy"]
    assert len(response["X-Request-ID"]) == 32


def test_pages_contain_no_inline_script_or_style(client_for, network):
    body = client_for(network.sara).get(reverse("accounts:home")).content.decode()
    assert "<script>" not in body
    assert " style=" not in body
    assert "<style" not in body
    assert "hx-on" not in body
