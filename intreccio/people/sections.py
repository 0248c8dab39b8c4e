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


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    context: Callable
    order: int = 100
    visible: Callable | None = None


_sections: dict[str, Section] = {}


def register_section(
    name: str,
    *,
    template: str,
    context: Callable,
    order: int = 100,
    visible: Callable | None = None,
) -> None:
    _sections[name] = Section(name=name, template=template, context=context, order=order, visible=visible)


def sections_for(request, person) -> list[dict]:
    """The visible sections with their rendered context, in order."""
    shown = []
    for section in sorted(_sections.values(), key=lambda item: (item.order, item.name)):
        if section.visible is not None and not section.visible(request.user, person):
            continue
        shown.append({"name": section.name, "template": section.template, **section.context(request, person)})
    return shown


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
