"""Referral actions: sending (the consent gate), every move, messages, stalls; refusals change nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.core.exceptions import ApplicationError, InvalidTransition, PermissionDenied
from intreccio.notifications.models import Notification
from intreccio.referrals import actions, events
from intreccio.referrals.exceptions import ConsentMissing
from intreccio.referrals.models import Referral, ReferralAttachment, ReferralMessage, ReferralTransition

from .factories import build_referral_setting, send

S = Referral.Status
pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Referral.objects.order_by("pk").values()),
        ReferralTransition.objects.count(),
        ReferralMessage.objects.count(),
        ReferralAttachment.objects.count(),
        DomainEvent.objects.filter(kind__startswith="REFERRAL").count(),
        Notification.objects.count(),
    )


def test_sending_writes_the_referral_its_first_transition_event_and_notifies_the_receiver(setting):
    network = setting.network
    referral = send(setting, action=setting.action, urgent=True)

    referral.refresh_from_db()
    assert referral.status == S.REQUESTED
    assert referral.to_organisation == network.caritas
    assert referral.from_organisation == network.comune
    assert referral.capacity_status_at_send == "has_capacity"
    assert referral.acknowledge_by > referral.sent_at
    step = referral.transitions.get()
    assert (step.from_status, step.to_status, step.by) == ("", S.REQUESTED, network.ana)
    event = DomainEvent.objects.get(kind=events.REFERRAL_SENT)
    assert event.payload["service"] == "Emporio solidale"
    assert event.person_id == setting.person.pk
    assert AuditEntry.objects.filter(target_type="referrals.referral", action="create").count() == 1
    notified = Notification.objects.get(kind=Notification.Kind.REFERRAL_RECEIVED)
    assert notified.recipient == network.carla
    assert "Rossi" not in notified.title


def test_the_acknowledgement_deadline_counts_working_days():
    friday = timezone.make_aware(datetime.datetime(2026, 11, 27, 10, 0))
    assert timezone.localtime(actions.acknowledge_deadline(friday, urgent=False)).date() == datetime.date(
        2026, 12, 1
    )
    assert timezone.localtime(actions.acknowledge_deadline(friday, urgent=True)).date() == datetime.date(
        2026, 11, 30
    )


def test_a_referral_cannot_be_sent_without_covering_consent(network):
    """SELECTED sharing not naming Caritas: refused, nothing written; after recording consent: sent."""
    from intreccio.people.actions import record_sharing_choice

    setting = build_referral_setting(network, sharing="refused")
    record_sharing_choice(
        setting.person,
        actor=network.ana,
        scope="selected",
        organisations=[network.comune],
        purposes=["referrals"],
    )
    before = snapshot()
    with pytest.raises(ConsentMissing) as refused:
        send(setting)
    assert refused.value.code == "consent_missing"
    assert "Caritas decanale di Lecco" in refused.value.message
    assert "consenso alla condivisione" in refused.value.message
    assert refused.value.details["consent_url"] == f"/persone/{setting.person.pk}/condivisione/"
    assert snapshot() == before

    record_sharing_choice(
        setting.person,
        actor=network.ana,
        scope="selected",
        organisations=[network.comune, network.caritas],
        purposes=["referrals"],
    )
    referral = send(setting)
    assert Referral.objects.get().pk == referral.pk


def test_a_referral_inside_the_lead_organisation_needs_no_consent(network):
    setting = build_referral_setting(network, sharing="refused")
    referral = send(setting, service=setting.own_service)
    assert referral.to_organisation == network.comune


@pytest.mark.parametrize(
    "change, code",
    [
        ({"request": "  "}, "request_required"),
        ({"service": "inactive"}, "service_unavailable"),
        ({"to_user": "diana"}, "not_found"),
        ({"action": "other"}, "action_mismatch"),
    ],
)
def test_sending_refusals_change_nothing(setting, change, code):
    from intreccio.cases.actions import open_case
    from intreccio.cases.tests.factories import PersonFactory
    from intreccio.directory.models import Service

    from .factories import make_plan_action

    network = setting.network
    kwargs = {}
    if change.get("service") == "inactive":
        Service.objects.filter(pk=setting.service.pk).update(status=Service.Status.DEFUNCT)
        setting.service.refresh_from_db()
    if "request" in change:
        kwargs["request"] = change["request"]
    if change.get("to_user") == "diana":
        kwargs["to_user"] = network.diana  # not an operator of Caritas
    if change.get("action") == "other":
        other = open_case(actor=network.ana, person=PersonFactory(), lead=network.ana)
        kwargs["action"] = make_plan_action(other, actor=network.ana)[1]
    before = snapshot()
    with pytest.raises(ApplicationError) as refused:
        send(setting, **kwargs)
    assert refused.value.code == code
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["carla", "diana", "paolo", "laura"])
def test_only_the_sending_side_sends(setting, persona):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        send(setting, actor=getattr(setting.network, persona))
    assert snapshot() == before


def test_a_team_member_sends_too(setting):
    referral = send(setting, actor=setting.network.bruno)
    assert referral.from_user == setting.network.bruno


def test_the_whole_loop_brings_the_outcome_back_to_the_plan(setting):
    from intreccio.plans.models import PlanAction

    network = setting.network
    referral = send(setting, action=setting.action)
    actions.acknowledge_referral(referral, actor=network.carla)
    actions.accept_referral(referral, actor=network.carla)
    actions.start_referral(referral, actor=network.carla)
    actions.put_referral_on_hold(referral, actor=network.carla, reason="waiting_documents", note="ISEE")
    actions.resume_referral(referral, actor=network.carla)
    done = actions.complete_referral(
        referral, actor=network.carla, outcome="need_met", outcome_note="Tessera consegnata"
    )
    assert done.status == S.COMPLETED
    assert done.closed_at is not None
    assert [(t.from_status, t.to_status) for t in done.transitions.all()] == [
        ("", S.REQUESTED),
        (S.REQUESTED, S.RECEIVED),
        (S.RECEIVED, S.ACCEPTED),
        (S.ACCEPTED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.ON_HOLD),
        (S.ON_HOLD, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.COMPLETED),
    ]
    action = PlanAction.objects.get(pk=setting.action.pk)
    assert action.status == PlanAction.Status.DONE
    assert action.outcome == "Bisogno soddisfatto: Tessera consegnata"
    kinds = set(Notification.objects.filter(recipient=network.ana).values_list("kind", flat=True))
    assert {"referral_accepted", "referral_completed"} <= kinds
    assert DomainEvent.objects.filter(kind=events.REFERRAL_TRANSITION).count() == 6


def test_not_provided_or_failed_leaves_the_action_not_done(setting):
    from intreccio.plans.models import PlanAction

    network = setting.network
    referral = send(setting, action=setting.action)
    actions.accept_referral(referral, actor=network.carla)
    actions.complete_referral(referral, actor=network.carla, outcome="not_provided")
    assert PlanAction.objects.get(pk=setting.action.pk).status == PlanAction.Status.NOT_DONE
    actions.reopen_referral(referral, actor=network.carla, reason="new_need")
    assert PlanAction.objects.get(pk=setting.action.pk).status == PlanAction.Status.IN_PROGRESS
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == (S.IN_PROGRESS, "")
    actions.fail_referral(referral, actor=network.carla, reason="person_unreachable")
    assert PlanAction.objects.get(pk=setting.action.pk).status == PlanAction.Status.NOT_DONE


def test_rejected_and_cancelled_are_reopened_by_the_sender(setting):
    network = setting.network
    referral = send(setting)
    actions.reject_referral(referral, actor=network.carla, reason="no_capacity")
    referral.refresh_from_db()
    assert Notification.objects.filter(recipient=network.ana, kind="referral_rejected").count() == 1
    with pytest.raises(PermissionDenied):
        actions.reopen_referral(referral, actor=network.carla, reason="new_need")
    actions.reopen_referral(referral, actor=network.ana, reason="new_need", note="Si è liberato un posto")
    actions.cancel_referral(referral, actor=network.ana, reason="need_resolved")
    referral.refresh_from_db()
    assert referral.status == S.CANCELLED
    assert referral.status_reason == "need_resolved"


@pytest.mark.parametrize(
    "persona, to, kwargs, error",
    [
        ("ana", S.ACCEPTED, {}, PermissionDenied),  # the sender does not accept
        ("carla", S.CANCELLED, {"reason": "other"}, PermissionDenied),  # the receiver does not cancel
        ("diana", S.RECEIVED, {}, PermissionDenied),  # a third party does nothing
        ("paolo", S.CANCELLED, {"reason": "other"}, PermissionDenied),
        ("carla", S.REJECTED, {}, ApplicationError),  # reason required
        ("carla", S.REJECTED, {"reason": "made_up"}, ApplicationError),
        ("carla", S.IN_PROGRESS, {}, InvalidTransition),  # not from requested
        ("carla", S.COMPLETED, {}, ApplicationError),  # outcome required
    ],
)
def test_refused_moves_change_nothing(setting, persona, to, kwargs, error):
    referral = send(setting)
    before = snapshot()
    with pytest.raises(error):
        actions.transition(referral, actor=getattr(setting.network, persona), to=to, **kwargs)
    assert snapshot() == before


def test_reopening_needs_a_reason(setting):
    referral = send(setting)
    actions.reject_referral(referral, actor=setting.network.carla, reason="not_eligible")
    before = snapshot()
    with pytest.raises(ApplicationError) as refused:
        actions.transition(referral, actor=setting.network.ana, to=S.REQUESTED)
    assert refused.value.code == "reason_required"
    assert snapshot() == before


def test_reopening_an_open_referral_is_refused_not_a_silent_no_op(setting):
    # Found by the stateful test: a referral in progress is where reopening a completed one
    # leads, and "reopen" used to return it unchanged as if it had worked.
    referral = send(setting)
    actions.accept_referral(referral, actor=setting.network.carla)
    actions.start_referral(referral, actor=setting.network.carla)
    before = snapshot()
    with pytest.raises(InvalidTransition):
        actions.reopen_referral(referral, actor=setting.network.carla, reason="new_need")
    assert snapshot() == before


def test_consent_withdrawn_hides_the_referral_from_the_receiver(setting):
    from intreccio.people.actions import withdraw_sharing

    referral = send(setting)
    withdraw_sharing(setting.person, actor=setting.network.ana)
    with pytest.raises(PermissionDenied):
        actions.accept_referral(referral, actor=setting.network.carla)


def test_assigning_names_an_operator_of_the_receiving_organisation(setting):
    network = setting.network
    referral = send(setting)
    with pytest.raises(PermissionDenied):
        actions.assign_referral(referral, actor=network.ana, to_user=network.carla)
    done = actions.assign_referral(referral, actor=network.carla, to_user=network.carla)
    assert done.assigned_to == network.carla
    with pytest.raises(ApplicationError):
        actions.assign_referral(referral, actor=network.carla, to_user=network.ana)


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_messages_with_attachments_notify_the_other_side(setting):
    network = setting.network
    referral = send(setting)
    message = actions.post_message(
        referral,
        actor=network.ana,
        body="Allego l'ISEE",
        attachments=[SimpleUploadedFile("isee.pdf", PDF, content_type="application/pdf")],
    )
    stored = message.attachments.get()
    assert (stored.name, stored.content_type, stored.size) == ("isee.pdf", "application/pdf", len(PDF))
    assert stored.file.read() == PDF
    assert Notification.objects.filter(recipient=network.carla, kind="referral_message").count() == 1
    actions.post_message(referral, actor=network.carla, body="Ricevuto, grazie")
    assert Notification.objects.filter(recipient=network.ana, kind="referral_message").count() == 1


@pytest.mark.parametrize(
    "upload, code",
    [
        (SimpleUploadedFile("script.exe", b"MZ\x90\x00", content_type="application/pdf"), "attachment_type"),
        (
            SimpleUploadedFile("finto.pdf", b"<html></html>", content_type="application/pdf"),
            "attachment_type",
        ),
        (
            SimpleUploadedFile("grande.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf"),
            "attachment_too_large",
        ),
    ],
)
def test_attachments_outside_the_rules_are_refused(setting, upload, code):
    referral = send(setting)
    before = snapshot()
    with pytest.raises(ApplicationError) as refused:
        actions.post_message(referral, actor=setting.network.ana, body="Ecco", attachments=[upload])
    assert refused.value.code == code
    assert snapshot() == before


def test_a_third_party_cannot_write_in_the_thread(setting):
    referral = send(setting)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        actions.post_message(referral, actor=setting.network.diana, body="Ciao")
    assert snapshot() == before
    assert io  # keep the import for binary helpers


def test_flag_stalled_reminds_once_and_activity_clears_the_flag(setting, settings):
    network = setting.network
    referral = send(setting)
    later = referral.acknowledge_by + datetime.timedelta(minutes=1)
    assert actions.flag_stalled(now=later) == {"flagged": 1}
    assert actions.flag_stalled(now=later + datetime.timedelta(hours=1)) == {"flagged": 0}
    referral.refresh_from_db()
    assert referral.stalled_since == later
    assert Notification.objects.filter(kind="overdue", recipient=network.carla).count() == 1
    assert Notification.objects.filter(kind="overdue", recipient=network.ana).count() == 1
    assert DomainEvent.objects.filter(kind=events.REFERRAL_STALLED).count() == 1

    actions.accept_referral(referral, actor=network.carla)
    referral.refresh_from_db()
    assert referral.stalled_since is None
    quiet = referral.last_activity_at + datetime.timedelta(
        days=settings.INTRECCIO_REFERRAL_STALE_DAYS, minutes=1
    )
    assert actions.flag_stalled(now=quiet - datetime.timedelta(minutes=2)) == {"flagged": 0}
    assert actions.flag_stalled(now=quiet) == {"flagged": 1}
    assert Notification.objects.filter(kind="overdue", recipient=network.carla).count() == 2
