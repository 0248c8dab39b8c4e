"""Fixtures of the cases app: a second case lead at Caritas, a person, cases in every status."""

import pytest

from conftest import PASSWORD

from .factories import PersonFactory


@pytest.fixture
def enrico(network):
    """Enrico, case lead at Caritas (another organisation): receives hand-overs."""
    from intreccio.accounts.actions import add_operator, set_initial_password
    from intreccio.core.roles import Role

    user = add_operator(
        actor=network.sara,
        organisation=network.caritas,
        email="enrico@test.intreccio.it",
        given_name="Enrico",
        family_name="Beretta",
        roles=[Role.CASE_LEAD],
    )
    return set_initial_password(user, actor=None, raw_password=PASSWORD)


@pytest.fixture
def person(db):
    return PersonFactory(given_names="Mario", surnames="Rossi")


@pytest.fixture
def case(network, person):
    """Mario's case: lead ana (Comune), responsible team the Comune's (supervisor diana)."""
    from intreccio.cases.actions import open_case

    return open_case(actor=network.ana, person=person, lead=network.ana, team=network.team)
