import pytest
from django.urls import reverse

from intreccio.audit.models import DomainEvent
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.organisations.actions import create_organisation, create_site, update_organisation
from intreccio.organisations.models import Organisation, Site
from intreccio.territory.models import MicroTerritory, Municipality


def test_a_system_admin_registers_an_organisation_with_its_event(network):
    organisation = create_organisation(
        actor=network.sara,
        name="Cooperativa Sentieri",
        kind=Organisation.Kind.COOPERATIVE,
        district=network.district,
    )
    event = DomainEvent.objects.get(kind="ORGANISATION_CREATED", subject_id=str(organisation.pk))
    assert (event.actor, event.payload) == (
        network.sara,
        {"name": "Cooperativa Sentieri", "kind": "cooperative"},
    )


@pytest.mark.parametrize("persona", ["laura", "ana", "carla", "paolo"])
def test_only_system_admins_register_organisations(network, persona):
    count = Organisation.objects.count()
    with pytest.raises(PermissionDenied):
        create_organisation(
            actor=getattr(network, persona),
            name="Nuovo ente",
            kind=Organisation.Kind.ASSOCIATION,
            district=network.district,
        )
    assert Organisation.objects.count() == count


def test_names_are_unique_whatever_the_case(network):
    with pytest.raises(ApplicationError, match="Esiste già un ente chiamato «comune di lecco»"):
        create_organisation(
            actor=network.sara, name="comune di lecco", kind="municipality", district=network.district
        )


def test_an_unknown_kind_is_refused(network):
    with pytest.raises(ApplicationError, match="Tipo di ente sconosciuto: bank"):
        create_organisation(actor=network.sara, name="Banca", kind="bank", district=network.district)


def test_an_organisation_admin_edits_their_own_organisation_only(network):
    update_organisation(network.comune, actor=network.laura, phone="0341 481111")
    network.comune.refresh_from_db()
    assert network.comune.phone == "0341 481111"
    assert DomainEvent.objects.get(kind="ORGANISATION_UPDATED").payload == {
        "changes": {"phone": ["", "0341 481111"]}
    }
    with pytest.raises(PermissionDenied):
        update_organisation(network.caritas, actor=network.laura, phone="000")
    network.caritas.refresh_from_db()
    assert network.caritas.phone == ""


def test_a_site_must_lie_in_its_micro_territory(network):
    valmadrera = Municipality.objects.get(name="Valmadrera")
    centro = MicroTerritory.objects.get(code="lecco-centro")
    with pytest.raises(ApplicationError, match="Il comune Valmadrera non fa parte del microterritorio"):
        create_site(
            network.comune,
            actor=network.laura,
            name="Sede",
            address="via Roma 1",
            municipality=valmadrera,
            micro_territory=centro,
        )
    assert Site.objects.filter(organisation=network.comune).count() == 1


def test_the_list_page_has_a_fixed_number_of_queries(client_for, network, django_assert_num_queries):
    client = client_for(network.carla)
    # session, user, memberships, count for the paginator, the page of organisations
    # (with district and site counts), then the session renewal (savepoint, update, release)
    # … and the header's count of unread notifications.
    with django_assert_num_queries(9):
        response = client.get(reverse("organisations:list"))
    assert [o.name for o in response.context["page"].object_list] == [
        "Caritas decanale di Lecco",
        "Comune di Lecco",
        "Ufficio di Piano – Ambito di Lecco",
    ]
    assert [o.site_count for o in response.context["page"].object_list] == [1, 1, 0]


def test_the_list_filters_by_kind_and_name(client_for, network):
    client = client_for(network.carla)
    by_kind = client.get(reverse("organisations:list"), {"tipo": "charity"}).context["page"].object_list
    by_name = client.get(reverse("organisations:list"), {"q": "piano"}).context["page"].object_list
    assert [o.name for o in by_kind] == ["Caritas decanale di Lecco"]
    assert [o.name for o in by_name] == ["Ufficio di Piano – Ambito di Lecco"]


@pytest.mark.parametrize(
    "persona, status",
    [("anonymous", 302), ("carla", 403), ("ana", 403), ("paolo", 403), ("laura", 302), ("sara", 302)],
)
def test_edit_organisation_matrix(client, client_for, network, persona, status):
    http = client if persona == "anonymous" else client_for(getattr(network, persona))
    events = DomainEvent.objects.count()
    response = http.post(
        reverse("organisations:edit", args=[network.comune.pk]),
        {
            "name": "Comune di Lecco",
            "kind": "municipality",
            "district": network.district.pk,
            "phone": "0341 1",
        },
    )
    assert response.status_code == status
    network.comune.refresh_from_db()
    if persona in {"laura", "sara"}:
        assert network.comune.phone == "0341 1"
    else:
        assert network.comune.phone == ""
        assert DomainEvent.objects.count() == events


def test_a_missing_organisation_and_a_hidden_one_look_the_same(client_for, network):
    client = client_for(network.carla)
    assert client.get(reverse("organisations:detail", args=[999_999])).status_code == 404


@pytest.mark.parametrize("persona, status", [("carla", 403), ("laura", 302)])
def test_site_management_matrix(client_for, network, persona, status):
    lecco = Municipality.objects.get(name="Lecco")
    centro = MicroTerritory.objects.get(code="lecco-centro")
    sites = Site.objects.count()
    response = client_for(getattr(network, persona)).post(
        reverse("organisations:site_create", args=[network.comune.pk]),
        {
            "name": "Punto di comunità",
            "address": "via Roma 2",
            "municipality": lecco.pk,
            "micro_territory": centro.pk,
            "access_point_kind": "community_house",
            "active": "on",
        },
    )
    assert response.status_code == status
    assert Site.objects.count() == sites + (1 if status == 302 else 0)
