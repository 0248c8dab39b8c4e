"""Domain event kinds of responses.

person_id, micro_territory_id, categories; payload type, organisation, period.
OVERLAP_* carry payload["case_id"] (the timeline shows them to the case's lead and team);
OVERLAP_DECIDED also records the hourly job's "prevented" (actor None).
RESPONSE_TYPE_* are about the catalogue (no person).
"""

RESPONSE_RECORDED = "RESPONSE_RECORDED"
RESPONSE_CANCELLED = "RESPONSE_CANCELLED"
OVERLAP_RAISED = "OVERLAP_RAISED"
OVERLAP_DECIDED = "OVERLAP_DECIDED"
RESPONSE_TYPE_CREATED = "RESPONSE_TYPE_CREATED"
RESPONSE_TYPE_UPDATED = "RESPONSE_TYPE_UPDATED"
