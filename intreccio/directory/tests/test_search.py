import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intreccio.directory import actions
from intreccio.directory.geo import geocode
from intreccio.directory.models import Location, Service
from intreccio.directory.search import (
    SearchCriteria,
    describe_places,
    describe_services,
    search_places,
    search_services,
)
from intreccio.directory.text import fold, index_text, query_terms, stems
from intreccio.territory.models import Municipality

ROME = zoneinfo.ZoneInfo("Europe/Rome")
TUESDAY_MORNING = datetime.datetime(2026, 12, 1, 10, 30, tzinfo=ROME)
IMMACOLATA_MORNING = datetime.datetime(2026, 12, 8, 10, 30, tzinfo=ROME)  # a Tuesday and a public holiday
IMMACOLATA_EVENING = datetime.datetime(2026, 12, 8, 20, 0, tzinfo=ROME)


def names(criteria):
    return [service.name for service in search_services(criteria)]


def test_words_are_folded_and_stemmed_in_italian():
    assert fold("Città PERCHÉ") == "citta perche"
    assert stems("Alloggi per anziani e alloggio") == ["allogg", "anzian", "allogg"]
    assert index_text([("Casa e case", "it"), ("Housing", "en")]) == " cas hous "
    assert query_terms("la mensa", "it") == [{"mens"}]


def test_free_text_finds_plural_accented_and_translated_words(directory):
    assert names(SearchCriteria(text="empori")) == ["Emporio solidale"]
    assert names(SearchCriteria(text="SUPERMERCATI gratuiti")) == ["Emporio solidale"]
    assert names(SearchCriteria(text="dimora")) == ["Accoglienza notturna"]
    # The need's label in Arabic is indexed, and the service's Arabic translation too.
    assert names(SearchCriteria(text="الغذاء", ui_language="ar")) == ["Emporio solidale"]
    assert names(SearchCriteria(text="الاجتماعية", ui_language="ar")) == ["Servizio sociale di base"]
    assert names(SearchCriteria(text="nulla di simile")) == []


def test_a_name_match_ranks_above_a_description_match(directory):
    actions.update_service(directory.shelter, actor=None, description="Anche un pasto caldo: mensa la sera.")
    actions.create_service(directory.social_service.organisation, actor=None, name="Mensa comunale")
    assert names(SearchCriteria(text="mensa")) == ["Mensa comunale", "Accoglienza notturna"]


def test_filters_by_need_place_language_age_cost_and_access(directory):
    valmadrera = Municipality.objects.get(name="Valmadrera")
    lecco = Municipality.objects.get(name="Lecco")
    assert names(SearchCriteria(need=directory.food)) == ["Emporio solidale"]
    assert names(SearchCriteria(municipality=lecco)) == [
        "Accoglienza notturna",
        "Emporio solidale",
        "Servizio sociale di base",
    ]
    assert names(SearchCriteria(municipality=valmadrera)) == []
    assert names(SearchCriteria(micro_territory=directory.germanedo.micro_territory)) == [
        "Accoglienza notturna"
    ]
    assert names(SearchCriteria(spoken_language="ar")) == ["Servizio sociale di base"]
    assert names(SearchCriteria(spoken_language="fr")) == ["Emporio solidale"]
    assert names(SearchCriteria(age=16)) == ["Emporio solidale", "Servizio sociale di base"]
    assert names(SearchCriteria(free=True)) == ["Emporio solidale", "Servizio sociale di base"]
    assert names(SearchCriteria(accessible=True)) == ["Servizio sociale di base"]
    assert names(SearchCriteria(with_capacity=True)) == ["Emporio solidale"]


def test_open_at_a_moment_respects_days_hours_holidays_and_closures(directory):
    assert names(SearchCriteria(open_at=TUESDAY_MORNING)) == ["Emporio solidale", "Servizio sociale di base"]
    assert names(SearchCriteria(open_at=IMMACOLATA_MORNING)) == []
    assert names(SearchCriteria(open_at=IMMACOLATA_EVENING)) == ["Accoglienza notturna"]
    actions.add_closure(
        directory.food_bank,
        actor=None,
        starts_on=datetime.date(2026, 11, 30),
        ends_on=datetime.date(2026, 12, 5),
    )
    assert names(SearchCriteria(open_at=TUESDAY_MORNING)) == ["Servizio sociale di base"]


def test_temporarily_closed_services_are_hidden_from_citizens_not_operators(directory):
    actions.update_service(directory.food_bank, actor=None, status=Service.Status.TEMPORARILY_CLOSED)
    assert names(SearchCriteria(need=directory.food)) == []
    assert names(SearchCriteria(need=directory.food, include_closed=True)) == ["Emporio solidale"]


def test_results_are_ordered_by_distance_with_walking_and_cycling_times(directory):
    origin = geocode("via Belfiore 3, Germanedo")
    assert (origin.label, origin.kind) == ("Lecco – Germanedo, Belledo e Maggianico", "micro_territory")
    criteria = SearchCriteria(origin=origin)
    results = describe_services(search_services(criteria), criteria, moment=TUESDAY_MORNING)
    assert [r.name for r in results] == [
        "Accoglienza notturna",
        "Emporio solidale",
        "Servizio sociale di base",
    ]
    shelter, food_bank, _social = results
    assert (
        shelter.journey.distance_km,
        shelter.journey.walking_minutes,
        shelter.journey.cycling_minutes,
    ) == (
        0.0,
        5,
        5,
    )
    assert (
        food_bank.journey.distance_km,
        food_bank.journey.walking_minutes,
        food_bank.journey.cycling_minutes,
    ) == (
        2.1,
        40,
        15,
    )
    # The origin and the stored point are both neighbourhood centres: ± 1.5 km each.
    assert food_bank.journey.precision_km == 3.0
    assert [r.open_now for r in results] == [False, True, True]
    assert food_bank.capacity.units[0][:3] == ("tessere", 5, 20)
    assert food_bank.location.name == "Centro di ascolto Caritas"


def test_geocoding_is_offline_and_honest_about_precision(territory):
    lecco = geocode("23900")
    assert (lecco.label, lecco.kind, lecco.precision_km) == ("Lecco", "municipality", 3.0)
    assert geocode("Corso Matteotti 5, Valmadrera").label == "Valmadrera"
    assert geocode("Atlantide") is None


def test_places_search_and_next_activities(directory):
    criteria = SearchCriteria(text="oratorio", origin=geocode("Germanedo"))
    places = describe_places(search_places(criteria), criteria)
    assert [p.name for p in places] == ["Oratorio di Germanedo"]
    assert places[0].journey.distance_km == 0.0
    assert [activity for _occurrence, _a, activity in places[0].next_activities] == ["Gruppo di cammino"]
    assert list(search_places(SearchCriteria(place_kind=Location.PlaceKind.LIBRARY))) == []


@pytest.mark.parametrize("extra", [0, 4])
def test_query_count_does_not_depend_on_the_directory_size(directory, extra):
    for index in range(extra):
        service = actions.create_service(
            directory.food_bank.organisation,
            actor=None,
            name=f"Servizio {index}",
            description="Un altro emporio solidale.",
            needs=[directory.food],
        )
        actions.link_service_to_location(service, directory.caritas_site, actor=None)
    with CaptureQueriesContext(connection) as captured:
        criteria = SearchCriteria(text="solidale", need=directory.food, origin=geocode("Lecco"))
        results = describe_services(list(search_services(criteria)), criteria, moment=TUESDAY_MORNING)
    # geocode (municipalities, neighbourhoods, their municipalities), the search, then the
    # prefetches: needs, capacities, schedules, closures, places (+ their schedules), translations.
    assert len(captured.captured_queries) == 11
    assert [r.name for r in results][:1] == ["Emporio solidale"]
    assert len(results) == 1 + extra
