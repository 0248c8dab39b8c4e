"""Domain event kinds of referrals.

person_id, micro_territory_id, categories; payload case_id, referral_id, service, from, to, reason.
"""

REFERRAL_SENT = "REFERRAL_SENT"
REFERRAL_TRANSITION = "REFERRAL_TRANSITION"
REFERRAL_MESSAGE = "REFERRAL_MESSAGE"
REFERRAL_STALLED = "REFERRAL_STALLED"
# The receiving side named the operator who follows the referral (payload assigned_to).
REFERRAL_ASSIGNED = "REFERRAL_ASSIGNED"
