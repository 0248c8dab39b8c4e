import pytest
from django.core.management import call_command

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
