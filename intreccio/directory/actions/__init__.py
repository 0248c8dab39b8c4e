"""Every change to the needs taxonomy, services, places, schedules and capacity goes through these functions.

Each change to a service or a place also writes its field-level history
(ChangeRecord, HSDS `metadata`) and rebuilds its search index.

A package of topic modules; callers import from here (`from intreccio.directory import actions`).
"""

from ._common import actor_label, record_changes, reindex_location, reindex_service
from .imports import DatasetInvalid, import_hsds
from .locations import (
    ACTIVITY_FIELDS,
    LOCATION_FIELDS,
    create_activity,
    create_location,
    link_service_to_location,
    unlink_service_from_location,
    update_activity,
    update_location,
    verify_location,
)
from .needs import (
    DEFAULT_NEEDS,
    NEED_FIELDS,
    NEEDS_TAXONOMY_CODE,
    create_need,
    load_needs_taxonomy,
    needs_taxonomy,
    update_need,
)
from .review import (
    accept_proposal,
    check_can_propose,
    flag_stale_entries,
    propose_change,
    reject_proposal,
    stale_before,
)
from .schedules import (
    SCHEDULE_FIELDS,
    TRANSLATION_FIELDS,
    add_closure,
    add_schedule,
    remove_closure,
    remove_schedule,
    save_translation,
)
from .services import SERVICE_FIELDS, create_service, update_capacity, update_service, verify_service

__all__ = [
    "ACTIVITY_FIELDS",
    "DEFAULT_NEEDS",
    "LOCATION_FIELDS",
    "NEEDS_TAXONOMY_CODE",
    "NEED_FIELDS",
    "SCHEDULE_FIELDS",
    "SERVICE_FIELDS",
    "TRANSLATION_FIELDS",
    "DatasetInvalid",
    "accept_proposal",
    "actor_label",
    "add_closure",
    "add_schedule",
    "check_can_propose",
    "create_activity",
    "create_location",
    "create_need",
    "create_service",
    "flag_stale_entries",
    "import_hsds",
    "link_service_to_location",
    "load_needs_taxonomy",
    "needs_taxonomy",
    "propose_change",
    "record_changes",
    "reindex_location",
    "reindex_service",
    "reject_proposal",
    "remove_closure",
    "remove_schedule",
    "save_translation",
    "stale_before",
    "unlink_service_from_location",
    "update_activity",
    "update_capacity",
    "update_location",
    "update_need",
    "update_service",
    "verify_location",
    "verify_service",
]
