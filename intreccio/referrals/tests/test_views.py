"""Referral pages: send from a case or a plan action, the detail's buttons, queue and sent lists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intreccio.audit.models import AuditEntry
from intreccio.referrals import actions
from intreccio.referrals.models import Referral, ReferralMessage

from .factories import build_referral_setting, send
from .test_actions import PDF

S = Referral.Status
pytestmark = pytest.mark.django_db


def test_the_send_page_lists_services_with_capacity_and_prefills_from_the_plan_action(client_for, setting):
    client = client_for(setting.network.ana)
    url = reverse("referrals:send", args=[setting.case.pk])
    response = client.get(url, {"azione": setting.action.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Emporio solidale" in body
    assert "Posti disponibili" in body  # the food bank's capacity badge
    assert "Nessun posto disponibile" in body  # the shelter's
    assert "Accompagnare all&#x27;emporio solidale" in body  # the request, from the action
    assert response.context["form"].initial["service"] == setting.service.pk

    filtered = client.get(url, {"bisogno": setting.directory.homelessness.pk})
    assert [s.name for s in filtered.context["services"]] == ["Accoglienza notturna"]


def test_sending_from_the_page(client_for, setting):
    client = client_for(setting.network.ana)
    url = reverse("referrals:send", args=[setting.case.pk]) + f"?azione={setting.action.pk}"
    response = client.post(url, {"service": setting.service.pk, "request": "Tessera per l'emporio"})
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    assert referral.action_id == setting.action.pk


def test_the_send_page_says_what_consent_is_missing_and_where_to_record_it(client_for, network):
    setting = build_referral_setting(network, sharing="refused")
    client = client_for(network.ana)
    url = reverse("referrals:send", args=[setting.case.pk])
    response = client.post(url, {"service": setting.service.pk, "request": "Tessera"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Manca il consenso alla condivisione" in body
    assert reverse("people:sharing", args=[setting.person.pk]) in body
    assert Referral.objects.count() == 0


def test_the_send_page_is_for_the_sending_side(client_for, setting):
    url = reverse("referrals:send", args=[setting.case.pk])
    assert client_for(setting.network.carla).get(url).status_code == 404  # cannot see the case
    assert client_for(setting.network.diana).get(url).status_code == 404


def test_the_receiver_accepts_starts_and_completes_through_the_page(client_for, setting):
    referral = send(setting, action=setting.action)
    carla = client_for(setting.network.carla)
    detail = reverse("referrals:detail", args=[referral.pk])
    page = carla.get(detail)
    assert [move["label"] for move in page.context["moves"]] == [
        "Conferma la ricezione",
        "Accetta",
        "Rifiuta",
    ]
    move = reverse("referrals:transition", args=[referral.pk])
    assert carla.post(move, {"to": "accepted"}).status_code == 302
    assert [m["label"] for m in carla.get(detail).context["moves"]] == [
        "Avvia il lavoro",
        "Concludi con un esito",
        "Sospendi",
        "Chiudi come non riuscito",
    ]
    carla.post(move, {"to": "in_progress"})
    carla.post(move, {"to": "completed", "outcome": "need_met", "outcome_note": "Tessera consegnata"})
    referral.refresh_from_db()
    assert (referral.status, referral.outcome_note) == (S.COMPLETED, "Tessera consegnata")

    ana = client_for(setting.network.ana)
    case_page = ana.get(reverse("cases:detail", args=[setting.case.pk])).content.decode()
    assert "Bisogno soddisfatto: Tessera consegnata" in case_page
    assert [m["label"] for m in ana.get(detail).context["moves"]] == []


def test_a_refused_move_through_the_page_changes_nothing(client_for, setting):
    referral = send(setting)
    carla = client_for(setting.network.carla)
    move = reverse("referrals:transition", args=[referral.pk])
    response = carla.post(move, {"to": "rejected", "reason": ""}, follow=True)
    assert "Scegli il motivo" in response.content.decode()
    assert client_for(setting.network.ana).post(move, {"to": "accepted"}).status_code == 403
    assert (
        client_for(setting.network.diana).post(move, {"to": "cancelled", "reason": "other"}).status_code
        == 404
    )
    referral.refresh_from_db()
    assert referral.status == S.REQUESTED
    assert referral.transitions.count() == 1


def test_messages_and_attachments_through_the_pages(client_for, setting):
    referral = send(setting)
    ana = client_for(setting.network.ana)
    ana.post(
        reverse("referrals:message", args=[referral.pk]),
        {"body": "Allego l'ISEE", "attachments": [SimpleUploadedFile("isee.pdf", PDF, "application/pdf")]},
    )
    attachment = ReferralMessage.objects.get().attachments.get()
    carla = client_for(setting.network.carla)
    response = carla.get(reverse("referrals:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert (
        AuditEntry.objects.filter(
            target_type="referrals.referralattachment", target_id=str(attachment.pk), action="read"
        ).count()
        == 1
    )
    assert (
        client_for(setting.network.diana)
        .get(reverse("referrals:attachment", args=[attachment.pk]))
        .status_code
        == 404
    )


def test_assigning_through_the_page(client_for, setting):
    referral = send(setting)
    carla = client_for(setting.network.carla)
    carla.post(reverse("referrals:assign", args=[referral.pk]), {"operator": setting.network.carla.pk})
    referral.refresh_from_db()
    assert referral.assigned_to == setting.network.carla


@pytest.fixture
def three_referrals(setting):
    network = setting.network
    first = send(setting)
    second = send(setting, service=setting.shelter, request="Un posto letto")
    third = send(setting, urgent=True)
    actions.accept_referral(second, actor=network.carla)
    actions.flag_stalled(now=first.acknowledge_by.replace(year=first.acknowledge_by.year + 1))
    return [first, second, third]


def test_the_queue_queries_and_filters(client_for, setting, three_referrals, django_assert_num_queries):
    client = client_for(setting.network.carla)
    url = reverse("referrals:inbox")
    client.get(url)
    # 1 session, 2 user, 3 memberships, 4 the organisation's services (filter), 5 count,
    # 6 the page (case, person, service, organisations, sender, assignee joined),
    # 7 one SEARCH audit entry, 8-10 savepoint, session update, release
    # +1: the header's count of unread notifications (on every full page).
    with django_assert_num_queries(11):
        response = client.get(url)
    shown = [r.pk for r in response.context["page"].object_list]
    first, second, third = three_referrals
    assert shown == [third.pk, first.pk, second.pk]  # not stalled-only: urgent first, then oldest
    assert "Fermo" in response.content.decode()
    by_status = client.get(url, {"stato": "accepted"})
    assert [r.pk for r in by_status.context["page"].object_list] == [second.pk]
    by_service = client.get(url, {"servizio": setting.shelter.pk})
    assert [r.pk for r in by_service.context["page"].object_list] == [second.pk]
    not_stalled = client.get(url, {"fermi": "0"})
    assert [r.pk for r in not_stalled.context["page"].object_list] == []


def test_the_sent_list_queries_and_flags_stalled(
    client_for, setting, three_referrals, django_assert_num_queries
):
    client = client_for(setting.network.ana)
    url = reverse("referrals:sent")
    client.get(url)
    # 1 session, 2 user, 3 memberships, 4 count, 5 the page, 6 SEARCH audit entry,
    # 7-9 savepoint, session update, release
    # +1: the header's count of unread notifications (on every full page).
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 3
    stalled = client.get(url, {"fermi": "1"})
    assert len(stalled.context["page"].object_list) == 3
    assert list(client_for(setting.network.carla).get(url).context["page"].object_list) == []


def test_the_lists_are_for_operators_who_work_with_persons(client_for, network):
    assert client_for(network.paolo).get(reverse("referrals:inbox")).status_code == 403
    assert client_for(network.laura).get(reverse("referrals:sent")).status_code == 403


def test_the_receiver_sees_the_person_through_the_referral(client_for, setting):
    from intreccio.people.rules import can_view_person

    assert not can_view_person(setting.network.carla, setting.person)
    referral = send(setting)
    setting.network.carla.refresh_roles()
    assert can_view_person(setting.network.carla, setting.person)
    person_page = client_for(setting.network.carla).get(reverse("people:person", args=[setting.person.pk]))
    assert f"Invio n. {referral.pk}" in person_page.content.decode()


def test_the_dashboard_panel_counts_the_queue(client_for, setting, three_referrals):
    response = client_for(setting.network.carla).get(reverse("accounts:home"))
    assert "Invii in arrivo" in response.content.decode()
