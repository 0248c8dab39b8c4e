"""Reads of the directory (network information about organisations: no personal data).

The directory is public: operators and the portal read the same entries.
Reads that need a permission (proposals to review, entries to verify) take
the user and scope by it.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from intreccio.core.exceptions import NotFound
from intreccio.core.roles import Role

from .models import (
    Activity,
    Capacity,
    CapacityStatus,
    ChangeProposal,
    ChangeRecord,
    Closure,
    Location,
    Need,
    Schedule,
    Service,
    ServiceAtLocation,
    Translation,
)
from .rules import can_manage_services

# Capacity older than this is shown as "to be confirmed" (a referral should phone first).
CAPACITY_FRESH_DAYS = 14


def active_needs() -> QuerySet[Need]:
    return Need.objects.filter(active=True)


def all_needs() -> QuerySet[Need]:
    return Need.objects.annotate(service_count=Count("services")).order_by("position", "label")


def get_need(need_id) -> Need:
    try:
        return Need.objects.get(pk=need_id)
    except (Need.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def services(*, need: Need | None = None, micro_territory=None, organisation=None) -> QuerySet[Service]:
    """Active services, optionally those answering `need` in `micro_territory`."""
    queryset = Service.objects.filter(status=Service.Status.ACTIVE, organisation__active=True)
    if need is not None:
        queryset = queryset.filter(needs=need)
    if micro_territory is not None:
        queryset = queryset.filter(micro_territories=micro_territory)
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    return queryset.select_related("organisation").distinct()


def get_service(service_id) -> Service:
    try:
        return Service.objects.select_related("organisation").get(pk=service_id)
    except (Service.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def translations_prefetch(language: str, prefix: str = "") -> Prefetch:
    return Prefetch(
        f"{prefix}translations",
        queryset=Translation.objects.filter(language=language),
        to_attr="current_translations",
    )


def service_detail(service_id, *, language: str = "it", public: bool = False) -> Service:
    """A service with everything its page shows (fixed number of queries)."""
    queryset = Service.objects.select_related("organisation", "program", "last_verified_by").prefetch_related(
        "needs",
        "micro_territories",
        "languages",
        "phones",
        "contacts",
        "required_documents",
        "cost_options",
        "capacities",
        "closures",
        "service_areas",
        Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location__municipality", "location__micro_territory"
            )
            .prefetch_related("schedules", "location__addresses", "location__languages")
            .order_by("location__name"),
        ),
        translations_prefetch(language),
    )
    if public:
        queryset = queryset.exclude(status=Service.Status.DEFUNCT).filter(organisation__active=True)
    try:
        return queryset.get(pk=service_id)
    except (Service.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def location_detail(location_id, *, language: str = "it", public: bool = False) -> Location:
    queryset = Location.objects.select_related(
        "organisation", "site", "municipality", "micro_territory", "last_verified_by"
    ).prefetch_related(
        "addresses",
        "languages",
        "phones",
        "closures",
        Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
        Prefetch(
            "activities",
            queryset=Activity.objects.filter(active=True)
            .select_related("organisation")
            .prefetch_related("schedules", translations_prefetch(language)),
        ),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("service__organisation")
            .exclude(service__status=Service.Status.DEFUNCT)
            .order_by("service__name"),
        ),
        translations_prefetch(language),
    )
    if public:
        queryset = queryset.filter(active=True).exclude(location_type=Location.LocationType.POSTAL)
    try:
        return queryset.get(pk=location_id)
    except (Location.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def locations(*, organisation=None, places_only: bool = False) -> QuerySet[Location]:
    queryset = Location.objects.select_related("organisation", "municipality", "micro_territory").annotate(
        service_count=Count("service_at_locations", distinct=True)
    )
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if places_only:
        queryset = queryset.exclude(place_kind="")
    return queryset.order_by("name")


def locations_for_service(service: Service) -> QuerySet[Location]:
    """Locations the service may be offered at: its organisation's and the community's places."""
    return (
        Location.objects.filter(active=True)
        .filter(Q(organisation=service.organisation_id) | ~Q(place_kind=""))
        .exclude(service_at_locations__service=service)
        .select_related("municipality")
        .order_by("name")
    )


def get_schedule(schedule_id) -> Schedule:
    try:
        return Schedule.objects.select_related(
            "service__organisation",
            "location__organisation",
            "service_at_location__service__organisation",
            "activity__location__organisation",
        ).get(pk=schedule_id)
    except (Schedule.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def get_closure(closure_id) -> Closure:
    try:
        return Closure.objects.select_related("service__organisation", "location__organisation").get(
            pk=closure_id
        )
    except (Closure.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def get_activity(activity_id) -> Activity:
    try:
        return Activity.objects.select_related("location__organisation", "organisation").get(pk=activity_id)
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def get_service_at_location(link_id) -> ServiceAtLocation:
    try:
        return ServiceAtLocation.objects.select_related("service__organisation", "location").get(pk=link_id)
    except (ServiceAtLocation.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def history_of(resource, limit: int = 50) -> list[ChangeRecord]:
    return list(
        ChangeRecord.objects.filter(resource_id=resource.uuid).order_by("-last_action_date", "-id")[:limit]
    )


# --- capacity ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CapacityInfo:
    status: str
    label: str
    units: list = field(default_factory=list)  # [(unit, available, maximum, updated_at)]
    updated_at: datetime.datetime | None = None
    fresh: bool = False

    @property
    def has_capacity(self) -> bool:
        return self.status == CapacityStatus.HAS_CAPACITY

    @property
    def accepts_referrals(self) -> bool:
        """Whether a referral makes sense now (places free, a waitlist, or an assessment)."""
        return self.status in {
            CapacityStatus.HAS_CAPACITY,
            CapacityStatus.WAITLIST,
            CapacityStatus.ASSESSMENT_NEEDED,
        }


def capacity_status(service: Service, *, now=None) -> CapacityInfo:
    """How many places a service has (for referrals): status, counts per unit, how recent.

    Uses `service.capacities` (prefetch it for lists); an unknown capacity is
    status "" with no units; `fresh` is False after CAPACITY_FRESH_DAYS.
    """
    now = now or timezone.now()
    units = [(c.unit, c.available, c.maximum, c.updated_at) for c in service.capacities.all()]
    updated = service.capacity_updated_at
    return CapacityInfo(
        status=service.capacity_status,
        label=str(CapacityStatus(service.capacity_status).label),
        units=units,
        updated_at=updated,
        fresh=bool(updated and now - updated <= datetime.timedelta(days=CAPACITY_FRESH_DAYS)),
    )


# --- permission-scoped reads ----------------------------------------------------------------------


def organisation_admin_emails(organisation_id: int) -> list[str]:
    from intreccio.accounts.models import User

    return sorted(
        User.objects.filter(
            kind=User.Kind.OPERATOR,
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role=Role.ORGANISATION_ADMIN,
            memberships__active=True,
        )
        .values_list("email", flat=True)
        .distinct()
    )


def _managed_organisation_ids(user) -> list[int] | None:
    """Organisations whose entries the user maintains (None: all, for a system administrator)."""
    if user.is_system_admin:
        return None
    return [org.pk for org in user.organisations if can_manage_services(user, org)]


def proposals_to_review(user) -> QuerySet[ChangeProposal]:
    queryset = ChangeProposal.objects.filter(status=ChangeProposal.Status.PENDING).select_related(
        "service__organisation", "location__organisation", "proposed_by"
    )
    managed = _managed_organisation_ids(user)
    if managed is None:
        return queryset
    return queryset.filter(Q(service__organisation__in=managed) | Q(location__organisation__in=managed))


def get_proposal_for_review(user, proposal_id) -> ChangeProposal:
    try:
        return proposals_to_review(user).get(pk=proposal_id)
    except (ChangeProposal.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def proposals_by(user) -> QuerySet[ChangeProposal]:
    return ChangeProposal.objects.filter(proposed_by=user).select_related(
        "service", "location", "reviewed_by"
    )


def entries_to_verify(user) -> tuple[QuerySet[Service], QuerySet[Location]]:
    """Services and places of the user's organisations flagged as not verified for N months."""
    organisation = user.active_organisation
    if organisation is None or not can_manage_services(user, organisation):
        return Service.objects.none(), Location.objects.none()
    stale_services = (
        Service.objects.filter(organisation=organisation, stale_flagged_at__isnull=False)
        .select_related("last_verified_by")
        .order_by("last_verified_at", "name")
    )
    stale_locations = (
        Location.objects.filter(organisation=organisation, stale_flagged_at__isnull=False)
        .select_related("last_verified_by")
        .order_by("last_verified_at", "name")
    )
    return stale_services, stale_locations


def verify_months() -> int:
    return settings.INTRECCIO_DIRECTORY_VERIFY_MONTHS


def capacity_prefetch() -> Prefetch:
    return Prefetch("capacities", queryset=Capacity.objects.order_by("unit"))
