"""Person pages and the people API: exact query counts, duplicate check, denials that change nothing."""

import json

import pytest
from django.urls import reverse

from intreccio.audit.models import AuditEntry
from intreccio.people.models import Person

from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def rossi(network):
    """Three Rossi registered at the Comune: a list of at least three rows."""
    return [
        register(network.bruno, given_names=given, surnames="Rossi") for given in ("Mario", "Maria", "Marta")
    ]


def test_search_page_lists_matches_with_a_constant_number_of_queries(
    network, rossi, client_for, django_assert_num_queries
):
    client = client_for(network.ana)
    client.get(reverse("people:search"))  # warm the session
    # QUERIES_SEARCH_PAGE: the request's gates (session, user, memberships, second-factor device,
    # the user's session record), ONE query for the scored candidates with their visibility and
    # sharing (subqueries), the lead contacts (one per provider), the SEARCH audit entry, the
    # session save. Independent of the rows.
    with django_assert_num_queries(QUERIES_SEARCH_PAGE):
        response = client.get(reverse("people:search"), {"q": "Rossi"})
    assert response.status_code == 200
    assert response.content.decode().count('href="/persone/') >= 3
    register(network.bruno, given_names="Marco", surnames="Rossi")
    with django_assert_num_queries(QUERIES_SEARCH_PAGE - 1):  # a partial: no header, no unread count
        response = client.get(reverse("people:search"), {"q": "Rossi"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()


def test_search_api_has_the_same_constant_count(network, rossi, client_for, django_assert_num_queries):
    client = client_for(network.carla)
    client.get("/api/v1/people/search?q=x")
    with django_assert_num_queries(QUERIES_SEARCH_API):
        response = client.get("/api/v1/people/search?q=Rossi")
    assert [item["disclosure"] for item in response.json()] == ["known", "known", "known"]
    assert all(item.get("full_name") is None for item in response.json())


def test_registration_shows_likely_matches_before_creating(network, rossi, client_for):
    client = client_for(network.bruno)
    data = {
        "given_names": "Mario",
        "surnames": "Rosi",
        "birth_date_precision": "unknown",
        "living_situation": "unknown",
        "residence_status": "unknown",
    }
    response = client.post(reverse("people:register"), data)
    assert response.status_code == 200
    assert "Persone simili già conosciute" in response.content.decode()
    assert Person.objects.count() == 3
    response = client.post(reverse("people:register"), {**data, "confirm_duplicate": "on"})
    created = Person.objects.get(surnames="Rosi")
    assert response["Location"] == reverse("people:person", args=[created.pk])
    assert created.possible_duplicate is True


def test_api_registration_answers_409_with_the_candidates(network, rossi, client_for):
    client = client_for(network.bruno)
    body = {"given_names": "Mario", "surnames": "Rossi"}
    response = client.post("/api/v1/people/", json.dumps(body), content_type="application/json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "probable_duplicate"
    assert response.json()["error"]["details"]["candidates"][0] == rossi[0].pk
    response = client.post(
        "/api/v1/people/", json.dumps({**body, "confirm_duplicate": True}), content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["possible_duplicate"] is True


def test_person_page_is_audited_and_hidden_from_unrelated_organisations(network, rossi, client_for):
    person = rossi[0]
    assert client_for(network.ana).get(reverse("people:person", args=[person.pk])).status_code == 200
    read = AuditEntry.objects.filter(action="read", person_id=person.pk).latest("id")
    assert read.outcome == "allowed"
    response = client_for(network.carla).get(reverse("people:person", args=[person.pk]))
    assert response.status_code == 404
    denied = AuditEntry.objects.filter(target_type="people.person", target_id=str(person.pk)).latest("id")
    assert denied.outcome == "denied"


def test_denied_sharing_change_changes_nothing(network, rossi, client_for):
    person = rossi[0]
    response = client_for(network.carla).post(
        f"/api/v1/people/{person.pk}/sharing",
        json.dumps({"scope": "refused"}),
        content_type="application/json",
    )
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.sharing == "network"
    assert person.consents.count() == 0


def test_api_sharing_choice_and_withdrawal(network, rossi, client_for):
    person = rossi[0]
    client = client_for(network.bruno)
    response = client.post(
        f"/api/v1/people/{person.pk}/sharing",
        json.dumps({"scope": "selected", "organisations": [network.caritas.pk], "purposes": ["referrals"]}),
        content_type="application/json",
    )
    assert response.json()["organisations"] == [network.caritas.pk]
    response = client.post(f"/api/v1/people/{person.pk}/sharing/withdraw")
    assert response.json()["sharing"] == "refused"


def test_api_documents_carry_warnings(network, client_for):
    person = register(network.bruno, given_names="Mario", surnames="Rossi", sex="F")
    client = client_for(network.bruno)
    response = client.post(
        f"/api/v1/people/{person.pk}/documents",
        json.dumps({"kind": "tax_code", "number": "RSSMRA80D03E507V"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert [warning["code"] for warning in response.json()["warnings"]] == ["sex"]
    response = client.post(
        f"/api/v1/people/{person.pk}/documents",
        json.dumps({"kind": "tax_code", "number": "RSSMRA80D03E507X"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_document"


def test_access_report_lists_reads_and_searches(network, rossi, client_for, dpo):
    person = rossi[0]
    client_for(network.ana).get(reverse("people:person", args=[person.pk]))
    response = client_for(dpo).get(reverse("people:access_report", args=[person.pk]))
    body = response.content.decode()
    assert "ana@test.intreccio.it" in body
    assert client_for(network.carla).get(reverse("people:access_report", args=[person.pk])).status_code == 404


def test_notice_pdf_in_the_persons_language_with_italian_fallback(network, client_for):
    person = register(network.bruno, given_names="John", surnames="Okafor", preferred_language="en")
    client = client_for(network.bruno)
    response = client.get(reverse("people:notice_pdf", args=[person.pk]))
    assert response["Content-Disposition"] == f'inline; filename="informativa-{person.pk}-en.pdf"'
    response = client.get(reverse("people:notice_pdf", args=[person.pk]) + "?lingua=wo")
    assert response["Content-Disposition"] == f'inline; filename="informativa-{person.pk}-it.pdf"'


QUERIES_SEARCH_PAGE = (
    10  # + the lead contacts of the results (cases registers one provider), + the unread count
)
QUERIES_SEARCH_API = 9
