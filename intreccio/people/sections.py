"""Sections that apps above people add to the person page (cases, intakes, referrals…).

    register_section("cases", template="cases/person_section.html",
                     context=lambda request, person: {...}, order=20,
                     visible=lambda user, person: ...)

The person page renders every section visible to the user, ordered; each
section's context function runs only when it is shown and must use its own
app's scoped queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from intreccio.core.sections import SectionRegistry

person_page = SectionRegistry()
register_section = person_page.register
sections_for = person_page.sections_for


@dataclass(frozen=True)
class PersonAction:
    """A link offered next to a person found in the search and on the person page ("record an intake")."""

    name: str
    label: str
    # The URL without the person's id, which the template appends (e.g. "/accessi/nuovo/?persona=").
    url: Callable[[], str]
    order: int = 100


_actions: dict[str, PersonAction] = {}


def register_person_action(name: str, *, label, url: Callable[[], str], order: int = 100) -> None:
    _actions[name] = PersonAction(name=name, label=label, url=url, order=order)


def person_actions() -> list[dict]:
    """The registered actions, ordered, with their URL prefix resolved."""
    ordered = sorted(_actions.values(), key=lambda item: (item.order, item.name))
    return [{"name": action.name, "label": action.label, "url": action.url()} for action in ordered]
