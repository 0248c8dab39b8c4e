"""Links that higher apps offer next to a plan action (referrals: "Invia a un servizio").

    register_action_link("referrals.send", label=_("Invia a un servizio"),
                         url=lambda action: ..., applies=lambda user, action: ...)

`applies` decides from the action's own fields and the user's (no query):
the plan page renders one link per action it applies to.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ActionLink:
    name: str
    label: str
    url: Callable
    applies: Callable


_links: dict[str, ActionLink] = {}


def register_action_link(name: str, *, label, url: Callable, applies: Callable) -> None:
    _links[name] = ActionLink(name=name, label=label, url=url, applies=applies)


def links_for(user, action) -> list[dict]:
    return [
        {"label": link.label, "url": link.url(action)}
        for _name, link in sorted(_links.items())
        if link.applies(user, action)
    ]
