"""The person's timeline page (/persone/<id>/storia/): filters and "older events" with htmx."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET

from intreccio.people.queries import get_person_for_user

from . import queries
from .forms import TimelineFilterForm


@require_GET
def person_timeline(request, person_id: int):
    person = get_person_for_user(request.user, person_id, purpose="storia della persona")
    ties = queries.case_ties(request.user, person)
    form = TimelineFilterForm(
        request.GET or None,
        groups=queries.groups(),
        organisations=queries.organisations_in_timeline(request.user, person, ties=ties),
    )
    filters = form.filters()
    page = queries.timeline_for(request.user, person, before=request.GET.get("prima"), ties=ties, **filters)
    context = {"person": person, "form": form, "page": page, "more_url": _more_url(request, page)}
    template = "timeline/person_timeline.html"
    if request.htmx and request.GET.get("prima"):
        template += "#events"
    return render(request, template, context)


def _more_url(request, page) -> str:
    if page.next_cursor is None:
        return ""
    query = {key: value for key, value in request.GET.items() if key in ("gruppo", "ente") and value}
    return "?" + urlencode({**query, "prima": page.next_cursor})
