"""Panels of the operator home ("what needs my attention"), one per concern.

Apps register panels in AppConfig.ready(); the home page shows, for the
active organisation, the panels of the roles the operator holds there.
A panel's `context(request)` returns what its template shows, or None to
hide the panel (nothing to show).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable
    order: int = 100
    roles: frozenset[str] | None = None

    def visible_to(self, roles: frozenset[str]) -> bool:
        return self.roles is None or bool(self.roles & roles)


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _panels[panel.key] = panel


def panels_for(roles: frozenset[str]) -> list[Panel]:
    return sorted((panel for panel in _panels.values() if panel.visible_to(roles)), key=lambda p: p.order)
