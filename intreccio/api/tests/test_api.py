import json

import pytest

from intreccio.audit.models import DomainEvent
from intreccio.territory.models import MicroTerritory


def test_the_openapi_schema_is_published_at_a_stable_url(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Intreccio API"
    assert {"/api/v1/accounts/me", "/api/v1/territory/micro-territories", "/api/v1/organisations/"} <= set(
        schema["paths"]
    )
    assert schema["components"]["securitySchemes"].keys() == {"TokenAuth", "OperatorSessionAuth"}


def test_anonymous_calls_get_the_one_error_body(client):
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "not_authenticated",
            "message": "Serve un token valido o una sessione attiva.",
            "details": {},
        }
    }


def test_the_browser_session_works_and_writes_need_the_csrf_token(network):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from conftest import persona_device

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(network.sara)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = persona_device(network.sara).persistent_id
    session.save()
    assert browser.get("/api/v1/territory/districts").status_code == 200
    payload = {
        "district": "lecco",
        "code": "adda-nord",
        "name": "Adda nord",
        "kind": "municipality_group",
        "municipalities": ["097059"],
    }
    refused = browser.post(
        "/api/v1/territory/micro-territories", json.dumps(payload), content_type="application/json"
    )
    assert refused.status_code in {401, 403}
    assert not MicroTerritory.objects.filter(code="adda-nord").exists()


def test_validation_errors_use_the_error_body(client_for, network):
    response = client_for(network.sara).post(
        "/api/v1/territory/micro-territories", json.dumps({"code": 1}), content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()["error"]
    assert body["code"] == "validation_error"
    assert {error["loc"][-1] for error in body["details"]["errors"]} >= {
        "district",
        "name",
        "kind",
        "municipalities",
    }


@pytest.mark.parametrize("persona, status", [("ana", 403), ("laura", 403), ("sara", 201)])
def test_creating_a_micro_territory_through_the_api(client_for, network, persona, status):
    events = DomainEvent.objects.count()
    payload = {
        "district": "lecco",
        "code": "adda-nord",
        "name": "Adda nord",
        "kind": "municipality_group",
        "municipalities": ["097059", "097038"],
    }
    response = client_for(getattr(network, persona)).post(
        "/api/v1/territory/micro-territories", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == status
    if status == 201:
        assert response.json()["municipalities"] == ["097038", "097059"]
        assert DomainEvent.objects.count() == events + 1
    else:
        assert response.json()["error"]["code"] == "permission_denied"
        assert DomainEvent.objects.count() == events


def test_a_domain_error_keeps_its_code_and_status(client_for, network):
    payload = {
        "district": "lecco",
        "code": "oggionese",
        "name": "Doppione",
        "kind": "municipality_group",
        "municipalities": ["097057"],
    }
    response = client_for(network.sara).post(
        "/api/v1/territory/micro-territories", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "duplicate_code"


def test_list_endpoints_have_a_fixed_number_of_queries(client_for, network, django_assert_num_queries):
    client = client_for(network.carla)
    # session, user, memberships, count, page of organisations, then the session renewal (3)
    with django_assert_num_queries(8):
        response = client.get("/api/v1/organisations/")
    assert response.json()["count"] == 3
    assert [o["name"] for o in response.json()["items"]] == [
        "Caritas decanale di Lecco",
        "Comune di Lecco",
        "Ufficio di Piano – Ambito di Lecco",
    ]


def test_an_unknown_organisation_is_a_404_with_the_error_body(client_for, network):
    response = client_for(network.carla).get("/api/v1/organisations/999999")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
