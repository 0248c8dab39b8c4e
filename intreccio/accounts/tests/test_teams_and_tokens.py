import pytest
from django.urls import reverse

from conftest import PASSWORD, persona_code
from intreccio.accounts.actions import create_team, issue_api_token, revoke_api_token, update_team
from intreccio.accounts.models import ApiToken, Team
from intreccio.core.exceptions import ApplicationError, PermissionDenied


def test_team_members_must_work_for_the_organisation(network):
    with pytest.raises(
        ApplicationError, match="Queste persone non lavorano per Comune di Lecco: Carla Airoldi"
    ):
        create_team(
            actor=network.laura,
            organisation=network.comune,
            name="Équipe mista",
            members=[network.ana, network.carla],
        )
    assert not Team.objects.filter(name="Équipe mista").exists()


def test_a_supervisor_edits_their_team_but_not_another(network):
    update_team(
        network.team,
        actor=network.diana,
        name=network.team.name,
        supervisor=network.diana,
        members=[network.ana],
    )
    assert list(network.team.members.all()) == [network.ana]
    other = create_team(
        actor=network.laura, organisation=network.comune, name="Adulti in difficoltà", members=[network.bruno]
    )
    with pytest.raises(PermissionDenied):
        update_team(other, actor=network.diana, name="Rinominata", members=[])
    other.refresh_from_db()
    assert other.name == "Adulti in difficoltà"


def test_an_api_token_authenticates_until_revoked(client, network):
    token, raw = issue_api_token(actor=network.ana, name="Gestionale", days=30)
    assert raw.startswith("itr_")
    assert len(raw) == 47
    assert ApiToken.objects.get(pk=token.pk).digest != raw
    response = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["email"] == network.ana.email
    assert response.json()["active_organisation_id"] == network.comune.pk
    revoke_api_token(token, actor=network.ana)
    response = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_token_stops_working_when_its_operator_leaves_the_organisation(client, network):
    from intreccio.accounts.actions import set_operator_roles

    _token, raw = issue_api_token(actor=network.bruno, name="Script")
    set_operator_roles(network.bruno, actor=network.laura, organisation=network.comune, roles=[])
    assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_token_revocation_is_for_its_owner(network):
    token, _raw = issue_api_token(actor=network.ana, name="Gestionale")
    with pytest.raises(PermissionDenied):
        revoke_api_token(token, actor=network.bruno)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_issuing_a_token_needs_a_fresh_reauthentication(client_for, network):
    client = client_for(network.ana)
    response = client.post(reverse("accounts:api_token_create"), {"name": "Gestionale", "days": 30})
    assert response.status_code == 302
    assert response["Location"] == "/profilo/sicurezza/conferma/?next=%2Fprofilo%2Fsicurezza%2F"
    assert not ApiToken.objects.filter(user=network.ana).exists()


def test_the_token_is_shown_once_on_the_page(client_for, network):
    client = client_for(network.ana)
    reauth = client.post(
        reverse("accounts:reauthenticate"), {"password": PASSWORD, "code": persona_code(network.ana)}
    )
    assert reauth.status_code == 302
    response = client.post(reverse("accounts:api_token_create"), {"name": "Gestionale", "days": 30})
    raw = response.context["raw_token"]
    assert raw in response.content.decode()
    assert raw not in client.get(reverse("accounts:profile")).content.decode()
