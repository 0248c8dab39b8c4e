"""Test data of referrals: a case at the Comune whose plan has an action, and services to send to."""

from dataclasses import dataclass

from conftest import build_directory


@dataclass
class ReferralSetting:
    network: object
    directory: object
    case: object
    person: object
    plan: object
    action: object
    service: object  # Caritas's "Emporio solidale" (capacity: has places)
    shelter: object  # Caritas's "Accoglienza notturna" (no capacity)
    own_service: object  # the Comune's "Servizio sociale di base"


def make_plan_action(case, *, actor, description="Accompagnare all'emporio solidale", service=None):
    """A plan with one action for `case` (the plans app's contract models; its actions come later)."""
    from intreccio.plans.models import CarePlan, PlanAction

    plan, _created = CarePlan.objects.get_or_create(case=case, defaults={"created_by": actor})
    action = PlanAction.objects.create(
        plan=plan,
        description=description,
        organisation=getattr(service, "organisation", None),
        service=service,
    )
    return plan, action


def build_referral_setting(network, *, sharing="network") -> ReferralSetting:
    """Mario (sharing `sharing`), in charge of Ana (Comune) with Bruno on the team; Carla works at Caritas."""
    from intreccio.cases.actions import activate_case, add_team_member, open_case
    from intreccio.cases.tests.factories import PersonFactory
    from intreccio.directory.models import Service

    directory = build_directory(network)
    for name in ("food_bank", "shelter", "social_service"):  # capacity was updated after creation
        setattr(
            directory,
            name,
            Service.objects.select_related("organisation").get(pk=getattr(directory, name).pk),
        )
    person = PersonFactory(given_names="Mario", surnames="Rossi", sharing=sharing)
    case = open_case(actor=network.ana, person=person, lead=network.ana)
    case = activate_case(case, actor=network.ana)
    add_team_member(case, actor=network.ana, user=network.bruno, role="Sportello")
    plan, action = make_plan_action(case, actor=network.ana, service=directory.food_bank)
    return ReferralSetting(
        network=network,
        directory=directory,
        case=case,
        person=person,
        plan=plan,
        action=action,
        service=directory.food_bank,
        shelter=directory.shelter,
        own_service=directory.social_service,
    )


def send(setting, *, actor=None, service=None, request="Ha bisogno della tessera dell'emporio", **kwargs):
    from intreccio.referrals.actions import send_referral

    return send_referral(
        setting.case,
        service or setting.service,
        request,
        actor=actor or setting.network.ana,
        **kwargs,
    )
