"""The "Invii" sections of the case page and of the person page (registered in ReferralsConfig.ready())."""

from django.urls import reverse

from . import queries
from .rules import can_send_referral


def case_visible(user, case) -> bool:
    return bool(user and user.is_authenticated)


def case_context(request, case) -> dict:
    """The case's referrals the user may see (with their outcome) and the link to send a new one."""
    may_send = case.is_open and can_send_referral(request.user, case)
    return {
        "referrals": queries.of_case(request.user, case),
        "send_url": reverse("referrals:send", args=[case.pk]) if may_send else "",
    }


def person_visible(user, person) -> bool:
    return bool(user and user.is_authenticated)


def person_context(request, person) -> dict:
    """The person's referrals the user takes part in (the receiver may not see the case)."""
    return {"referrals": queries.of_person(request.user, person)}
