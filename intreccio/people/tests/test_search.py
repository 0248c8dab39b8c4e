"""Find-or-register: search quality and minimal disclosure."""

import datetime

import pytest
from codicefiscale import codicefiscale

from intreccio.audit.models import AuditEntry
from intreccio.people import actions, queries
from intreccio.people.relationships import LeadContact
from intreccio.people.search import parse_query

from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(network):
    """Namesakes and near-namesakes around the persons searched for."""
    people = {}
    people["mohamed"] = register(
        network.bruno,
        given_names="Mohamed",
        surnames="El Amrani",
        birth_date=datetime.date(1985, 3, 12),
        phone="+39 333 123 4567",
    )
    people["ekaterina"] = register(
        network.bruno,
        given_names="Ekaterina",
        surnames="Ivanova",
        birth_date=datetime.date(1990, 1, 1),
        birth_date_precision="year",
    )
    people["bianchi"] = register(
        network.bruno, given_names="Giovanni", surnames="Bianchi", birth_date=datetime.date(1962, 5, 20)
    )
    people["bianco"] = register(
        network.bruno, given_names="Giovanna", surnames="Bianco", birth_date=datetime.date(1970, 2, 2)
    )
    people["esposito"] = register(network.bruno, given_names="Rosa", surnames="Esposito")
    people["rossi"] = register(
        network.bruno, given_names="Mario", surnames="Rossi", sex="M", birth_date=datetime.date(1980, 4, 3)
    )
    code = codicefiscale.encode(
        lastname="Rossi", firstname="Mario", gender="M", birthdate="03/04/1980", birthplace="Lecco"
    )
    actions.add_document(people["rossi"], actor=network.bruno, kind="tax_code", number=code)
    people["rossi_code"] = code
    return people


def top(user, text):
    results = queries.find_persons(user, text)
    return results[0].person_id if results else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giovani Bianchi", "bianchi"),  # misspelled given name
        ("Esposto Rosa", "esposito"),  # misspelled surname, swapped order
        ("Bianchi Giovanni", "bianchi"),  # surname first
        ("Muhammad Amrani", "mohamed"),  # transliteration, dropped article
        ("Mohammed el-amrani", "mohamed"),
        ("Yekaterina Ivanova", "ekaterina"),
        ("Ivanova 1990", "ekaterina"),  # birth year
        ("rossi 03/04/1980", "rossi"),  # birth date
        (
            "Gio Bian",
            "bianchi",
        ),  # partial names
        ("333 1234567", "mohamed"),  # phone without prefix
    ],
)
def test_search_finds_the_person(network, crowd, text, expected):
    results = queries.find_persons(network.bruno, text)
    assert crowd[expected].pk in [result.person_id for result in results[:2]]


def test_tax_code_finds_exactly_the_person(network, crowd):
    results = queries.find_persons(network.bruno, crowd["rossi_code"].lower())
    assert [result.person_id for result in results] == [crowd["rossi"].pk]


def test_a_stranger_is_not_found(network, crowd):
    assert queries.find_persons(network.bruno, "Kowalczyk Zbigniew") == []


def test_parse_query_separates_names_dates_codes_and_phone():
    parsed = parse_query("El Amrani Mohamed 12/03/1985 +39 333 1234567 RSSMRA80D03E507V")
    assert parsed.names == ["AMRANI", "MOHAMED"]
    assert parsed.date == datetime.date(1985, 3, 12)
    assert parsed.phone == "3331234567"
    assert parsed.codes == ["RSSMRA80D03E507V"]


def test_minimal_disclosure_to_an_unrelated_organisation(network, persons, lead_contacts):
    mohamed, _ekaterina, _giuseppe = persons
    lead_contacts[mohamed.pk] = LeadContact(
        mohamed.pk, "Ana Invernizzi", "ana@test.intreccio.it", "Comune di Lecco", "0341 1"
    )
    results = queries.find_persons(network.carla, "Mohamed El Amrani")
    assert [(r.person_id, r.disclosure, r.full_name, r.birth) for r in results] == [
        (mohamed.pk, "known", "", "")
    ]
    assert results[0].contact.lead_name == "Ana Invernizzi"
    # Refused sharing: an organisation without a consent-exempt relationship does not learn the person exists.
    assert queries.find_persons(network.carla, "Giuseppe Bonacina") == []
    # Selected sharing naming Caritas: known to Caritas.
    assert [r.disclosure for r in queries.find_persons(network.carla, "Ekaterina Ivanova")] == ["known"]


def test_full_disclosure_to_the_recording_organisation(network, persons):
    results = queries.find_persons(network.ana, "Giuseppe Bonacina")
    assert [(r.disclosure, r.full_name, r.birth) for r in results] == [
        ("full", "Giuseppe Bonacina", "02/07/1948")
    ]


def test_every_search_writes_one_audit_entry_with_the_disclosed_persons(network, persons):
    mohamed = persons[0]
    before = AuditEntry.objects.filter(action=AuditEntry.Action.SEARCH).count()
    queries.find_persons(network.carla, "Mohamed")
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.SEARCH).latest("id")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SEARCH).count() == before + 1
    assert entry.details["persons"] == [mohamed.pk]
    assert entry.details["known"] == [mohamed.pk]
    assert mohamed.pk in [
        e.pk and e.details.get("persons", [None])[0] for e in queries.access_report(mohamed)
    ]


def test_search_runs_a_constant_number_of_queries(network, persons, django_assert_num_queries):
    # 1 scored candidates with visibility and sharing annotations, 1 lead contacts of
    # the results (one per registered provider: cases), 1 audit insert.
    network.bruno.refresh_roles()
    _ = network.bruno.active_memberships
    with django_assert_num_queries(3):
        results = queries.find_persons(network.bruno, "Bonacina Giuseppe")
    assert len(results) == 1
    for index in range(5):
        register(network.bruno, given_names="Giuseppe", surnames=f"Bonacina{'x' * index}")
    with django_assert_num_queries(3):
        results = queries.find_persons(network.bruno, "Bonacina Giuseppe")
    assert len(results) >= 3
