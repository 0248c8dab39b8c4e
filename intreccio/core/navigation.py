"""The operator navigation: each app registers its entries in AppConfig.ready().

An entry shows to operators holding one of its roles in their active
organisation (roles=None: every operator). Registration keeps the base
template free of knowledge about the apps above it.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    order: int = 100
    roles: frozenset[str] | None = None
    url_prefix: str = ""
    children: tuple = field(default=())

    def visible_to(self, roles: frozenset[str]) -> bool:
        return self.roles is None or bool(self.roles & roles)


_items: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _items[item.key] = item


def items_for(roles: frozenset[str]) -> list[NavItem]:
    return sorted((item for item in _items.values() if item.visible_to(roles)), key=lambda item: item.order)
