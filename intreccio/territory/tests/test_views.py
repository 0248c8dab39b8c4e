import pytest
from django.urls import reverse

from intreccio.audit.models import DomainEvent
from intreccio.territory.models import MicroTerritory


def test_the_map_page_lists_municipalities_with_a_fixed_number_of_queries(
    client_for, network, django_assert_num_queries
):
    client = client_for(network.ana)
    # session, user, memberships (+ organisation, district), micro-territories, their
    # municipalities (prefetch), municipalities of the district, districts for the selector,
    # then the session renewal (savepoint, update, release)
    # … and the header's count of unread notifications.
    with django_assert_num_queries(11):
        response = client.get(reverse("territory:map"))
    assert response.status_code == 200
    assert [m.name for m in response.context["municipalities"]][:3] == [
        "Abbadia Lariana",
        "Annone di Brianza",
        "Ballabio",
    ]
    assert len(response.context["micro_territories"]) == 9
    assert "composizione illustrativa" in response.content.decode()


def test_the_boundaries_are_geojson_for_the_chosen_district(client_for, network):
    data = client_for(network.ana).get(reverse("territory:boundaries"), {"ambito": "merate"}).json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 27
    merate = next(f for f in data["features"] if f["properties"]["name"] == "Merate")
    assert merate["properties"]["micro_territories"] == ["Meratese e Adda"]


def test_an_unknown_district_is_not_found(client_for, network):
    assert client_for(network.ana).get(reverse("territory:map"), {"ambito": "atlantide"}).status_code == 404


@pytest.mark.parametrize("persona, status", [("anonymous", 302), ("ana", 403), ("laura", 403), ("sara", 302)])
def test_editing_a_micro_territory_is_for_system_admins(client, client_for, network, persona, status):
    micro = MicroTerritory.objects.get(code="oggionese")
    http = client if persona == "anonymous" else client_for(getattr(network, persona))
    events_before = DomainEvent.objects.count()
    url = reverse("territory:micro_territory_edit", args=[micro.pk])
    response = http.post(
        url,
        {
            "name": "Oggionese e dintorni",
            "kind": "municipality_group",
            "municipalities": list(micro.municipalities.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == status
    micro.refresh_from_db()
    if persona == "sara":
        assert response["Location"] == reverse("territory:micro_territory", args=[micro.pk])
        assert micro.name == "Oggionese e dintorni"
        assert DomainEvent.objects.filter(kind="MICRO_TERRITORY_UPDATED").count() == 1
    else:
        assert micro.name == "Oggionese"
        assert DomainEvent.objects.count() == events_before


def test_the_form_shows_a_domain_error_next_to_the_fields(client_for, network):
    response = client_for(network.sara).post(
        reverse("territory:micro_territory_create") + "?ambito=lecco",
        {
            "code": "oggionese",
            "name": "Doppione",
            "kind": "municipality_group",
            "municipalities": [network.district.lead_municipality_id],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Esiste già un microterritorio con il codice «oggionese» in questo ambito."
    ]
