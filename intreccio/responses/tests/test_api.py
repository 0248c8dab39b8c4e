"""Responses through /api/v1/responses/: the same rules, 409 on an unconfirmed overlap."""

import json

import pytest

from intreccio.responses.models import OverlapAlert, Response

from .factories import give

pytestmark = pytest.mark.django_db


def post(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_the_catalogue(network, client_for):
    body = client_for(network.carla).get("/api/v1/responses/types").json()
    parcel = next(row for row in body if row["code"] == "food-parcel")
    assert (parcel["overlap_group"], parcel["coverage_days"]) == ("food", 30)


def test_recording_with_an_overlap_is_a_409_until_confirmed(setting, client_for):
    network = setting.network
    existing = give(network.bruno, setting.mario, setting.parcel)
    client = client_for(network.carla)
    payload = {"person_id": setting.mario.pk, "type": "food-card", "starts_on": "2026-03-10"}
    check = post(client, "/api/v1/responses/check", payload).json()
    assert [row["response_id"] for row in check] == [existing.pk]
    refused = post(client, "/api/v1/responses/", payload)
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "overlap"
    assert error["details"]["conflicts"][0]["organisation"] == "Comune di Lecco"
    assert OverlapAlert.objects.filter(new__isnull=True).count() == 1
    created = post(client, "/api/v1/responses/", {**payload, "confirm_overlap": True})
    assert created.status_code == 201
    assert created.json()["organisation"] == "Caritas decanale di Lecco"
    alerts = client_for(network.ana).get("/api/v1/responses/alerts").json()
    assert [(row["status"], row["existing"]["organisation"]) for row in alerts] == [
        ("open", "Comune di Lecco")
    ]


def test_the_lead_decides_and_others_are_refused(setting, client_for):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    give(network.carla, setting.mario, setting.parcel)
    alert = OverlapAlert.objects.get()
    url = f"/api/v1/responses/alerts/{alert.pk}/decide"
    payload = {"status": "complementary", "note": "Servono entrambi"}
    assert post(client_for(network.carla), url, payload).status_code == 403
    decided = post(client_for(network.ana), url, payload)
    assert decided.json()["status"] == "complementary"


def test_listing_and_cancelling(setting, client_for):
    network = setting.network
    response = give(network.carla, setting.mario, setting.parcel)
    client = client_for(network.carla)
    listed = client.get("/api/v1/responses/").json()
    assert [row["id"] for row in listed["items"]] == [response.pk]
    bad = post(client_for(network.bruno), f"/api/v1/responses/{response.pk}/cancel", {"reason": "no"})
    assert bad.status_code == 403
    done = post(client_for(network.carla), f"/api/v1/responses/{response.pk}/cancel", {"reason": "Doppione"})
    assert done.json()["cancelled_reason"] == "Doppione"


def test_a_monetary_type_without_amount_is_a_clear_400(setting, client_for):
    payload = {"person_id": setting.mario.pk, "type": "economic-contribution", "starts_on": "2026-03-10"}
    refused = post(client_for(setting.network.carla), "/api/v1/responses/", payload)
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "amount_required"
    assert Response.objects.count() == 0


def test_the_planning_analyst_is_refused(setting, client_for):
    payload = {"person_id": setting.mario.pk, "type": "food-parcel", "starts_on": "2026-03-10"}
    assert post(client_for(setting.network.paolo), "/api/v1/responses/", payload).status_code == 403
    assert Response.objects.count() == 0


def test_a_link_to_a_missing_referral_is_a_clear_400(setting, client_for):
    payload = {
        "person_id": setting.mario.pk,
        "type": "food-parcel",
        "starts_on": "2026-03-10",
        "referral_id": 999999,
    }
    refused = post(client_for(setting.network.carla), "/api/v1/responses/", payload)
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, "link_not_found")
    assert Response.objects.count() == 0
