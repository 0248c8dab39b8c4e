"""The "Presa in carico" section of the person page (registered in CasesConfig.ready()),
and the registry of the sections higher apps add to the case page (plan, referrals, responses, diary).
"""

from intreccio.core.sections import SectionRegistry

from .queries import cases_visible_to, notes_of_case, open_case_of
from .rules import can_open_case, can_write_note

case_page = SectionRegistry()
register_case_section = case_page.register


def visible(user, person) -> bool:
    """Shown to whoever may see the person page: it says at least who to contact."""
    return bool(user and user.is_authenticated)


def context(request, person) -> dict:
    """The person's open case (lead and team when the user may see the case), and past cases seen."""
    user = request.user
    seen = list(cases_visible_to(user).filter(person=person).order_by("-opened_at"))
    open_case = open_case_of(person.pk)
    return {
        "open_case": open_case,
        "open_case_visible": open_case is not None and any(case.pk == open_case.pk for case in seen),
        "past_cases": [case for case in seen if not case.is_open],
        "can_open_case": open_case is None and can_open_case(user),
    }


# --- the case page's "Diario" section (registered in CasesConfig.ready()) ----------------------------


def diary_context(request, case) -> dict:
    """The notes the user may read (newest first) and, for the lead and the team, the form."""
    from django.urls import reverse

    from .forms import NoteForm

    may_write = can_write_note(request.user, case) and case.is_open
    return {
        "notes": notes_of_case(request.user, case),
        "note_form": (getattr(request, "note_form", None) or NoteForm()) if may_write else None,
        "note_url": reverse("cases:note_write", args=[case.pk]),
    }
