"""If the audit log cannot be written, nothing is served and nothing changes (fail closed)."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from intreccio.audit.models import AuditEntry, DomainEvent


@pytest.fixture
def broken_log(monkeypatch):
    """Make every write to both logs fail as a full disk or a lost connection would."""

    def refuse(*args, **kwargs):
        raise DatabaseError("disk full")

    def broken(model):
        monkeypatch.setattr(model, "save", refuse)

    return broken


def test_a_read_that_cannot_be_audited_is_not_served(client_for, network, broken_log):
    client = client_for(network.laura)
    broken_log(AuditEntry)
    response = client.get(reverse("accounts:operator_detail", args=[network.bruno.pk]))
    assert response.status_code == 503
    body = response.content.decode()
    assert "Il registro degli accessi non è raggiungibile" in body
    assert network.bruno.email not in body
    assert "Mauri" not in body


def test_an_api_write_fails_closed_with_the_error_body(client, network, broken_log):
    from intreccio.accounts.actions import issue_api_token
    from intreccio.organisations.models import Organisation

    _token, raw = issue_api_token(actor=network.sara, name="Sistema")
    broken_log(DomainEvent)
    before = Organisation.objects.count()
    payload = {"name": "Cooperativa Nuova", "kind": "cooperative", "district": "lecco"}
    response = client.post(
        "/api/v1/organisations/", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "audit_unavailable"
    assert Organisation.objects.count() == before


def test_a_write_whose_event_cannot_be_recorded_is_rolled_back(client_for, network, broken_log):
    client = client_for(network.laura)
    broken_log(DomainEvent)
    response = client.post(reverse("accounts:operator_set_active", args=[network.bruno.pk]), {"active": "0"})
    assert response.status_code == 503
    network.bruno.refresh_from_db()
    assert network.bruno.is_active is True


def test_a_log_in_that_cannot_be_audited_does_not_open_a_session(client, network, broken_log):
    from conftest import PASSWORD

    broken_log(AuditEntry)
    response = client.post(reverse("accounts:login"), {"username": network.laura.email, "password": PASSWORD})
    assert response.status_code == 503
    assert "_auth_user_id" not in client.session
    from intreccio.accounts.models import UserSession

    assert not UserSession.objects.filter(user=network.laura).exists()
