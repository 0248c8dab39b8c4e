"""Demo seed: cases in every status for a share of the persons the people seeder created.

The first cases go through cases.actions (events, audit and history as in
real use); beyond ACTIONS_UP_TO, a bulk path writes exactly the rows those
actions write (the large territory has 60,000 cases). Leads are the
operators holding the case-lead role; the demo account
regia@demo.intreccio.it leads the first cases, has one hand-over waiting
to be accepted by a colleague and one addressed to her. Without persons (the
people seeder has not run) this seeder does nothing.
"""

import functools
import random

from django.utils import timezone

from intreccio.accounts.models import Membership, Team
from intreccio.audit.log import audit_entry, domain_event
from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.core.roles import Role
from intreccio.core.seeding import SeedContext, seeder
from intreccio.people.models import Person

from . import actions, events
from .models import Case, CaseMember, CaseStatusChange

DEMO_LEAD = "regia@demo.intreccio.it"
SHARE = 0.3  # of the persons taken in charge
DEMO_CASES = 12
ACTIONS_UP_TO = 2_000
BATCH = 500
# Status of each seeded case: to assess, active, suspended, closed (weights).
STATUSES = (
    [Case.Status.TO_ASSESS] * 2
    + [Case.Status.ACTIVE] * 5
    + [Case.Status.SUSPENDED]
    + [Case.Status.CLOSED] * 2
)
SUSPENSIONS = ["Ricovero ospedaliero", "Trasferimento temporaneo presso parenti", "Percorso in comunità"]
CATEGORIES = ["housing", "work", "income", "food", "loneliness", "health", "debt"]


def _leads() -> list:
    """Case leads, the demo account first, each acting for the organisation where they lead cases."""
    memberships = (
        Membership.objects.filter(
            role=Role.CASE_LEAD, active=True, organisation__active=True, user__is_active=True
        )
        .select_related("user", "organisation")
        .order_by("user__email")
    )
    leads, seen = [], set()
    for membership in memberships:
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        leads.append(membership.user.act_for(membership.organisation))
    leads.sort(key=lambda user: user.email != DEMO_LEAD)
    return leads


def _team_of(lead):
    return Team.objects.filter(members=lead, active=True).order_by("pk").first()


@seeder("cases", after=("people", "accounts"))
def seed_cases(context: SeedContext) -> None:
    rng = context.rng
    person_ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    leads = _leads()
    if not person_ids or not leads:
        context.stdout.write("  no persons or no case leads yet: no cases\n")
        return
    chosen = sorted(rng.sample(person_ids, max(1, int(len(person_ids) * SHARE))))
    teams = {lead.pk: _team_of(lead) for lead in leads}
    demo = leads[0] if leads[0].email == DEMO_LEAD else None
    persons = Person.objects.in_bulk(chosen)
    opened: list[Case] = []
    for index, person_id in enumerate(chosen[:ACTIONS_UP_TO], start=1):
        lead = demo if demo is not None and index <= DEMO_CASES else rng.choice(leads)
        case = actions.open_case(
            actor=lead,
            person=persons[person_id],
            lead=lead,
            team=teams[lead.pk],
            categories=rng.sample(CATEGORIES, rng.randint(1, 3)),
        )
        status = STATUSES[index % len(STATUSES)] if index <= DEMO_CASES else rng.choice(STATUSES)
        opened.append(_advance(case, lead, status, rng))
        context.progress("cases", index, len(chosen))
    _handovers(opened, leads, demo)
    bulk = _bulk_cases(context, chosen[ACTIONS_UP_TO:], persons, leads, teams, start=len(opened))
    context.stdout.write(f"  {len(opened) + bulk} cases ({bulk} in bulk)\n")


def _bulk_cases(
    context: SeedContext, person_ids: list[int], persons: dict, leads: list, teams: dict, *, start
) -> int:
    """Open (and move) cases for `person_ids` writing the rows open_case and change_status write."""
    from django.db import transaction

    rng, total, done = context.rng, start + len(person_ids), 0
    for batch_start in range(0, len(person_ids), BATCH):
        chunk = person_ids[batch_start : batch_start + BATCH]
        plans = []
        for person_id in chunk:
            lead = rng.choice(leads)
            status = rng.choice(STATUSES)
            outcome = rng.choice(Case.Outcome.values) if status == Case.Status.CLOSED else ""
            reason = rng.choice(SUSPENSIONS) if status == Case.Status.SUSPENDED else ""
            plans.append(
                (person_id, lead, status, outcome, reason, rng.sample(CATEGORIES, rng.randint(1, 3)))
            )
        with transaction.atomic():
            now = timezone.now()
            cases = Case.objects.bulk_create(
                Case(
                    person_id=person_id,
                    lead=lead,
                    lead_organisation=lead.active_organisation,
                    team=teams[lead.pk],
                    micro_territory_id=persons[person_id].micro_territory_id,
                    categories=sorted(set(categories)),
                    status=status,
                    status_changed_at=now,
                    closed_at=now if status == Case.Status.CLOSED else None,
                    outcome=outcome,
                    outcome_note="Chiusura concordata" if outcome else "",
                    opened_at=now,
                )
                for person_id, lead, status, outcome, _reason, categories in plans
            )
            CaseMember.objects.bulk_create(
                CaseMember(
                    case=case,
                    user=case.lead,
                    organisation=case.lead_organisation,
                    role=actions.LEAD_ROLE_LABEL,
                )
                for case in cases
            )
            changes, rows, audited = [], [], []

            record = functools.partial(_record, rows, audited)
            for case, (_pid, lead, status, outcome, reason, _cats) in zip(cases, plans, strict=True):
                opened = {
                    "lead": lead.pk,
                    "lead_organisation": case.lead_organisation_id,
                    "team": case.team_id,
                }
                record(events.CASE_OPENED, case, lead, opened, AuditEntry.Action.CREATE)
                if status == Case.Status.TO_ASSESS:
                    continue
                moves = [
                    (
                        Case.Status.TO_ASSESS,
                        Case.Status.ACTIVE,
                        events.CASE_ACTIVATED,
                        "Primo colloquio fatto",
                    )
                ]
                if status == Case.Status.SUSPENDED:
                    moves.append((Case.Status.ACTIVE, status, events.CASE_SUSPENDED, reason))
                elif status == Case.Status.CLOSED:
                    moves.append((Case.Status.ACTIVE, status, events.CASE_CLOSED, "Chiusura concordata"))
                for source, target, kind, note in moves:
                    changes.append(
                        CaseStatusChange(
                            case=case,
                            from_status=source,
                            to_status=target,
                            reason=note,
                            changed_by=lead,
                            changed_at=now,
                        )
                    )
                    payload = {"from": source, "to": target}
                    if target == Case.Status.CLOSED:
                        payload["outcome"] = outcome
                    record(kind, case, lead, payload)
            CaseStatusChange.objects.bulk_create(changes)
            DomainEvent.objects.bulk_create(rows)
            AuditEntry.objects.bulk_create(audited)
        done += len(chunk)
        context.progress("cases in bulk", start + done, total)
    return done


def _record(rows: list, audited: list, kind, case, lead, payload, action=AuditEntry.Action.UPDATE) -> None:
    """The event and audit entry cases.actions._record writes, unsaved."""
    common = {"person_id": case.person_id, "categories": list(case.categories)}
    rows.append(
        domain_event(
            kind,
            actor=lead,
            subject=case,
            micro_territory_id=case.micro_territory_id,
            payload=payload,
            **common,
        )
    )
    audited.append(audit_entry(lead, action, case, details={"event": kind, **payload}, **common))


def _advance(case: Case, lead, status: str, rng) -> Case:
    if status == Case.Status.TO_ASSESS:
        return case
    case = actions.activate_case(case, actor=lead, note="Primo colloquio fatto")
    if status == Case.Status.SUSPENDED:
        case = actions.suspend_case(case, actor=lead, reason=rng.choice(SUSPENSIONS))
    elif status == Case.Status.CLOSED:
        outcome = rng.choice(Case.Outcome.values)
        case = actions.close_case(case, actor=lead, outcome=outcome, note="Chiusura concordata")
    return case


def _handovers(cases: list[Case], leads: list, demo) -> None:
    """One hand-over accepted, one waiting for a colleague, one waiting for the demo lead."""
    others = [lead for lead in leads if lead is not demo]
    open_cases = [case for case in cases if case.status in (Case.Status.ACTIVE, Case.Status.TO_ASSESS)]
    if demo is None or not others or len(open_cases) < 3:
        return
    mine = [case for case in open_cases if case.lead_id == demo.pk]
    theirs = [case for case in open_cases if case.lead_id != demo.pk]
    if len(mine) >= 2:
        colleague = others[0]
        accepted = actions.propose_handover(
            mine[0], actor=demo, to_user=colleague, note="Trasferimento di zona"
        )
        actions.accept_handover(accepted, actor=colleague)
        actions.propose_handover(mine[1], actor=demo, to_user=colleague, note="Conosce già la famiglia")
    if theirs:
        actions.propose_handover(
            theirs[0], actor=_lead_of(theirs[0], leads), to_user=demo, note="Segue già il fratello"
        )
    for case in mine[2:4]:
        actions.add_team_member(case, actor=demo, user=others[-1], role="Consulente")


def _lead_of(case: Case, leads: list):
    return next(lead for lead in leads if lead.pk == case.lead_id)


# --- the diary -----------------------------------------------------------------------------------

NOTES = [
    ("Primo colloquio: la persona racconta di aver perso il lavoro a marzo; concordato un piano.", "team"),
    ("Visita domiciliare: casa in ordine, frigorifero quasi vuoto. Attivato il pacco viveri.", "team"),
    ("Telefonata con il datore di lavoro precedente per il certificato di servizio.", "organisation"),
    ("Riferisce tensioni in famiglia: da approfondire al prossimo incontro.", "lead"),
    ("Accompagnata al CPI per l'iscrizione; prossimo appuntamento tra due settimane.", "team"),
]
NOTE_SHARE = 0.2  # of the other open cases, one note each


@seeder("cases_diary", after=("cases",))
def seed_diary(context: SeedContext) -> None:
    """Notes in the demo lead's open cases (every visibility) and one in a share of the others."""
    rng = random.Random(context.seed + 41)  # its own draws: the seeders after it stay as they were
    open_cases = list(
        Case.objects.exclude(status=Case.Status.CLOSED)
        .select_related("lead", "lead_organisation")
        .order_by("pk")
    )
    written = 0
    for case in open_cases:
        lead = case.lead.act_for(case.lead_organisation)
        if case.lead.email == DEMO_LEAD:
            chosen = NOTES[: rng.randint(2, len(NOTES))]
        elif rng.random() < NOTE_SHARE:
            chosen = [rng.choice(NOTES)]
        else:
            continue
        for body, visibility in chosen:
            actions.write_note(case, actor=lead, body=body, visibility=visibility)
            written += 1
    context.stdout.write(f"  {written} diary notes\n")
