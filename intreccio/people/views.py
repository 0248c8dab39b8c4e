"""Person pages: find-or-register, the person, documents, network, sharing, notice, access report."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intreccio.core.exceptions import ApplicationError, NotFound, PermissionDenied
from intreccio.core.http import run_action
from intreccio.organisations.models import Organisation

from . import actions, queries
from .exceptions import ProbableDuplicate
from .forms import (
    DocumentForm,
    HouseholdForm,
    MemberForm,
    NoticeForm,
    OtherNameForm,
    PersonForm,
    RegistrationForm,
    RelationForm,
    SearchForm,
)
from .models import HouseholdMember, PersonName
from .notices import CURRENT_VERSION, notice_language, notice_text
from .rules import can_register_person, can_search_persons, can_view_access_report
from .sections import person_actions, sections_for


def _check_works_with_persons(request) -> None:
    if not can_search_persons(request.user):
        raise PermissionDenied(
            _("La ricerca delle persone è riservata a chi lavora con le persone in un ente.")
        )


def _pdf(request, template: str, context: dict, filename: str) -> HttpResponse:
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def search(request):
    _check_works_with_persons(request)
    form = SearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "form": form,
        "text": text,
        "results": queries.find_persons(request.user, text) if text else [],
        "person_actions": person_actions(),
    }
    template = "people/search.html#results" if request.htmx else "people/search.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def register(request):
    if not can_register_person(request.user):
        raise PermissionDenied(
            _("Registrare una persona richiede un ruolo di lavoro con le persone nell'ente.")
        )
    form = RegistrationForm(
        request.POST or None, initial={"living_situation": "unknown", "residence_status": "unknown"}
    )
    matches = []
    if form.is_valid():
        try:
            person = actions.register_person(
                actor=request.user,
                confirm_duplicate=form.cleaned_data["confirm_duplicate"],
                documents=form.documents(),
                **form.values(),
            )
        except ProbableDuplicate as duplicate:
            found = queries.find_persons(request.user, _duplicate_text(form), limit=10)
            matches = [result for result in found if result.person_id in duplicate.candidates]
            form.add_error(None, duplicate.message)
        except (NotFound, PermissionDenied):
            raise
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Persona registrata."))
            return redirect("people:person", person.pk)
    return render(request, "people/register.html", {"form": form, "matches": matches})


def _duplicate_text(form) -> str:
    data = form.cleaned_data
    parts = [data.get("given_names", ""), data.get("surnames", ""), data.get("document_number", "")]
    if data.get("birth_date"):
        parts.append(str(data["birth_date"].year))
    return " ".join(part for part in parts if part)


@require_GET
def person_page(request, person_id: int):
    person = queries.get_person_for_user(request.user, person_id, purpose="scheda della persona")
    return render(
        request,
        "people/person.html",
        {
            "person": person,
            **queries.person_detail(person),
            "sections": sections_for(request, person),
            "person_actions": person_actions(),
            "can_view_access_report": can_view_access_report(request.user, person),
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request, person_id: int):
    person = queries.get_person_for_user(request.user, person_id, purpose="modifica dei dati")
    form = PersonForm(request.POST or None, initial=PersonForm.initial_for(person))
    if form.is_valid() and run_action(
        form, actions.update_person, person, actor=request.user, **form.values()
    ):
        messages.success(request, _("Dati aggiornati."))
        return redirect("people:person", person.pk)
    return render(request, "people/edit.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def documents(request, person_id: int):
    person = queries.get_person_for_user(request.user, person_id, purpose="documenti")
    which = request.POST.get("form")
    document_form = DocumentForm(request.POST if which == "document" else None, prefix="document")
    name_form = OtherNameForm(request.POST if which == "name" else None, prefix="name")
    if which == "document" and document_form.is_valid():
        if run_action(
            document_form, actions.add_document, person, actor=request.user, **document_form.cleaned_data
        ):
            messages.success(request, _("Documento aggiunto."))
            return redirect("people:documents", person.pk)
    if which == "name" and name_form.is_valid():
        if run_action(
            name_form, actions.add_other_name, person, actor=request.user, **name_form.cleaned_data
        ):
            messages.success(request, _("Altro nome aggiunto: la ricerca lo troverà."))
            return redirect("people:documents", person.pk)
    return render(
        request,
        "people/documents.html",
        {
            "person": person,
            "documents": queries.documents_of(person),
            "other_names": list(person.other_names.all()),
            "document_form": document_form,
            "name_form": name_form,
        },
    )


@require_POST
def name_remove(request, person_id: int, name_id: int):
    person = queries.get_person_for_user(request.user, person_id, purpose="documenti")
    name = PersonName.objects.filter(person=person, pk=name_id).first()
    if name is None:
        raise NotFound()
    actions.remove_other_name(name, actor=request.user)
    messages.success(request, _("Nome tolto."))
    return redirect("people:documents", person.pk)


@require_http_methods(["GET", "POST"])
def network(request, person_id: int):
    person = queries.get_person_for_user(request.user, person_id, purpose="nucleo e relazioni")
    which = request.POST.get("form")
    candidates = queries.household_candidates(request.user, person)
    household_form = HouseholdForm(request.POST if which == "household" else None, prefix="household")
    member_form = MemberForm(
        request.POST if which == "member" else None, prefix="member", candidates=candidates
    )
    relation_form = RelationForm(
        request.POST if which == "relation" else None, prefix="relation", candidates=candidates
    )
    detail = queries.person_detail(person)
    current = detail["memberships"][0].household if detail["memberships"] else None
    done = None
    if which == "household" and household_form.is_valid():
        done = run_action(
            household_form,
            actions.create_household,
            actor=request.user,
            head=person,
            **household_form.cleaned_data,
        )
    elif which == "member" and member_form.is_valid():
        if current is None:
            member_form.add_error(None, _("Prima crea il nucleo della persona."))
        else:
            data = member_form.cleaned_data
            done = run_action(
                member_form,
                actions.add_household_member,
                current,
                data["person"],
                actor=request.user,
                role=data["role"],
            )
    elif which == "relation" and relation_form.is_valid():
        data = relation_form.cleaned_data
        done = run_action(
            relation_form,
            actions.add_relation,
            person,
            data["other"],
            actor=request.user,
            kind=data["kind"],
            note=data["note"],
        )
    if done is not None:
        messages.success(request, _("Salvato."))
        return redirect("people:network", person.pk)
    return render(
        request,
        "people/network.html",
        {
            "person": person,
            **detail,
            "household_form": household_form,
            "member_form": member_form,
            "relation_form": relation_form,
        },
    )


@require_POST
def membership_end(request, person_id: int, membership_id: int):
    person = queries.get_person_for_user(request.user, person_id, purpose="nucleo e relazioni")
    membership = HouseholdMember.objects.filter(person=person, pk=membership_id).first()
    if membership is None:
        raise NotFound()
    actions.end_household_membership(membership, actor=request.user)
    messages.success(request, _("Uscita dal nucleo registrata."))
    return redirect("people:network", person.pk)


@require_http_methods(["GET", "POST"])
def sharing(request, person_id: int):
    from .forms import SharingForm

    person = queries.get_person_for_user(request.user, person_id, purpose="scelte di condivisione")
    in_force = queries.consent_in_force(person)
    initial = (
        {
            "scope": in_force.scope,
            "organisations": list(in_force.organisations.all()),
            "organisation_kinds": in_force.organisation_kinds,
            "purposes": in_force.purposes,
        }
        if in_force
        else {"scope": person.sharing}
    )
    form = SharingForm(
        request.POST or None,
        initial=initial,
        organisations=Organisation.objects.filter(active=True).order_by("name"),
    )
    if form.is_valid() and run_action(
        form, actions.record_sharing_choice, person, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("Scelta di condivisione registrata: vale da subito."))
        return redirect("people:person", person.pk)
    return render(
        request,
        "people/sharing.html",
        {"person": person, "form": form, "history": queries.consent_history(person)},
    )


@require_POST
def sharing_withdraw(request, person_id: int):
    person = queries.get_person_for_user(request.user, person_id, purpose="revoca della condivisione")
    actions.withdraw_sharing(person, actor=request.user)
    messages.success(request, _("Condivisione revocata: da ora gli altri enti non vedono più la persona."))
    return redirect("people:person", person.pk)


@require_http_methods(["GET", "POST"])
def notice(request, person_id: int):
    person = queries.get_person_for_user(request.user, person_id, purpose="informativa")
    form = NoticeForm(request.POST or None, initial={"language": notice_language(person.preferred_language)})
    if form.is_valid() and run_action(
        form,
        actions.give_information_notice,
        person,
        actor=request.user,
        language=form.cleaned_data["language"],
    ):
        messages.success(request, _("Consegna dell'informativa registrata."))
        return redirect("people:person", person.pk)
    return render(
        request,
        "people/notice.html",
        {
            "person": person,
            "form": form,
            "version": CURRENT_VERSION,
            "notices": queries.person_detail(person)["notices"],
        },
    )


@require_GET
def notice_pdf(request, person_id: int):
    person = queries.get_person_for_user(request.user, person_id, purpose="stampa dell'informativa")
    language = notice_language(request.GET.get("lingua") or person.preferred_language)
    organisation = request.user.active_organisation
    text = notice_text(language)
    signature = text["signature"].format(
        date=timezone.localdate().strftime("%d/%m/%Y"), organisation=organisation.name
    )
    return _pdf(
        request,
        "people/notice_pdf.html",
        {
            "person": person,
            "language": language,
            "text": text,
            "signature": signature,
            "version": CURRENT_VERSION,
        },
        f"informativa-{person.pk}-{language}.pdf",
    )


def _access_report_context(request, person_id):
    person = queries.get_person_for_access_report(request.user, person_id)
    return {"person": person, "entries": queries.access_report(person), "generated_at": timezone.now()}


@require_GET
def access_report(request, person_id: int):
    context = _access_report_context(request, person_id)
    context["pdf_url"] = reverse("people:access_report_pdf", args=[person_id])
    return render(request, "people/access_report.html", context)


@require_GET
def access_report_pdf(request, person_id: int):
    context = _access_report_context(request, person_id)
    return _pdf(request, "people/access_report_pdf.html", context, f"accessi-{person_id}.pdf")
