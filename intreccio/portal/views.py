"""The public portal: no log-in, in the visitor's language (from the URL, remembered in a cookie).

Citizens search services and places, read their pages, see the map and the
week's activities, and ask to be contacted. Operators read the requests
routed to their organisation and the feedback on their pages (log-in).
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.core.http import run_action, safe_next
from intreccio.core.middleware import client_ip
from intreccio.core.rules import is_operator
from intreccio.directory import queries as directory
from intreccio.directory.forms import SearchForm
from intreccio.directory.geo import origin_of_micro_territory
from intreccio.directory.search import (
    SearchCriteria,
    describe_places,
    describe_services,
    search_places,
    search_services,
)
from intreccio.territory import queries as territory

from . import actions, pages, queries
from .forms import FeedbackForm, HelpRequestForm

RECEIPT_SALT = "intreccio.portal.receipt"
RESULTS_PER_PAGE = 10


def portal_page(view):
    """A public page in the language of its URL; the choice is remembered for /portale/."""

    @login_not_required
    @wraps(view)
    def wrapper(request, lang, *args, **kwargs):
        with translation.override(lang):
            request.LANGUAGE_CODE = lang
            response = view(request, lang, *args, **kwargs)
        response["Content-Language"] = lang
        if request.COOKIES.get(settings.PORTAL_LANGUAGE_COOKIE_NAME) != lang:
            response.set_cookie(
                settings.PORTAL_LANGUAGE_COOKIE_NAME,
                lang,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                httponly=True,
            )
        return response

    return wrapper


@login_not_required
@require_GET
def portal_root(request):
    return redirect("portal:home", lang=pages.preferred_language(request))


@portal_page
@require_GET
def home(request, lang):
    return render(request, "portal/home.html", pages.home_context(lang))


@portal_page
@require_GET
def search(request, lang):
    district = pages.portal_district()
    form = SearchForm(
        request.GET or None,
        needs=directory.active_needs(),
        municipalities=territory.municipalities(district).order_by("name") if district else [],
        language=lang,
    )
    criteria = form.criteria() if form.is_bound and form.is_valid() else SearchCriteria(ui_language=lang)
    page = Paginator(search_services(criteria), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    places = describe_places(search_places(criteria)[:6], criteria) if form.is_bound else []
    return render(
        request,
        "portal/search.html",
        {
            "lang": lang,
            "form": form,
            "criteria": criteria,
            "page": page,
            "results": describe_services(page.object_list, criteria),
            "places": places,
            "searched": form.is_bound,
        },
    )


@portal_page
@require_GET
def service_page(request, lang, service_id: int):
    service = directory.service_detail(service_id, language=lang, public=True)
    return render(request, "portal/service.html", pages.service_context(service, lang, request))


@portal_page
@require_GET
def service_sheet(request, lang, service_id: int):
    """The printable sheet of a service in the visitor's language (PDF, WeasyPrint)."""
    from weasyprint import HTML

    service = directory.service_detail(service_id, language=lang, public=True)
    context = pages.service_context(service, lang, request)
    html = render_to_string("portal/service_sheet.html", context, request=request)
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="scheda-{service.pk}-{lang}.pdf"'
    return response


@portal_page
@require_GET
def place_page(request, lang, location_id: int):
    place = directory.location_detail(location_id, language=lang, public=True)
    return render(request, "portal/place.html", pages.place_context(place, lang))


@portal_page
@require_GET
def micro_territory_page(request, lang, micro_territory_id: int):
    micro = territory.get_micro_territory(micro_territory_id)
    criteria = SearchCriteria(
        micro_territory=micro, ui_language=lang, origin=origin_of_micro_territory(micro)
    )
    return render(
        request,
        "portal/micro_territory.html",
        {
            "lang": lang,
            "micro": micro,
            "services": describe_services(search_services(criteria)[:60], criteria),
            "places": describe_places(search_places(criteria)[:30], criteria),
        },
    )


@portal_page
@require_GET
def map_page(request, lang):
    return render(request, "portal/map.html", pages.map_context(lang))


@portal_page
@require_GET
def map_points(request, lang):
    return JsonResponse(pages.map_points(lang))


@portal_page
@require_GET
def map_boundaries(request, lang):
    return JsonResponse(territory.boundaries_geojson(pages.portal_district()))


@portal_page
@require_GET
def this_week(request, lang):
    return render(request, "portal/this_week.html", pages.week_context(lang))


@portal_page
@require_http_methods(["GET", "POST"])
def ask_for_help(request, lang):
    service = pages.optional_service(request.POST.get("service") or request.GET.get("servizio"))
    district = pages.portal_district()
    form = HelpRequestForm(
        request.POST or None,
        initial={"service": service.pk if service else None, "need": pages.first_need(service)},
        needs=directory.active_needs(),
        municipalities=territory.municipalities(district).order_by("name"),
        language=lang,
    )
    if request.method == "POST" and form.is_spam:
        return redirect("portal:receipt", lang=lang, token=signing.dumps(0, salt=RECEIPT_SALT))
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"website", "service"}}
        saved = run_action(
            form, actions.submit_help_request, service=service, ip_address=client_ip(request), **data
        )
        if saved is not None:
            return redirect("portal:receipt", lang=lang, token=signing.dumps(saved.pk, salt=RECEIPT_SALT))
    return render(request, "portal/ask_for_help.html", {"lang": lang, "form": form, "service": service})


@portal_page
@require_GET
def receipt(request, lang, token: str):
    try:
        help_request_id = signing.loads(token, salt=RECEIPT_SALT, max_age=7 * 24 * 3600)
    except signing.BadSignature:
        raise Http404() from None
    return render(request, "portal/receipt.html", pages.receipt_context(help_request_id, lang))


@portal_page
@require_POST
def feedback(request, lang):
    form = FeedbackForm(request.POST)
    back = safe_next(request, reverse("portal:home", kwargs={"lang": lang}))
    if form.is_valid():
        data = form.cleaned_data
        actions.submit_page_feedback(
            path=data["path"],
            language=lang,
            useful=data["useful"],
            comment=data["comment"],
            service=pages.optional_service(data.get("service")),
            location=pages.optional_place(data.get("location")),
        )
        messages.success(request, _("Grazie: il tuo parere è arrivato a chi cura questa pagina."))
    else:
        messages.error(request, _("Scegli «Sì» o «No» prima di inviare il parere."))
    return redirect(back + "#feedback")


@portal_page
@require_GET
def accessibility(request, lang):
    return render(
        request,
        "portal/accessibility.html",
        {"lang": lang, "contact": settings.INTRECCIO_ACCESSIBILITY_EMAIL},
    )


@portal_page
@require_GET
def privacy(request, lang):
    return render(
        request,
        "portal/privacy.html",
        {
            "lang": lang,
            "controller": settings.INTRECCIO_CONTROLLER,
            "dpo_email": settings.INTRECCIO_DPO_EMAIL,
        },
    )


# --- operators ------------------------------------------------------------------------------------


def _check_operator(request) -> None:
    """Deny by default: an account with no active role is not an operator (docs/security.md)."""
    if not is_operator(request.user):
        raise PermissionDenied(_("Pagina riservata agli operatori con un ruolo in un ente."))


@require_GET
def help_request_list(request):
    _check_operator(request)
    status = request.GET.get("stato", "new")
    requests = queries.help_requests_visible_to(request.user)
    if status in {"new", "contacted", "closed"}:
        requests = requests.filter(status=status)
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    queries.audit_list_read(request.user, page.object_list)
    return render(request, "portal/help_request_list.html", {"page": page, "status": status})


@require_http_methods(["GET", "POST"])
def help_request_detail(request, help_request_id: int):
    help_request = queries.get_help_request_for_user(request.user, help_request_id)
    if request.method == "POST":
        action = (
            actions.close_help_request
            if request.POST.get("esito") == "closed"
            else actions.mark_help_request_contacted
        )
        try:
            action(help_request, actor=request.user, note=request.POST.get("note", ""))
        except ApplicationError as error:
            if error.status in (403, 404):
                raise
            messages.error(request, error.message)
        else:
            messages.success(request, _("Richiesta aggiornata."))
            return redirect("portal:help_request", help_request.pk)
    return render(request, "portal/help_request_detail.html", {"help_request": help_request})


@require_GET
def feedback_list(request):
    _check_operator(request)
    feedback = queries.feedback_visible_to(request.user)
    page = Paginator(feedback, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/feedback_list.html",
        {"page": page, "summary": queries.feedback_summary(feedback)},
    )
