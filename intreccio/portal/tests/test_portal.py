import datetime

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.directory.models import Need
from intreccio.portal import actions
from intreccio.portal.models import HelpRequest, PageFeedback
from intreccio.territory.models import Municipality

PORTAL_PAGES = [
    ("portal:home", {}),
    ("portal:search", {}),
    ("portal:map", {}),
    ("portal:this_week", {}),
    ("portal:ask_for_help", {}),
    ("portal:accessibility", {}),
    ("portal:privacy", {}),
]


@pytest.mark.parametrize("lang", ["it", "en", "fr", "es", "ar", "uk", "ro", "sq"])
def test_every_portal_page_is_public_in_every_language(client, directory, lang):
    pages = [
        *PORTAL_PAGES,
        ("portal:service", {"service_id": directory.food_bank.pk}),
        ("portal:place", {"location_id": directory.oratory.pk}),
        ("portal:micro_territory", {"micro_territory_id": directory.oratory.micro_territory_id}),
    ]
    for name, kwargs in pages:
        response = client.get(reverse(name, kwargs={"lang": lang, **kwargs}))
        assert response.status_code == 200, name
        assert response["Content-Language"] == lang
        html = response.content.decode()
        assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
        assert ("bootstrap-italia.rtl.min.css" in html) is (lang == "ar")


def test_the_interface_is_translated(client, territory):
    assert "Servizi e luoghi vicino a te" in client.get("/portale/it/").content.decode()
    assert "الخدمات والأماكن القريبة منك" in client.get("/portale/ar/").content.decode()
    assert "Послуги та місця поруч із вами" in client.get("/portale/uk/").content.decode()


def test_the_language_is_remembered_and_the_operator_ui_stays_italian(client, network):
    response = client.get("/portale/ar/")
    assert response.cookies["intreccio_portal_language"].value == "ar"
    assert client.get("/portale/")["Location"] == "/portale/ar/"
    login = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="it">' in login


def test_a_first_visit_follows_the_browser_language(client, territory):
    assert client.get("/portale/", HTTP_ACCEPT_LANGUAGE="ro-RO,ro;q=0.9")["Location"] == "/portale/ro/"
    assert client.get("/portale/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/portale/it/"


def test_a_service_page_shows_its_translation_or_falls_back_to_italian(client, directory):
    arabic = client.get(f"/portale/ar/servizi/{directory.social_service.pk}/").content.decode()
    assert "الخدمة الاجتماعية الأساسية" in arabic
    french = client.get(f"/portale/fr/servizi/{directory.social_service.pk}/").content.decode()
    assert "Servizio sociale di base" in french
    assert "Cette fiche n'est pas encore traduite dans votre langue" in french


def test_the_search_finds_a_service_near_an_address_for_a_need(client, directory):
    response = client.get("/portale/it/cerca/", {"bisogno": "food", "vicino": "via Belfiore 3, Germanedo"})
    assert [r.name for r in response.context["results"]] == ["Emporio solidale"]
    html = response.content.decode()
    assert (
        "2,1 km · a piedi 40 min · in bici 15 min" in html
        or "2.1 km · a piedi 40 min · in bici 15 min" in html
    )


def test_the_public_search_has_a_fixed_number_of_queries(client, directory, django_assert_num_queries):
    # district, needs and municipalities for the form (3); count and page of services (2); the
    # page's prefetches: needs, capacities, schedules, closures, places, their schedules,
    # translations (7); places: the search, activities, their schedules and translations,
    # closures, the places' translations (6).
    with django_assert_num_queries(18):
        response = client.get("/portale/it/cerca/", {"q": ""})
    assert len(response.context["results"]) == 3


def test_the_service_sheet_is_a_pdf_in_the_language(client, directory):
    response = client.get(f"/portale/ar/servizi/{directory.social_service.pk}/scheda.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def help_form(need, municipality, **extra):
    return {
        "need": need.pk,
        "municipality": municipality.pk,
        "language": "ar",
        "name": "Amina",
        "contact_method": "phone",
        "contact": "+39 333 1234567",
        "consent_to_contact": "on",
        **extra,
    }


def test_asking_for_help_stores_the_request_routes_it_and_shows_a_receipt(
    client, directory, network, django_capture_on_commit_callbacks
):
    lecco = Municipality.objects.get(name="Lecco")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/portale/ar/chiedi-aiuto/", help_form(directory.food, lecco))
    assert response.status_code == 302
    request = HelpRequest.objects.get()
    assert (request.name, request.language, request.routed_organisation, request.status) == (
        "Amina",
        "ar",
        network.comune,
        "new",
    )
    assert request.handed_off_at is not None
    receipt = client.get(response["Location"]).content.decode()
    assert request.receipt_code in receipt
    assert "Amina" not in receipt
    assert "333" not in receipt
    events = DomainEvent.objects.filter(subject_type="portal.helprequest", subject_id=str(request.pk))
    assert list(events.order_by("pk").values_list("kind", flat=True)) == [
        "HELP_REQUEST_RECEIVED",
        "HELP_REQUEST_HANDED_OFF",
    ]


def test_a_request_from_a_service_page_goes_to_that_service(
    client, directory, network, django_capture_on_commit_callbacks
):
    lecco = Municipality.objects.get(name="Lecco")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/portale/it/chiedi-aiuto/", help_form(directory.food, lecco, service=directory.food_bank.pk)
        )
    assert HelpRequest.objects.get().routed_organisation == network.caritas


def test_the_honeypot_and_missing_consent_store_nothing(client, directory):
    lecco = Municipality.objects.get(name="Lecco")
    bot = client.post("/portale/it/chiedi-aiuto/", help_form(directory.food, lecco, website="http://spam"))
    assert bot.status_code == 302
    data = help_form(directory.food, lecco)
    del data["consent_to_contact"]
    refused = client.post("/portale/it/chiedi-aiuto/", data)
    assert refused.status_code == 200
    assert refused.context["form"].errors["consent_to_contact"] == ["Questo campo è obbligatorio."]
    assert HelpRequest.objects.count() == 0


def test_an_unusable_contact_is_refused_next_to_the_form(client, directory):
    lecco = Municipality.objects.get(name="Lecco")
    response = client.post(
        "/portale/it/chiedi-aiuto/",
        help_form(directory.food, lecco, contact_method="email", contact="amina@"),
    )
    assert response.context["form"].non_field_errors() == [
        "L'indirizzo e-mail «amina@» non sembra valido: controllalo o scegli il telefono."
    ]
    assert HelpRequest.objects.count() == 0


@override_settings(INTRECCIO_HELP_REQUESTS_PER_HOUR=2)
def test_requests_are_rate_limited_per_connection(client, directory):
    lecco = Municipality.objects.get(name="Lecco")
    for _ in range(2):
        assert client.post("/portale/it/chiedi-aiuto/", help_form(directory.food, lecco)).status_code == 302
    third = client.post("/portale/it/chiedi-aiuto/", help_form(directory.food, lecco))
    assert third.status_code == 200
    assert (
        third.context["form"]
        .non_field_errors()[0]
        .startswith("Da questa connessione sono già arrivate 2 richieste nell'ultima ora.")
    )
    assert HelpRequest.objects.count() == 2


def make_request(directory, network):
    request = actions.submit_help_request(
        need=directory.food,
        municipality=Municipality.objects.get(name="Lecco"),
        language="ar",
        name="Amina",
        contact_method="phone",
        contact="333 1234567",
        consent_to_contact=True,
        ip_address="10.0.0.1",
    )
    return actions.hand_off_help_request(request.pk)


@pytest.mark.parametrize(
    "persona, status",
    [("anonymous", 302), ("carla", 404), ("paolo", 404), ("laura", 404), ("bruno", 200), ("ana", 200)],
)
def test_only_the_routed_organisations_operators_read_a_request(
    client, client_for, network, directory, persona, status
):
    request = make_request(directory, network)
    http = client if persona == "anonymous" else client_for(getattr(network, persona))
    audits = AuditEntry.objects.filter(action="read", target_type="portal.helprequest").count()
    response = http.get(reverse("portal:help_request", args=[request.pk]))
    assert response.status_code == status
    reads = AuditEntry.objects.filter(action="read", target_type="portal.helprequest")
    if persona == "anonymous":  # stopped at the log-in: the request was never looked up
        assert reads.count() == audits
        return
    # Every look-up is audited, refused ones included (the many-refusals alert counts them).
    assert reads.count() == audits + 1
    read = reads.order_by("pk").last()
    assert (read.actor, read.target_id, read.outcome) == (
        getattr(network, persona),
        str(request.pk),
        "allowed" if status == 200 else "denied",
    )
    assert ("333 1234567" in response.content.decode()) is (status == 200)


@pytest.mark.parametrize("name", ["portal:help_requests", "portal:feedback_list"])
def test_an_account_without_a_role_reaches_no_operator_page_of_the_portal(
    client_for, network, directory, no_role, name
):
    make_request(directory, network)
    about_requests = AuditEntry.objects.filter(target_type="portal.helprequest")
    audits = about_requests.count()
    response = client_for(no_role).get(reverse(name))
    assert response.status_code == 403
    assert about_requests.count() == audits  # no queue was read


def test_the_queue_lists_new_requests_with_a_fixed_number_of_queries(
    client_for, network, directory, django_assert_num_queries
):
    for _ in range(3):
        make_request(directory, network)
    client = client_for(network.bruno)
    # session, user, memberships, count, page (with need, municipality, organisation, service
    # and handler joined), the audit entry of the list, then the session renewal (savepoint,
    # update, release).
    # … and the header's count of unread notifications.
    with django_assert_num_queries(10):
        response = client.get(reverse("portal:help_requests"))
    assert len(response.context["page"].object_list) == 3
    assert (
        list(client_for(network.carla).get(reverse("portal:help_requests")).context["page"].object_list) == []
    )


def test_an_operator_records_the_call_and_closes_the_request(client_for, network, directory):
    request = make_request(directory, network)
    client = client_for(network.bruno)
    client.post(
        reverse("portal:help_request", args=[request.pk]), {"esito": "contacted", "note": "Chiamata fatta."}
    )
    request.refresh_from_db()
    assert (request.status, request.handled_by, request.outcome_note) == (
        "contacted",
        network.bruno,
        "Chiamata fatta.",
    )
    refused = client.post(
        reverse("portal:help_request", args=[request.pk]), {"esito": "closed", "note": ""}, follow=True
    )
    assert "Scrivi com&#x27;è andata prima di chiudere la richiesta." in refused.content.decode()
    client.post(
        reverse("portal:help_request", args=[request.pk]), {"esito": "closed", "note": "Presa in carico."}
    )
    request.refresh_from_db()
    assert request.status == "closed"
    events = DomainEvent.objects.count()
    denied = client_for(network.carla).post(
        reverse("portal:help_request", args=[request.pk]), {"esito": "closed"}
    )
    assert denied.status_code == 404
    assert DomainEvent.objects.count() == events


def test_feedback_reaches_the_organisation(client, client_for, network, directory):
    page = f"/portale/it/servizi/{directory.food_bank.pk}/"
    response = client.post(
        "/portale/it/riscontro/",
        {
            "useful": "0",
            "comment": "Mancano gli orari estivi",
            "path": page,
            "service": directory.food_bank.pk,
            "next": page,
        },
    )
    assert response["Location"] == page + "#feedback"
    feedback = PageFeedback.objects.get()
    assert (feedback.useful, feedback.organisation, feedback.language) == (False, network.caritas, "it")
    listing = client_for(network.carla).get(reverse("portal:feedback_list"))
    assert list(listing.context["page"].object_list) == [feedback]
    assert listing.context["summary"] == {"total": 1, "answered_yes": 0, "answered_no": 1}
    assert (
        list(client_for(network.bruno).get(reverse("portal:feedback_list")).context["page"].object_list) == []
    )


def test_old_requests_and_fingerprints_are_purged(directory, network):
    request = make_request(directory, network)
    HelpRequest.objects.filter(pk=request.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert actions.purge_portal_data() == {"fingerprints": 1, "help_requests": 0, "feedback": 0}
    HelpRequest.objects.filter(pk=request.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    assert actions.purge_portal_data() == {"fingerprints": 0, "help_requests": 1, "feedback": 0}
    assert not HelpRequest.objects.exists()


def test_a_forged_receipt_is_not_found(client, territory):
    assert client.get("/portale/it/chiedi-aiuto/ricevuta/forged/").status_code == 404
    token = signing.dumps(999, salt="intreccio.portal.receipt")
    assert client.get(f"/portale/it/chiedi-aiuto/ricevuta/{token}/").status_code == 200


def test_the_need_labels_follow_the_language(client, territory):
    html = client.get("/portale/ar/").content.decode()
    assert Need.objects.get(code="food").translations["ar"] in html
