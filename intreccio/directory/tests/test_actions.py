import datetime

import pytest
from django.core import mail
from django.utils import timezone

from intreccio.audit.models import DomainEvent
from intreccio.core.exceptions import ApplicationError, InvalidTransition, PermissionDenied
from intreccio.directory import actions
from intreccio.directory.models import (
    Capacity,
    CapacityStatus,
    ChangeProposal,
    ChangeRecord,
    Location,
    Need,
    Schedule,
    Service,
    Translation,
)
from intreccio.directory.queries import capacity_status, history_of
from intreccio.directory.schedules import describe, occurs_on
from intreccio.organisations.actions import update_organisation


def fields_changed(resource):
    return sorted((r.field_name, r.previous_value, r.replacement_value) for r in history_of(resource))


def test_an_update_writes_one_history_row_per_changed_field(directory, network):
    service = directory.social_service
    actions.update_service(
        service, actor=network.laura, wait_time="Una settimana", minimum_age=18, needs=[directory.housing]
    )
    records = ChangeRecord.objects.filter(resource_id=service.uuid, actor=network.laura)
    assert sorted((r.field_name, r.previous_value, r.replacement_value) for r in records) == [
        ("minimum_age", "", "18"),
        ("needs", "housing, income", "housing"),
        ("wait_time", "", "Una settimana"),
    ]
    assert {r.updated_by for r in records} == {"Laura Panzeri <laura@test.intreccio.it>"}
    assert DomainEvent.objects.filter(kind="SERVICE_UPDATED").last().payload == {
        "fields": ["minimum_age", "needs", "wait_time"]
    }


def test_ages_out_of_order_are_refused_with_nothing_written(directory, network):
    with pytest.raises(ApplicationError) as raised:
        actions.update_service(directory.social_service, actor=network.laura, minimum_age=70, maximum_age=18)
    assert (
        raised.value.message == "L'età minima (70) è maggiore di quella massima (18): correggi una delle due."
    )
    directory.social_service.refresh_from_db()
    assert directory.social_service.minimum_age is None


@pytest.mark.parametrize("persona", ["carla", "bruno", "paolo", "ana"])
def test_only_the_organisation_admins_edit_its_services(directory, network, persona):
    events = DomainEvent.objects.count()
    with pytest.raises(PermissionDenied):
        actions.update_service(directory.social_service, actor=getattr(network, persona), name="Altro nome")
    directory.social_service.refresh_from_db()
    assert directory.social_service.name == "Servizio sociale di base"
    assert DomainEvent.objects.count() == events


def test_capacity_status_follows_the_counts_and_is_reported_for_referrals(directory, network):
    caritas_operator = network.carla  # access point operator: may not say how many places there are
    with pytest.raises(PermissionDenied):
        actions.update_capacity(
            directory.food_bank, actor=caritas_operator, unit="tessere", available=1, maximum=20
        )
    actions.update_capacity(directory.food_bank, actor=network.sara, unit="tessere", available=0, maximum=20)
    info = capacity_status(Service.objects.get(pk=directory.food_bank.pk))
    assert (info.status, info.label, info.fresh, info.has_capacity) == (
        "no_capacity",
        "Nessun posto disponibile",
        True,
        False,
    )
    assert [unit[:3] for unit in info.units] == [("tessere", 0, 20)]
    actions.update_capacity(directory.food_bank, actor=network.sara, status=CapacityStatus.WAITLIST)
    info = capacity_status(Service.objects.get(pk=directory.food_bank.pk))
    assert (info.status, info.accepts_referrals) == ("waitlist", True)
    stale = timezone.now() + datetime.timedelta(days=15)
    assert capacity_status(Service.objects.get(pk=directory.food_bank.pk), now=stale).fresh is False


def test_capacity_above_its_maximum_is_refused(directory, network):
    with pytest.raises(ApplicationError) as raised:
        actions.update_capacity(
            directory.shelter, actor=network.sara, unit="posti letto", available=12, maximum=10
        )
    assert raised.value.code == "capacity_above_maximum"
    assert Capacity.objects.get(service=directory.shelter).available == 0


def test_service_staff_of_the_organisation_update_capacity(directory, network):
    from intreccio.accounts.actions import add_operator
    from intreccio.core.roles import Role

    staff = add_operator(
        actor=network.sara,
        organisation=network.caritas,
        email="notte@caritas.test.intreccio.it",
        given_name="Nino",
        family_name="Notte",
        roles=[Role.SERVICE_OPERATOR],
    )
    actions.update_capacity(directory.shelter, actor=staff, unit="posti letto", available=2, maximum=10)
    assert Service.objects.get(pk=directory.shelter.pk).capacity_status == "has_capacity"
    assert history_of(directory.shelter)[0].replacement_value == "has_capacity"


def test_a_proposal_by_another_organisation_is_applied_when_its_admin_accepts(directory, network):
    proposal = actions.propose_change(
        directory.social_service,
        actor=network.carla,
        changes={"wait_time": "Due settimane", "name": "Servizio sociale di base"},
        note="Lo dicono le famiglie che mandiamo.",
    )
    assert proposal.changes == {"wait_time": "Due settimane"}
    with pytest.raises(PermissionDenied):
        actions.accept_proposal(proposal, actor=network.carla)
    actions.accept_proposal(proposal, actor=network.laura)
    directory.social_service.refresh_from_db()
    assert directory.social_service.wait_time == "Due settimane"
    record = ChangeRecord.objects.get(resource_id=directory.social_service.uuid, field_name="wait_time")
    assert record.updated_by == (
        "Carla Airoldi <carla@test.intreccio.it>, accettata da Laura Panzeri <laura@test.intreccio.it>"
    )
    with pytest.raises(InvalidTransition):
        actions.reject_proposal(proposal, actor=network.laura, note="Ci ho ripensato")


def test_a_rejection_needs_a_reason_and_admins_do_not_propose_to_themselves(directory, network):
    proposal = actions.propose_change(
        directory.social_service, actor=network.carla, changes={"phone": "0341 1"}
    )
    with pytest.raises(ApplicationError) as raised:
        actions.reject_proposal(proposal, actor=network.laura, note=" ")
    assert raised.value.code == "rejection_reason_missing"
    actions.reject_proposal(proposal, actor=network.laura, note="Il numero è sbagliato.")
    assert ChangeProposal.objects.get(pk=proposal.pk).status == "rejected"
    with pytest.raises(PermissionDenied):
        actions.propose_change(directory.social_service, actor=network.laura, changes={"phone": "0341 2"})
    with pytest.raises(ApplicationError) as raised:
        actions.propose_change(directory.social_service, actor=network.carla, changes={"phone": ""})
    assert raised.value.code == "empty_proposal"


def test_entries_not_verified_for_months_are_flagged_once_and_admins_told(
    directory, network, django_capture_on_commit_callbacks
):
    old = timezone.now() - datetime.timedelta(days=200)
    Service.objects.filter(pk=directory.social_service.pk).update(last_verified_at=old)
    Location.objects.filter(pk=directory.town_hall.pk).update(last_verified_at=old)
    Service.objects.exclude(pk=directory.social_service.pk).update(last_verified_at=timezone.now())
    Location.objects.exclude(pk=directory.town_hall.pk).update(last_verified_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.flag_stale_entries() == {network.comune.pk: 2}
    assert actions.flag_stale_entries() == {}
    assert [message.to for message in mail.outbox] == [["laura@test.intreccio.it"]]
    assert "Servizio sociale di base" in mail.outbox[0].body
    update_organisation(network.comune, actor=network.laura, email="sociale@comune.lecco.example.it")
    actions.verify_service(directory.social_service, actor=network.laura)
    service = Service.objects.get(pk=directory.social_service.pk)
    # Who verified is for operators; the public HSDS assurer_email is the organisation's address.
    assert (service.stale_flagged_at, service.last_verified_by, service.assurer_email) == (
        None,
        network.laura,
        "sociale@comune.lecco.example.it",
    )


def test_schedules_are_validated_and_recorded_in_the_history(directory, network):
    with pytest.raises(ApplicationError) as raised:
        actions.add_schedule(
            directory.social_service,
            actor=network.laura,
            freq="WEEKLY",
            byday="MO",
            opens_at=datetime.time(12),
            closes_at=datetime.time(9),
        )
    assert raised.value.message == "L'orario di apertura (12:00) deve precedere quello di chiusura (09:00)."
    with pytest.raises(ApplicationError, match="Giorni non validi: XX"):
        actions.add_schedule(directory.social_service, actor=network.laura, freq="WEEKLY", byday="MO,XX")
    schedule = actions.add_schedule(
        directory.social_service,
        actor=network.laura,
        freq="MONTHLY",
        byday="1we",
        opens_at=datetime.time(15),
        closes_at=datetime.time(17),
    )
    assert describe(schedule) == "primo mercoledì del mese 15:00–17:00"
    assert history_of(directory.social_service)[0].replacement_value == "primo mercoledì del mese 15:00–17:00"
    with pytest.raises(PermissionDenied):
        actions.remove_schedule(schedule, actor=network.carla)
    actions.remove_schedule(schedule, actor=network.laura)
    assert not Schedule.objects.filter(pk=schedule.pk).exists()


@pytest.mark.parametrize(
    "byday, bymonthday, day, expected",
    [
        ("1WE", "", datetime.date(2026, 12, 2), True),
        ("1WE", "", datetime.date(2026, 12, 9), False),
        ("-1FR", "", datetime.date(2026, 12, 25), True),
        ("-1FR", "", datetime.date(2026, 12, 18), False),
        ("", "15", datetime.date(2026, 12, 15), True),
        ("", "-1", datetime.date(2026, 12, 31), True),
    ],
)
def test_monthly_recurrences(byday, bymonthday, day, expected):
    schedule = Schedule(freq="MONTHLY", byday=byday, bymonthday=bymonthday)
    assert occurs_on(schedule, day) is expected


def test_every_other_week_counts_from_the_start():
    schedule = Schedule(freq="WEEKLY", byday="TU", interval=2, dtstart=datetime.date(2026, 12, 1))
    assert [occurs_on(schedule, datetime.date(2026, 12, d)) for d in (1, 8, 15)] == [True, False, True]


def test_translations_fall_back_to_italian_and_are_searchable(directory, network):
    translation = actions.save_translation(
        directory.food_bank, "uk", actor=network.sara, name="Соціальний магазин", description=""
    )
    assert (translation.language, translation.description) == ("uk", "")
    assert " соціальн" in Service.objects.get(pk=directory.food_bank.pk).search_title
    with pytest.raises(ApplicationError, match="Lingua non prevista dal portale: de"):
        actions.save_translation(directory.food_bank, "de", actor=network.sara, name="Laden")
    with pytest.raises(PermissionDenied):
        actions.save_translation(directory.food_bank, "fr", actor=network.laura, name="Épicerie")
    assert Translation.objects.filter(service=directory.food_bank).count() == 1


def test_the_system_admin_manages_needs_and_their_hsds_term(network):
    need = actions.create_need(
        actor=network.sara, code="transport", label="Trasporti", translations={"ar": "النقل"}, position=500
    )
    assert (need.taxonomy_term.code, need.taxonomy_term.name, need.taxonomy_term.taxonomy.code) == (
        "transport",
        "Trasporti",
        "intreccio-needs",
    )
    assert need.label_for("ar") == "النقل"
    assert need.label_for("fr") == "Trasporti"
    with pytest.raises(PermissionDenied):
        actions.update_need(need, actor=network.laura, label="Mobilità")
    actions.update_need(need, actor=network.sara, label="Mobilità")
    assert Need.objects.get(code="transport").taxonomy_term.name == "Mobilità"
    with pytest.raises(ApplicationError, match="Esiste già un bisogno con il codice «transport»"):
        actions.create_need(actor=network.sara, code="transport", label="Doppio")


def test_a_location_must_lie_in_its_micro_territory(directory, network):
    from intreccio.territory.models import Municipality

    with pytest.raises(ApplicationError) as raised:
        actions.update_location(
            directory.town_hall, actor=network.laura, municipality=Municipality.objects.get(name="Valmadrera")
        )
    assert raised.value.code == "micro_territory_mismatch"
    assert Location.objects.get(pk=directory.town_hall.pk).municipality.name == "Lecco"
