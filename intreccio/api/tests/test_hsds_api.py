"""The public HSDS 3.0 API at /hsds/: every response validates against the official schemas."""

import pytest

from intreccio.directory.hsds import validation
from intreccio.directory.hsds.serialize import organisation_uuid

PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def valid_page(response, schema):
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == PAGE_KEYS
    for item in body["contents"]:
        assert validation.errors(schema, item) == [], item.get("id")
    return body


def test_the_root_describes_the_api(client, territory):
    body = client.get("/hsds/").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/hsds/openapi.json"
    assert client.get("/hsds/openapi.json").status_code == 200


def test_services_are_listed_paginated_and_filtered(client, directory):
    body = valid_page(client.get("/hsds/services", {"per_page": 2}), "service")
    assert (
        body["total_items"],
        body["total_pages"],
        body["size"],
        body["first_page"],
        body["last_page"],
    ) == (
        3,
        2,
        2,
        True,
        False,
    )
    assert [s["name"] for s in body["contents"]] == ["Accoglienza notturna", "Emporio solidale"]
    assert "phones" not in body["contents"][0]  # one-to-one fields only unless full=true
    second = valid_page(client.get("/hsds/services", {"per_page": 2, "page": 2}), "service")
    assert [s["name"] for s in second["contents"]] == ["Servizio sociale di base"]
    full = valid_page(client.get("/hsds/services", {"full": "true", "search": "emporio"}), "service")
    assert [s["name"] for s in full["contents"]] == ["Emporio solidale"]
    assert full["contents"][0]["service_at_locations"][0]["location"]["name"] == "Centro di ascolto Caritas"
    term = str(directory.food.taxonomy_term.uuid)
    by_term = valid_page(client.get("/hsds/services", {"taxonomy_term_id": term}), "service")
    assert [s["name"] for s in by_term["contents"]] == ["Emporio solidale"]
    by_organisation = client.get(
        "/hsds/services", {"organization_id": organisation_uuid(directory.social_service.organisation)}
    )
    assert [s["name"] for s in by_organisation.json()["contents"]] == ["Servizio sociale di base"]
    minimal = client.get("/hsds/services", {"minimal": "true"}).json()["contents"]
    assert set(minimal[0]) == {"id", "last_modified"}
    assert client.get("/hsds/services", {"modified_after": "2999-01-01"}).json()["total_items"] == 0


def test_a_service_is_fully_nested_and_valid(client, directory):
    response = client.get(f"/hsds/services/{directory.food_bank.uuid}")
    assert response.status_code == 200
    body = response.json()
    assert validation.errors("service", body) == []
    assert body["organization"]["name"] == "Caritas decanale di Lecco"
    assert [lang["code"] for lang in body["languages"]] == ["fr", "it"]


def test_the_public_history_names_the_organisation_never_the_operator(client, directory, network):
    from intreccio.directory import actions
    from intreccio.organisations.actions import update_organisation

    update_organisation(network.comune, actor=network.laura, email="sociale@comune.lecco.example.it")
    service = actions.update_service(directory.social_service, actor=network.laura, wait_time="Una settimana")
    actions.verify_service(service, actor=network.laura)
    response = client.get(f"/hsds/services/{service.uuid}")
    body = response.json()
    assert validation.errors("service", body) == []
    assert body["assurer_email"] == "sociale@comune.lecco.example.it"
    # The fixture's set-up (no operator) signs as "sistema"; Laura's changes sign as her organisation.
    assert [(m["last_action_type"], m["field_name"], m["updated_by"]) for m in body["metadata"]] == [
        ("create", "*", "sistema"),
        ("update", "locations", "sistema"),
        ("update", "schedules", "sistema"),
        ("update", "ar:name", "sistema"),
        ("update", "ar:description", "sistema"),
        ("update", "wait_time", "Comune di Lecco"),
        ("verify", "assured_date", "Comune di Lecco"),
    ]
    listed = client.get("/hsds/services", {"search": "sociale"})
    for content in (response.content, listed.content):
        assert b"laura@test.intreccio.it" not in content
        assert b"Panzeri" not in content


def test_a_half_open_operator_session_reads_the_public_api_like_anyone(
    client, client_for, directory, network
):
    half_open = client_for(network.laura, verified=False)
    response = half_open.get(f"/hsds/services/{directory.food_bank.uuid}")
    assert response.status_code == 200
    assert response.json()["name"] == "Emporio solidale"


@pytest.mark.parametrize(
    "path", ["/hsds/services/{missing}", "/hsds/services/not-a-uuid", "/hsds/organizations/{missing}"]
)
def test_unknown_ids_answer_404_with_the_error_body(client, territory, path):
    response = client.get(path.format(missing="00000000-0000-4000-8000-000000000000"))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_invalid_filters_answer_422(client, territory):
    response = client.get("/hsds/services", {"taxonomy_term_id": "food"})
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "invalid_filter",
        "message": "taxonomy_term_id: 'food' is not a UUID",
        "details": {"parameter": "taxonomy_term_id"},
    }


def test_organizations_and_their_services(client, directory):
    body = valid_page(client.get("/hsds/organizations"), "organization")
    assert [o["name"] for o in body["contents"]] == [
        "Caritas decanale di Lecco",
        "Comune di Lecco",
        "Ufficio di Piano – Ambito di Lecco",
    ]
    caritas = organisation_uuid(directory.food_bank.organisation)
    detail = client.get(f"/hsds/organizations/{caritas}", {"full_service": "true"}).json()
    assert validation.errors("organization", detail) == []
    assert sorted(s["name"] for s in detail["services"]) == ["Accoglienza notturna", "Emporio solidale"]
    for service in detail["services"]:
        assert validation.errors("service", service) == []


def test_service_at_locations_near_a_postcode(client, directory):
    body = valid_page(client.get("/hsds/service_at_locations", {"full": "true"}), "service_at_location")
    assert body["total_items"] == 3
    near = client.get("/hsds/service_at_locations", {"postcode": "23900", "proximity": "5000"}).json()
    assert near["total_items"] == 3
    assert (
        client.get("/hsds/service_at_locations", {"postcode": "23900", "proximity": "100"}).json()[
            "total_items"
        ]
        == 0
    )
    link = directory.food_bank.service_at_locations.get()
    detail = client.get(f"/hsds/service_at_locations/{link.uuid}").json()
    assert validation.errors("service_at_location", detail) == []


def test_taxonomies_and_terms(client, directory):
    taxonomies = valid_page(client.get("/hsds/taxonomies"), "taxonomy")
    assert [t["name"] for t in taxonomies["contents"]] == ["Bisogni (Intreccio)"]
    terms = valid_page(client.get("/hsds/taxonomy_terms", {"per_page": 50}), "taxonomy_term")
    assert terms["total_items"] == 20
    food = client.get(f"/hsds/taxonomy_terms/{directory.food.taxonomy_term.uuid}").json()
    assert (food["code"], food["name"], food["taxonomy_detail"]["name"]) == (
        "food",
        "Alimentazione",
        "Bisogni (Intreccio)",
    )
    assert validation.errors("taxonomy_term", food) == []


def test_the_service_list_has_a_fixed_number_of_queries(client, directory, django_assert_num_queries):
    # count, the page of services (with organisation and program), then for full=true the
    # prefetches and the attributes and history of the page.
    with django_assert_num_queries(2):
        client.get("/hsds/services")
    with django_assert_num_queries(29):
        response = client.get("/hsds/services", {"full": "true"})
    assert response.json()["total_items"] == 3
