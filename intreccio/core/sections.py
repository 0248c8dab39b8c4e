"""Page sections that higher apps add to a lower app's page (the person page, the case page…).

    person_page = SectionRegistry()          # in the lower app
    person_page.register("cases", template="cases/person_section.html",
                         context=lambda request, obj: {...}, order=20,
                         visible=lambda user, obj: ...)   # in the higher app's ready()

The page renders every section visible to the user, ordered; each section's
context function runs only when it is shown and must use its own app's
scoped queries.
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


class SectionRegistry:
    def __init__(self):
        self._sections: dict[str, Section] = {}

    def register(
        self,
        name: str,
        *,
        template: str,
        context: Callable,
        order: int = 100,
        visible: Callable | None = None,
    ) -> None:
        self._sections[name] = Section(
            name=name, template=template, context=context, order=order, visible=visible
        )

    def sections_for(self, request, obj) -> list[dict]:
        """The visible sections with their rendered context, in order."""
        shown = []
        for section in sorted(self._sections.values(), key=lambda item: (item.order, item.name)):
            if section.visible is not None and not section.visible(request.user, obj):
                continue
            shown.append(
                {"name": section.name, "template": section.template, **section.context(request, obj)}
            )
        return shown
