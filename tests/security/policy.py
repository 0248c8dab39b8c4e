"""THE authorisation policy: every page route and API operation, who may call it, how.

One entry per (route, method). `allow` is a set of principals; a persona is
allowed when it holds any of them (tests/security/world.py computes what
each persona holds towards the entry's target). Anything not listed is
denied: test_matrix.py fails when a route or an API operation exists
without an entry here, and when an entry names a route that no longer
exists. docs/security.md explains how to add a route.

Principals
  anyone          everybody, anonymous visitors included
  half_open       a session after the password, before the second factor
  authenticated   a logged-in user who passed the second factor (own pages)
  operator        an authenticated operator with at least one active role
  role:<role>     holds <role> in the organisation they act for
  system_admin    system administrator
Relationships to the entry's target (part B adds case_team_member,
case_lead, referral_recipient, consent_recipient, break_glass):
  self            the target is the user themself
  member_of_target      works for the target organisation
  admin_of_target       organisation admin of (one of) the target's organisations
  supervisor_of_target  supervises the target team
  owner_of_target       owns the target (session, token, a change they proposed)
  dpo_of_target         data-protection contact of the target's organisation
  staff_of_target       runs services (supervisor, service, housing or employment
                        operator) in the organisation owning the target directory entry
  proposer_of_target    an operator who does not maintain the target directory entry (neither
                        its organisation's administrator nor system administrator): proposes
  recorder_of_target    works with persons (a person-facing role) in the organisation that registered
                        the target person
  related_to_target     works with persons in an organisation related to the target person by a
                        relationship that needs consent, and the person's sharing permits it
  recording_supervisor_of_target  supervisor in the organisation that registered the target person
  handler_of_target     works with persons (a person-facing role) in the organisation a help
                        request was routed to, or a page's feedback is about
  giver_of_target       works with persons in the organisation that gave the target response
  involved_supervisor_of_target  supervisor in an organisation whose response the target overlap
                        alert is about
  (responses and overlap alerts also give case_lead, case_team_member, team_supervisor_of_target,
  team_member_of_target towards the open case of the response's person)
  referral_sender       on the sending side of the target referral: works with persons and is the
                        case's lead acting for the lead organisation, or on the case's team acting
                        for the organisation they joined it for (another organisation's member
                        only while the person's sharing reaches it)
  referral_recipient    on the receiving side of the target referral: works with persons for the
                        receiving organisation, while the person's sharing reaches it (or it is the
                        case's lead organisation)
  case_viewer_of_person sees a case of the target person (its lead, team, responsible team's
                        supervisor or members): reads the person's diary notes on the timeline
Notifications: `owner_of_target` is the notification's recipient.
  case_colleague        an active member of the target case's team working for the lead's
                        organisation (the lead is one): writes the personal plan with the lead
  action_responsible    the responsible operator of the target plan action (reports its status)

`audit="read"`: every request that reaches the data (allowed or refused by
the query) writes exactly one AuditEntry about the target.
`secret`: a text of the target that only allowed personas may receive
(checked in every response, allowed or denied; part B adds canaries).
`secret_for`: who may receive the secret when that is narrower than who may
call the route (a list every operator opens, scoped to what each may see;
`frozenset()`: nobody, e.g. a receipt that must never show the person's data).
"""

from dataclasses import dataclass, field

from intreccio.core.roles import PERSON_FACING_ROLES, Role

ANYONE = frozenset({"anyone"})
AUTHENTICATED = frozenset({"authenticated"})
OPERATOR = frozenset({"operator"})
SYSTEM_ADMIN = frozenset({"system_admin"})
ORG_ADMIN = frozenset({f"role:{Role.ORGANISATION_ADMIN}", "system_admin"})
ADMIN_OF_TARGET = frozenset({"admin_of_target", "system_admin"})
DPO_OF_TARGET = frozenset({"dpo_of_target"})
# Directory entries: their organisation's administrators maintain them; service staff say
# how many places a service has; any other operator proposes a change for review.
MAY_UPDATE_CAPACITY = ADMIN_OF_TARGET | {"staff_of_target"}
MAY_PROPOSE = frozenset({"proposer_of_target"})
# A citizen's request for help: the operators who work with persons where it was routed.
HANDLER_OF_TARGET = frozenset({"handler_of_target"})
# Persons: who works with persons in the organisation they act for may search and register;
# a person is seen by the organisation that recorded them and, if the person's sharing permits,
# by organisations related to them (intake, case team, referral); "who accessed my data" by the
# recording organisation's data-protection contact and supervisor.
PERSON_FACING = frozenset(f"role:{role}" for role in PERSON_FACING_ROLES)
SEES_PERSON = frozenset({"recorder_of_target", "related_to_target"})
ACCESS_REPORT = frozenset({"dpo_of_target", "recording_supervisor_of_target"})
# Cases: seen by their lead, their team and the responsible team (its supervisor and members);
# changed by the lead and the responsible team's supervisor; the lists are for person-facing roles.
CASE_VIEWERS = frozenset(
    {"case_lead", "case_team_member", "team_supervisor_of_target", "team_member_of_target"}
)
CASE_MANAGERS = frozenset({"case_lead", "team_supervisor_of_target"})
WORKS_WITH_PERSONS = PERSON_FACING
HANDOVER_RECIPIENT = frozenset({"handover_recipient"})
# Personal plans: seen by whoever sees the case; written by the lead and the lead's colleagues
# on the case team; agreed, versioned and reviewed with the person by the lead; an action's
# responsible operator reports its status.
PLAN_VIEWERS = CASE_VIEWERS
PLAN_EDITORS = frozenset({"case_lead", "case_colleague"})
PLAN_LEAD = frozenset({"case_lead"})
ACTION_REPORTERS = PLAN_EDITORS | {"action_responsible"}
# Intakes: who works with persons records them; a sentinel reports; those it reached handle it;
# a case lead among them takes the person in charge; the planning office configures routing.
PERSON_FACING = frozenset(
    f"role:{role}"
    for role in (
        Role.ACCESS_POINT_OPERATOR,
        Role.CASE_LEAD,
        Role.SERVICE_OPERATOR,
        Role.SUPERVISOR,
        Role.HOUSING_OFFICER,
        Role.EMPLOYMENT_OFFICER,
    )
)
INTAKE_HANDLERS = frozenset(
    {"team_member_of_target", "supervisor_of_target", "recipient_of_target", "case_lead"}
)
INTAKE_VIEWERS = INTAKE_HANDLERS | {"recorder_of_target"}
ROUTING_ADMIN = frozenset({"system_admin", "planning_admin"})
# Responses: recorded by who works with persons for a person they see (the world's case person:
# her case viewers); cancelled by the giving organisation; an overlap is decided by the person's
# case lead or a supervisor of an organisation involved; the catalogue by administrators.
RESPONSE_GIVER = frozenset({"giver_of_target"})
OVERLAP_DECIDERS = frozenset({"case_lead", "involved_supervisor_of_target"})
# Referrals: the two sides see them and write in their thread; the receiving side moves them
# forward (acknowledge, accept…), the sending side cancels and sends again; who may send is the
# case's lead and team; the queue and the sent list are for person-facing roles.
REFERRAL_SIDES = frozenset({"referral_sender", "referral_recipient"})
REFERRAL_RECIPIENT = frozenset({"referral_recipient"})
REFERRAL_SENDERS = frozenset({"case_lead", "case_team_member"})


@dataclass(frozen=True)
class Entry:
    route: str  # URL name ("accounts:operator_detail") or "api:<operationId>"
    method: str
    allow: frozenset[str]
    target: str | None = None  # world object the URL (and relationships) refer to
    data: str | None = None  # name of a payload builder in world.PAYLOADS
    audit: str | None = None
    secret: str | None = None  # world attribute holding the text only the allowed may see
    secret_for: frozenset[str] | None = None  # who may receive the secret (default: `allow`)
    notes: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.route, self.method)


def pages(route, methods, allow, **kwargs) -> list[Entry]:
    return [Entry(route, method, allow, **kwargs) for method in methods.split()]


POLICY: list[Entry] = [
    # --- log-in, second factor, password -------------------------------------------------------
    *pages("accounts:login", "GET POST", ANYONE, data="login"),
    *pages("accounts:two_factor_verify", "GET POST", frozenset({"half_open", "authenticated"}), data="code"),
    *pages(
        "accounts:two_factor_enrol", "GET", AUTHENTICATED, notes="replacing the app needs re-authentication"
    ),
    *pages("accounts:logout", "POST", frozenset({"half_open", "authenticated"})),
    *pages("accounts:password_reset", "GET POST", ANYONE, data="email"),
    *pages("accounts:password_reset_done", "GET", ANYONE),
    *pages("accounts:password_reset_confirm", "GET", ANYONE),
    *pages("accounts:password_reset_complete", "GET", ANYONE),
    *pages("accounts:password_change", "GET POST", AUTHENTICATED, notes="re-authentication first"),
    *pages("accounts:password_change_done", "GET", AUTHENTICATED),
    *pages("accounts:reauthenticate", "GET POST", AUTHENTICATED, data="reauth"),
    *pages("accounts:security", "GET", AUTHENTICATED),
    *pages("accounts:recovery_codes_regenerate", "POST", AUTHENTICATED, notes="re-authentication first"),
    *pages("accounts:home", "GET", AUTHENTICATED),
    *pages("accounts:profile", "GET POST", AUTHENTICATED, data="profile"),
    *pages("accounts:api_token_create", "POST", AUTHENTICATED, data="token", notes="re-authentication first"),
    *pages("accounts:api_token_revoke", "POST", frozenset({"owner_of_target"}), target="token"),
    *pages(
        "accounts:switch_organisation", "POST", frozenset({"member_of_target"}), target="comune", data="org"
    ),
    # --- operators, teams, sessions ------------------------------------------------------------
    *pages("accounts:operator_list", "GET", ORG_ADMIN),
    *pages("accounts:operator_create", "GET POST", ORG_ADMIN, data="operator"),
    *pages(
        "accounts:operator_detail",
        "GET",
        ADMIN_OF_TARGET | {"self"},
        target="bruno",
        audit="read",
        secret="bruno_phone",
    ),
    *pages("accounts:operator_edit", "GET POST", ADMIN_OF_TARGET, target="bruno", data="operator_edit"),
    *pages("accounts:operator_set_active", "POST", ADMIN_OF_TARGET, target="bruno", data="deactivate"),
    *pages("accounts:session_list", "GET", ORG_ADMIN),
    *pages(
        "accounts:session_end",
        "POST",
        ADMIN_OF_TARGET | {"owner_of_target"},
        target="bruno_session",
    ),
    *pages("accounts:team_list", "GET", OPERATOR),
    *pages("accounts:team_create", "GET POST", ORG_ADMIN, data="team"),
    *pages(
        "accounts:team_edit",
        "GET POST",
        ADMIN_OF_TARGET | {"supervisor_of_target"},
        target="team",
        data="team_edit",
    ),
    # --- public pages -------------------------------------------------------------------------------
    *pages("core:accessibility", "GET", ANYONE),
    *pages("core:privacy", "GET", ANYONE),
    *pages("core:health", "GET", ANYONE),
    *pages("set_language", "POST", ANYONE, data="language"),
    # --- organisations and territory -------------------------------------------------------------
    *pages("organisations:list", "GET", OPERATOR),
    *pages("organisations:create", "GET POST", SYSTEM_ADMIN, data="organisation"),
    *pages("organisations:detail", "GET", OPERATOR, target="comune"),
    *pages("organisations:edit", "GET POST", ADMIN_OF_TARGET, target="comune", data="organisation_edit"),
    *pages("organisations:set_active", "POST", SYSTEM_ADMIN, target="comune", data="deactivate"),
    *pages("organisations:site_create", "GET POST", ADMIN_OF_TARGET, target="comune", data="site"),
    *pages("organisations:site_edit", "GET POST", ADMIN_OF_TARGET, target="site", data="site"),
    *pages("territory:map", "GET", OPERATOR),
    *pages("territory:boundaries", "GET", OPERATOR),
    *pages("territory:micro_territory", "GET", OPERATOR, target="micro_territory"),
    *pages("territory:micro_territory_create", "GET POST", SYSTEM_ADMIN, data="micro_territory"),
    *pages(
        "territory:micro_territory_edit",
        "GET POST",
        SYSTEM_ADMIN,
        target="micro_territory",
        data="micro_edit",
    ),
    # --- the data-protection contact -----------------------------------------------------------------
    *pages("audit:alert_list", "GET", frozenset({f"role:{Role.DATA_PROTECTION_OFFICER}", "system_admin"})),
    *pages("audit:alert_detail", "GET POST", DPO_OF_TARGET, target="alert", data="close_alert"),
    # --- the API (documentation is public: it describes, never returns data) ---------------------------
    *pages("api-v1:api-root", "GET", frozenset(), notes="Django Ninja's root: not served (404)"),
    *pages("api-v1:openapi-json", "GET", ANYONE),
    *pages("api-v1:openapi-view", "GET", ANYONE),
    *pages("api:list_districts", "GET", OPERATOR),
    *pages("api:list_municipalities", "GET", OPERATOR),
    *pages("api:list_micro_territories", "GET", OPERATOR),
    *pages("api:create_micro_territory", "POST", SYSTEM_ADMIN, data="api_micro_territory"),
    *pages("api:get_micro_territory", "GET", OPERATOR, target="micro_territory"),
    *pages(
        "api:update_micro_territory", "PUT", SYSTEM_ADMIN, target="micro_territory", data="api_micro_edit"
    ),
    *pages("api:list_organisations", "GET", OPERATOR),
    *pages("api:create_organisation", "POST", SYSTEM_ADMIN, data="api_organisation"),
    *pages("api:get_organisation", "GET", OPERATOR, target="comune"),
    *pages("api:get_me", "GET", OPERATOR),
    *pages("api:list_operators", "GET", OPERATOR, secret="bruno_phone_json"),
    # --- the directory (operators): services --------------------------------------------------------
    *pages("directory:search", "GET", OPERATOR),
    *pages("directory:service_create", "GET POST", ORG_ADMIN, data="service"),
    *pages("directory:service", "GET", OPERATOR, target="service", secret="verifier_email"),
    *pages("directory:service_edit", "GET POST", ADMIN_OF_TARGET, target="service", data="service_edit"),
    *pages("directory:service_propose", "GET POST", MAY_PROPOSE, target="service", data="proposal"),
    *pages("directory:service_verify", "POST", ADMIN_OF_TARGET, target="service"),
    *pages("directory:service_capacity", "POST", MAY_UPDATE_CAPACITY, target="service", data="capacity"),
    *pages("directory:service_schedules", "GET POST", ADMIN_OF_TARGET, target="service", data="schedule"),
    *pages("directory:closure_add", "POST", ADMIN_OF_TARGET, target="service", data="closure"),
    *pages(
        "directory:service_link_location", "POST", ADMIN_OF_TARGET, target="service", data="link_location"
    ),
    *pages(
        "directory:service_translation", "GET POST", ADMIN_OF_TARGET, target="service", data="translation"
    ),
    *pages("directory:schedule_remove", "POST", ADMIN_OF_TARGET, target="schedule"),
    *pages("directory:closure_remove", "POST", ADMIN_OF_TARGET, target="closure"),
    *pages("directory:service_unlink_location", "POST", ADMIN_OF_TARGET, target="service_link"),
    # --- the directory: places, review, freshness, needs ---------------------------------------------
    *pages("directory:locations", "GET", OPERATOR),
    *pages("directory:location_create", "GET POST", ORG_ADMIN, data="location"),
    *pages("directory:location", "GET", OPERATOR, target="location"),
    *pages("directory:location_edit", "GET POST", ADMIN_OF_TARGET, target="location", data="location_edit"),
    *pages("directory:location_verify", "POST", ADMIN_OF_TARGET, target="location"),
    *pages("directory:activity_create", "POST", ADMIN_OF_TARGET, target="location", data="activity"),
    *pages("directory:location_schedule_add", "POST", ADMIN_OF_TARGET, target="location", data="place_hours"),
    *pages(
        "directory:location_translation", "GET POST", ADMIN_OF_TARGET, target="location", data="translation"
    ),
    *pages(
        "directory:proposals",
        "GET",
        OPERATOR,
        target="proposal",
        secret="proposal_note",
        secret_for=ADMIN_OF_TARGET,
        notes="everyone sees their own proposals; the note reaches only the entry's reviewers",
    ),
    *pages("directory:proposal_review", "POST", ADMIN_OF_TARGET, target="proposal", data="review"),
    *pages("directory:to_verify", "GET", ORG_ADMIN),
    *pages("directory:needs", "GET", SYSTEM_ADMIN),
    *pages("directory:need_create", "GET POST", SYSTEM_ADMIN, data="need"),
    *pages("directory:need_edit", "GET POST", SYSTEM_ADMIN, target="need", data="need_edit"),
    *pages("api:search_directory_services", "GET", OPERATOR),
    *pages("api:get_directory_service", "GET", OPERATOR, target="service"),
    *pages("api:update_service_capacity", "POST", MAY_UPDATE_CAPACITY, target="service", data="api_capacity"),
    *pages("api:list_needs", "GET", OPERATOR),
    # --- the public portal (no log-in; the operator's address never reaches the public) ---------------
    *pages("portal:root", "GET", ANYONE),
    *pages("portal:home", "GET", ANYONE),
    *pages("portal:search", "GET", ANYONE),
    *pages("portal:service", "GET", ANYONE, target="service", secret="verifier_email", secret_for=OPERATOR),
    *pages("portal:service_sheet", "GET", ANYONE, target="service", notes="a PDF"),
    *pages("portal:place", "GET", ANYONE),
    *pages("portal:micro_territory", "GET", ANYONE),
    *pages("portal:map", "GET", ANYONE),
    *pages("portal:map_points", "GET", ANYONE),
    *pages("portal:map_boundaries", "GET", ANYONE),
    *pages("portal:this_week", "GET", ANYONE),
    *pages("portal:ask_for_help", "GET POST", ANYONE, data="help_request"),
    *pages(
        "portal:receipt",
        "GET",
        ANYONE,
        target="help_request",
        secret="help_request_contact",
        secret_for=frozenset(),
        notes="the receipt shows the code and the date, never the person's data",
    ),
    *pages("portal:feedback", "POST", ANYONE, data="page_feedback"),
    *pages("portal:accessibility", "GET", ANYONE),
    *pages("portal:privacy", "GET", ANYONE),
    # --- what citizens leave on the portal, for the operators it concerns ------------------------------
    *pages(
        "portal:help_requests",
        "GET",
        OPERATOR,
        target="help_request",
        secret="help_request_code",
        secret_for=HANDLER_OF_TARGET,
        notes="each operator's queue holds the requests routed where they work with persons",
    ),
    *pages(
        "portal:help_request",
        "GET",
        HANDLER_OF_TARGET,
        target="help_request",
        audit="read",
        secret="help_request_contact",
    ),
    *pages(
        "portal:help_request",
        "POST",
        HANDLER_OF_TARGET,
        target="help_request",
        data="help_request_outcome",
        secret="help_request_contact",
    ),
    *pages(
        "portal:feedback_list",
        "GET",
        OPERATOR,
        target="feedback",
        secret="feedback_comment",
        secret_for=frozenset({"admin_of_target", "handler_of_target"}),
        notes="feedback reaches the administrators and person-facing operators of its organisation",
    ),
    # --- persons: find-or-register, the person, sharing choices, "who accessed my data" ---------------
    *pages("people:search", "GET", PERSON_FACING),
    *pages("people:register", "GET POST", PERSON_FACING, data="person"),
    *pages("people:person", "GET", SEES_PERSON, target="person", audit="read", secret="person_address"),
    *pages(
        "people:edit", "GET POST", SEES_PERSON, target="person", data="person_edit", secret="person_address"
    ),
    *pages("people:documents", "GET POST", SEES_PERSON, target="person", data="person_document"),
    *pages("people:name_remove", "POST", SEES_PERSON, target="person"),
    *pages("people:network", "GET POST", SEES_PERSON, target="person", data="person_network"),
    *pages("people:membership_end", "POST", SEES_PERSON, target="person"),
    *pages("people:sharing", "GET POST", SEES_PERSON, target="person", data="sharing"),
    *pages("people:sharing_withdraw", "POST", SEES_PERSON, target="person"),
    *pages("people:notice", "GET POST", SEES_PERSON, target="person", data="notice"),
    *pages("people:notice_pdf", "GET", SEES_PERSON, target="person", notes="a PDF"),
    *pages("people:access_report", "GET", ACCESS_REPORT, target="person"),
    *pages("people:access_report_pdf", "GET", ACCESS_REPORT, target="person", notes="a PDF"),
    *pages("api:find_persons", "GET", PERSON_FACING),
    *pages("api:register_person", "POST", PERSON_FACING, data="api_person"),
    *pages("api:get_person", "GET", SEES_PERSON, target="person", secret="person_address"),
    *pages("api:record_sharing_choice", "POST", SEES_PERSON, target="person", data="api_sharing"),
    *pages("api:withdraw_sharing", "POST", SEES_PERSON, target="person"),
    *pages("api:list_person_documents", "GET", SEES_PERSON, target="person"),
    *pages("api:add_person_document", "POST", SEES_PERSON, target="person", data="api_document"),
    # --- any-door intake --------------------------------------------------------------------------
    *pages("intake:create", "GET POST", PERSON_FACING, data="intake"),
    *pages("intake:report", "GET POST", PERSON_FACING | {f"role:{Role.SENTINEL}"}, data="concern"),
    *pages(
        "intake:queue",
        "GET",
        PERSON_FACING,
        target="intake",
        secret="intake_subject",
        secret_for=frozenset({"team_member_of_target", "supervisor_of_target"}),
        notes="each operator's queue holds their teams' intakes",
    ),
    *pages(
        "intake:inbox",
        "GET",
        PERSON_FACING,
        target="intake",
        secret="intake_narrative",
        secret_for=frozenset(),
    ),
    *pages("intake:detail", "GET", INTAKE_VIEWERS, target="intake", audit="read", secret="intake_narrative"),
    *pages("intake:take", "POST", frozenset({"taker_of_target"}), target="intake"),
    *pages("intake:acknowledge", "POST", frozenset({"case_lead"}), target="lead_intake"),
    *pages("intake:reroute", "POST", INTAKE_HANDLERS, target="intake", data="reroute"),
    *pages("intake:close", "POST", INTAKE_HANDLERS, target="intake", data="close_intake"),
    *pages("intake:rules", "GET", OPERATOR),
    *pages("intake:rule_create", "GET POST", ROUTING_ADMIN, data="routing_rule"),
    *pages("intake:rule_edit", "GET POST", ROUTING_ADMIN, target="routing_rule", data="routing_rule_edit"),
    *pages("intake:rule_deactivate", "POST", ROUTING_ADMIN, target="routing_rule"),
    *pages("intake:deadline_update", "POST", ROUTING_ADMIN, data="deadline"),
    *pages("api:record_intake", "POST", PERSON_FACING, data="api_intake"),
    *pages("api:report_concern", "POST", PERSON_FACING | {f"role:{Role.SENTINEL}"}, data="api_concern"),
    *pages(
        "api:intake_team_queue",
        "GET",
        PERSON_FACING,
        target="intake",
        secret="intake_narrative",
        secret_for=frozenset({"team_member_of_target", "supervisor_of_target"}),
    ),
    *pages(
        "api:intake_inbox",
        "GET",
        PERSON_FACING,
        target="intake",
        secret="intake_narrative",
        secret_for=frozenset(),
    ),
    *pages(
        "api:get_intake",
        "GET",
        INTAKE_VIEWERS,
        target="intake",
        secret="intake_narrative",
        notes="audited like the page (same query); an account without roles is refused by the API's "
        "authentication before any read, so no audit row: intreccio/intake/tests/test_views.py checks it",
    ),
    *pages("api:take_intake_in_charge", "POST", frozenset({"taker_of_target"}), target="intake"),
    *pages("api:acknowledge_intake", "POST", frozenset({"case_lead"}), target="lead_intake"),
    *pages("api:reroute_intake", "POST", INTAKE_HANDLERS, target="intake", data="api_reroute"),
    *pages("api:close_intake", "POST", INTAKE_HANDLERS, target="intake", data="api_close_intake"),
    *pages("api:list_routing_rules", "GET", OPERATOR),
    *pages("api:create_routing_rule", "POST", ROUTING_ADMIN, data="api_routing_rule"),
    *pages(
        "api:update_routing_rule", "PUT", ROUTING_ADMIN, target="routing_rule", data="api_routing_rule_edit"
    ),
    *pages("api:deactivate_routing_rule", "POST", ROUTING_ADMIN, target="routing_rule"),
    # --- the public HSDS 3.0 API (its own django-ninja instance, read-only) ----------------------------
    *pages("hsds:api-root", "GET", ANYONE, notes="the same URL as api_information"),
    *pages("hsds:api_information", "GET", ANYONE),
    *pages("hsds:openapi-json", "GET", ANYONE),
    *pages("hsds:openapi-view", "GET", ANYONE),
    *pages("hsds:list_services", "GET", ANYONE, secret="verifier_email", secret_for=OPERATOR),
    *pages("hsds:get_service", "GET", ANYONE, target="service", secret="verifier_email", secret_for=OPERATOR),
    *pages("hsds:list_organizations", "GET", ANYONE),
    *pages("hsds:get_organization", "GET", ANYONE),
    *pages("hsds:list_service_at_locations", "GET", ANYONE),
    *pages("hsds:get_service_at_location", "GET", ANYONE),
    *pages("hsds:list_taxonomies", "GET", ANYONE),
    *pages("hsds:get_taxonomy", "GET", ANYONE),
    *pages("hsds:list_taxonomy_terms", "GET", ANYONE),
    *pages("hsds:get_taxonomy_term", "GET", ANYONE),
    # --- taking in charge (cases) ---------------------------------------------------------------------
    *pages(
        "cases:list",
        "GET",
        WORKS_WITH_PERSONS,
        target="case",
        secret="case_person",
        secret_for=CASE_VIEWERS,
        notes="each operator's own cases (as lead, or as team member)",
    ),
    *pages("cases:detail", "GET", CASE_VIEWERS, target="case", audit="read", secret="case_person"),
    *pages("cases:status", "POST", CASE_MANAGERS, target="case", data="case_suspend"),
    *pages("cases:handover_propose", "POST", CASE_MANAGERS, target="case", data="case_handover"),
    *pages("cases:member_add", "POST", CASE_MANAGERS, target="case", data="case_member"),
    *pages("cases:member_remove", "POST", CASE_MANAGERS, target="case"),
    *pages(
        "cases:handovers",
        "GET",
        WORKS_WITH_PERSONS,
        target="handover",
        secret="handover_note",
        secret_for=HANDOVER_RECIPIENT,
        notes="the hand-overs addressed to me (and those I proposed)",
    ),
    *pages("cases:handover_accept", "POST", HANDOVER_RECIPIENT, target="handover"),
    *pages("cases:handover_decline", "POST", HANDOVER_RECIPIENT, target="handover", data="handover_decline"),
    *pages(
        "cases:handover_cancel",
        "POST",
        frozenset({"handover_proposer", "case_lead", "team_supervisor_of_target"}),
        target="handover",
    ),
    *pages(
        "api:list_my_cases",
        "GET",
        WORKS_WITH_PERSONS,
        target="case",
        secret="case_person",
        secret_for=CASE_VIEWERS,
    ),
    *pages(
        "api:list_my_handovers",
        "GET",
        WORKS_WITH_PERSONS,
        target="handover",
        secret="handover_note",
        secret_for=HANDOVER_RECIPIENT,
    ),
    *pages(
        "api:get_case",
        "GET",
        CASE_VIEWERS,
        target="case",
        secret="case_person",
        notes="audited like the page; a role-less account is refused at log-in, before any read",
    ),
    *pages("api:activate_case", "POST", CASE_MANAGERS, target="case", data="api_status"),
    *pages("api:suspend_case", "POST", CASE_MANAGERS, target="case", data="api_reason"),
    *pages("api:resume_case", "POST", CASE_MANAGERS, target="case", data="api_status"),
    *pages("api:close_case", "POST", CASE_MANAGERS, target="case", data="api_close"),
    *pages("api:reopen_case", "POST", CASE_MANAGERS, target="case", data="api_reason"),
    *pages("api:propose_lead_handover", "POST", CASE_MANAGERS, target="case", data="api_handover"),
    *pages("api:accept_lead_handover", "POST", HANDOVER_RECIPIENT, target="handover"),
    *pages(
        "api:decline_lead_handover", "POST", HANDOVER_RECIPIENT, target="handover", data="handover_decline"
    ),
    *pages(
        "api:cancel_lead_handover",
        "POST",
        frozenset({"handover_proposer", "case_lead", "team_supervisor_of_target"}),
        target="handover",
    ),
    *pages("api:add_case_member", "POST", CASE_MANAGERS, target="case", data="api_member"),
    *pages("api:remove_case_member", "DELETE", CASE_MANAGERS, target="case"),
    # --- responses and overlaps -------------------------------------------------------------------------
    *pages(
        "responses:list",
        "GET",
        WORKS_WITH_PERSONS,
        notes="what the operator's organisation gave (scoped: the rows are the organisation's own)",
    ),
    *pages(
        "responses:record",
        "GET POST",
        CASE_VIEWERS,
        target="case",
        data="response",
        secret="case_person",
        notes="?persona= the case's person: seen by her case viewers (the person's read is audited)",
    ),
    *pages(
        "responses:check", "GET", CASE_VIEWERS, target="case", notes="the htmx overlap check; writes nothing"
    ),
    *pages("responses:cancel", "POST", RESPONSE_GIVER, target="response", data="response_cancel"),
    *pages("responses:alerts", "GET", WORKS_WITH_PERSONS),
    *pages("responses:decide", "POST", OVERLAP_DECIDERS, target="overlap_alert", data="overlap_decision"),
    *pages("responses:types", "GET", ORG_ADMIN),
    *pages("responses:type_create", "GET POST", ORG_ADMIN, data="response_type"),
    *pages("responses:type_edit", "GET POST", ORG_ADMIN, target="response_type", data="response_type_edit"),
    *pages("responses:type_active", "POST", ORG_ADMIN, target="response_type", data="response_type_retire"),
    *pages("api:list_response_types", "GET", OPERATOR),
    *pages(
        "api:list_responses",
        "GET",
        WORKS_WITH_PERSONS,
        target="response",
        secret="response_note",
        secret_for=CASE_VIEWERS | RESPONSE_GIVER,
        notes="?person_id= the case's person: each operator gets the responses they may see",
    ),
    *pages("api:record_response", "POST", CASE_VIEWERS, target="case", data="api_response"),
    *pages("api:check_response_overlaps", "POST", CASE_VIEWERS, target="case", data="api_overlap_check"),
    *pages("api:cancel_response", "POST", RESPONSE_GIVER, target="response", data="response_cancel"),
    *pages("api:list_overlap_alerts", "GET", WORKS_WITH_PERSONS),
    *pages(
        "api:decide_overlap_alert", "POST", OVERLAP_DECIDERS, target="overlap_alert", data="overlap_decision"
    ),
    # --- closed-loop referrals ------------------------------------------------------------------------
    *pages(
        "referrals:inbox",
        "GET",
        WORKS_WITH_PERSONS,
        target="referral",
        secret="referral_person",
        secret_for=REFERRAL_SIDES,
        notes="the queue of the organisation the operator acts for",
    ),
    *pages(
        "referrals:sent",
        "GET",
        WORKS_WITH_PERSONS,
        target="referral",
        secret="referral_person",
        secret_for=REFERRAL_SIDES,
        notes="the referrals of the cases the operator sends for",
    ),
    *pages("referrals:send", "GET POST", REFERRAL_SENDERS, target="referral_case", data="referral_send"),
    *pages(
        "referrals:detail", "GET", REFERRAL_SIDES, target="referral", audit="read", secret="referral_message"
    ),
    *pages("referrals:transition", "POST", REFERRAL_RECIPIENT, target="referral", data="referral_accept"),
    *pages("referrals:assign", "POST", REFERRAL_RECIPIENT, target="referral", data="referral_assign"),
    *pages("referrals:message", "POST", REFERRAL_SIDES, target="referral", data="referral_message"),
    *pages(
        "referrals:attachment",
        "GET",
        REFERRAL_SIDES,
        target="referral_attachment",
        audit="read",
        secret="referral_attachment",
    ),
    *pages(
        "api:list_referrals",
        "GET",
        WORKS_WITH_PERSONS,
        target="referral",
        secret="referral_person",
        secret_for=REFERRAL_SIDES,
    ),
    *pages("api:send_referral", "POST", REFERRAL_SENDERS, target="referral_case", data="api_referral_send"),
    *pages(
        "api:get_referral",
        "GET",
        REFERRAL_SIDES,
        target="referral",
        secret="referral_person",
        notes="audited like the page; a role-less account is refused at log-in, before any read",
    ),
    *pages(
        "api:transition_referral", "POST", REFERRAL_RECIPIENT, target="referral", data="api_referral_accept"
    ),
    *pages("api:assign_referral", "POST", REFERRAL_RECIPIENT, target="referral", data="api_referral_assign"),
    *pages("api:list_referral_messages", "GET", REFERRAL_SIDES, target="referral", secret="referral_message"),
    *pages(
        "api:post_referral_message",
        "POST",
        REFERRAL_SIDES,
        target="referral",
        data="multipart_referral_message",
    ),
    *pages(
        "api:download_referral_attachment",
        "GET",
        REFERRAL_SIDES,
        target="referral_attachment",
        secret="referral_attachment",
    ),
    # --- personal plans ---------------------------------------------------------------------------
    *pages("plans:detail", "GET", PLAN_VIEWERS, target="case", audit="read", secret="plan_words"),
    *pages("plans:create", "POST", PLAN_EDITORS, target="case", notes="the world's case has a plan: refused"),
    *pages("plans:update", "POST", PLAN_EDITORS, target="case", data="plan_update"),
    *pages("plans:goal_add", "POST", PLAN_EDITORS, target="case", data="plan_goal"),
    *pages("plans:goal_edit", "GET POST", PLAN_EDITORS, target="case", data="plan_goal_edit"),
    *pages("plans:goal_remove", "POST", PLAN_EDITORS, target="case"),
    *pages("plans:action_add", "POST", PLAN_EDITORS, target="case", data="plan_action"),
    *pages("plans:action_edit", "GET POST", PLAN_EDITORS, target="case", data="plan_action_edit"),
    *pages("plans:action_remove", "POST", PLAN_EDITORS, target="case"),
    *pages("plans:action_progress", "POST", ACTION_REPORTERS, target="plan_action", data="plan_progress"),
    *pages("plans:agree", "POST", PLAN_LEAD, target="case", data="plan_agree"),
    *pages("plans:freeze", "POST", PLAN_LEAD, target="case"),
    *pages("plans:review_schedule", "POST", PLAN_EDITORS, target="case", data="plan_review"),
    *pages("plans:review_hold", "GET POST", PLAN_LEAD, target="case", data="plan_review_hold"),
    *pages("plans:review_cancel", "POST", PLAN_EDITORS, target="case"),
    *pages("plans:version_pdf", "GET", PLAN_VIEWERS, target="case", audit="read"),
    *pages(
        "api:get_case_plan",
        "GET",
        PLAN_VIEWERS,
        target="case",
        notes="audited like the page; a role-less account is refused at log-in, before any read",
        secret="plan_words",
    ),
    *pages("api:create_case_plan", "POST", PLAN_EDITORS, target="case"),
    *pages("api:update_case_plan", "PATCH", PLAN_EDITORS, target="case", data="api_plan_update"),
    *pages("api:add_plan_goal", "POST", PLAN_EDITORS, target="case", data="api_plan_goal"),
    *pages("api:update_plan_goal", "PATCH", PLAN_EDITORS, target="case", data="api_plan_goal_patch"),
    *pages("api:remove_plan_goal", "DELETE", PLAN_EDITORS, target="case"),
    *pages("api:add_plan_action", "POST", PLAN_EDITORS, target="case", data="api_plan_action"),
    *pages("api:update_plan_action", "PATCH", PLAN_EDITORS, target="case", data="api_plan_action_patch"),
    *pages("api:remove_plan_action", "DELETE", PLAN_EDITORS, target="case"),
    *pages(
        "api:report_plan_action_progress",
        "POST",
        ACTION_REPORTERS,
        target="plan_action",
        data="api_plan_progress",
    ),
    *pages("api:agree_case_plan", "POST", PLAN_LEAD, target="case", data="api_plan_agree"),
    *pages("api:freeze_plan_version", "POST", PLAN_LEAD, target="case", data="api_plan_agree"),
    *pages(
        "api:list_plan_versions",
        "GET",
        PLAN_VIEWERS,
        target="case",
        notes="audited like the page; a role-less account is refused at log-in, before any read",
    ),
    *pages(
        "api:get_plan_version",
        "GET",
        PLAN_VIEWERS,
        target="case",
        notes="audited like the page; a role-less account is refused at log-in, before any read",
        secret="plan_words",
    ),
    *pages(
        "api:get_plan_gaps",
        "GET",
        PLAN_VIEWERS,
        target="case",
        notes="audited like the page; a role-less account is refused at log-in, before any read",
    ),
    *pages("api:schedule_plan_review", "POST", PLAN_EDITORS, target="case", data="api_plan_review"),
    *pages("api:hold_plan_review", "POST", PLAN_LEAD, target="case", data="api_plan_review_hold"),
    *pages("api:cancel_plan_review", "POST", PLAN_EDITORS, target="case", data="api_plan_review_cancel"),
]


@dataclass
class Decision:
    allow: bool
    because: set[str] = field(default_factory=set)


# --- the person's timeline, the case diary, notifications ---------------------------------------
# (API entries carry no `audit`: an account without roles is refused before any read, as elsewhere.)
# The timeline is seen by whoever sees the person; a diary note's text on it only by who may read
# the note. Notes are written by the lead and the case team. Notifications are their recipient's.
DIARY_WRITERS = frozenset({"case_lead", "case_team_member"})
NOTIFICATION_OWNER = frozenset({"owner_of_target"})
NOTE_READERS = frozenset({"case_viewer_of_person"})
POLICY += [
    *pages(
        "timeline:person",
        "GET",
        SEES_PERSON,
        target="person",
        audit="read",
        secret="timeline_note",
        secret_for=NOTE_READERS,
    ),
    *pages(
        "api:get_person_timeline",
        "GET",
        SEES_PERSON,
        target="person",
        secret="timeline_note",
        secret_for=NOTE_READERS,
    ),
    *pages("cases:note_write", "POST", DIARY_WRITERS, target="case", data="case_note"),
    *pages("api:list_case_notes", "GET", CASE_VIEWERS, target="case"),
    *pages("api:write_case_note", "POST", DIARY_WRITERS, target="case", data="api_case_note"),
    *pages(
        "notifications:list",
        "GET",
        AUTHENTICATED,
        target="notification",
        secret="notification_title",
        secret_for=NOTIFICATION_OWNER,
    ),
    *pages("notifications:open", "POST", NOTIFICATION_OWNER, target="notification"),
    *pages("notifications:mark_read", "POST", NOTIFICATION_OWNER, target="notification"),
    *pages("notifications:mark_all_read", "POST", AUTHENTICATED),
    *pages("notifications:preferences", "GET POST", AUTHENTICATED, data="email_preference"),
    *pages(
        "api:list_my_notifications",
        "GET",
        OPERATOR,
        target="notification",
        secret="notification_title",
        secret_for=NOTIFICATION_OWNER,
    ),
    # The API answers operators only (api.auth): an account without roles has no API.
    *pages("api:count_unread_notifications", "GET", OPERATOR),
    *pages("api:mark_all_notifications_read", "POST", OPERATOR),
    *pages("api:mark_notification_read", "POST", NOTIFICATION_OWNER, target="notification"),
]


def decide(entry: Entry, held: set[str]) -> Decision:
    """Deny by default: allowed only through a principal the entry lists."""
    because = set(entry.allow) & held
    if "anyone" in entry.allow:
        because.add("anyone")
    return Decision(bool(because), because)


def may_receive_secret(entry: Entry, held: set[str]) -> bool:
    """Whether a persona may receive the entry's secret (those allowed, unless `secret_for` narrows it)."""
    if entry.secret_for is None:
        return decide(entry, held).allow
    return bool(entry.secret_for & held)
