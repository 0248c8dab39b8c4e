"""The plans test setting, built through the real actions.

On top of build_intake_setting(network): Mario's intake (housing, income) recorded by
Bruno and taken in charge by Ana (the Comune's team: supervisor Diana, Bruno a member);
Carla (Caritas) on the case team. `plan` is Mario's plan, created by Ana with the
intake's needs; the directory's food bank (Caritas) and social service (Comune).
"""

from dataclasses import dataclass

from conftest import build_directory


@dataclass
class PlanSetting:
    intake: object
    case: object
    plan: object
    directory: object

    def __getattr__(self, name):
        return getattr(self.intake, name)


def build_plan_setting(network, *, create_plan: bool = True) -> PlanSetting:
    from intreccio.cases.actions import activate_case, add_team_member
    from intreccio.intake import actions as intake_actions
    from intreccio.intake.tests.factories import build_intake_setting
    from intreccio.plans import actions

    setting = build_intake_setting(network)
    directory = build_directory(network)
    intake = intake_actions.record_intake(
        actor=network.bruno,
        person=setting.mario,
        needs=[setting.needs["housing"], setting.needs["income"]],
        urgency="ordinary",
        micro_territory=setting.centro,
    )
    case = intake_actions.take_in_charge(intake, actor=network.ana)
    case = activate_case(case, actor=network.ana)
    add_team_member(case, actor=network.ana, user=network.carla, role="Centro di ascolto")
    plan = actions.create_plan(case, actor=network.ana) if create_plan else None
    return PlanSetting(intake=setting, case=case, plan=plan, directory=directory)


def fresh(plan):
    """The plan as a page would read it (prefetched, case attached)."""
    from intreccio.plans.queries import plan_of

    return plan_of(plan.case)
