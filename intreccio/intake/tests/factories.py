"""The intake test setting, built through the real actions (also used by tests/security/world.py).

On top of the root conftest's network:

- elena   case lead at Caritas, member of the Caritas listening team (with carla).
- teams   network.team "Servizio sociale – Centro" (Comune; ana, bruno; supervisor diana; lecco-centro),
          caritas_team "Ascolto – Caritas" (carla, elena), south_team "Servizio sociale – Sud" (Comune; ana).
- rules   lecco-centro × food → caritas_team; work anywhere → caritas_team; lecco-sud × any need →
          south_team; district default → network.team.
- persons mario (Comune, lecco-centro, shares with the network), rosa (met by Caritas, refused sharing).
"""

from dataclasses import dataclass

from conftest import PASSWORD


@dataclass
class IntakeSetting:
    network: object
    elena: object
    caritas_team: object
    south_team: object
    centro: object
    sud: object
    needs: dict
    rules: dict
    mario: object
    rosa: object

    def __getattr__(self, name):
        return getattr(self.network, name)


def build_intake_setting(network) -> IntakeSetting:
    from intreccio.accounts.actions import add_operator, create_team, set_initial_password
    from intreccio.core.roles import Role
    from intreccio.directory.models import Need
    from intreccio.intake import actions
    from intreccio.people.actions import register_person
    from intreccio.territory.models import MicroTerritory

    centro = MicroTerritory.objects.get(code="lecco-centro")
    sud = MicroTerritory.objects.get(code="lecco-sud")
    needs = {need.code: need for need in Need.objects.all()}
    elena = add_operator(
        actor=network.sara,
        organisation=network.caritas,
        email="elena@test.intreccio.it",
        given_name="Elena",
        family_name="Bonacina",
        roles=[Role.CASE_LEAD],
    )
    elena = set_initial_password(elena, actor=None, raw_password=PASSWORD)
    caritas_team = create_team(
        actor=network.sara,
        organisation=network.caritas,
        name="Ascolto – Caritas",
        members=[network.carla, elena],
        micro_territories=[centro, sud],
    )
    south_team = create_team(
        actor=network.laura,
        organisation=network.comune,
        name="Servizio sociale – Sud",
        members=[network.ana],
        micro_territories=[sud],
    )
    sara = network.sara
    rules = {
        "centro_food": actions.create_routing_rule(
            actor=sara, team=caritas_team, micro_territory=centro, need=needs["food"]
        ),
        "work": actions.create_routing_rule(actor=sara, team=caritas_team, need=needs["work"]),
        "sud": actions.create_routing_rule(actor=sara, team=south_team, micro_territory=sud),
        "default": actions.create_routing_rule(actor=sara, team=network.team),
    }
    mario = register_person(
        actor=network.bruno, given_names="Mario", surnames="Rossi", micro_territory=centro
    )
    rosa = register_person(
        actor=network.carla,
        given_names="Rosa",
        surnames="Bianchi",
        micro_territory=centro,
        sharing="refused",
    )
    return IntakeSetting(
        network=network,
        elena=elena,
        caritas_team=caritas_team,
        south_team=south_team,
        centro=centro,
        sud=sud,
        needs=needs,
        rules=rules,
        mario=mario,
        rosa=rosa,
    )
