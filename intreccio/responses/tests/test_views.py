"""The response pages: record with the overlap warning, the lists, the sections, the catalogue."""

import pytest
from django.urls import reverse

from intreccio.responses.models import OverlapAlert, Response, ResponseType

from .factories import DAY, give

pytestmark = pytest.mark.django_db


def record_url(person):
    return reverse("responses:record") + f"?persona={person.pk}"


def form(response_type, **extra):
    return {"type": response_type.pk, "starts_on": DAY.isoformat(), **extra}


def test_recording_a_response_from_the_person_page(setting, client_for):
    network = setting.network
    client = client_for(network.carla)
    page = client.get(reverse("people:person", args=[setting.mario.pk]))
    assert record_url(setting.mario).encode() in page.content
    assert "Registra una risposta" in page.content.decode()
    response = client.post(record_url(setting.mario), form(setting.parcel, quantity="1"))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person", args=[setting.mario.pk])
    assert Response.objects.get().organisation == network.caritas
    page = client.get(reverse("people:person", args=[setting.mario.pk]))
    assert "Risposte ricevute" in page.content.decode()
    assert "Pacco alimentare" in page.content.decode()


def test_an_overlap_is_shown_and_confirmed_with_the_checkbox(setting, client_for):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    client = client_for(network.carla)
    refused = client.post(record_url(setting.mario), form(setting.card))
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "Possibile sovrapposizione" in body
    assert "Pacco alimentare da Comune di Lecco, dal 2026-03-02 al 2026-03-31" in body
    assert "Registra comunque" in body
    assert Response.objects.filter(organisation=network.caritas).count() == 0
    assert OverlapAlert.objects.filter(new__isnull=True).count() == 1
    confirmed = client.post(record_url(setting.mario), form(setting.card, confirm_overlap="on"))
    assert confirmed.status_code == 302
    assert OverlapAlert.objects.get().new.organisation == network.caritas


def test_the_htmx_check_warns_while_typing(setting, client_for):
    give(setting.network.bruno, setting.mario, setting.parcel)
    client = client_for(setting.network.carla)
    url = (
        reverse("responses:check")
        + f"?persona={setting.mario.pk}&type={setting.card.pk}&starts_on=2026-03-10"
    )
    assert "Comune di Lecco" in client.get(url).content.decode()
    assert OverlapAlert.objects.count() == 0


def test_the_lead_sees_the_alert_on_the_case_page_and_marks_it_complementary(setting, client_for):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    give(network.carla, setting.mario, setting.parcel)
    alert = OverlapAlert.objects.get()
    client = client_for(network.ana)
    case_url = reverse("cases:detail", args=[setting.case.pk])
    body = client.get(case_url).content.decode()
    assert "Risposte e sovrapposizioni" in body
    assert f"Sovrapposizione n. {alert.pk}" in body
    assert "Registra la valutazione" in body
    done = client.post(
        reverse("responses:decide", args=[alert.pk]),
        {"status": "complementary", "note": "Servono entrambi", "next": case_url},
    )
    assert done["Location"] == case_url
    alert.refresh_from_db()
    assert alert.status == OverlapAlert.Status.COMPLEMENTARY


def test_a_refused_decision_changes_nothing(setting, client_for):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    give(network.carla, setting.mario, setting.parcel)
    alert = OverlapAlert.objects.get()
    response = client_for(network.carla).post(
        reverse("responses:decide", args=[alert.pk]), {"status": "resolved", "note": "no"}
    )
    assert response.status_code == 403
    alert.refresh_from_db()
    assert alert.status == OverlapAlert.Status.OPEN


def test_the_organisation_list_in_a_fixed_number_of_queries(setting, client_for, django_assert_num_queries):
    network = setting.network
    for offset in range(3):
        give(network.carla, setting.mario, setting.canteen, starts_on=DAY.replace(day=2 + offset), quantity=1)
    give(network.bruno, setting.mario, setting.parcel)  # another organisation's: not listed
    client = client_for(network.carla)
    client.get(reverse("responses:list"))  # warm the session
    # session, user, memberships; count, page of responses (scope as subqueries), the SEARCH audit
    # entry, the type filter's options; the session saved (savepoint, update, release).
    # +1: the header's count of unread notifications (on every full page).
    with django_assert_num_queries(11):
        page = client.get(reverse("responses:list"))
    assert page.content.decode().count("Pasti alla mensa") == 3 + 1  # rows + the type filter option


def test_the_alert_list_in_a_fixed_number_of_queries(setting, client_for, django_assert_num_queries):
    network = setting.network
    for offset in range(3):
        give(network.bruno, setting.mario, setting.parcel, starts_on=DAY.replace(day=2 + offset * 40 % 28))
        give(network.carla, setting.mario, setting.parcel, starts_on=DAY.replace(day=2 + offset * 40 % 28))
    assert OverlapAlert.objects.count() >= 3
    client = client_for(network.ana)
    client.get(reverse("responses:alerts"))
    # session, user, memberships; count, page of alerts (the lead's cases as a subquery), the ids of
    # the sides she may see, the SEARCH audit entry; the session saved (savepoint, update, release).
    # Who may decide reads the prefetched case and response: no query per alert.
    # +1: the header's count of unread notifications (on every full page).
    with django_assert_num_queries(11):
        page = client.get(reverse("responses:alerts"))
    assert page.status_code == 200


def test_the_catalogue_pages_for_administrators(network, client_for):
    client = client_for(network.laura)
    assert "Pacco alimentare" in client.get(reverse("responses:types")).content.decode()
    created = client.post(
        reverse("responses:type_create"),
        {
            "code": "school-kit",
            "name": "Kit scolastico",
            "overlap_group": "school",
            "overlap_checked": "on",
            "coverage_days": "0",
            "unit": "item",
            "position": "200",
        },
    )
    assert created.status_code == 302
    kit = ResponseType.objects.get(code="school-kit")
    client.post(reverse("responses:type_active", args=[kit.pk]), {"active": "0"})
    kit.refresh_from_db()
    assert kit.active is False
    assert client_for(network.ana).get(reverse("responses:types")).status_code == 403
