"""Errors of referrals that callers tell apart."""

from intreccio.core.exceptions import ApplicationError


class ConsentMissing(ApplicationError):
    """The person's sharing choices do not reach the receiving organisation: nothing is sent.

    `details` holds the organisation (id, name) and `consent_url`, the person's
    sharing page where the consent is recorded.
    """

    code = "consent_missing"
    status = 409
