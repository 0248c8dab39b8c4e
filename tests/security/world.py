"""The world the authorisation matrix runs in: personas, targets, their relationships.

Relationships are computed here from the data (memberships, team, owners),
independently of the application's own rules, so that the matrix checks
the rules rather than repeating them.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import DEVICE_ID_SESSION_KEY

from conftest import account_without_roles, build_directory, many_reads_alert, persona_device
from intreccio.core.roles import Role

# Rows these apps write on any request (sessions, log-in throttling, the logs,
# device throttling, task queue) are not "state" for the nothing-changed check.
VOLATILE_APPS = {"sessions", "axes", "audit", "otp_totp", "otp_static", "django_tasks_db"}
VOLATILE_MODELS = {"accounts.usersession"}
LARGE_FIELDS = {"boundary"}

# Roles that work with persons (help requests, feedback) and roles that run a service
# (may say how many places it has): stated here, independently of the apps' rules.
SERVICE_STAFF = {Role.SUPERVISOR, Role.SERVICE_OPERATOR, Role.HOUSING_OFFICER, Role.EMPLOYMENT_OFFICER}
PERSON_FACING = SERVICE_STAFF | {Role.ACCESS_POINT_OPERATOR, Role.CASE_LEAD}

PERSONAS = [
    "anonymous",
    "half_open",
    "no_role",
    "sara",
    "laura",
    "ana",
    "bruno",
    "diana",
    "carla",
    "paolo",
    "dpo",
]

# URL arguments per route (the target each route points at).
URL_KWARGS = {
    "accounts:password_reset_confirm": lambda w: {"uidb64": w.reset_uid, "token": w.reset_token},
    "accounts:api_token_revoke": lambda w: {"token_id": w.token.pk},
    "accounts:operator_detail": lambda w: {"operator_id": w.bruno.pk},
    "accounts:operator_edit": lambda w: {"operator_id": w.bruno.pk},
    "accounts:operator_set_active": lambda w: {"operator_id": w.bruno.pk},
    "accounts:session_end": lambda w: {"session_id": w.bruno_session.pk},
    "accounts:team_edit": lambda w: {"team_id": w.team.pk},
    "organisations:detail": lambda w: {"organisation_id": w.comune.pk},
    "organisations:edit": lambda w: {"organisation_id": w.comune.pk},
    "organisations:set_active": lambda w: {"organisation_id": w.comune.pk},
    "organisations:site_create": lambda w: {"organisation_id": w.comune.pk},
    "organisations:site_edit": lambda w: {"organisation_id": w.comune.pk, "site_id": w.site.pk},
    "territory:micro_territory": lambda w: {"micro_territory_id": w.micro_territory.pk},
    "territory:micro_territory_edit": lambda w: {"micro_territory_id": w.micro_territory.pk},
    "audit:alert_detail": lambda w: {"alert_id": w.alert.pk},
    # --- directory (operators) ---
    "directory:service": lambda w: {"service_id": w.service.pk},
    "directory:service_edit": lambda w: {"service_id": w.service.pk},
    "directory:service_propose": lambda w: {"service_id": w.service.pk},
    "directory:service_verify": lambda w: {"service_id": w.service.pk},
    "directory:service_capacity": lambda w: {"service_id": w.service.pk},
    "directory:service_schedules": lambda w: {"service_id": w.service.pk},
    "directory:closure_add": lambda w: {"service_id": w.service.pk},
    "directory:service_link_location": lambda w: {"service_id": w.service.pk},
    "directory:service_translation": lambda w: {"service_id": w.service.pk, "language": "en"},
    "directory:schedule_remove": lambda w: {"schedule_id": w.schedule.pk},
    "directory:closure_remove": lambda w: {"closure_id": w.closure.pk},
    "directory:service_unlink_location": lambda w: {"link_id": w.service_link.pk},
    "directory:location": lambda w: {"location_id": w.location.pk},
    "directory:location_edit": lambda w: {"location_id": w.location.pk},
    "directory:location_verify": lambda w: {"location_id": w.location.pk},
    "directory:activity_create": lambda w: {"location_id": w.location.pk},
    "directory:location_schedule_add": lambda w: {"location_id": w.location.pk},
    "directory:location_translation": lambda w: {"location_id": w.location.pk, "language": "ar"},
    "directory:proposal_review": lambda w: {"proposal_id": w.proposal.pk},
    "directory:need_edit": lambda w: {"need_id": w.need.pk},
    # --- portal (public, in the URL's language) and its operators' pages ---
    "portal:home": lambda w: {"lang": "it"},
    "portal:search": lambda w: {"lang": "ar"},
    "portal:service": lambda w: {"lang": "it", "service_id": w.service.pk},
    "portal:service_sheet": lambda w: {"lang": "it", "service_id": w.service.pk},
    "portal:place": lambda w: {"lang": "it", "location_id": w.place.pk},
    "portal:micro_territory": lambda w: {"lang": "it", "micro_territory_id": w.micro_territory.pk},
    "portal:map": lambda w: {"lang": "it"},
    "portal:map_points": lambda w: {"lang": "it"},
    "portal:map_boundaries": lambda w: {"lang": "it"},
    "portal:this_week": lambda w: {"lang": "it"},
    "portal:ask_for_help": lambda w: {"lang": "it"},
    "portal:receipt": lambda w: {"lang": "it", "token": w.receipt_token},
    "portal:feedback": lambda w: {"lang": "it"},
    "portal:accessibility": lambda w: {"lang": "ar"},
    "portal:privacy": lambda w: {"lang": "it"},
    "portal:help_request": lambda w: {"help_request_id": w.help_request.pk},
    # --- people ---
    "people:person": lambda w: {"person_id": w.person.pk},
    "people:edit": lambda w: {"person_id": w.person.pk},
    "people:documents": lambda w: {"person_id": w.person.pk},
    "people:name_remove": lambda w: {"person_id": w.person.pk, "name_id": w.person_name.pk},
    "people:network": lambda w: {"person_id": w.person.pk},
    "people:membership_end": lambda w: {"person_id": w.person.pk, "membership_id": w.membership.pk},
    "people:sharing": lambda w: {"person_id": w.person.pk},
    "people:sharing_withdraw": lambda w: {"person_id": w.person.pk},
    "people:notice": lambda w: {"person_id": w.person.pk},
    "people:notice_pdf": lambda w: {"person_id": w.person.pk},
    "people:access_report": lambda w: {"person_id": w.person.pk},
    "people:access_report_pdf": lambda w: {"person_id": w.person.pk},
    # --- intake ---
    "intake:detail": lambda w: {"intake_id": w.intake.pk},
    "intake:take": lambda w: {"intake_id": w.intake.pk},
    "intake:acknowledge": lambda w: {"intake_id": w.lead_intake.pk},
    "intake:reroute": lambda w: {"intake_id": w.intake.pk},
    "intake:close": lambda w: {"intake_id": w.intake.pk},
    "intake:rule_edit": lambda w: {"rule_id": w.routing_rule.pk},
    "intake:rule_deactivate": lambda w: {"rule_id": w.routing_rule.pk},
    # --- the public HSDS API (a URL route of its own django-ninja instance) ---
    "hsds:get_service": lambda w: {"service_id": str(w.service.uuid)},
    "hsds:get_organization": lambda w: {"organization_id": w.comune_hsds_id},
    "hsds:get_service_at_location": lambda w: {"link_id": str(w.service_link.uuid)},
    "hsds:get_taxonomy": lambda w: {"taxonomy_id": str(w.need_term.taxonomy.uuid)},
    "hsds:get_taxonomy_term": lambda w: {"term_id": str(w.need_term.uuid)},
    # --- cases ---
    "cases:detail": lambda w: {"case_id": w.case.pk},
    "cases:status": lambda w: {"case_id": w.case.pk},
    "cases:handover_propose": lambda w: {"case_id": w.case.pk},
    "cases:member_add": lambda w: {"case_id": w.case.pk},
    "cases:member_remove": lambda w: {"case_id": w.case.pk, "user_id": w.carla.pk},
    "cases:handover_accept": lambda w: {"handover_id": w.handover.pk},
    "cases:handover_decline": lambda w: {"handover_id": w.handover.pk},
    "cases:handover_cancel": lambda w: {"handover_id": w.handover.pk},
    # --- responses ---
    "responses:cancel": lambda w: {"response_id": w.response.pk},
    "responses:decide": lambda w: {"alert_id": w.overlap_alert.pk},
    "responses:type_edit": lambda w: {"type_id": w.response_type.pk},
    "responses:type_active": lambda w: {"type_id": w.response_type.pk},
    # --- referrals ---
    "referrals:send": lambda w: {"case_id": w.referral_case.pk},
    "referrals:detail": lambda w: {"referral_id": w.referral.pk},
    "referrals:transition": lambda w: {"referral_id": w.referral.pk},
    "referrals:assign": lambda w: {"referral_id": w.referral.pk},
    "referrals:message": lambda w: {"referral_id": w.referral.pk},
    "referrals:attachment": lambda w: {"attachment_id": w.referral_attachment.pk},
    "cases:note_write": lambda w: {"case_id": w.case.pk},
    # --- timeline and notifications ---
    "timeline:person": lambda w: {"person_id": w.person.pk},
    "notifications:open": lambda w: {"notification_id": w.notification.pk},
    "notifications:mark_read": lambda w: {"notification_id": w.notification.pk},
    # --- personal plans (the plan of `case`) ---
    **{
        f"plans:{name}": lambda w: {"case_id": w.case.pk}
        for name in (
            "detail",
            "create",
            "update",
            "goal_add",
            "action_add",
            "agree",
            "freeze",
            "review_schedule",
        )
    },
    "plans:goal_edit": lambda w: {"case_id": w.case.pk, "goal_id": w.plan_goal.pk},
    "plans:goal_remove": lambda w: {"case_id": w.case.pk, "goal_id": w.plan_goal.pk},
    "plans:action_edit": lambda w: {"case_id": w.case.pk, "action_id": w.plan_action.pk},
    "plans:action_remove": lambda w: {"case_id": w.case.pk, "action_id": w.plan_action.pk},
    "plans:action_progress": lambda w: {"case_id": w.case.pk, "action_id": w.plan_action.pk},
    "plans:review_hold": lambda w: {"case_id": w.case.pk, "review_id": w.plan_review.pk},
    "plans:review_cancel": lambda w: {"case_id": w.case.pk, "review_id": w.plan_review.pk},
    "plans:version_pdf": lambda w: {"case_id": w.case.pk, "number": 1},
}

API_PATHS = {
    # --- personal plans ---
    "get_case_plan": lambda w: f"/api/v1/plans/cases/{w.case.pk}",
    "create_case_plan": lambda w: f"/api/v1/plans/cases/{w.case.pk}",
    "update_case_plan": lambda w: f"/api/v1/plans/cases/{w.case.pk}",
    "add_plan_goal": lambda w: f"/api/v1/plans/cases/{w.case.pk}/goals",
    "update_plan_goal": lambda w: f"/api/v1/plans/cases/{w.case.pk}/goals/{w.plan_goal.pk}",
    "remove_plan_goal": lambda w: f"/api/v1/plans/cases/{w.case.pk}/goals/{w.plan_goal.pk}",
    "add_plan_action": lambda w: f"/api/v1/plans/cases/{w.case.pk}/actions",
    "update_plan_action": lambda w: f"/api/v1/plans/cases/{w.case.pk}/actions/{w.plan_action.pk}",
    "remove_plan_action": lambda w: f"/api/v1/plans/cases/{w.case.pk}/actions/{w.plan_action.pk}",
    "report_plan_action_progress": lambda w: f"/api/v1/plans/actions/{w.plan_action.pk}/progress",
    "agree_case_plan": lambda w: f"/api/v1/plans/cases/{w.case.pk}/agree",
    "freeze_plan_version": lambda w: f"/api/v1/plans/cases/{w.case.pk}/versions",
    "list_plan_versions": lambda w: f"/api/v1/plans/cases/{w.case.pk}/versions",
    "get_plan_version": lambda w: f"/api/v1/plans/cases/{w.case.pk}/versions/1",
    "get_plan_gaps": lambda w: f"/api/v1/plans/cases/{w.case.pk}/gaps",
    "schedule_plan_review": lambda w: f"/api/v1/plans/cases/{w.case.pk}/reviews",
    "hold_plan_review": lambda w: f"/api/v1/plans/cases/{w.case.pk}/reviews/{w.plan_review.pk}/hold",
    "cancel_plan_review": lambda w: f"/api/v1/plans/cases/{w.case.pk}/reviews/{w.plan_review.pk}/cancel",
    "list_districts": lambda w: "/api/v1/territory/districts",
    "list_municipalities": lambda w: "/api/v1/territory/municipalities",
    "list_micro_territories": lambda w: "/api/v1/territory/micro-territories",
    "create_micro_territory": lambda w: "/api/v1/territory/micro-territories",
    "get_micro_territory": lambda w: f"/api/v1/territory/micro-territories/{w.micro_territory.pk}",
    "update_micro_territory": lambda w: f"/api/v1/territory/micro-territories/{w.micro_territory.pk}",
    "list_organisations": lambda w: "/api/v1/organisations/",
    "create_organisation": lambda w: "/api/v1/organisations/",
    "get_organisation": lambda w: f"/api/v1/organisations/{w.comune.pk}",
    "get_me": lambda w: "/api/v1/accounts/me",
    "list_operators": lambda w: "/api/v1/accounts/operators",
    "search_directory_services": lambda w: "/api/v1/directory/services?need=housing",
    "get_directory_service": lambda w: f"/api/v1/directory/services/{w.service.pk}",
    "update_service_capacity": lambda w: f"/api/v1/directory/services/{w.service.pk}/capacity",
    "list_needs": lambda w: "/api/v1/directory/needs",
    "find_persons": lambda w: "/api/v1/people/search?q=Rossi",
    "register_person": lambda w: "/api/v1/people/",
    "get_person": lambda w: f"/api/v1/people/{w.person.pk}",
    "record_sharing_choice": lambda w: f"/api/v1/people/{w.person.pk}/sharing",
    "withdraw_sharing": lambda w: f"/api/v1/people/{w.person.pk}/sharing/withdraw",
    "list_person_documents": lambda w: f"/api/v1/people/{w.person.pk}/documents",
    "add_person_document": lambda w: f"/api/v1/people/{w.person.pk}/documents",
    # --- cases ---
    "list_my_cases": lambda w: "/api/v1/cases/",
    "list_my_handovers": lambda w: "/api/v1/cases/handovers",
    "get_case": lambda w: f"/api/v1/cases/{w.case.pk}",
    "activate_case": lambda w: f"/api/v1/cases/{w.case.pk}/activate",
    "suspend_case": lambda w: f"/api/v1/cases/{w.case.pk}/suspend",
    "resume_case": lambda w: f"/api/v1/cases/{w.case.pk}/resume",
    "close_case": lambda w: f"/api/v1/cases/{w.case.pk}/close",
    "reopen_case": lambda w: f"/api/v1/cases/{w.case.pk}/reopen",
    "propose_lead_handover": lambda w: f"/api/v1/cases/{w.case.pk}/handover",
    "accept_lead_handover": lambda w: f"/api/v1/cases/handovers/{w.handover.pk}/accept",
    "decline_lead_handover": lambda w: f"/api/v1/cases/handovers/{w.handover.pk}/decline",
    "cancel_lead_handover": lambda w: f"/api/v1/cases/handovers/{w.handover.pk}/cancel",
    "add_case_member": lambda w: f"/api/v1/cases/{w.case.pk}/team",
    "remove_case_member": lambda w: f"/api/v1/cases/{w.case.pk}/team/{w.carla.pk}",
    "list_case_notes": lambda w: f"/api/v1/cases/{w.case.pk}/notes",
    "write_case_note": lambda w: f"/api/v1/cases/{w.case.pk}/notes",
    # --- timeline and notifications ---
    "get_person_timeline": lambda w: f"/api/v1/timeline/persons/{w.person.pk}",
    "list_my_notifications": lambda w: "/api/v1/notifications/",
    "count_unread_notifications": lambda w: "/api/v1/notifications/unread-count",
    "mark_all_notifications_read": lambda w: "/api/v1/notifications/read-all",
    "mark_notification_read": lambda w: f"/api/v1/notifications/{w.notification.pk}/read",
    # --- intake ---
    "record_intake": lambda w: "/api/v1/intake/intakes",
    "report_concern": lambda w: "/api/v1/intake/concerns",
    "intake_team_queue": lambda w: "/api/v1/intake/queue",
    "intake_inbox": lambda w: "/api/v1/intake/inbox",
    "get_intake": lambda w: f"/api/v1/intake/intakes/{w.intake.pk}",
    "take_intake_in_charge": lambda w: f"/api/v1/intake/intakes/{w.intake.pk}/take",
    "acknowledge_intake": lambda w: f"/api/v1/intake/intakes/{w.lead_intake.pk}/acknowledge",
    "reroute_intake": lambda w: f"/api/v1/intake/intakes/{w.intake.pk}/reroute",
    "close_intake": lambda w: f"/api/v1/intake/intakes/{w.intake.pk}/close",
    "list_routing_rules": lambda w: "/api/v1/intake/rules",
    "create_routing_rule": lambda w: "/api/v1/intake/rules",
    "update_routing_rule": lambda w: f"/api/v1/intake/rules/{w.routing_rule.pk}",
    "deactivate_routing_rule": lambda w: f"/api/v1/intake/rules/{w.routing_rule.pk}/deactivate",
    # --- responses ---
    "list_response_types": lambda w: "/api/v1/responses/types",
    "list_responses": lambda w: f"/api/v1/responses/?person_id={w.case.person_id}",
    "record_response": lambda w: "/api/v1/responses/",
    "check_response_overlaps": lambda w: "/api/v1/responses/check",
    "cancel_response": lambda w: f"/api/v1/responses/{w.response.pk}/cancel",
    "list_overlap_alerts": lambda w: "/api/v1/responses/alerts",
    "decide_overlap_alert": lambda w: f"/api/v1/responses/alerts/{w.overlap_alert.pk}/decide",
    # --- referrals ---
    "list_referrals": lambda w: "/api/v1/referrals/",
    "send_referral": lambda w: "/api/v1/referrals/",
    "get_referral": lambda w: f"/api/v1/referrals/{w.referral.pk}",
    "transition_referral": lambda w: f"/api/v1/referrals/{w.referral.pk}/transitions",
    "assign_referral": lambda w: f"/api/v1/referrals/{w.referral.pk}/assign",
    "list_referral_messages": lambda w: f"/api/v1/referrals/{w.referral.pk}/messages",
    "post_referral_message": lambda w: f"/api/v1/referrals/{w.referral.pk}/messages",
    "download_referral_attachment": lambda w: f"/api/v1/referrals/attachments/{w.referral_attachment.pk}",
}

# Query strings of routes that take their target there.
URL_QUERIES = {
    "intake:create": lambda w: f"?persona={w.intake.person_id}",
    "responses:record": lambda w: f"?persona={w.case.person_id}",
    "responses:check": lambda w: (
        f"?persona={w.case.person_id}&type={w.response_type.pk}&starts_on=2031-03-10"
    ),
}

PAYLOADS = {
    "case_note": lambda w: {"body": "Colloquio con la persona", "visibility": "team"},
    "api_case_note": lambda w: {"body": "Colloquio con la persona", "visibility": "team"},
    "email_preference": lambda w: {"frequency": "daily"},
    # --- personal plans ---
    "plan_update": lambda w: {"plan-summary": "Sfratto in corso", "plan-person_words": "Voglio restare qui"},
    "plan_goal": lambda w: {"goal-description": "Trovare una casa in affitto"},
    "plan_goal_edit": lambda w: {"goal-description": "Trovare casa entro l'estate", "goal-status": "open"},
    "plan_action": lambda w: {"action-description": "Colloquio al servizio abitativo"},
    "plan_action_edit": lambda w: {"action-description": "Pacco mensile", "action-status": "in_progress"},
    "plan_progress": lambda w: {"status": "done", "outcome": "Consegnato"},
    "plan_agree": lambda w: {"agree-agreed_on": ""},
    "plan_review": lambda w: {"review-scheduled_on": "2030-01-15"},
    "plan_review_hold": lambda w: {"held_on": "2026-01-10", f"goal_{w.plan_goal.pk}_status": "partial"},
    "api_plan_update": lambda w: {"summary": "Sfratto in corso"},
    "api_plan_goal": lambda w: {"description": "Trovare una casa in affitto"},
    "api_plan_goal_patch": lambda w: {"indicator": "Contratto firmato"},
    "api_plan_action": lambda w: {"description": "Colloquio al servizio abitativo", "owner_is_person": True},
    "api_plan_action_patch": lambda w: {"status": "in_progress"},
    "api_plan_progress": lambda w: {"status": "done", "outcome": "Consegnato"},
    "api_plan_agree": lambda w: {},
    "api_plan_review": lambda w: {"scheduled_on": "2030-01-15"},
    "api_plan_review_hold": lambda w: {"outcomes": [{"goal_id": w.plan_goal.pk, "status": "partial"}]},
    "api_plan_review_cancel": lambda w: {"reason": "La persona è ricoverata"},
    "login": lambda w: {"username": "nessuno@altrove.it", "password": "password sbagliata"},
    "code": lambda w: {"code": "000000"},
    "email": lambda w: {"email": "nessuno@altrove.it"},
    "reauth": lambda w: {"password": "password sbagliata", "code": "000000"},
    "profile": lambda w: {
        "given_name": "Nome",
        "family_name": "Nuovo",
        "phone": "",
        "preferred_language": "it",
    },
    "token": lambda w: {"name": "Sistema", "days": 30},
    "org": lambda w: {"organisation": w.comune.pk},
    "operator": lambda w: {
        "email": "nuova@comune.example.it",
        "given_name": "Nuova",
        "family_name": "Operatrice",
        "roles": [Role.CASE_LEAD],
    },
    "operator_edit": lambda w: {
        "given_name": "Bruno",
        "family_name": "Mauri",
        "phone": "0341 000000",
        "roles": [Role.ACCESS_POINT_OPERATOR],
    },
    "deactivate": lambda w: {"active": "0"},
    "team": lambda w: {"name": "Équipe nuova"},
    "team_edit": lambda w: {"name": "Équipe rinominata", "supervisor": w.diana.pk, "members": [w.ana.pk]},
    "language": lambda w: {"language": "en", "next": "/"},
    "organisation": lambda w: {
        "name": "Associazione Nuova",
        "kind": "association",
        "district": w.district.pk,
    },
    "organisation_edit": lambda w: {
        "name": "Comune di Lecco",
        "kind": "municipality",
        "district": w.district.pk,
    },
    "site": lambda w: {
        "name": "Sportello nuovo",
        "address": "via Roma 1",
        "municipality": w.lecco.pk,
        "micro_territory": w.micro_territory.pk,
        "access_point_kind": "",
        "active": "on",
    },
    "micro_territory": lambda w: {"code": "nuovo", "name": "Nuovo", "kind": "neighbourhood_group"},
    "micro_edit": lambda w: {
        "code": w.micro_territory.code,
        "name": "Centro",
        "kind": w.micro_territory.kind,
    },
    "close_alert": lambda w: {"note": "Esaminata: accessi giustificati."},
    "api_micro_territory": lambda w: {
        "district": "lecco",
        "code": "adda-sud",
        "name": "Adda sud",
        "kind": "municipality_group",
        "municipalities": ["097059"],
    },
    "api_micro_edit": lambda w: {
        "name": w.micro_territory.name,
        "kind": w.micro_territory.kind,
        "municipalities": [m.istat_code for m in w.micro_territory.municipalities.all()],
    },
    "api_organisation": lambda w: {"name": "Cooperativa Nuova", "kind": "cooperative", "district": "lecco"},
    # --- directory ---
    "service": lambda w: {
        "name": "Sportello affitti",
        "status": "active",
        "description": "Aiuto a chi non riesce a pagare l'affitto.",
        "needs": [w.need.pk],
        "languages": ["it", "uk"],
        "free_of_charge": "on",
    },
    "service_edit": lambda w: {
        "name": w.service.name,
        "status": "active",
        "description": "Le assistenti sociali del comune, su appuntamento.",
        "needs": [n.pk for n in w.service.needs.all()],
    },
    "proposal": lambda w: {
        "name": w.service.name,
        "wait_time": "Due settimane",
        "note": "Lo dicono le persone che accompagniamo.",
    },
    "capacity": lambda w: {"unit": "colloqui a settimana", "available": "3", "maximum": "12"},
    "schedule": lambda w: {
        "freq": "WEEKLY",
        "days": ["SA"],
        "opens_at": "09:00",
        "closes_at": "11:00",
        "closed_on_public_holidays": "on",
    },
    "place_hours": lambda w: {
        "hours-freq": "WEEKLY",
        "hours-days": ["MO", "TH"],
        "hours-opens_at": "14:00",
        "hours-closes_at": "18:00",
    },
    "activity": lambda w: {
        "name": "Sportello di italiano",
        "languages": "it, uk",
        "freq": "WEEKLY",
        "days": ["WE"],
        "opens_at": "17:00",
        "closes_at": "18:30",
    },
    "closure": lambda w: {"starts_on": "2031-08-10", "ends_on": "2031-08-20", "reason": "Ferie"},
    "link_location": lambda w: {"location": w.place.pk},
    "translation": lambda w: {"name": "Basic social service", "description": "The town's social workers."},
    "location": lambda w: {
        "name": "Sportello di quartiere",
        "address_1": "via Roma 5",
        "municipality": w.lecco.pk,
        "micro_territory": w.micro_territory.pk,
        "coordinates_precision": "micro_territory",
        "languages": ["it"],
        "active": "on",
    },
    "location_edit": lambda w: {
        "name": w.location.name,
        "address_1": "piazza Diaz 1",
        "municipality": w.lecco.pk,
        "micro_territory": w.micro_territory.pk,
        "coordinates_precision": "exact",
        "step_free_access": "on",
        "active": "on",
    },
    "review": lambda w: {"decision": "accept", "note": ""},
    "need": lambda w: {"code": "digital", "label": "Competenze digitali", "position": "50", "active": "on"},
    "need_edit": lambda w: {
        "code": w.need.code,
        "label": w.need.label,
        "label_en": "Food",
        "label_ar": "طعام",
        "position": "10",
        "active": "on",
    },
    "api_capacity": lambda w: {"unit": "colloqui a settimana", "available": 3, "maximum": 12},
    # --- portal ---
    "help_request": lambda w: {
        "need": w.need.pk,
        "municipality": w.lecco.pk,
        "language": "uk",
        "name": "Olena",
        "contact_method": "phone",
        "contact": "+39 333 000 1111",
        "consent_to_contact": "on",
    },
    "page_feedback": lambda w: {
        "useful": "1",
        "path": f"/portale/it/servizi/{w.service.pk}/",
        "service": w.service.pk,
        "next": f"/portale/it/servizi/{w.service.pk}/",
    },
    "help_request_outcome": lambda w: {"esito": "contacted", "note": "Richiamata: appuntamento fissato."},
    # --- people ---
    "person": lambda w: {
        "given_names": "Teodora",
        "surnames": "Quarenghi",
        "birth_date_precision": "unknown",
        "living_situation": "unknown",
        "residence_status": "unknown",
    },
    "person_edit": lambda w: {
        "given_names": w.person.given_names,
        "surnames": w.person.surnames,
        "birth_date_precision": "unknown",
        "phone": "0341 000000",
        "living_situation": "street",
        "residence_status": "fictitious_address",
    },
    "person_document": lambda w: {
        "form": "document",
        "document-kind": "passport",
        "document-number": "YA1234567",
    },
    "person_network": lambda w: {"form": "household", "household-name": "Convivenza di via Roma"},
    "sharing": lambda w: {"scope": "selected", "organisation_kinds": ["charity"], "purposes": ["referrals"]},
    "notice": lambda w: {"language": "en"},
    "api_person": lambda w: {"given_names": "Teodora", "surnames": "Quarenghi"},
    "api_sharing": lambda w: {"scope": "refused"},
    "api_document": lambda w: {"kind": "passport", "number": "YA7654321"},
    # --- cases ---
    "case_suspend": lambda w: {"move": "suspend", "reason": "Ricoverata per due settimane"},
    "case_handover": lambda w: {"to_user": w.enrico.pk, "note": "Segue già la famiglia"},
    "case_member": lambda w: {"user": w.enrico.pk, "role": "Centro di ascolto"},
    "handover_decline": lambda w: {"reason": "Non seguo quel territorio"},
    "api_status": lambda w: {"reason": ""},
    "api_reason": lambda w: {"reason": "Ricoverata per due settimane"},
    "api_close": lambda w: {"outcome": "goals_reached", "note": "Ha trovato casa e lavoro"},
    "api_handover": lambda w: {"to_user_id": w.enrico.pk, "note": "Segue già la famiglia"},
    "api_member": lambda w: {"user_id": w.enrico.pk, "role": "Centro di ascolto"},
    # --- intake ---
    "intake": lambda w: {"needs": [w.intake_setting.needs["food"].pk], "urgency": "urgent"},
    "concern": lambda w: {
        "subject_description": "Signore anziano solo, scala C",
        "needs": [w.intake_setting.needs["loneliness"].pk],
        "urgency": "ordinary",
        "micro_territory": w.micro_territory.pk,
    },
    "reroute": lambda w: {"team": w.intake_setting.caritas_team.pk, "note": "Serve il pacco viveri"},
    "close_intake": lambda w: {"note": "Risolto allo sportello"},
    "routing_rule": lambda w: {
        "micro_territory": w.intake_setting.sud.pk,
        "need": w.intake_setting.needs["debt"].pk,
        "team": w.team.pk,
    },
    "routing_rule_edit": lambda w: {
        "micro_territory": w.routing_rule.micro_territory_id or "",
        "need": w.routing_rule.need_id or "",
        "team": w.intake_setting.south_team.pk,
    },
    "deadline": lambda w: {
        "urgency": "urgent",
        "urgent-working_days": "3",
        "urgent-escalate_after_working_days": "1",
    },
    "api_intake": lambda w: {"person_id": w.intake.person_id, "needs": ["food"], "urgency": "urgent"},
    "api_concern": lambda w: {
        "subject_description": "Signore anziano solo, scala C",
        "needs": ["loneliness"],
        "urgency": "ordinary",
        "micro_territory": "lecco-sud",
    },
    "api_reroute": lambda w: {"team_id": w.intake_setting.caritas_team.pk, "note": "Serve il pacco viveri"},
    "api_close_intake": lambda w: {"note": "Risolto allo sportello"},
    "api_routing_rule": lambda w: {"micro_territory": "lecco-sud", "need": "debt", "team_id": w.team.pk},
    # --- responses ---
    "response": lambda w: {"type": w.response_type.pk, "starts_on": "2031-06-01", "quantity": "1"},
    "response_cancel": lambda w: {"reason": "Registrata due volte"},
    "overlap_decision": lambda w: {"status": "complementary", "note": "Famiglia numerosa"},
    "response_type": lambda w: {
        "code": "school-kit",
        "name": "Kit scolastico",
        "overlap_group": "school",
        "coverage_days": "0",
        "unit": "item",
        "position": "200",
    },
    "response_type_edit": lambda w: {
        "code": w.response_type.code,
        "name": w.response_type.name,
        "overlap_group": "food",
        "overlap_checked": "on",
        "coverage_days": "31",
        "unit": "month",
        "position": "20",
    },
    "response_type_retire": lambda w: {"active": "0"},
    "api_response": lambda w: {
        "person_id": w.case.person_id,
        "type": "canteen-meals",
        "starts_on": "2031-06-01",
    },
    "api_overlap_check": lambda w: {
        "person_id": w.case.person_id,
        "type": "food-parcel",
        "starts_on": "2031-03-10",
    },
    # --- referrals ---
    "referral_send": lambda w: {"service": w.referral.service_id, "request": "Un posto per la notte"},
    "referral_accept": lambda w: {"to": "accepted"},
    "referral_assign": lambda w: {"operator": w.carla.pk},
    "referral_message": lambda w: {"body": "Ci sentiamo domani"},
    "api_referral_send": lambda w: {
        "case_id": w.referral_case.pk,
        "service_id": w.referral.service_id,
        "request": "Un posto per la notte",
    },
    "api_referral_accept": lambda w: {"to": "accepted"},
    "api_referral_assign": lambda w: {"user_id": w.carla.pk},
    "multipart_referral_message": lambda w: {"body": "Ci sentiamo domani"},
    "api_routing_rule_edit": lambda w: {
        "need": "food",
        "team_id": w.intake_setting.south_team.pk,
        "micro_territory": "lecco-centro",
    },
}

# Secrets: texts of a target only some personas may receive (part B adds canaries).
SECRETS = {
    # What the person said, in the plan they agreed: only those who see the case.
    "plan_words": lambda w: w.plan.person_words,
    "bruno_phone": lambda w: w.bruno.phone,
    "bruno_phone_json": lambda w: w.bruno.email,
    # The person who asked for help: how to reach them, and their request's code.
    "help_request_contact": lambda w: w.help_request.contact,
    "help_request_code": lambda w: w.help_request.receipt_code,
    # What another organisation's operator wrote to the reviewers; a citizen's comment on a page.
    "proposal_note": lambda w: w.proposal.note,
    "feedback_comment": lambda w: w.feedback.comment,
    # The operator who last changed and verified the service (an operator's address, not the public's).
    "verifier_email": lambda w: w.laura.email,
    # Where a person lives: only operators who may see the person.
    "person_address": lambda w: w.person.address,
    # The person a case is about (their surname) and a hand-over's note for the new lead.
    "case_person": lambda w: w.case.person.surnames,
    "handover_note": lambda w: w.handover.note,
    # What the operator wrote when recording an intake; the name of the person it is about.
    "intake_narrative": lambda w: w.intake.narrative,
    "intake_subject": lambda w: w.intake.person.full_name,
    # What the giving organisation noted on a response.
    "response_note": lambda w: w.response.note,
    # A referred person's surname; what the two sides wrote in the thread; an attachment's content.
    "referral_person": lambda w: w.referral.person.surnames,
    "referral_message": lambda w: "SEGRETO-MESSAGGIO-INVIO",
    "referral_attachment": lambda w: "SEGRETO-ALLEGATO-INVIO",
    # A diary note on the timeline: only who may read the note; a notification: only its recipient.
    "timeline_note": lambda w: w.timeline_note.body,
    "notification_title": lambda w: w.notification.title,
}


@dataclass
class World:
    network: object
    dpo: object
    no_role: object
    clients: dict = field(default_factory=dict)

    def __getattr__(self, name):
        return getattr(self.network, name)

    # --- relationships ---------------------------------------------------------------------
    def held(self, persona: str, entry) -> set[str]:
        held = {"anyone"}
        if persona == "anonymous":
            return held
        if persona == "half_open":
            return held | {"half_open"}
        user = self.user(persona)
        user.refresh_roles()
        memberships = list(user.active_memberships)
        held.add("authenticated")
        if memberships and user.is_active:
            held.add("operator")
        active = user.active_organisation_id
        held |= {f"role:{m.role}" for m in memberships if m.organisation_id == active}
        if any(m.role == Role.SYSTEM_ADMIN for m in memberships):
            held.add("system_admin")
        if any(
            m.role == Role.ORGANISATION_ADMIN
            and m.organisation_id == active
            and m.organisation.kind == "planning_office"
            for m in memberships
        ):
            held.add("planning_admin")
        roles_by_org = {}
        for m in memberships:
            roles_by_org.setdefault(m.organisation_id, set()).add(m.role)
        admin_of = {org for org, roles in roles_by_org.items() if Role.ORGANISATION_ADMIN in roles}
        dpo_of = {org for org, roles in roles_by_org.items() if Role.DATA_PROTECTION_OFFICER in roles}
        target = self.target(entry.target)
        if target is None:
            return held
        kind = target._meta.label_lower
        if kind == "accounts.user":
            if target.pk == user.pk:
                held.add("self")
            target_orgs = set(
                target.memberships.filter(active=True).values_list("organisation_id", flat=True)
            )
            if admin_of & target_orgs:
                held.add("admin_of_target")
        elif kind == "organisations.organisation":
            if target.pk in roles_by_org:
                held.add("member_of_target")
            if target.pk in admin_of:
                held.add("admin_of_target")
        elif kind in ("organisations.site", "accounts.team"):
            if target.organisation_id in admin_of:
                held.add("admin_of_target")
            if kind == "accounts.team" and target.supervisor_id == user.pk:
                held.add("supervisor_of_target")
        elif kind in ("accounts.usersession", "accounts.apitoken"):
            if target.user_id == user.pk:
                held.add("owner_of_target")
            owner_orgs = set(
                target.user.memberships.filter(active=True).values_list("organisation_id", flat=True)
            )
            if kind == "accounts.usersession" and admin_of & owner_orgs:
                held.add("admin_of_target")
        elif kind == "audit.alert":
            if target.organisation_id in dpo_of and target.organisation_id == active:
                held.add("dpo_of_target")
        elif kind in DIRECTORY_ENTRIES:
            organisation = owner_organisation(target)
            if organisation in admin_of:
                held.add("admin_of_target")
            if roles_by_org.get(organisation, set()) & SERVICE_STAFF:
                held.add("staff_of_target")
            if "operator" in held and "system_admin" not in held and organisation not in admin_of:
                held.add("proposer_of_target")
            if kind == "directory.changeproposal" and target.proposed_by_id == user.pk:
                held.add("owner_of_target")
        elif kind == "people.person":
            held |= person_relationships(self, user, target, roles_by_org.get(active, set()))
            for case in target.cases.all():
                if case_relationships(case, user) & CASE_VIEWER_TIES:
                    held.add("case_viewer_of_person")
        elif kind == "notifications.notification":
            if target.recipient_id == user.pk:
                held.add("owner_of_target")
        elif kind in ("cases.case", "cases.leadhandover"):
            held |= case_relationships(target, user)
        elif kind == "plans.planaction":
            held |= case_relationships(target.plan.case, user)
            if target.responsible_id == user.pk:
                held.add("action_responsible")
        elif kind == "intake.intake":
            team = target.routed_to_team
            team_member = team is not None and team.members.filter(pk=user.pk).exists()
            if team_member:
                held.add("team_member_of_target")
            if team is not None and team.supervisor_id == user.pk:
                held.add("supervisor_of_target")
            if target.routed_to_user_id == user.pk:
                held.add("recipient_of_target")
            if target.case_id and target.case.lead_id == user.pk:
                held.add("case_lead")
            if roles_by_org.get(active, set()) & PERSON_FACING and target.organisation_id == active:
                held.add("recorder_of_target")
            receiving = team.organisation_id if team is not None else target.organisation_id
            receives = (
                team_member
                or target.routed_to_user_id == user.pk
                or (team is not None and team.supervisor_id == user.pk)
            )
            if receives and Role.CASE_LEAD in roles_by_org.get(receiving, set()):
                held.add("taker_of_target")
        elif kind in ("responses.response", "responses.overlapalert"):
            held |= response_relationships(target, user, roles_by_org.get(active, set()), active)
        elif kind in ("referrals.referral", "referrals.referralattachment"):
            held |= referral_relationships(target, user, roles_by_org.get(active, set()))
        elif kind in ("portal.helprequest", "portal.pagefeedback"):
            organisation = owner_organisation(target)
            if roles_by_org.get(organisation, set()) & PERSON_FACING:
                held.add("handler_of_target")
            if kind == "portal.pagefeedback" and organisation in admin_of:
                held.add("admin_of_target")
        return held

    def user(self, persona: str):
        if persona == "dpo":
            return self.dpo
        if persona == "no_role":
            return self.no_role
        return getattr(self.network, persona)

    def target(self, name):
        return getattr(self, name) if name else None

    # --- requests ----------------------------------------------------------------------------------
    def url(self, entry) -> str:
        if entry.route.startswith("api:"):
            return API_PATHS[entry.route.split(":", 1)[1]](self)
        kwargs = URL_KWARGS.get(entry.route, lambda w: {})(self)
        return reverse(entry.route, kwargs=kwargs) + URL_QUERIES.get(entry.route, lambda w: "")(self)

    def call(self, persona: str, entry):
        client = self.clients[persona]
        url = self.url(entry)
        payload = PAYLOADS[entry.data](self) if entry.data else {}
        method = entry.method.lower()
        multipart = (entry.data or "").startswith("multipart_")
        if entry.route.startswith("api:") and method in ("post", "put", "patch") and not multipart:
            return getattr(client, method)(url, json.dumps(payload), content_type="application/json")
        if method == "get":
            return client.get(url)
        return getattr(client, method)(url, payload)

    def secret(self, entry) -> str | None:
        return SECRETS[entry.secret](self) if entry.secret else None


DIRECTORY_ENTRIES = {
    "directory.service",
    "directory.location",
    "directory.serviceatlocation",
    "directory.schedule",
    "directory.closure",
    "directory.changeproposal",
}


def case_relationships(target, user) -> set[str]:
    """The user's ties to a case (or to the case a hand-over is about), read from the rows."""
    held = set()
    case = target
    if target._meta.label_lower == "cases.leadhandover":
        case = target.case
        if target.to_user_id == user.pk:
            held.add("handover_recipient")
        if target.from_user_id == user.pk:
            held.add("handover_proposer")
    if case.lead_id == user.pk:
        held.add("case_lead")
    if case.members.filter(user=user, removed_at__isnull=True).exists():
        held.add("case_team_member")
    if case.members.filter(user=user, removed_at__isnull=True, organisation=case.lead_organisation).exists():
        held.add("case_colleague")
    if case.team_id and case.team.supervisor_id == user.pk:
        held.add("team_supervisor_of_target")
    if case.team_id and case.team.members.filter(pk=user.pk).exists():
        held.add("team_member_of_target")
    return held


def response_relationships(target, user, active_roles: set, active: int | None) -> set[str]:
    """A persona's ties to a response or an overlap alert: the giving organisation, the person's case,
    a supervisor of an organisation whose responses overlap."""
    from intreccio.cases.models import Case

    held = set()
    case = Case.objects.filter(person_id=target.person_id).exclude(status="closed").first()
    if case is not None:
        held |= case_relationships(case, user)
    if target._meta.label_lower == "responses.response":
        if active_roles & PERSON_FACING and target.organisation_id == active:
            held.add("giver_of_target")
    elif Role.SUPERVISOR in active_roles and active in {
        target.existing.organisation_id,
        target.new_organisation_id,
    }:
        held.add("involved_supervisor_of_target")
    return held


def referral_relationships(target, user, active_roles: set) -> set[str]:
    """The user's side of a referral (or of the referral an attachment belongs to), read from the rows."""
    referral = target if target._meta.label_lower == "referrals.referral" else target.referral
    if not active_roles & PERSON_FACING:
        return set()
    held = set()
    active, case = user.active_organisation_id, referral.case
    sharing_reaches = referral.person.sharing == "network"
    if case.lead_id == user.pk and case.lead_organisation_id == active:
        held.add("referral_sender")
    member = case.members.filter(user=user, organisation_id=active, removed_at__isnull=True).exists()
    if member and (case.lead_organisation_id == active or sharing_reaches):
        held.add("referral_sender")
    if referral.to_organisation_id == active and (sharing_reaches or case.lead_organisation_id == active):
        held.add("referral_recipient")
    return held


def owner_organisation(target) -> int | None:
    """The organisation a directory entry, a help request or a page's feedback belongs to."""
    kind = target._meta.label_lower
    if kind in ("directory.service", "directory.location", "portal.pagefeedback"):
        return target.organisation_id
    if kind == "portal.helprequest":
        return target.routed_organisation_id  # where the request was routed
    if kind == "directory.serviceatlocation":
        return target.service.organisation_id
    owner = (
        getattr(target, "service", None)
        or getattr(target, "location", None)
        or getattr(target, "service_at_location", None)
        or getattr(target, "activity", None)
    )
    if kind == "directory.schedule" and target.activity_id:
        owner = target.activity.location
    return owner_organisation(owner) if owner is not None else None


def state_fingerprint() -> str:
    """A digest of every non-volatile table: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(include_auto_created=True), key=lambda m: m._meta.label_lower):
        if model._meta.app_label in VOLATILE_APPS or model._meta.label_lower in VOLATILE_MODELS:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [f.attname for f in model._meta.concrete_fields if f.name not in LARGE_FIELDS]
        rows = model._base_manager.order_by("pk").values_list(*columns)
        digest.update(model._meta.label_lower.encode())
        digest.update(repr(list(rows)).encode())
    return digest.hexdigest()


def build_world(network, dpo) -> World:
    from intreccio.accounts.actions import (
        issue_api_token,
        update_operator,
    )
    from intreccio.accounts.models import UserSession
    from intreccio.audit.log import record_audit
    from intreccio.audit.models import AuditEntry
    from intreccio.organisations.models import Site
    from intreccio.territory.models import MicroTerritory, Municipality

    no_role = account_without_roles(network)
    update_operator(
        network.bruno, actor=network.bruno, given_name="Bruno", family_name="Mauri", phone="SEGRETO-0341-777"
    )
    world = World(network=network, dpo=dpo, no_role=no_role)
    for persona in PERSONAS:
        client = Client()
        if persona == "half_open":
            persona_device(network.laura)
            client.force_login(network.laura)
        elif persona != "anonymous":
            user = world.user(persona)
            client.force_login(user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = persona_device(user).persistent_id
            session.save()
        world.clients[persona] = client
    world.bruno_session = UserSession.objects.filter(user=network.bruno).latest("created_at")
    world.token, _raw = issue_api_token(actor=network.ana, name="Gestionale")
    world.site = Site.objects.filter(organisation=network.comune).first()
    world.micro_territory = MicroTerritory.objects.get(code="lecco-centro")
    world.lecco = Municipality.objects.get(name="Lecco")
    world.reset_uid = urlsafe_base64_encode(force_bytes(network.laura.pk))
    world.reset_token = default_token_generator.make_token(network.laura)
    world.alert = many_reads_alert(network.ana, network.comune)
    record_audit(None, AuditEntry.Action.READ, network.comune)  # the log is not empty
    build_directory_world(world)
    build_people_world(world)
    build_cases_world(world)
    build_intake_world(world)
    build_responses_world(world)
    build_referrals_world(world)
    build_timeline_world(world)
    build_plans_world(world)
    return world


def build_directory_world(world: World) -> None:
    """The directory and the portal's targets, all through the apps' actions.

    The Comune di Lecco's "Servizio sociale di base" (changed and verified by
    Laura, its administrator) at its town hall, with a closure, a change
    proposed by Carla (Caritas), a citizen's request for help routed to the
    Comune and a comment on the service's page; the oratory is a place of the
    community (no organisation).
    """
    import datetime

    from intreccio.directory import actions as directory
    from intreccio.directory.hsds.serialize import organisation_uuid
    from intreccio.directory.models import Schedule, ServiceAtLocation
    from intreccio.portal import actions as portal
    from intreccio.portal.views import RECEIPT_SALT

    network = world.network
    fixture = build_directory(network)
    world.service, world.location, world.place = fixture.social_service, fixture.town_hall, fixture.oratory
    world.need = fixture.food
    world.food_bank = fixture.food_bank
    world.need_term = world.need.taxonomy_term
    world.service_link = ServiceAtLocation.objects.get(service=world.service, location=world.location)
    world.schedule = Schedule.objects.filter(service_at_location=world.service_link).first()
    world.service = directory.update_service(
        world.service, actor=network.laura, wait_time="Una settimana per il primo colloquio"
    )
    world.service = directory.verify_service(world.service, actor=network.laura)
    world.closure = directory.add_closure(
        world.service,
        actor=network.laura,
        starts_on=datetime.date(2031, 12, 24),
        ends_on=datetime.date(2031, 12, 31),
    )
    world.proposal = directory.propose_change(
        world.service,
        actor=network.carla,
        changes={"application_process": "Anche senza appuntamento il lunedì."},
        note="SEGRETO-PROPOSTA: lo sa chi accompagniamo ogni settimana",
    )
    request = portal.submit_help_request(
        need=fixture.housing,
        municipality=world.lecco,
        language="ar",
        name="Samira",
        contact_method="phone",
        contact="+39 333 987 6543",
        consent_to_contact=True,
        service=world.service,
    )
    world.help_request = portal.hand_off_help_request(request.pk)
    world.receipt_token = signing.dumps(world.help_request.pk, salt=RECEIPT_SALT)
    world.feedback = portal.submit_page_feedback(
        path=f"/portale/it/servizi/{world.service.pk}/",
        language="it",
        useful=False,
        comment="SEGRETO-RISCONTRO: il martedì era chiuso",
        service=world.service,
    )
    world.comune_hsds_id = organisation_uuid(network.comune)


# --- people -------------------------------------------------------------------------------------

# The relationship sources of intake and cases live in apps above people: the world relates Caritas
# to the persons with this surname through a consent-needing source of its own (tests only).
WORLD_RELATED_SURNAME = "Relazionata-Caritas"
WORLD_RELATED_ORGANISATION = "Caritas decanale di Lecco"


def _world_related_person_ids(user, organisation_id):
    from django.db.models import Exists

    from intreccio.organisations.models import Organisation
    from intreccio.people.models import Person

    caritas = Organisation.objects.filter(pk=organisation_id, name=WORLD_RELATED_ORGANISATION)
    return Person.objects.filter(Exists(caritas), surnames=WORLD_RELATED_SURNAME).values_list("pk", flat=True)


def person_relationships(world: World, user, person, active_roles: set) -> set[str]:
    """What a persona holds towards a person, from the data (not from people.rules)."""
    held = set()
    active = user.active_organisation_id
    person_facing = bool(active_roles & PERSON_FACING)
    recording = person.registered_by_organisation_id
    if person_facing and active == recording:
        held.add("recorder_of_target")
    related = person.surnames == WORLD_RELATED_SURNAME and active == world.caritas.pk
    if person_facing and related and person.sharing == "network":
        held.add("related_to_target")
    if Role.DATA_PROTECTION_OFFICER in active_roles and active == recording:
        held.add("dpo_of_target")
    if Role.SUPERVISOR in active_roles and active == recording:
        held.add("recording_supervisor_of_target")
    return held


def build_people_world(world: World) -> None:
    """A person registered by Bruno at the Comune, related to Caritas (sharing with the network).

    Comune's person-facing operators recorded the person; Carla (Caritas) is
    related through the world's consent-needing source; the Comune's
    data-protection contact and supervisor may read who accessed the data.
    """
    from intreccio.people import actions as people
    from intreccio.people import relationships

    relationships.register_source(
        relationships.RelationshipSource(
            name="security_world_related", person_ids=_world_related_person_ids, needs_consent=True
        )
    )
    network = world.network
    world.person = people.register_person(
        actor=network.bruno,
        given_names="Olena",
        surnames=WORLD_RELATED_SURNAME,
        address="SEGRETO-INDIRIZZO via del Dormitorio 3",
        living_situation="shelter",
    )
    world.person_name = people.add_other_name(world.person, actor=network.bruno, given_names="Elena")
    household = people.create_household(actor=network.bruno, head=world.person, name="Nucleo di Olena")
    world.membership = household.members.get(person=world.person)
    people.give_information_notice(world.person, actor=network.bruno, language="it")


def build_cases_world(world: World) -> None:
    """Two cases, through the cases actions.

    `case`: Giulia (sharing with the network), led by Ana (Comune), active,
    responsible team the Comune's (supervisor Diana, members Ana and Bruno),
    Carla (Caritas) on its team. `handover_case`: Luca, led by Enrico (a case
    lead at Caritas, not a persona) with the same responsible team, and a
    hand-over to Ana waiting for her answer (`handover`).
    """
    from intreccio.accounts.actions import add_operator
    from intreccio.cases import actions as cases
    from intreccio.cases.tests.factories import PersonFactory

    network = world.network
    world.enrico = add_operator(
        actor=network.sara,
        organisation=network.caritas,
        email="enrico@test.intreccio.it",
        given_name="Enrico",
        family_name="Beretta",
        roles=[Role.CASE_LEAD],
    )
    person = PersonFactory(given_names="Giulia", surnames="SEGRETO-PERSONA-DEL-CASO")
    world.case = cases.open_case(actor=network.ana, person=person, lead=network.ana, team=network.team)
    world.case = cases.activate_case(world.case, actor=network.ana)
    cases.add_team_member(world.case, actor=network.ana, user=network.carla, role="Centro di ascolto")
    other = PersonFactory(given_names="Luca", surnames="Passaggio")
    world.handover_case = cases.open_case(
        actor=world.enrico, person=other, lead=world.enrico, team=network.team
    )
    world.handover = cases.propose_handover(
        world.handover_case,
        actor=world.enrico,
        to_user=network.ana,
        note="SEGRETO-NOTA-PASSAGGIO: la famiglia si fida di te",
    )


def build_intake_world(world: World) -> None:
    """The intake's targets, through the app's actions (intreccio/intake/tests/factories.py).

    - intake       Mario Rossi's intake recorded by Bruno (Comune) for housing in Lecco centre,
                   routed by the district default to the Comune's team (ana, bruno; supervisor diana).
    - lead_intake  Luca's intake recorded by Carla (Caritas), routed to Ana, his case lead.
    - routing_rule the rule lecco-centro × food → the Caritas team.
    """
    from intreccio.cases.actions import open_case
    from intreccio.intake import actions as intake
    from intreccio.intake.tests.factories import build_intake_setting
    from intreccio.people.actions import register_person

    network = world.network
    setting = build_intake_setting(network)
    world.intake_setting = setting
    world.routing_rule = setting.rules["centro_food"]
    world.intake = intake.record_intake(
        actor=network.bruno,
        person=setting.mario,
        needs=[setting.needs["housing"]],
        urgency="urgent",
        narrative="SEGRETO-ACCESSO: lo sfratto è fissato per venerdì",
        micro_territory=setting.centro,
    )
    luca = register_person(
        actor=network.ana, given_names="Luca", surnames="Galli", micro_territory=setting.centro
    )
    open_case(actor=network.ana, person=luca, lead=network.ana)
    world.lead_intake = intake.record_intake(
        actor=network.carla, person=luca, needs=[setting.needs["food"]], urgency="ordinary"
    )


def build_responses_world(world: World) -> None:
    """Responses to Giulia (the world's case), through the responses actions.

    - response       a food parcel the Comune (Bruno) gives Giulia, with a note.
    - overlap_alert  Carla (Caritas, on Giulia's case team) records a food card for the same days,
                     confirming the warning: the alert is open for Ana, Giulia's case lead.
    - response_type  the catalogue's food card.
    """
    import datetime

    from intreccio.responses import actions as responses
    from intreccio.responses.catalogue import ensure_catalogue
    from intreccio.responses.models import ResponseType

    ensure_catalogue()
    network = world.network
    person = world.case.person
    parcel = ResponseType.objects.get(code="food-parcel")
    world.response_type = ResponseType.objects.get(code="food-card")
    day = datetime.date(2031, 3, 3)
    world.response = responses.record_response(
        actor=network.bruno, person=person, type=parcel, starts_on=day, note="SEGRETO-RISPOSTA: vegetariano"
    )
    responses.record_response(
        actor=network.carla, person=person, type=world.response_type, starts_on=day, confirm_overlap=True
    )
    world.overlap_alert = world.response.overlap_alerts_as_existing.get()


def build_referrals_world(world: World) -> None:
    """A referral, through the referrals actions.

    `referral_case`: Teresa (sharing with the network), led by Ana (Comune), no team.
    `referral`: from that case to Caritas's "Emporio solidale" (Carla's organisation: the
    receiving side), requested, with a message of Ana's carrying a PDF (`referral_attachment`).
    """
    from django.core.files.uploadedfile import SimpleUploadedFile

    from intreccio.cases import actions as cases
    from intreccio.cases.tests.factories import PersonFactory
    from intreccio.directory.models import Service
    from intreccio.referrals import actions as referrals

    network = world.network
    person = PersonFactory(given_names="Teresa", surnames="SEGRETO-PERSONA-INVIATA")
    world.referral_case = cases.open_case(actor=network.ana, person=person, lead=network.ana)
    service = Service.objects.select_related("organisation").get(name="Emporio solidale")
    world.referral = referrals.send_referral(
        world.referral_case, service, "Tessera dell'emporio per tre mesi", actor=network.ana
    )
    pdf = b"%PDF-1.4\nSEGRETO-ALLEGATO-INVIO\n%%EOF\n"
    message = referrals.post_message(
        world.referral,
        actor=network.ana,
        body="SEGRETO-MESSAGGIO-INVIO: ISEE in allegato",
        attachments=[SimpleUploadedFile("isee.pdf", pdf, content_type="application/pdf")],
    )
    world.referral_attachment = message.attachments.get()


# Who sees a case (mirrors policy.CASE_VIEWERS; stated here independently of the apps' rules).
CASE_VIEWER_TIES = {"case_lead", "case_team_member", "team_supervisor_of_target", "team_member_of_target"}


def build_timeline_world(world: World) -> None:
    """The timeline's and the notifications' targets, through the apps' actions.

    - Olena (world.person, registered by Bruno at the Comune, related to Caritas) is taken in
      charge by Ana with the Comune's team; Ana writes a diary note for the whole team
      (`timeline_note`): on her timeline, its text reaches who may see the case, not Carla
      (Caritas), who sees Olena but not her case.
    - `notification`: Bruno's notification about a case (only Bruno may read or mark it).
    """
    from intreccio.cases import actions as cases
    from intreccio.core.context import acting_as
    from intreccio.notifications.actions import notify
    from intreccio.notifications.models import Notification

    network = world.network
    with acting_as("test", organisation_id=network.comune.pk):
        olena_case = cases.open_case(
            actor=network.ana, person=world.person, lead=network.ana, team=network.team
        )
        world.timeline_note = cases.write_note(
            olena_case,
            actor=network.ana,
            body="SEGRETO-DIARIO: ha paura di tornare a casa",
            visibility="team",
        )
    world.notification = notify(
        [network.bruno],
        kind=Notification.Kind.CASE,
        title="SEGRETO-NOTIFICA per Bruno: presa in carico n. 1",
        url="/prese-in-carico/",
        actor=network.ana,
    )[0]


def build_plans_world(world: World) -> None:
    """The plan of `case` (Giulia, led by Ana), through the plans actions.

    - plan         agreed (version 1), the person's words a secret; a review scheduled (`plan_review`).
    - plan_goal    "Trovare casa", tied to no need.
    - plan_action  a food parcel by the Caritas food bank, Carla (Caritas, on the case team) responsible.
    """
    import datetime

    from intreccio.plans import actions as plans

    network = world.network
    world.plan = plans.create_plan(world.case, actor=network.ana)
    world.plan = plans.update_plan(
        world.plan, actor=network.ana, person_words="SEGRETO-PAROLE: voglio che mia figlia resti a scuola qui"
    )
    world.plan_goal = plans.add_goal(world.plan, actor=network.ana, description="Trovare casa")
    world.plan_action = plans.add_action(
        world.plan,
        actor=network.ana,
        description="Pacco alimentare mensile",
        goal=world.plan_goal,
        service=world.food_bank,
        responsible=network.carla,
    )
    plans.agree_plan(world.plan, actor=network.ana)
    world.plan_review = plans.schedule_review(
        world.plan, actor=network.ana, scheduled_on=datetime.date(2030, 1, 10)
    )
