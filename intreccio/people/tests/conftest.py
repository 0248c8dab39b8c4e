"""Fixtures of the people app: persons registered through the actions, a test relationship source.

The relationship sources of intake and cases live in apps above people;
here `related` registers a test-only source (needs consent) that relates an
organisation to the persons the test names: related.add(organisation, person).
"""

import datetime

import pytest

from intreccio.people import relationships


class TestRelationships:
    """A consent-needing relationship source whose pairs the test sets (organisation id -> person ids)."""

    name = "test_related"

    def __init__(self):
        self.pairs: dict[int, set[int]] = {}

    def person_ids(self, user, organisation_id):
        from intreccio.people.models import Person

        return Person.objects.filter(pk__in=sorted(self.pairs.get(organisation_id, ()))).values_list(
            "pk", flat=True
        )

    def add(self, organisation, person):
        self.pairs.setdefault(organisation.pk, set()).add(person.pk)


@pytest.fixture
def related():
    source = TestRelationships()
    relationships.register_source(
        relationships.RelationshipSource(name=source.name, person_ids=source.person_ids, needs_consent=True)
    )
    yield source
    relationships._sources.pop(source.name, None)


@pytest.fixture
def lead_contacts():
    """A lead-contact provider answering for the persons the test names (contacts[person_id] = …)."""
    contacts: dict[int, relationships.LeadContact] = {}

    def provider(person_ids):
        return {pk: contacts[pk] for pk in person_ids if pk in contacts}

    relationships.register_lead_contacts(provider)
    yield contacts
    relationships._contact_providers.remove(provider)


def register(actor, **fields):
    from intreccio.people import actions

    fields.setdefault("confirm_duplicate", True)
    return actions.register_person(actor=actor, **fields)


@pytest.fixture
def persons(network):
    """Three persons registered by bruno at the Comune (sharing: network, selected Caritas, refused)."""
    from intreccio.people import actions
    from intreccio.people.models import Person

    mohamed = register(
        network.bruno,
        given_names="Mohamed",
        surnames="El Amrani",
        sex="M",
        birth_date=datetime.date(1985, 3, 12),
        birth_date_precision="exact",
        phone="+39 333 123 4567",
        birth_country="MA",
    )
    ekaterina = register(
        network.bruno,
        given_names="Ekaterina",
        surnames="Ivanova",
        sex="F",
        birth_date=datetime.date(1990, 1, 1),
        birth_date_precision="year",
    )
    actions.record_sharing_choice(
        ekaterina, actor=network.bruno, scope=Person.Sharing.SELECTED, organisations=[network.caritas]
    )
    giuseppe = register(
        network.bruno,
        given_names="Giuseppe",
        surnames="Bonacina",
        sex="M",
        birth_date=datetime.date(1948, 7, 2),
        birth_date_precision="exact",
        sharing=Person.Sharing.REFUSED,
    )
    for person in (mohamed, ekaterina, giuseppe):
        person.refresh_from_db()
    return mohamed, ekaterina, giuseppe
