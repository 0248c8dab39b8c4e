import pytest
from django.urls import reverse

from intreccio.audit.models import DomainEvent
from intreccio.directory.models import Capacity, ChangeProposal, Need, Service


def http_for(client, client_for, network, persona):
    return client if persona == "anonymous" else client_for(getattr(network, persona))


def test_the_search_page_has_a_fixed_number_of_queries(
    client_for, network, directory, django_assert_num_queries
):
    client = client_for(network.carla)
    # session, user, memberships; needs and municipalities for the form; count and page of
    # results; prefetches (needs, capacities, schedules, closures, places, their schedules,
    # translations); then the session renewal (savepoint, update, release).
    # … and the header's count of unread notifications.
    with django_assert_num_queries(18):
        response = client.get(reverse("directory:search"), {"bisogno": "", "q": ""})
    assert [r.name for r in response.context["results"]] == [
        "Accoglienza notturna",
        "Emporio solidale",
        "Servizio sociale di base",
    ]


def test_operators_find_services_with_free_places(client_for, network, directory):
    response = client_for(network.ana).get(
        reverse("directory:search"), {"posti": "on", "vicino": "Germanedo"}
    )
    assert [r.name for r in response.context["results"]] == ["Emporio solidale"]
    assert b"5/20 tessere" in response.content


@pytest.mark.parametrize(
    "persona, status, changed",
    [
        ("anonymous", 302, False),
        ("carla", 403, False),
        ("bruno", 403, False),
        ("laura", 302, True),
        ("sara", 302, True),
    ],
)
def test_edit_service_matrix(client, client_for, network, directory, persona, status, changed):
    events = DomainEvent.objects.count()
    response = http_for(client, client_for, network, persona).post(
        reverse("directory:service_edit", args=[directory.social_service.pk]),
        {"name": "Servizio sociale", "status": "active", "needs": [directory.housing.pk]},
    )
    assert response.status_code == status
    service = Service.objects.get(pk=directory.social_service.pk)
    if changed:
        assert service.name == "Servizio sociale"
        assert list(service.needs.values_list("code", flat=True)) == ["housing"]
    else:
        assert service.name == "Servizio sociale di base"
        assert DomainEvent.objects.count() == events


@pytest.mark.parametrize(
    "persona, status, available",
    [("anonymous", 302, 5), ("ana", 403, 5), ("carla", 403, 5), ("sara", 302, 3)],
)
def test_capacity_matrix(client, client_for, network, directory, persona, status, available):
    events = DomainEvent.objects.filter(kind="SERVICE_CAPACITY_UPDATED").count()
    response = http_for(client, client_for, network, persona).post(
        reverse("directory:service_capacity", args=[directory.food_bank.pk]),
        {"unit": "tessere", "available": "3", "maximum": "20"},
    )
    assert response.status_code == status
    assert Capacity.objects.get(service=directory.food_bank).available == available
    if available == 5:
        assert DomainEvent.objects.filter(kind="SERVICE_CAPACITY_UPDATED").count() == events


def test_another_organisation_proposes_and_the_admin_accepts(client_for, network, directory):
    carla = client_for(network.carla)
    response = carla.post(
        reverse("directory:service_propose", args=[directory.social_service.pk]),
        {"name": "Servizio sociale di base", "phone": "0341 481111", "note": "Numero del centralino."},
    )
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert proposal.changes == {"phone": "0341 481111"}
    laura = client_for(network.laura)
    page = laura.get(reverse("directory:proposals"))
    assert list(page.context["proposals"]) == [proposal]
    laura.post(reverse("directory:proposal_review", args=[proposal.pk]), {"decision": "accept", "note": ""})
    assert Service.objects.get(pk=directory.social_service.pk).phone == "0341 481111"


def test_a_proposal_of_another_organisation_is_not_found_by_others(client_for, network, directory):
    client_for(network.carla).post(
        reverse("directory:service_propose", args=[directory.social_service.pk]),
        {"name": "Servizio sociale di base", "phone": "1"},
    )
    proposal = ChangeProposal.objects.get()
    response = client_for(network.carla).post(
        reverse("directory:proposal_review", args=[proposal.pk]), {"decision": "accept"}
    )
    assert response.status_code == 404
    assert ChangeProposal.objects.get().status == "pending"


@pytest.mark.parametrize(
    "persona, status", [("anonymous", 302), ("laura", 403), ("carla", 403), ("sara", 200)]
)
def test_only_the_system_admin_manages_needs(client, client_for, network, persona, status):
    http = http_for(client, client_for, network, persona)
    assert http.get(reverse("directory:needs")).status_code == status
    response = http.post(
        reverse("directory:need_create"),
        {"code": "transport", "label": "Trasporti", "position": "500", "active": "on", "label_ar": "النقل"},
    )
    created = Need.objects.filter(code="transport").first()
    if persona == "sara":
        assert response.status_code == 302
        assert created.translations == {"ar": "النقل"}
    else:
        assert created is None


def test_schedules_page_adds_an_opening_time(client_for, network, directory):
    client = client_for(network.laura)
    link = directory.social_service.service_at_locations.get()
    response = client.post(
        reverse("directory:service_schedules", args=[directory.social_service.pk]),
        {
            "link": link.pk,
            "freq": "MONTHLY",
            "ordinal": "1",
            "days": ["SA"],
            "opens_at": "10:00",
            "closes_at": "12:00",
            "closed_on_public_holidays": "on",
        },
    )
    assert response.status_code == 302
    assert [str(s) for s in link.schedules.order_by("id")] == [
        "lunedì, martedì, mercoledì, giovedì, venerdì 09:00–12:00",
        "primo sabato del mese 10:00–12:00",
    ]
    refused = client.post(
        reverse("directory:service_schedules", args=[directory.social_service.pk]),
        {"link": link.pk, "freq": "WEEKLY", "days": ["MO"], "opens_at": "12:00", "closes_at": "09:00"},
    )
    assert (
        "L&#x27;orario di apertura (12:00) deve precedere quello di chiusura (09:00)."
        in refused.content.decode()
    )
    assert link.schedules.count() == 2


def test_a_place_gets_opening_hours(client_for, network, directory):
    from intreccio.directory.models import Schedule

    url = reverse("directory:location_schedule_add", args=[directory.town_hall.pk])
    data = {
        "hours-freq": "WEEKLY",
        "hours-days": ["SA"],
        "hours-opens_at": "09:00",
        "hours-closes_at": "12:00",
    }
    assert client_for(network.carla).post(url, data).status_code == 403
    assert client_for(network.laura).post(url, data).status_code == 302
    assert [str(s) for s in Schedule.objects.filter(location=directory.town_hall)] == ["sabato 09:00–12:00"]


def test_pages_render_for_an_operator(client_for, network, directory):
    client = client_for(network.laura)
    for name, args in [
        ("directory:service", [directory.social_service.pk]),
        ("directory:service_edit", [directory.social_service.pk]),
        ("directory:service_translation", [directory.social_service.pk, "ar"]),
        ("directory:locations", []),
        ("directory:location", [directory.oratory.pk]),
        ("directory:location_create", []),
        ("directory:to_verify", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("directory:search", {}),
        ("directory:service", {"service_id": "social_service"}),
        ("directory:service_propose", {"service_id": "social_service"}),
        ("directory:locations", {}),
        ("directory:location", {"location_id": "town_hall"}),
        ("directory:proposals", {}),
    ],
)
def test_an_account_without_a_role_does_not_see_the_directory(client_for, directory, no_role, name, kwargs):
    url = reverse(name, kwargs={key: getattr(directory, value).pk for key, value in kwargs.items()})
    assert client_for(no_role).get(url).status_code == 403


@pytest.mark.parametrize("persona, status", [("laura", 403), ("sara", 403), ("carla", 200), ("ana", 200)])
def test_who_maintains_a_service_changes_it_rather_than_proposing(
    client_for, network, directory, persona, status
):
    response = client_for(getattr(network, persona)).get(
        reverse("directory:service_propose", args=[directory.social_service.pk])
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    "name, target, language",
    [
        ("directory:service_translation", "social_service", "en"),
        ("directory:location_translation", "town_hall", "ar"),
    ],
)
@pytest.mark.parametrize("persona, status", [("ana", 403), ("carla", 403), ("laura", 200), ("sara", 200)])
def test_only_who_maintains_an_entry_opens_its_translation(
    client_for, network, directory, name, target, language, persona, status
):
    url = reverse(name, args=[getattr(directory, target).pk, language])
    assert client_for(getattr(network, persona)).get(url).status_code == status


@pytest.mark.parametrize("persona, status", [("laura", 200), ("sara", 200), ("diana", 403), ("carla", 403)])
def test_entries_to_verify_are_for_administrators(client_for, network, directory, persona, status):
    assert client_for(getattr(network, persona)).get(reverse("directory:to_verify")).status_code == status


def test_the_proposer_sees_their_proposals_but_not_the_reviewers_view(client_for, network, directory):
    carla = client_for(network.carla)
    carla.post(
        reverse("directory:service_propose", args=[directory.social_service.pk]),
        {"name": "Servizio sociale di base", "wait_time": "Due settimane", "note": "Lo dicono le famiglie."},
    )
    page = carla.get(reverse("directory:proposals"))
    assert page.status_code == 200
    assert list(page.context["proposals"]) == []
    assert [p.service for p in page.context["mine"]] == [directory.social_service]
    assert "Servizio sociale di base · Da valutare" in page.content.decode()
    assert "Lo dicono le famiglie." not in page.content.decode()
