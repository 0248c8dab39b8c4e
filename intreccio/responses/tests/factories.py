"""Test data of responses, built through the real actions.

build_responses_setting(network): Mario, registered by Carla at Caritas and sharing with the
network, taken in charge by Ana (Comune; responsible team the Comune's); Sofia, registered by
Carla, who refused sharing; the catalogue's food parcel, food card, canteen meals, economic
contribution and addiction service.
"""

import datetime
from dataclasses import dataclass

from intreccio.responses.models import ResponseType

DAY = datetime.date(2026, 3, 2)


@dataclass
class ResponsesSetting:
    network: object
    mario: object
    sofia: object
    case: object
    parcel: ResponseType
    card: ResponseType
    canteen: ResponseType
    contribution: ResponseType
    addiction: ResponseType


def catalogue_type(code: str) -> ResponseType:
    return ResponseType.objects.get(code=code)


def build_responses_setting(network) -> ResponsesSetting:
    from intreccio.cases.actions import open_case
    from intreccio.people.actions import register_person
    from intreccio.people.models import Person
    from intreccio.responses.catalogue import ensure_catalogue

    ensure_catalogue()
    mario = register_person(
        actor=network.carla, given_names="Mario", surnames="Brambilla", sharing=Person.Sharing.NETWORK
    )
    sofia = register_person(
        actor=network.carla, given_names="Sofia", surnames="Riva", sharing=Person.Sharing.REFUSED
    )
    case = open_case(actor=network.ana, person=mario, lead=network.ana, team=network.team)
    return ResponsesSetting(
        network=network,
        mario=mario,
        sofia=sofia,
        case=case,
        parcel=catalogue_type("food-parcel"),
        card=catalogue_type("food-card"),
        canteen=catalogue_type("canteen-meals"),
        contribution=catalogue_type("economic-contribution"),
        addiction=catalogue_type("addiction-service"),
    )


def give(actor, person, response_type, starts_on=DAY, **kwargs):
    """Record a response (confirming any overlap: the test is not about the warning)."""
    from intreccio.responses.actions import record_response

    kwargs.setdefault("confirm_overlap", True)
    if response_type.monetary:
        kwargs.setdefault("amount", 150)
    return record_response(actor=actor, person=person, type=response_type, starts_on=starts_on, **kwargs)
