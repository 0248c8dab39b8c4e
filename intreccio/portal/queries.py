"""Reads of what citizens leave on the portal, scoped to the operators who may see them."""

from django.db.models import Count, Q, QuerySet

from intreccio.audit.log import record_audit
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import NotFound
from intreccio.core.roles import PERSON_FACING_ROLES, Role

from .models import HelpRequest, PageFeedback


def _organisations_with_roles(user, roles) -> list[int]:
    if not getattr(user, "is_operator", False):
        return []
    return sorted({m.organisation_id for m in user.active_memberships if m.role in roles})


def help_requests_visible_to(user) -> QuerySet[HelpRequest]:
    """Requests routed to an organisation where the user works with persons (no one else sees them)."""
    organisations = _organisations_with_roles(user, PERSON_FACING_ROLES)
    return (
        HelpRequest.objects.filter(routed_organisation__in=organisations)
        .select_related("need", "municipality", "routed_organisation", "service", "handled_by")
        .order_by("status", "-created_at")
    )


def get_help_request_for_user(user, help_request_id) -> HelpRequest:
    """One request, audited as a read of personal data, refused or not; NotFound whether missing or hidden."""
    try:
        help_request = help_requests_visible_to(user).get(pk=help_request_id)
    except (HelpRequest.DoesNotExist, ValueError, TypeError):
        record_audit(
            user,
            AuditEntry.Action.READ,
            ("portal.helprequest", str(help_request_id)[:64]),
            outcome=AuditEntry.Outcome.DENIED,
        )
        raise NotFound() from None
    record_audit(user, AuditEntry.Action.READ, help_request, purpose="ricontatto richiesta dal portale")
    return help_request


def audit_list_read(user, help_requests) -> None:
    ids = [item.pk for item in help_requests]
    if ids:
        record_audit(user, AuditEntry.Action.SEARCH, ("portal.helprequest", "queue"), details={"ids": ids})


def feedback_visible_to(user) -> QuerySet[PageFeedback]:
    organisations = _organisations_with_roles(user, {*PERSON_FACING_ROLES, Role.ORGANISATION_ADMIN})
    return (
        PageFeedback.objects.filter(organisation__in=organisations)
        .select_related("service", "location", "organisation")
        .order_by("-created_at")
    )


def feedback_summary(feedback: QuerySet[PageFeedback]) -> dict:
    return feedback.aggregate(
        total=Count("pk"),
        answered_yes=Count("pk", filter=Q(useful=True)),
        answered_no=Count("pk", filter=Q(useful=False)),
    )


def new_help_request_count(user) -> int:
    return help_requests_visible_to(user).filter(status=HelpRequest.Status.NEW).count()


def receipt_of(help_request_id: int) -> HelpRequest | None:
    """What the receipt shows (code and date): nothing about the person or their need."""
    return HelpRequest.objects.filter(pk=help_request_id).only("receipt_code", "created_at").first()
