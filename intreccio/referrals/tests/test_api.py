"""The referrals API: the same actions and scopes as the pages, refusals in the one error body."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from intreccio.referrals.models import Referral

from .factories import build_referral_setting, send
from .test_actions import PDF

pytestmark = pytest.mark.django_db
BASE = "/api/v1/referrals/"


def post(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_send_move_and_read_through_the_api(client_for, setting):
    network = setting.network

    # One test client: each call logs the persona in again.
    def ana():
        return client_for(network.ana)

    def carla():
        return client_for(network.carla)

    response = post(
        ana(),
        BASE,
        {
            "case_id": setting.case.pk,
            "service_id": setting.service.pk,
            "request": "Tessera per l'emporio",
            "action_id": setting.action.pk,
            "to_user_id": network.carla.pk,
        },
    )
    assert response.status_code == 201, response.content
    referral_id = response.json()["id"]
    assert response.json()["capacity_status_at_send"] == "has_capacity"
    assert response.json()["sides"] == ["sender"]
    assert response.json()["allowed_moves"] == ["cancelled"]

    transitions = f"{BASE}{referral_id}/transitions"
    assert post(ana(), transitions, {"to": "accepted"}).status_code == 403
    assert post(carla(), transitions, {"to": "in_progress"}).status_code == 409
    assert post(carla(), transitions, {"to": "rejected"}).json()["error"]["code"] == "reason_required"
    assert post(carla(), transitions, {"to": "accepted"}).json()["status"] == "accepted"
    done = post(carla(), transitions, {"to": "completed", "outcome": "need_met", "outcome_note": "Fatto"})
    assert done.status_code == 200
    assert [(t["from_status"], t["to_status"]) for t in done.json()["transitions"]][-1] == (
        "accepted",
        "completed",
    )

    received = carla().get(BASE, {"box": "received"}).json()
    assert [item["id"] for item in received["items"]] == [referral_id]
    sent = ana().get(BASE, {"box": "sent", "status": "completed"}).json()
    assert [item["id"] for item in sent["items"]] == [referral_id]
    assert ana().get(BASE, {"box": "received"}).json()["items"] == []
    assert client_for(network.diana).get(f"{BASE}{referral_id}").status_code == 404


def test_the_consent_gate_in_the_api(client_for, network):
    setting = build_referral_setting(network, sharing="refused")
    response = post(
        client_for(network.ana),
        BASE,
        {"case_id": setting.case.pk, "service_id": setting.service.pk, "request": "Tessera"},
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "consent_missing"
    assert error["details"]["consent_url"] == f"/persone/{setting.person.pk}/condivisione/"
    assert Referral.objects.count() == 0


def test_messages_and_attachments_through_the_api(client_for, setting):
    referral = send(setting)

    def ana():
        return client_for(setting.network.ana)

    def carla():
        return client_for(setting.network.carla)

    url = f"{BASE}{referral.pk}/messages"
    response = ana().post(
        url, {"body": "Allego l'ISEE", "files": [SimpleUploadedFile("isee.pdf", PDF, "application/pdf")]}
    )
    assert response.status_code == 201, response.content
    attachment = response.json()["attachments"][0]
    assert (attachment["name"], attachment["size"]) == ("isee.pdf", len(PDF))
    thread = carla().get(url).json()
    assert [message["body"] for message in thread] == ["Allego l'ISEE"]
    download = carla().get(attachment["url"])
    assert download.content == PDF
    refused = ana().post(url, {"body": "x", "files": [SimpleUploadedFile("a.exe", b"MZ", "application/pdf")]})
    assert refused.json()["error"]["code"] == "attachment_type"


def test_the_list_queries(client_for, setting, django_assert_num_queries):
    for _ in range(3):
        send(setting)
    client = client_for(setting.network.carla)
    client.get(BASE)
    # 1 session, 2 user, 3 memberships, 4 count, 5 the page, 6 SEARCH audit entry,
    # 7-9 savepoint, session update, release
    with django_assert_num_queries(9):
        response = client.get(BASE)
    assert response.json()["count"] == 3


def test_assign_through_the_api(client_for, setting):
    referral = send(setting)
    response = post(
        client_for(setting.network.carla),
        f"{BASE}{referral.pk}/assign",
        {"user_id": setting.network.carla.pk},
    )
    assert response.json()["assigned_to_id"] == setting.network.carla.pk
    refused = post(
        client_for(setting.network.ana), f"{BASE}{referral.pk}/assign", {"user_id": setting.network.carla.pk}
    )
    assert refused.status_code == 403
