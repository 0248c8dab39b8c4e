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
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import DEVICE_ID_SESSION_KEY

from conftest import many_reads_alert, persona_device
from intreccio.core.roles import Role

# Rows these apps write on any request (sessions, log-in throttling, the logs,
# device throttling, task queue) are not "state" for the nothing-changed check.
VOLATILE_APPS = {"sessions", "axes", "audit", "otp_totp", "otp_static", "django_tasks_db"}
VOLATILE_MODELS = {"accounts.usersession"}
LARGE_FIELDS = {"boundary"}

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
}

API_PATHS = {
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
}

PAYLOADS = {
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
}

# Secrets: texts of a target only some personas may receive (part B adds canaries).
SECRETS = {
    "bruno_phone": lambda w: w.bruno.phone,
    "bruno_phone_json": lambda w: w.bruno.email,
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
        return reverse(entry.route, kwargs=kwargs)

    def call(self, persona: str, entry):
        client = self.clients[persona]
        url = self.url(entry)
        payload = PAYLOADS[entry.data](self) if entry.data else {}
        method = entry.method.lower()
        if entry.route.startswith("api:") and method in ("post", "put", "patch"):
            return getattr(client, method)(url, json.dumps(payload), content_type="application/json")
        if method == "get":
            return client.get(url)
        return getattr(client, method)(url, payload)

    def secret(self, entry) -> str | None:
        return SECRETS[entry.secret](self) if entry.secret else None


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
        add_operator,
        issue_api_token,
        set_operator_roles,
        update_operator,
    )
    from intreccio.accounts.models import UserSession
    from intreccio.audit.log import record_audit
    from intreccio.audit.models import AuditEntry
    from intreccio.organisations.models import Site
    from intreccio.territory.models import MicroTerritory, Municipality

    no_role = add_operator(
        actor=network.laura,
        organisation=network.comune,
        email="nora@test.intreccio.it",
        given_name="Nora",
        family_name="Senzaruolo",
        roles=[Role.CASE_LEAD],
    )
    set_operator_roles(no_role, actor=network.laura, organisation=network.comune, roles=[])
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
    return world
