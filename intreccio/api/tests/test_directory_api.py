import pytest

from intreccio.audit.models import DomainEvent
from intreccio.directory.models import Capacity


def test_search_needs_an_operator(client, directory):
    assert client.get("/api/v1/directory/services").status_code == 401


def test_search_returns_distance_opening_and_capacity(client_for, network, directory):
    response = client_for(network.carla).get(
        "/api/v1/directory/services", {"need": "food", "near": "Germanedo", "with_capacity": "true"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["name"], item["organisation"], item["location"], item["municipality"]) == (
        "Emporio solidale",
        "Caritas decanale di Lecco",
        "Centro di ascolto Caritas",
        "Lecco",
    )
    assert item["journey"] == {
        "distance_km": 2.1,
        "walking_minutes": 40,
        "cycling_minutes": 15,
        "precision_km": 3.0,
    }
    assert (item["capacity"]["status"], item["capacity"]["units"][0]["available"]) == ("has_capacity", 5)


def test_the_search_endpoint_has_a_fixed_number_of_queries(
    client_for, network, directory, django_assert_num_queries
):
    client = client_for(network.carla)
    # session, user, memberships; count and page; the page's prefetches (needs, capacities,
    # schedules, closures, places, their schedules, translations); needs of each item come
    # from the prefetch; then the session renewal (savepoint, update, release).
    with django_assert_num_queries(15):
        response = client.get("/api/v1/directory/services")
    assert response.json()["count"] == 3


@pytest.mark.parametrize(
    "persona, status, available", [("carla", 403, 5), ("laura", 403, 5), ("sara", 200, 2)]
)
def test_capacity_update_matrix(client_for, network, directory, persona, status, available):
    events = DomainEvent.objects.count()
    response = client_for(getattr(network, persona)).post(
        f"/api/v1/directory/services/{directory.food_bank.pk}/capacity",
        {"unit": "tessere", "available": 2, "maximum": 20},
        content_type="application/json",
    )
    assert response.status_code == status
    assert Capacity.objects.get(service=directory.food_bank).available == available
    if status == 200:
        assert response.json()["capacity"]["status"] == "has_capacity"
    else:
        assert response.json()["error"]["code"] == "permission_denied"
        assert DomainEvent.objects.count() == events


def test_a_capacity_above_the_maximum_answers_the_error_body(client_for, network, directory):
    response = client_for(network.sara).post(
        f"/api/v1/directory/services/{directory.food_bank.pk}/capacity",
        {"unit": "tessere", "available": 30, "maximum": 20},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "capacity_above_maximum"


@pytest.mark.parametrize(
    "payload",
    [
        {"unit": "tessere", "available": -1},
        {"unit": "t" * 101, "available": 2},
        {"status": "pieno"},
        {"unit": "tessere", "available": 2**31},
    ],
)
def test_the_schema_refuses_what_the_database_cannot_hold(client_for, network, directory, payload):
    events = DomainEvent.objects.count()
    response = client_for(network.sara).post(
        f"/api/v1/directory/services/{directory.food_bank.pk}/capacity",
        payload,
        content_type="application/json",
    )
    assert response.status_code == 422
    assert Capacity.objects.get(service=directory.food_bank).available == 5
    assert DomainEvent.objects.count() == events


def test_a_service_and_the_needs(client_for, network, directory):
    client = client_for(network.ana)
    body = client.get(f"/api/v1/directory/services/{directory.shelter.pk}").json()
    assert (body["minimum_age"], body["needs"], body["capacity"]["status"]) == (
        18,
        ["homelessness"],
        "no_capacity",
    )
    assert client.get("/api/v1/directory/services/999999").status_code == 404
    assert [need["code"] for need in client.get("/api/v1/directory/needs").json()][:3] == [
        "housing",
        "homelessness",
        "work",
    ]
