"""Reminders of the plans: reviews coming up, actions past their due date (the daily job).

Each plan's review is reminded once (review_reminded_at; a new review date
resets it), each overdue action once (overdue_notified_at), to the case lead
or to the action's responsible operator. Notification titles name the case
number only.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.notifications.actions import notify
from intreccio.notifications.models import Notification

from .models import CarePlan, PlanAction

REVIEW_NOTICE_DAYS = 7


def _url(case_id: int) -> str:
    return reverse("plans:detail", args=[case_id])


def remind_reviews(today: datetime.date | None = None) -> dict:
    """Notify leads of reviews due within REVIEW_NOTICE_DAYS, and owners of overdue actions; once each."""
    today = today or timezone.localdate()
    now = timezone.now()
    horizon = today + datetime.timedelta(days=REVIEW_NOTICE_DAYS)
    due = (
        CarePlan.objects.filter(
            status=CarePlan.Status.AGREED,
            next_review_on__isnull=False,
            next_review_on__lte=horizon,
            review_reminded_at__isnull=True,
        )
        .exclude(case__status="closed")
        .select_related("case__lead")
    )
    reviews = 0
    for plan in due:
        with transaction.atomic():
            claimed = CarePlan.objects.filter(pk=plan.pk, review_reminded_at__isnull=True).update(
                review_reminded_at=now
            )
            if not claimed:
                continue
            notify(
                [plan.case.lead],
                kind=Notification.Kind.PLAN_REVIEW_DUE,
                title=_("Verifica del progetto della presa in carico n. %(case)s il %(date)s")
                % {"case": plan.case_id, "date": plan.next_review_on.strftime("%d/%m/%Y")},
                url=_url(plan.case_id),
            )
            reviews += 1
    overdue = (
        PlanAction.objects.filter(
            status__in=PlanAction.OPEN_STATUSES, due_on__lt=today, overdue_notified_at__isnull=True
        )
        .exclude(Q(plan__case__status="closed") | Q(plan__status=CarePlan.Status.CLOSED))
        .select_related("responsible", "plan__case__lead")
    )
    actions = 0
    for action in overdue:
        with transaction.atomic():
            claimed = PlanAction.objects.filter(pk=action.pk, overdue_notified_at__isnull=True).update(
                overdue_notified_at=now
            )
            if not claimed:
                continue
            recipient = action.responsible or action.plan.case.lead
            notify(
                [recipient],
                kind=Notification.Kind.OVERDUE,
                title=_("Azione scaduta il %(date)s nel progetto della presa in carico n. %(case)s")
                % {"case": action.plan.case_id, "date": action.due_on.strftime("%d/%m/%Y")},
                url=_url(action.plan.case_id),
            )
            actions += 1
    return {"reviews": reviews, "overdue_actions": actions}
