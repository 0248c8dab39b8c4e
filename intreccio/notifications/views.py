"""Notification pages: my notifications, open one (marks it read), mark all read, e-mail preference."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intreccio.core.http import run_action

from . import actions, queries
from .forms import EmailPreferenceForm, NotificationFilterForm


@require_GET
def notification_list(request):
    form = NotificationFilterForm(request.GET or None)
    unread_only = bool(form.is_valid() and form.cleaned_data["da_leggere"])
    notifications = queries.notifications_of(request.user, unread_only=unread_only)
    page = Paginator(notifications, 25).get_page(request.GET.get("page"))
    return render(
        request, "notifications/list.html", {"page": page, "form": form, "unread_only": unread_only}
    )


@require_POST
def notification_open(request, notification_id: int):
    """Mark the notification read and go where it points (a page of Intreccio only)."""
    notification = queries.get_notification_for_user(request.user, notification_id)
    actions.mark_read(notification, actor=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=set()) and target.startswith("/"):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
def notification_mark_read(request, notification_id: int):
    notification = queries.get_notification_for_user(request.user, notification_id)
    actions.mark_read(notification, actor=request.user)
    if request.htmx:
        return render(request, "notifications/list.html#item", {"notification": notification})
    return redirect("notifications:list")


@require_POST
def notification_mark_all_read(request):
    count = actions.mark_all_read(actor=request.user)
    messages.success(request, _("Notifiche segnate come lette: %(count)s.") % {"count": count})
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def email_preference(request):
    form = EmailPreferenceForm(
        request.POST or None, initial={"frequency": queries.email_frequency_of(request.user)}
    )
    if form.is_valid() and run_action(
        form, actions.set_email_frequency, actor=request.user, frequency=form.cleaned_data["frequency"]
    ):
        messages.success(request, _("Preferenza salvata."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
