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
  owner_of_target       owns the target (session, token)
  dpo_of_target         data-protection contact of the target's organisation

`audit="read"`: every request that reaches the data (allowed or refused by
the query) writes exactly one AuditEntry about the target.
`secret`: a text of the target that only allowed personas may receive
(checked in every response, allowed or denied; part B adds canaries).
"""

from dataclasses import dataclass, field

from intreccio.core.roles import Role

ANYONE = frozenset({"anyone"})
AUTHENTICATED = frozenset({"authenticated"})
OPERATOR = frozenset({"operator"})
SYSTEM_ADMIN = frozenset({"system_admin"})
ORG_ADMIN = frozenset({f"role:{Role.ORGANISATION_ADMIN}", "system_admin"})
ADMIN_OF_TARGET = frozenset({"admin_of_target", "system_admin"})
DPO_OF_TARGET = frozenset({"dpo_of_target"})


@dataclass(frozen=True)
class Entry:
    route: str  # URL name ("accounts:operator_detail") or "api:<operationId>"
    method: str
    allow: frozenset[str]
    target: str | None = None  # world object the URL (and relationships) refer to
    data: str | None = None  # name of a payload builder in world.PAYLOADS
    audit: str | None = None
    secret: str | None = None  # world attribute holding the text only the allowed may see
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
]


@dataclass
class Decision:
    allow: bool
    because: set[str] = field(default_factory=set)


def decide(entry: Entry, held: set[str]) -> Decision:
    """Deny by default: allowed only through a principal the entry lists."""
    because = set(entry.allow) & held
    if "anyone" in entry.allow:
        because.add("anyone")
    return Decision(bool(because), because)
