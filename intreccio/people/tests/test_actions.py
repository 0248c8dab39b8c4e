"""The people actions: permission first, one transaction, event and audit, search keys kept in step."""

import datetime

import pytest
from codicefiscale import codicefiscale

from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.people import actions, events
from intreccio.people.exceptions import InvalidDocument, ProbableDuplicate
from intreccio.people.models import ConsentRecord, HouseholdMember, Person

from .conftest import register

pytestmark = pytest.mark.django_db

ROSSI_CODE = codicefiscale.encode(
    lastname="Rossi", firstname="Mario", gender="M", birthdate="03/04/1980", birthplace="Lecco"
)


def test_register_person_sets_the_recording_organisation_and_writes_event_and_audit(network):
    person = actions.register_person(actor=network.bruno, given_names="Mario", surnames="Rossi")
    assert person.registered_by_organisation == network.comune
    assert person.possible_duplicate is False
    assert DomainEvent.objects.filter(kind=events.PERSON_REGISTERED, person_id=person.pk).count() == 1
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, person_id=person.pk).count() == 1
    assert " MARIO " in person.search_text
    assert " ~RS " in person.search_text


def test_register_person_is_refused_to_who_does_not_work_with_persons(network):
    with pytest.raises(PermissionDenied):
        actions.register_person(actor=network.paolo, given_names="Mario", surnames="Rossi")
    assert Person.objects.count() == 0


def test_register_person_needs_a_name(network):
    with pytest.raises(ApplicationError, match="almeno il nome"):
        actions.register_person(actor=network.bruno, given_names=" ", surnames="")


def test_probable_duplicate_needs_confirmation_then_is_flagged(network):
    first = actions.register_person(
        actor=network.bruno, given_names="Mario", surnames="Rossi", birth_date=datetime.date(1980, 4, 3)
    )
    with pytest.raises(ProbableDuplicate) as refused:
        actions.register_person(
            actor=network.ana, given_names="Rossi", surnames="Mario", birth_date=datetime.date(1980, 4, 3)
        )
    assert refused.value.candidates == [first.pk]
    assert Person.objects.count() == 1
    second = actions.register_person(
        actor=network.ana,
        given_names="Mario",
        surnames="Rosi",
        birth_date=datetime.date(1980, 4, 3),
        confirm_duplicate=True,
    )
    assert second.possible_duplicate is True
    assert second.duplicate_candidates == [first.pk]


def test_a_namesake_born_in_another_year_is_not_a_duplicate(network):
    actions.register_person(
        actor=network.bruno, given_names="Mario", surnames="Rossi", birth_date=datetime.date(1980, 4, 3)
    )
    other = actions.register_person(
        actor=network.bruno, given_names="Mario", surnames="Rossi", birth_date=datetime.date(1955, 1, 9)
    )
    assert other.possible_duplicate is False


def test_a_match_the_actor_may_not_know_of_flags_without_disclosing(network):
    hidden = register(network.bruno, given_names="Giuseppe", surnames="Bonacina", sharing="refused")
    person = actions.register_person(actor=network.carla, given_names="Giuseppe", surnames="Bonacina")
    assert person.possible_duplicate is True
    assert person.duplicate_candidates == [hidden.pk]


def test_year_only_birth_date_is_stored_as_first_of_january(network):
    person = register(
        network.bruno, given_names="Amina", birth_date=datetime.date(1979, 6, 15), birth_date_precision="year"
    )
    assert person.birth_date == datetime.date(1979, 1, 1)
    assert " *Y1979 " in person.search_text
    assert "*D" not in person.search_text


def test_declared_age_without_a_date(network):
    person = register(network.bruno, surnames="Popescu", birth_date_precision="declared_age", declared_age=60)
    assert person.birth_date is None
    assert person.declared_age_on is not None


def test_update_person_reindexes_and_records_the_changed_fields(network):
    person = register(network.bruno, given_names="Mario", surnames="Rossi")
    actions.update_person(person, actor=network.ana, phone="+39 347 111 2222", living_situation="street")
    person.refresh_from_db()
    assert " %3471112222 " in person.search_text
    event = DomainEvent.objects.get(kind=events.PERSON_UPDATED, person_id=person.pk)
    assert event.payload == {"fields": ["living_situation", "phone"]}


def test_update_person_is_refused_to_an_unrelated_organisation(network):
    person = register(network.bruno, given_names="Mario", surnames="Rossi")
    with pytest.raises(PermissionDenied):
        actions.update_person(person, actor=network.carla, phone="000")
    person.refresh_from_db()
    assert person.phone == ""


def test_other_names_are_searchable_and_removable(network):
    person = register(network.bruno, given_names="Yekaterina", surnames="Shevchenko")
    name = actions.add_other_name(person, actor=network.bruno, given_names="Katia", kind="alias")
    person.refresh_from_db()
    assert " KATIA " in person.search_text
    actions.remove_other_name(name, actor=network.bruno)
    person.refresh_from_db()
    assert "KATIA" not in person.search_text


def test_tax_code_is_validated_decoded_and_disagreements_are_warnings(network):
    person = register(
        network.bruno,
        given_names="Mario",
        surnames="Rossi",
        sex="F",
        birth_date=datetime.date(1981, 4, 3),
        birthplace_municipality_code="F205",
    )
    document = actions.add_document(person, actor=network.bruno, kind="tax_code", number=ROSSI_CODE.lower())
    assert document.normalised_number == ROSSI_CODE
    assert [warning["code"] for warning in document.warnings] == ["sex", "birth_date", "birthplace"]
    person.refresh_from_db()
    assert f" #{ROSSI_CODE} " in person.search_text


def test_a_consistent_tax_code_has_no_warnings(network):
    person = register(
        network.bruno, given_names="Mario", surnames="Rossi", sex="M", birth_date=datetime.date(1980, 4, 3)
    )
    document = actions.add_document(person, actor=network.bruno, kind="tax_code", number=ROSSI_CODE)
    assert document.warnings == []


def test_an_omocode_tax_code_is_valid_with_a_note(network):
    omocode = codicefiscale.decode(ROSSI_CODE)["omocodes"][1]
    person = register(network.bruno, given_names="Mario", surnames="Rossi", sex="M")
    document = actions.add_document(person, actor=network.bruno, kind="tax_code", number=omocode)
    assert [warning["code"] for warning in document.warnings] == ["omocode"]


@pytest.mark.parametrize(
    ("kind", "number", "message"),
    [
        ("tax_code", "RSSMRA80D03E507X", "carattere di controllo"),
        ("tax_code", "RSSMRA80", "forma di un codice fiscale"),
        ("stp", "STP12345", "16 caratteri"),
        ("eni", "STP0300010000001", "16 caratteri"),
        ("passport", "A1", "da 3 a 40"),
    ],
)
def test_invalid_codes_are_refused_with_the_cause(network, kind, number, message):
    person = register(network.bruno, given_names="Mario", surnames="Rossi")
    with pytest.raises(InvalidDocument, match=message):
        actions.add_document(person, actor=network.bruno, kind=kind, number=number)
    assert person.documents.count() == 0


def test_stp_and_eni_codes_and_free_numbers_are_accepted(network):
    person = register(
        network.bruno,
        given_names="Ion",
        surnames="Popescu",
        documents=[{"kind": "eni", "number": "ENI 030 001 0000042"}],
    )
    actions.add_document(person, actor=network.bruno, kind="stp", number="STP0300010000001")
    actions.add_document(person, actor=network.bruno, kind="residence_permit", number="I12345678")
    assert sorted(person.documents.values_list("kind", flat=True)) == ["eni", "residence_permit", "stp"]


def test_households_membership_moves_and_ends(network):
    mother = register(network.bruno, given_names="Fatima", surnames="Zahra")
    son = register(network.bruno, given_names="Youssef", surnames="Zahra")
    household = actions.create_household(actor=network.bruno, head=mother, name="Famiglia Zahra")
    actions.add_household_member(household, son, actor=network.bruno, role="child")
    assert list(household.members.order_by("role").values_list("role", flat=True)) == ["child", "head"]
    other = actions.create_household(actor=network.bruno, head=son, name="Comunità alloggio")
    assert HouseholdMember.objects.get(person=son, household=household).until is not None
    assert HouseholdMember.objects.get(person=son, until__isnull=True).household == other
    membership = HouseholdMember.objects.get(person=mother, until__isnull=True)
    actions.end_household_membership(membership, actor=network.bruno)
    membership.refresh_from_db()
    assert membership.until is not None


def test_relations_need_both_persons_visible(network):
    first = register(network.bruno, given_names="Anna", surnames="Villa")
    second = register(network.bruno, given_names="Carlo", surnames="Villa")
    hidden = register(network.carla, given_names="Nadia", surnames="Sala", sharing="refused")
    relation = actions.add_relation(first, second, actor=network.bruno, kind="sibling")
    assert relation.other == second
    with pytest.raises(PermissionDenied):
        actions.add_relation(first, hidden, actor=network.bruno, kind="friend")


def test_information_notice_in_a_language_with_a_text(network):
    person = register(network.bruno, given_names="John", surnames="Okafor")
    notice = actions.give_information_notice(person, actor=network.bruno, language="en")
    assert (notice.language, notice.organisation) == ("en", network.comune)
    with pytest.raises(ApplicationError, match="L'informativa esiste in"):
        actions.give_information_notice(person, actor=network.bruno, language="xx")


def test_sharing_choice_supersedes_the_one_in_force_and_updates_the_person(network):
    person = register(network.bruno, given_names="Olena", surnames="Kovalenko")
    first = actions.record_sharing_choice(
        person, actor=network.bruno, scope="network", purposes=["referrals"]
    )
    second = actions.record_sharing_choice(
        person,
        actor=network.bruno,
        scope="selected",
        organisations=[network.caritas],
        organisation_kinds=["school"],
    )
    first.refresh_from_db()
    person.refresh_from_db()
    assert first.withdrawn_at is not None
    assert ConsentRecord.objects.get(person=person, withdrawn_at__isnull=True) == second
    assert person.sharing == "selected"
    assert list(second.organisations.all()) == [network.caritas]


def test_selected_sharing_needs_someone_selected(network):
    person = register(network.bruno, given_names="Olena", surnames="Kovalenko")
    with pytest.raises(ApplicationError, match="almeno un ente"):
        actions.record_sharing_choice(person, actor=network.bruno, scope="selected")
    assert ConsentRecord.objects.count() == 0


def test_withdraw_sharing_is_immediate(network):
    person = register(network.bruno, given_names="Olena", surnames="Kovalenko")
    record = actions.record_sharing_choice(person, actor=network.bruno, scope="network")
    actions.withdraw_sharing(person, actor=network.bruno)
    record.refresh_from_db()
    person.refresh_from_db()
    assert record.withdrawn_at is not None
    assert record.withdrawn_by == network.bruno
    assert person.sharing == "refused"
    assert DomainEvent.objects.filter(kind=events.SHARING_WITHDRAWN, person_id=person.pk).count() == 1
