"""Search of services and places, for operators and citizens.

    criteria = SearchCriteria(text="mensa", need=food, origin=geocode("Germanedo"), open_at=now)
    page = Paginator(search_services(criteria), 20).get_page(1)
    results = describe_services(page.object_list, criteria)

The database does the filtering, relevance and distance ordering (the same
SQL on SQLite and PostgreSQL); `describe_*` loads what a page of results
shows in a fixed number of queries. "Open at" asks the database for the
schedules that can be open then and checks them exactly in Python.
"""

import datetime
import math
from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)

from .geo import Journey, Origin, journey
from .models import (
    Activity,
    CapacityStatus,
    Closure,
    CoordinatesPrecision,
    Language,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Translation,
)
from .queries import CapacityInfo, capacity_status
from .schedules import candidate_q, is_open_at, local_now, occurrences, open_now
from .text import query_terms

TITLE_WEIGHT, BODY_WEIGHT = 3, 1
LOCATION_PRECISION_KM = {
    CoordinatesPrecision.EXACT: 0.0,
    CoordinatesPrecision.STREET: 0.3,
    CoordinatesPrecision.MICRO_TERRITORY: 1.5,
    CoordinatesPrecision.MUNICIPALITY: 3.0,
}


@dataclass
class SearchCriteria:
    text: str = ""
    need: object = None
    municipality: object = None
    micro_territory: object = None
    organisation: object = None
    open_at: datetime.datetime | None = None
    spoken_language: str = ""
    age: int | None = None
    free: bool = False
    accessible: bool = False
    with_capacity: bool = False
    place_kind: str = ""
    origin: Origin | None = None
    ui_language: str = "it"
    include_closed: bool = False  # operators also see temporarily closed and inactive services


# --- shared pieces ------------------------------------------------------------------------------


def _text_filter_and_relevance(criteria: SearchCriteria):
    terms = query_terms(criteria.text, criteria.ui_language)
    condition, relevance = Q(), Value(0, output_field=IntegerField())
    for variants in terms:
        in_title = Q()
        in_body = Q()
        for variant in variants:
            in_title |= Q(search_title__contains=f" {variant}")
            in_body |= Q(search_body__contains=f" {variant}")
        condition &= in_title | in_body
        relevance = relevance + Case(
            When(in_title, then=Value(TITLE_WEIGHT)),
            When(in_body, then=Value(BODY_WEIGHT)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return condition, relevance


def _squared_distance(origin: Origin, latitude: str, longitude: str):
    """Squared equirectangular distance in degrees of latitude: enough to order by."""
    k = math.cos(math.radians(origin.latitude)) ** 2
    dlat = F(latitude) - Value(origin.latitude)
    dlon = F(longitude) - Value(origin.longitude)
    return dlat * dlat + dlon * dlon * Value(k)


# The fields is_open_at reads.
RECURRENCE_FIELDS = (
    "freq", "interval", "byday", "bymonthday", "opens_at", "closes_at",
    "valid_from", "valid_to", "dtstart", "until", "closed_on_public_holidays",
)  # fmt: skip


def _open_owner_ids(moment: datetime.datetime, direct: str, through: str, owner: str) -> set[int]:
    """Ids of the `direct` owners (or of the `through` objects' `owner`) open at `moment` (one query)."""
    candidates = (
        Schedule.objects.filter(candidate_q(moment))
        .filter(Q(**{f"{direct}__isnull": False}) | Q(**{f"{through}__isnull": False}))
        .select_related(through)
        .only(*RECURRENCE_FIELDS, f"{direct}_id", f"{through}__{owner}_id")
    )
    return {
        getattr(schedule, f"{direct}_id") or getattr(getattr(schedule, through), f"{owner}_id")
        for schedule in candidates
        if is_open_at(schedule, moment)
    }


def _open_service_ids(moment: datetime.datetime) -> set[int]:
    return _open_owner_ids(moment, "service", "service_at_location", "service")


def _open_location_ids(moment: datetime.datetime) -> set[int]:
    return _open_owner_ids(moment, "location", "activity", "location")


# --- services -------------------------------------------------------------------------------------


def search_services(criteria: SearchCriteria):
    """Services matching the criteria, ordered by relevance, then distance, then name."""
    queryset = Service.objects.filter(organisation__active=True)
    if criteria.include_closed:
        queryset = queryset.exclude(status=Service.Status.DEFUNCT)
    else:
        queryset = queryset.filter(status=Service.Status.ACTIVE)
    at_location = ServiceAtLocation.objects.filter(service=OuterRef("pk"))
    served_area = Service.micro_territories.through.objects.filter(service=OuterRef("pk"))
    if criteria.need is not None:
        queryset = queryset.filter(
            Exists(Service.needs.through.objects.filter(service=OuterRef("pk"), need=criteria.need))
        )
    if criteria.organisation is not None:
        queryset = queryset.filter(organisation=criteria.organisation)
    if criteria.micro_territory is not None:
        queryset = queryset.filter(
            Exists(at_location.filter(location__micro_territory=criteria.micro_territory))
            | Exists(served_area.filter(microterritory=criteria.micro_territory))
        )
    if criteria.municipality is not None:
        queryset = queryset.filter(
            Exists(at_location.filter(location__municipality=criteria.municipality))
            | Exists(served_area.filter(microterritory__municipalities=criteria.municipality))
        )
    if criteria.spoken_language:
        queryset = queryset.filter(
            Exists(Language.objects.filter(service=OuterRef("pk"), code=criteria.spoken_language))
            | Exists(
                Language.objects.filter(
                    location__service_at_locations__service=OuterRef("pk"), code=criteria.spoken_language
                )
            )
        )
    if criteria.age is not None:
        queryset = queryset.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=criteria.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=criteria.age),
        )
    if criteria.free:
        queryset = queryset.filter(free_of_charge=True)
    if criteria.accessible:
        queryset = queryset.filter(Exists(at_location.filter(location__step_free_access=True)))
    if criteria.with_capacity:
        queryset = queryset.filter(capacity_status=CapacityStatus.HAS_CAPACITY)
    if criteria.open_at is not None:
        day = criteria.open_at.date()
        queryset = queryset.filter(pk__in=_open_service_ids(criteria.open_at)).exclude(
            Exists(Closure.objects.filter(service=OuterRef("pk"), starts_on__lte=day, ends_on__gte=day))
        )
    condition, relevance = _text_filter_and_relevance(criteria)
    queryset = queryset.filter(condition).annotate(relevance=relevance)
    ordering = ["-relevance"] if criteria.text.strip() else []
    if criteria.origin is not None:
        nearest = (
            ServiceAtLocation.objects.filter(service=OuterRef("pk"), location__latitude__isnull=False)
            .annotate(d2=_squared_distance(criteria.origin, "location__latitude", "location__longitude"))
            .order_by("d2")
            .values("d2")[:1]
        )
        queryset = queryset.annotate(distance2=Subquery(nearest, output_field=FloatField()))
        ordering.append(F("distance2").asc(nulls_last=True))
    return queryset.select_related("organisation").order_by(*ordering, "name", "pk")


@dataclass
class ServiceResult:
    service: Service
    name: str
    description: str
    location: Location | None
    journey: Journey | None
    open_now: bool
    capacity: CapacityInfo
    needs: list[str]

    @property
    def pk(self):
        return self.service.pk


def _translated(obj, field: str) -> str:
    for translation in getattr(obj, "current_translations", ()):
        value = getattr(translation, field, "")
        if value:
            return value
    return getattr(obj, field)


def prefetch_for_results(services, language: str) -> None:
    """Load what a page of results shows (5 queries whatever the page size)."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        list(services),
        "needs",
        "capacities",
        Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
        "closures",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location__municipality", "location__micro_territory"
            ).prefetch_related("schedules"),
        ),
        Prefetch(
            "translations",
            queryset=Translation.objects.filter(language=language),
            to_attr="current_translations",
        ),
    )


def describe_services(services, criteria: SearchCriteria, *, moment=None) -> list[ServiceResult]:
    services = list(services)
    prefetch_for_results(services, criteria.ui_language)
    moment = moment or criteria.open_at or local_now()
    results = []
    for service in services:
        links = list(service.service_at_locations.all())
        location, best = None, None
        for link in links:
            candidate = link.location
            if criteria.origin is not None and candidate.latitude is not None:
                trip = journey(
                    criteria.origin,
                    candidate.latitude,
                    candidate.longitude,
                    precision_km=LOCATION_PRECISION_KM.get(candidate.coordinates_precision, 0.0),
                )
                if best is None or trip.distance_km < best.distance_km:
                    location, best = candidate, trip
            elif location is None:
                location = candidate
        schedules = list(service.schedules.all()) + [s for link in links for s in link.schedules.all()]
        results.append(
            ServiceResult(
                service=service,
                name=_translated(service, "name"),
                description=_translated(service, "description"),
                location=location,
                journey=best,
                open_now=open_now(schedules, list(service.closures.all()), moment),
                capacity=capacity_status(service),
                needs=[need.label_for(criteria.ui_language) for need in service.needs.all()],
            )
        )
    return results


# --- places -----------------------------------------------------------------------------------------


def search_places(criteria: SearchCriteria):
    """Places of the community (not plain service offices) matching the criteria."""
    queryset = Location.objects.filter(active=True).exclude(place_kind="")
    if criteria.place_kind:
        queryset = queryset.filter(place_kind=criteria.place_kind)
    if criteria.micro_territory is not None:
        queryset = queryset.filter(micro_territory=criteria.micro_territory)
    if criteria.municipality is not None:
        queryset = queryset.filter(municipality=criteria.municipality)
    if criteria.spoken_language:
        queryset = queryset.filter(
            Exists(Language.objects.filter(location=OuterRef("pk"), code=criteria.spoken_language))
        )
    if criteria.accessible:
        queryset = queryset.filter(step_free_access=True)
    if criteria.open_at is not None:
        day = criteria.open_at.date()
        queryset = queryset.filter(pk__in=_open_location_ids(criteria.open_at)).exclude(
            Exists(Closure.objects.filter(location=OuterRef("pk"), starts_on__lte=day, ends_on__gte=day))
        )
    condition, relevance = _text_filter_and_relevance(criteria)
    queryset = queryset.filter(condition).annotate(relevance=relevance)
    ordering = ["-relevance"] if criteria.text.strip() else []
    if criteria.origin is not None:
        queryset = queryset.annotate(distance2=_squared_distance(criteria.origin, "latitude", "longitude"))
        ordering.append(F("distance2").asc(nulls_last=True))
    return queryset.select_related("municipality", "micro_territory", "organisation").order_by(
        *ordering, "name", "pk"
    )


@dataclass
class PlaceResult:
    place: Location
    name: str
    description: str
    journey: Journey | None
    next_activities: list

    @property
    def pk(self):
        return self.place.pk


def describe_places(places, criteria: SearchCriteria, *, days: int = 7) -> list[PlaceResult]:
    from django.db.models import prefetch_related_objects

    places = list(places)
    prefetch_related_objects(
        places,
        Prefetch(
            "activities",
            queryset=Activity.objects.filter(active=True).prefetch_related(
                "schedules",
                Prefetch(
                    "translations",
                    queryset=Translation.objects.filter(language=criteria.ui_language),
                    to_attr="current_translations",
                ),
            ),
        ),
        "closures",
        Prefetch(
            "translations",
            queryset=Translation.objects.filter(language=criteria.ui_language),
            to_attr="current_translations",
        ),
    )
    today = local_now().date()
    results = []
    for place in places:
        trip = None
        if criteria.origin is not None and place.latitude is not None:
            trip = journey(
                criteria.origin,
                place.latitude,
                place.longitude,
                precision_km=LOCATION_PRECISION_KM.get(place.coordinates_precision, 0.0),
            )
        upcoming = []
        for activity in place.activities.all():
            for occurrence in occurrences(
                list(activity.schedules.all()), today, days, list(place.closures.all())
            ):
                upcoming.append((occurrence, activity, _translated(activity, "name")))
        upcoming.sort(key=lambda item: (item[0].day, item[0].opens_at or datetime.time.min))
        results.append(
            PlaceResult(
                place=place,
                name=_translated(place, "name"),
                description=_translated(place, "description"),
                journey=trip,
                next_activities=upcoming[:3],
            )
        )
    return results


def translated(obj, field: str) -> str:
    """A field of a service, place or activity in the language its translations were loaded for."""
    return _translated(obj, field)
