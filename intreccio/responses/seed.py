"""Demo responses: what the leads' organisations give their persons, canteen meals, and overlaps.

Everything goes through responses.actions. The catalogue's types are linked
to the directory's needs first. For each open case the lead's organisation
gives one to three responses over the last six months; the Caritas demo
access point (sportello@demo.intreccio.it) gives canteen meals to the persons
it sees. Three of the demo lead's (regia@demo.intreccio.it) persons show the
overlap workflow: a food parcel from the Comune and one from Caritas marked
complementary, one still open for the lead to decide, and one Caritas was
warned about and never recorded (prevented, by the real hourly job run with
a later clock). Without cases this seeder does nothing.
"""

import contextlib
import datetime

from django.utils import timezone

from intreccio.cases.models import Case
from intreccio.core.seeding import SeedContext, seeder

from . import actions
from .catalogue import ensure_catalogue, link_needs
from .exceptions import OverlapFound
from .models import OverlapAlert, ResponseType

DEMO_LEAD = "regia@demo.intreccio.it"
DEMO_DOOR = "sportello@demo.intreccio.it"
# What a lead's organisation gives (codes of the catalogue) and how.
GIVEN = [
    "economic-contribution",
    "rent-contribution",
    "utility-bills",
    "food-card",
    "psychological-support",
    "language-course",
    "job-orientation",
    "home-care",
    "emergency-bed",
    "legal-advice",
]
NOTES = ["", "", "Concordato con la persona", "Prima erogazione", "Rinnovo"]


def _user(email):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email=email).first()
    if user is not None and user.active_organisation is not None:
        user.act_for(user.active_organisation)
    return user


def _give(actor, person, response_type, starts_on, rng, **kwargs):
    values = {"note": rng.choice(NOTES), "confirm_overlap": True}
    if response_type.monetary:
        values["amount"] = rng.choice([80, 120, 150, 200, 300])
    elif response_type.unit in ("meal", "hour", "session", "night"):
        values["quantity"] = rng.randint(1, 10)
    if response_type.unit in ("month",) and not kwargs.get("ends_on"):
        values["ends_on"] = starts_on + datetime.timedelta(days=rng.choice([30, 60, 90]))
    values.update(kwargs)
    return actions.record_response(
        actor=actor, person=person, type=response_type, starts_on=starts_on, **values
    )


@seeder("responses", after=("cases", "intake", "directory", "people", "accounts"))
def seed_responses(context: SeedContext) -> None:
    from intreccio.people.queries import persons_visible_to

    from .rules import can_record_response

    ensure_catalogue()
    link_needs()
    rng = context.rng
    types = {kind.code: kind for kind in ResponseType.objects.filter(active=True)}
    cases = list(
        Case.objects.exclude(status=Case.Status.CLOSED)
        .select_related("person", "lead", "lead_organisation")
        .order_by("pk")
    )
    if not cases:
        context.stdout.write("  no open cases: no responses\n")
        return
    today = timezone.localdate()
    count = 0
    for index, case in enumerate(cases, start=1):
        lead = case.lead.act_for(case.lead_organisation)
        if not can_record_response(lead, case.person):
            continue
        for code in rng.sample(GIVEN, rng.randint(1, 3)):
            starts_on = today - datetime.timedelta(days=rng.randint(0, 180))
            _give(lead, case.person, types[code], starts_on, rng, case=case)
            count += 1
        context.progress("responses", index, len(cases))
    door = _user(DEMO_DOOR)
    if door is not None:
        for person in persons_visible_to(door).order_by("pk")[: max(10, len(cases) // 10)]:
            _give(
                door, person, types["canteen-meals"], today - datetime.timedelta(days=rng.randint(0, 60)), rng
            )
            count += 1
    alerts = _overlaps(types, today)
    context.stdout.write(f"  {count} responses, {alerts} overlap alerts\n")


def _overlaps(types, today) -> int:
    """Complementary, open and prevented overlaps on three of the demo lead's persons."""
    from intreccio.cases.actions import add_team_member

    lead, door = _user(DEMO_LEAD), _user(DEMO_DOOR)
    if lead is None or door is None:
        return 0
    cases = list(
        Case.objects.filter(lead=lead, person__sharing="network")
        .exclude(status=Case.Status.CLOSED)
        .select_related("person")
        .order_by("pk")[:3]
    )
    if len(cases) < 3:
        return 0
    parcel = types["food-parcel"]
    starts_on = today - datetime.timedelta(days=10)
    for case in cases:
        if not case.members.filter(user=door, removed_at__isnull=True).exists():
            add_team_member(case, actor=lead, user=door, role="Centro di ascolto")
        actions.record_response(actor=lead, person=case.person, type=parcel, starts_on=starts_on, case=case)
    complementary, still_open, prevented = cases
    for case in (complementary, still_open):
        actions.record_response(
            actor=door,
            person=case.person,
            type=parcel,
            starts_on=starts_on + datetime.timedelta(days=3),
            confirm_overlap=True,
            note="Famiglia numerosa",
        )
    alert = OverlapAlert.objects.filter(person=complementary.person, new__isnull=False).first()
    actions.decide_overlap(
        alert,
        actor=lead,
        status=OverlapAlert.Status.COMPLEMENTARY,
        note="Famiglia con quattro figli: il pacco del Comune non basta",
    )
    # The warning the door heeded: after a day the hourly job counts it as prevented.
    with contextlib.suppress(OverlapFound):
        actions.record_response(actor=door, person=prevented.person, type=parcel, starts_on=today)
    actions.mark_prevented(now=timezone.now() + actions.PREVENTED_AFTER + datetime.timedelta(hours=1))
    return OverlapAlert.objects.count()
