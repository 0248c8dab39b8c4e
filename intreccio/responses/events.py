"""Domain event kinds of responses.

person_id, micro_territory_id, categories; payload type, organisation, period.
"""

RESPONSE_RECORDED = "RESPONSE_RECORDED"
RESPONSE_CANCELLED = "RESPONSE_CANCELLED"
OVERLAP_RAISED = "OVERLAP_RAISED"
OVERLAP_DECIDED = "OVERLAP_DECIDED"
