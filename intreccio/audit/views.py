"""The data-protection contact's pages: anomaly alerts."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from intreccio.core.exceptions import PermissionDenied
from intreccio.core.http import run_action

from . import actions, queries
from .forms import CloseAlertForm
from .rules import can_view_alerts


def _check(request):
    if not can_view_alerts(request.user):
        raise PermissionDenied(_("Le allerte sono riservate al referente privacy dell'ente."))


@require_GET
def alert_list(request):
    _check(request)
    status = request.GET.get("stato", "open")
    alerts = queries.alerts_visible_to(request.user)
    if status in ("open", "closed"):
        alerts = alerts.filter(status=status)
    page = Paginator(alerts.order_by("-created_at"), 50).get_page(request.GET.get("page"))
    return render(request, "audit/alert_list.html", {"page": page, "status": status})


@require_http_methods(["GET", "POST"])
def alert_detail(request, alert_id: int):
    _check(request)
    alert = queries.get_alert_for_user(request.user, alert_id)
    form = CloseAlertForm(request.POST or None)
    if form.is_valid() and run_action(
        form, actions.close_alert, alert, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("Allerta chiusa."))
        return redirect("audit:alert_list")
    return render(request, "audit/alert_detail.html", {"alert": alert, "form": form})
