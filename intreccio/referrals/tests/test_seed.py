import pytest
from django.core.management import call_command

from intreccio.referrals.models import Referral, ReferralTransition


@pytest.mark.django_db(transaction=True)
def test_the_seed_sends_referrals_in_every_state_some_stalled(tmp_path):
    with open(tmp_path / "seed.log", "w") as log:
        call_command("seed_demo", size="tiny", seed=1, stdout=log)
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    assert Referral.objects.filter(stalled_since__isnull=False).count() >= 2
    assert Referral.objects.filter(to_user__isnull=True, from_user__email="regia@demo.intreccio.it").exists()
    # Every referral's history ends in its state, and carries the reasons the table asks for.
    for referral in Referral.objects.all():
        assert referral.transitions.order_by("at", "pk").last().to_status == referral.status
    assert not ReferralTransition.objects.filter(to_status__in=Referral.REASON_REQUIRED, reason="").exists()
