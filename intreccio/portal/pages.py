"""What the portal's pages show: context builders shared by the views (public directory data only)."""

import datetime

from django.conf import settings
from django.urls import reverse

from intreccio.core.calendar import add_working_days
from intreccio.core.exceptions import ApplicationError
from intreccio.directory import queries as directory
from intreccio.directory.models import Location, Service
from intreccio.directory.schedules import describe, local_now, occurrences, open_now
from intreccio.directory.search import (
    SearchCriteria,
    describe_places,
    search_places,
    translated,
)
from intreccio.territory import queries as territory

from .queries import receipt_of

PORTAL_LANGUAGE_CODES = [code for code, _name in settings.PORTAL_LANGUAGES]
# Days within which the network calls back (shown on the receipt).
CALL_BACK_WORKING_DAYS = 3


def preferred_language(request) -> str:
    """The visitor's remembered choice, else their browser's language if spoken here, else Italian."""
    chosen = request.COOKIES.get(settings.PORTAL_LANGUAGE_COOKIE_NAME)
    if chosen in PORTAL_LANGUAGE_CODES:
        return chosen
    for part in request.META.get("HTTP_ACCEPT_LANGUAGE", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in PORTAL_LANGUAGE_CODES:
            return code
    return "it"


def portal_district():
    """The district the portal describes: the installation's first (the lead's) district."""
    return territory.districts().order_by("pk").first()


def optional_service(value) -> Service | None:
    try:
        return directory.service_detail(int(value), public=True) if value else None
    except (ValueError, TypeError, ApplicationError):  # a stale link falls back to no service
        return None


def optional_place(value) -> Location | None:
    try:
        return directory.location_detail(int(value), public=True) if value else None
    except (ValueError, TypeError, ApplicationError):
        return None


def first_need(service):
    if service is None:
        return None
    needs = list(service.needs.all())
    return needs[0].pk if needs else None


def home_context(lang: str) -> dict:
    district = portal_district()
    return {
        "lang": lang,
        "district": district,
        "needs": [(need, need.label_for(lang)) for need in directory.active_needs()],
        "micro_territories": territory.micro_territories(district) if district else [],
    }


def _schedule_rows(schedules, closures, moment):
    return [
        {"text": describe(s), "notes": s.notes, "open": open_now([s], closures, moment)} for s in schedules
    ]


def service_context(service: Service, lang: str, request) -> dict:
    moment = local_now()
    closures = list(service.closures.all())
    today = moment.date()
    places = []
    for link in service.service_at_locations.all():
        schedules = list(link.schedules.all())
        places.append(
            {
                "location": link.location,
                "address": next(iter(link.location.addresses.all()), None),
                "schedules": _schedule_rows(schedules, closures, moment),
                "open_now": open_now(schedules, closures, moment),
            }
        )
    own = list(service.schedules.all())
    return {
        "lang": lang,
        "service": service,
        "name": translated(service, "name"),
        "description": translated(service, "description"),
        "eligibility": translated(service, "eligibility_description"),
        "application_process": translated(service, "application_process"),
        "fees": translated(service, "fees_description"),
        "translated": bool(getattr(service, "current_translations", [])),
        "needs": [need.label_for(lang) for need in service.needs.all()],
        "languages": list(service.languages.all()),
        "places": places,
        "schedules": _schedule_rows(own, closures, moment),
        "open_now": any(p["open_now"] for p in places) or open_now(own, closures, moment),
        "closures": [c for c in closures if c.ends_on >= today],
        "capacity": directory.capacity_status(service),
        "share_url": request.build_absolute_uri(
            reverse("portal:service", kwargs={"lang": lang, "service_id": service.pk})
        ),
        "map_points": [
            {"name": p["location"].name, "lat": p["location"].latitude, "lon": p["location"].longitude}
            for p in places
            if p["location"].latitude is not None
        ],
        "updated": service.last_verified_at or service.updated_at,
    }


def place_context(place: Location, lang: str) -> dict:
    today = local_now().date()
    closures = list(place.closures.all())
    activities = []
    for activity in place.activities.all():
        upcoming = occurrences(list(activity.schedules.all()), today, 14, closures)
        activities.append(
            {
                "activity": activity,
                "name": translated(activity, "name"),
                "description": translated(activity, "description"),
                "schedules": [describe(s) for s in activity.schedules.all()],
                "next": upcoming[:3],
            }
        )
    return {
        "lang": lang,
        "place": place,
        "name": translated(place, "name"),
        "description": translated(place, "description"),
        "transportation": translated(place, "transportation"),
        "address": next(iter(place.addresses.all()), None),
        "activities": activities,
        "schedules": [describe(s) for s in place.schedules.all()],
        "services": [link.service for link in place.service_at_locations.all()],
        "map_points": [{"name": place.name, "lat": place.latitude, "lon": place.longitude}]
        if place.latitude is not None
        else [],
        "updated": place.last_verified_at or place.updated_at,
    }


def map_context(lang: str) -> dict:
    district = portal_district()
    return {
        "lang": lang,
        "district": district,
        "micro_territories": territory.micro_territories(district) if district else [],
        "places": describe_places(
            search_places(SearchCriteria(ui_language=lang))[:200], SearchCriteria(ui_language=lang), days=0
        ),
        "tile_url": settings.INTRECCIO_MAP_TILE_URL,
        "tile_attribution": settings.INTRECCIO_MAP_TILE_ATTRIBUTION,
    }


def map_points(lang: str) -> dict:
    """Every located service site and place, for the map (one row per location)."""
    points = []
    for location in (
        Location.objects.filter(active=True, latitude__isnull=False)
        .exclude(location_type=Location.LocationType.POSTAL)
        .select_related("micro_territory")
        .prefetch_related("service_at_locations__service")
        .order_by("name")
    ):
        services = [
            link.service.name
            for link in location.service_at_locations.all()
            if link.service.status == "active"
        ]
        if not services and not location.place_kind:
            continue
        url = (
            reverse("portal:place", kwargs={"lang": lang, "location_id": location.pk})
            if location.place_kind
            else reverse(
                "portal:service",
                kwargs={"lang": lang, "service_id": location.service_at_locations.all()[0].service_id},
            )
        )
        points.append(
            {
                "name": location.name,
                "kind": location.place_kind or "service",
                "lat": location.latitude,
                "lon": location.longitude,
                "services": services[:6],
                "url": url,
            }
        )
    return {"points": points}


def week_context(lang: str) -> dict:
    today = local_now().date()
    criteria = SearchCriteria(ui_language=lang)
    places = describe_places(search_places(criteria), criteria, days=0)  # names only: occurrences below
    days: dict[datetime.date, list] = {today + datetime.timedelta(days=i): [] for i in range(7)}
    for result in places:
        for activity in result.place.activities.all():
            for occurrence in occurrences(
                list(activity.schedules.all()), today, 7, list(result.place.closures.all())
            ):
                days[occurrence.day].append(
                    {
                        "occurrence": occurrence,
                        "activity": activity,
                        "name": translated(activity, "name"),
                        "place": result,
                    }
                )
    for entries in days.values():
        entries.sort(key=lambda e: (e["occurrence"].opens_at or datetime.time.min, e["name"]))
    return {"lang": lang, "days": list(days.items())}


def receipt_context(help_request_id: int, lang: str) -> dict:
    help_request = receipt_of(help_request_id) if help_request_id else None
    return {
        "lang": lang,
        "help_request": help_request,
        "call_back_by": add_working_days(local_now().date(), CALL_BACK_WORKING_DAYS),
    }
