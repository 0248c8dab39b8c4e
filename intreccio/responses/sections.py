"""The "Risposte ricevute" section of the person page and "Risposte e sovrapposizioni" of the case page.

Registered in ResponsesConfig.ready(); each reads through responses.queries,
so a viewer sees only the responses and alert details the rules allow.
"""

from django.urls import reverse

from . import queries
from .forms import DecideForm
from .rules import can_decide_overlap, can_record_response, works_with_persons


def visible(user, obj) -> bool:
    return bool(works_with_persons(user))


def person_context(request, person) -> dict:
    user = request.user
    # The person page's header already offers "Registra una risposta" (a person action).
    return {"responses": queries.responses_of_person(user, person)}


def case_context(request, case) -> dict:
    user = request.user
    person = case.person
    alerts = queries.alerts_of_person(user, person, open_only=True)
    for view in alerts:
        view.may_decide = can_decide_overlap(user, view.alert)
    case_url = reverse("cases:detail", args=[case.pk])
    return {
        "responses": queries.responses_of_person(user, person),
        "alerts": alerts,
        "decide_form": DecideForm(),
        "case_url": case_url,
        "record_url": reverse("responses:record") + f"?persona={person.pk}&next={case_url}",
        "can_record": case.is_open and can_record_response(user, person),
    }
