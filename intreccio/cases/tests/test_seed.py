import pytest
from django.core.management import call_command
from django.db.models import Count

from intreccio.audit.models import DomainEvent
from intreccio.cases.models import Case, CaseNote, LeadHandover


@pytest.mark.django_db(transaction=True)
def test_the_seed_takes_a_share_of_the_persons_in_charge_in_every_status(tmp_path):
    with open(tmp_path / "seed.log", "w") as log:
        call_command("seed_demo", size="tiny", seed=1, stdout=log)
    # The cases seeder opens 18 cases on the tiny territory; the intake seeder opens one more
    # for each intake it takes in charge (read from the events: cases may not import intake).
    taken = DomainEvent.objects.filter(kind="INTAKE_TAKEN_IN_CHARGE").count()
    assert Case.objects.count() - taken == 18
    assert set(Case.objects.values_list("status", flat=True)) == set(Case.Status.values)
    assert (
        Case.objects.filter(status="closed").exclude(outcome="").count()
        == Case.objects.filter(status="closed").count()
    )
    assert set(LeadHandover.objects.values_list("status", flat=True)) == {"accepted", "proposed"}
    demo = Case.objects.filter(lead__email="regia@demo.intreccio.it")
    assert demo.count() >= 3
    # The diary: notes in the demo lead's open cases, at more than one level of visibility.
    notes = CaseNote.objects.filter(case__lead__email="regia@demo.intreccio.it")
    assert notes.values("visibility").distinct().count() >= 2
    assert DomainEvent.objects.filter(kind="CASE_NOTE_WRITTEN").count() == CaseNote.objects.count()
    # Every demo account finds notifications, some still to read.
    from intreccio.notifications.models import Notification

    unread = Notification.objects.filter(recipient__email="regia@demo.intreccio.it", read_at__isnull=True)
    assert unread.count() >= 2


def _shape(case: Case) -> tuple:
    """What a reader of the case sees: members, history, events and audit entries, by kind."""
    from intreccio.audit.models import AuditEntry

    events = sorted(
        DomainEvent.objects.filter(subject_id=str(case.pk), subject_type="cases.case").values_list(
            "kind", "payload"
        )
    )
    audits = sorted(
        AuditEntry.objects.filter(target_id=str(case.pk), target_type="cases.case").values_list(
            "action", flat=True
        )
    )
    history = list(case.status_changes.order_by("changed_at", "id").values_list("from_status", "to_status"))
    members = list(case.members.values_list("user_id", "organisation_id", "role"))
    return (
        case.status,
        bool(case.outcome) == (case.status == "closed"),
        members == [(case.lead_id, case.lead_organisation_id, "Case manager")],
        [
            (
                kind,
                {
                    k: v
                    for k, v in payload.items()
                    if k not in ("outcome", "lead", "lead_organisation", "team")
                },
            )
            for kind, payload in events
        ],
        audits,
        history,
    )


@pytest.mark.django_db(transaction=True)
def test_cases_seeded_in_bulk_look_like_cases_opened_through_the_actions(tmp_path, monkeypatch):
    from intreccio.cases import seed

    monkeypatch.setattr(seed, "ACTIONS_UP_TO", 6)
    with open(tmp_path / "seed.log", "w") as log:
        call_command("seed_demo", size="tiny", seed=1, stdout=log)
    assert "(12 in bulk)" in (tmp_path / "seed.log").read_text()
    # Leave out the cases the hand-over and team scenes changed afterwards.
    seeded = (
        Case.objects.filter(handovers__isnull=True)
        .annotate(member_count=Count("members"))
        .filter(member_count=1)
        .order_by("pk")
    )
    by_status: dict[str, set] = {}
    for case in seeded:
        by_status.setdefault(case.status, set()).add(repr(_shape(case)))
    # Cases in the same status have the same members, history, events and audit shape,
    # whichever path wrote them (the intake seeder's cases are only opened, like TO_ASSESS ones).
    assert set(by_status) == set(Case.Status.values)
    assert all(len(shapes) == 1 for shapes in by_status.values()), by_status
