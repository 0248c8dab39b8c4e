"""What the printable plan shows: a frozen version, in Italian or in the person's language.

Only the printed labels are translated (the locale catalogues, under
translation.override); what the operators and the person wrote stays as
written. Needs print in the language when the directory has a translation.
"""

import datetime

from django.utils import timezone
from django.utils.translation import get_language_bidi

from .models import PlanAction, PlanGoal, PlanVersion


def _date(value: str | None) -> str:
    return datetime.date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def _need_label(need: dict, language: str) -> str:
    if language == "it":
        return need["label"]
    return (need.get("translations") or {}).get(language) or need["label"]


def version_context(version: PlanVersion, *, case, person, language: str) -> dict:
    """Call inside translation.override(language): status labels are translated as they are read."""
    snapshot = version.snapshot
    goal_status = dict(PlanGoal.Status.choices)
    action_status = dict(PlanAction.Status.choices)
    needs = {need["id"]: _need_label(need, language) for need in snapshot.get("needs", [])}
    actions = [
        {
            **action,
            "status_label": str(action_status.get(action["status"], action["status"])),
            "start_on": _date(action["start_on"]),
            "due_on": _date(action["due_on"]),
        }
        for action in snapshot.get("actions", [])
    ]
    goals = [
        {
            **goal,
            "need": needs.get(goal["need_id"], ""),
            "status_label": str(goal_status.get(goal["status"], goal["status"])),
            "target_date": _date(goal["target_date"]),
            "actions": [action for action in actions if action["goal_id"] == goal["id"]],
        }
        for goal in snapshot.get("goals", [])
    ]
    goal_ids = {goal["id"] for goal in goals}
    return {
        "language": language,
        "rtl": get_language_bidi(),
        "case": case,
        "person": person,
        "version": version,
        "reason": str(version.get_reason_display()),
        "lead": snapshot.get("lead", {}),
        "summary": snapshot.get("summary", ""),
        "person_words": snapshot.get("person_words", ""),
        "next_review_on": _date(snapshot.get("next_review_on")),
        "needs": list(needs.values()),
        "goals": goals,
        "loose_actions": [action for action in actions if action["goal_id"] not in goal_ids],
        "agreed_on": version.agreed_on.strftime("%d/%m/%Y") if version.agreed_on else "",
        "frozen_on": timezone.localtime(version.created_at).strftime("%d/%m/%Y"),
    }
