"""Person search measured by bench/run.py: the find-or-register page (HTMX and full) and the API.

The operator is the demo access-point operator of Caritas: most persons
are unrelated to her, so the search exercises minimal disclosure; the query
count must be the same at every size.
"""

from intreccio.core.benchmarks import bench_page, demo_user


@bench_page("people.search", description="Cerca una persona: cognome storpiato e nome traslitterato")
def person_search():
    return demo_user("sportello@demo.intreccio.it"), "/persone/cerca/?q=Muhammad+Amrany"


@bench_page("people.search_year", description="Cerca una persona: nome e anno di nascita")
def person_search_year():
    return demo_user("regia@demo.intreccio.it"), "/persone/cerca/?q=Rossi+Maria+1950"


@bench_page("api.people.search", description="GET /api/v1/people/search?q=Yekaterina+Shevchenko")
def api_person_search():
    return demo_user("sportello@demo.intreccio.it"), "/api/v1/people/search?q=Yekaterina+Shevchenko"
