"""Architecture rules that a reviewer would otherwise have to remember.

1. Views, API endpoints, panels and template tags never reach a model that
   holds personal data directly: they go through the owning app's queries
   (scoped to the user, audited) and actions.
2. Every page needs a log-in unless it is on the short public list.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

PACKAGE = Path(settings.BASE_DIR) / "intreccio"
INTERFACE_MODULES = ("views.py", "panels.py", "context_processors.py", "forms.py")
INTERFACE_PACKAGES = ("views", "api", "templatetags")
MANAGER_ATTRIBUTES = {"objects", "_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def personal_data_models() -> set[str]:
    return {model.__name__ for model in apps.get_models() if getattr(model, "personal_data", False)}


def interface_files() -> list[Path]:
    files = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).parts
        if "tests" in relative or "migrations" in relative:
            continue
        in_interface_package = any(part in INTERFACE_PACKAGES for part in relative[:-1])
        if path.name in INTERFACE_MODULES or in_interface_package or relative[0] == "api":
            files.append(path)
    return sorted(files)


def direct_accesses(source: str, label: str, models: set[str]) -> list[str]:
    """Lines where the module touches a personal-data model's manager or a lookup shortcut."""
    found = []
    for node in ast.walk(ast.parse(source, filename=label)):
        if isinstance(node, ast.Attribute) and node.attr in MANAGER_ATTRIBUTES:
            if isinstance(node.value, ast.Name) and node.value.id in models:
                found.append(f"{label}:{node.lineno} {node.value.id}.{node.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SHORTCUTS:
            if node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in models:
                found.append(f"{label}:{node.lineno} {node.func.id}({node.args[0].id})")
    return found


def test_the_check_knows_the_personal_data_models():
    # The people app adds Person and friends; accounts marks operators' own records.
    assert {"User"} <= personal_data_models()


def test_views_and_endpoints_reach_personal_data_only_through_queries():
    models = personal_data_models()
    offending = [
        line
        for path in interface_files()
        for line in direct_accesses(path.read_text(), str(path.relative_to(PACKAGE)), models)
    ]
    assert offending == [], (
        "These interface modules read a personal-data model directly; use the app's queries "
        "(<nouns>_visible_to / get_<noun>_for_user), which scope by permission and write the audit log:\n"
        + "\n".join(offending)
    )


def test_the_check_catches_direct_reads_and_shortcuts():
    source = (
        "from x import User, Site\n"
        "def view(request):\n"
        "    Site.objects.all()\n"
        "    get_object_or_404(User, pk=1)\n"
        "    return User.objects.get(pk=1)\n"
    )
    assert direct_accesses(source, "views.py", {"User"}) == [
        "views.py:4 get_object_or_404(User)",
        "views.py:5 User.objects",
    ]


def test_interface_files_cover_views_api_and_forms():
    names = {str(path.relative_to(PACKAGE)) for path in interface_files()}
    assert {
        "accounts/views.py",
        "accounts/forms.py",
        "api/accounts.py",
        "core/templatetags/intreccio.py",
    } <= names


PUBLIC_ROUTES = {
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "core:accessibility",
    "core:privacy",
    "core:health",
    "set_language",
    # The public citizen portal (directory issue): no log-in, in the visitor's language.
    "portal:root",
    "portal:home",
    "portal:search",
    "portal:service",
    "portal:service_sheet",
    "portal:place",
    "portal:micro_territory",
    "portal:map",
    "portal:map_points",
    "portal:map_boundaries",
    "portal:this_week",
    "portal:ask_for_help",
    "portal:receipt",
    "portal:feedback",
    "portal:accessibility",
    "portal:privacy",
}


def _routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            child_namespace = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern, child_namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", pattern.callback


@pytest.mark.parametrize(
    "name, callback", [r for r in _routes() if not r[0].startswith(("api-v1:", "hsds:"))]
)
def test_every_page_needs_a_login_unless_it_is_public(name, callback):
    opted_out = getattr(callback, "login_required", True) is False
    assert opted_out == (name in PUBLIC_ROUTES), (
        f"{name}: pages need a log-in by default; only {sorted(PUBLIC_ROUTES)} are public"
    )
