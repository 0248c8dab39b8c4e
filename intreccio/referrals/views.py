"""Referral pages: send from a case, one referral (moves, thread), the receiving queue, the sent list."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intreccio.cases.queries import get_case_for_user, person_of
from intreccio.core.exceptions import ApplicationError, NotFound, PermissionDenied
from intreccio.core.roles import PERSON_FACING_ROLES
from intreccio.core.rules import has_role
from intreccio.directory.queries import active_needs, get_need

from . import actions, queries
from .exceptions import ConsentMissing
from .forms import (
    AssignForm,
    MessageForm,
    QueueFilterForm,
    SendForm,
    SentFilterForm,
    ServiceFilterForm,
    TransitionForm,
    stalled_filter,
)
from .models import Referral
from .rules import can_send_referral, sides

works_with_persons = has_role(*PERSON_FACING_ROLES)
Status = Referral.Status

# The button of each move, by target (and by source where one target has several meanings).
MOVE_LABELS = {
    Status.RECEIVED: gettext_lazy("Conferma la ricezione"),
    Status.ACCEPTED: gettext_lazy("Accetta"),
    Status.REJECTED: gettext_lazy("Rifiuta"),
    Status.IN_PROGRESS: gettext_lazy("Avvia il lavoro"),
    Status.ON_HOLD: gettext_lazy("Sospendi"),
    Status.COMPLETED: gettext_lazy("Concludi con un esito"),
    Status.FAILED: gettext_lazy("Chiudi come non riuscito"),
    Status.CANCELLED: gettext_lazy("Annulla l'invio"),
    Status.REQUESTED: gettext_lazy("Invia di nuovo"),
}
ORDER = [
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.IN_PROGRESS,
    Status.COMPLETED,
    Status.ON_HOLD,
    Status.REJECTED,
    Status.FAILED,
    Status.CANCELLED,
    Status.REQUESTED,
]


def _check_works_with_persons(request) -> None:
    if not works_with_persons(request.user):
        raise PermissionDenied(_("Gli invii sono degli operatori che lavorano con le persone."))


def move_label(source: str, target: str) -> str:
    if target == Status.IN_PROGRESS and source == Status.ON_HOLD:
        return _("Riprendi")
    if target == Status.IN_PROGRESS and source in Referral.CLOSED:
        return _("Riapri")
    return str(MOVE_LABELS[target])


def available_moves(user, referral) -> list[dict]:
    """The moves the table allows from the referral's state that the viewer's side makes, in order."""
    held = sides(user, referral)
    source = referral.status
    moves = []
    for target in ORDER:
        if Referral.TRANSITIONS.allows(source, target) and Referral.SIDE[target] in held:
            moves.append(
                {
                    "to": target,
                    "label": move_label(source, target),
                    "needs_reason": target in Referral.REASON_REQUIRED or source in Referral.CLOSED,
                    "needs_outcome": target == Status.COMPLETED,
                }
            )
    return moves


# --- sending ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def send(request, case_id: int):
    case = get_case_for_user(request.user, case_id, purpose="invio a un servizio")
    if not can_send_referral(request.user, case):
        raise PermissionDenied(_("Solo il case manager o chi è nell'équipe invia a un servizio."))
    action = queries.plan_action_of_case(case, request.GET["azione"]) if request.GET.get("azione") else None
    filter_form = ServiceFilterForm(request.GET or None, needs=active_needs())
    need = None
    if filter_form.is_valid() and filter_form.cleaned_data.get("bisogno"):
        need = get_need(filter_form.cleaned_data["bisogno"])
    elif action is not None and action.goal_id and action.goal.need_id:
        need = action.goal.need
    services = queries.services_to_choose(need=need)
    initial = {"request": action.description if action else ""}
    if action is not None and action.service_id:
        initial["service"] = action.service_id
    form = SendForm(request.POST or None, services=services, initial=initial)
    consent_missing = None
    if request.method == "POST" and form.is_valid():
        service = next(s for s in services if s.pk == form.cleaned_data["service"])
        referral = None
        try:
            referral = actions.send_referral(
                case,
                service,
                form.cleaned_data["request"],
                actor=request.user,
                action=action,
                need=need,
                urgent=form.cleaned_data["urgent"],
            )
        except ConsentMissing as error:
            consent_missing = {"message": error.message, **error.details}
        except (NotFound, PermissionDenied):
            raise
        except ApplicationError as error:
            form.add_error(None, error.message)
        if referral is not None:
            messages.success(
                request,
                _("Invio n. %(number)s inviato a «%(service)s».")
                % {"number": referral.pk, "service": service.name},
            )
            return redirect("referrals:detail", referral.pk)
    return render(
        request,
        "referrals/send.html",
        {
            "case": case,
            "person": person_of(case),
            "action": action,
            "need": need,
            "filter_form": filter_form,
            "form": form,
            "services": services,
            "consent_missing": consent_missing,
        },
        status=409 if consent_missing else 200,
    )


# --- one referral -------------------------------------------------------------------------------


def _detail(request, referral, *, message_form=None):
    user = request.user
    held = sides(user, referral)
    receiver = Referral.RECEIVER in held
    context = {
        "referral": referral,
        "held": held,
        "is_sender": Referral.SENDER in held,
        "is_receiver": receiver,
        "moves": available_moves(user, referral),
        "transition_form": TransitionForm(),
        "history": queries.history(referral),
        "thread": queries.thread(referral),
        "message_form": message_form or MessageForm(),
        "capacity_at_send": _capacity_label(referral.capacity_status_at_send),
    }
    if receiver and not referral.is_closed:
        context["assign_form"] = AssignForm(
            operators=queries.operator_choices(referral.to_organisation_id),
            initial={"operator": referral.assigned_to_id},
        )
    return render(request, "referrals/detail.html", context)


def _capacity_label(status: str) -> str:
    from intreccio.directory.models import CapacityStatus

    return str(CapacityStatus(status).label) if status in CapacityStatus.values else status


@require_GET
def detail(request, referral_id: int):
    referral = queries.get_referral_for_user(request.user, referral_id, purpose="invio")
    return _detail(request, referral)


def _refused(request, error: ApplicationError) -> None:
    if isinstance(error, NotFound | PermissionDenied):
        raise error
    messages.error(request, error.message)


@require_POST
def move(request, referral_id: int):
    referral = queries.get_referral_for_action(request.user, referral_id)
    if not sides(request.user, referral):
        raise PermissionDenied(_("Non partecipi a questo invio."))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Controlla i dati: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("referrals:detail", referral.pk)
    data = form.cleaned_data
    try:
        done = actions.transition(
            referral,
            actor=request.user,
            to=data["to"],
            reason=data["reason"],
            note=data["note"],
            outcome=data["outcome"],
            outcome_note=data["outcome_note"],
        )
    except ApplicationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Stato dell'invio: %(status)s.") % {"status": done.get_status_display()})
    return redirect("referrals:detail", referral.pk)


@require_POST
def assign(request, referral_id: int):
    referral = queries.get_referral_for_action(request.user, referral_id)
    if Referral.RECEIVER not in sides(request.user, referral):
        raise PermissionDenied(_("Solo l'ente che riceve l'invio sceglie chi lo segue."))
    form = AssignForm(request.POST, operators=queries.operator_choices(referral.to_organisation_id))
    if form.is_valid():
        try:
            done = actions.assign_referral(
                referral, actor=request.user, to_user=form.cleaned_data["operator"]
            )
        except ApplicationError as error:
            _refused(request, error)
        else:
            messages.success(
                request, _("Ora segue l'invio: %(user)s.") % {"user": done.assigned_to.get_full_name()}
            )
    else:
        messages.error(request, _("Scegli l'operatore che segue l'invio."))
    return redirect("referrals:detail", referral.pk)


@require_POST
def message(request, referral_id: int):
    referral = queries.get_referral_for_action(request.user, referral_id)
    if not sides(request.user, referral):
        raise PermissionDenied(_("Scrivono nel filo dell'invio solo chi lo ha inviato e chi lo riceve."))
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.post_message(
                referral,
                actor=request.user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
        except ApplicationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Messaggio inviato."))
    else:
        messages.error(request, _("Controlla il messaggio: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect(reverse("referrals:detail", args=[referral.pk]) + "#thread-heading")


@require_GET
def attachment(request, attachment_id: int):
    """Download an attachment (audited); the same type and size rules as on upload."""
    item = queries.get_attachment_for_user(request.user, attachment_id)
    allowed = {content_type for content_type, _signatures in actions.ATTACHMENT_TYPES.values()}
    if item.content_type not in allowed or item.size > actions.MAX_ATTACHMENT_BYTES:
        raise NotFound()
    with item.file.open("rb") as stored:  # at most 10 MB: read whole, not streamed
        response = HttpResponse(stored.read(), content_type=item.content_type)
    response["Content-Disposition"] = content_disposition_header(True, item.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- lists --------------------------------------------------------------------------------------


@require_GET
def inbox(request):
    _check_works_with_persons(request)
    services = list(queries.services_received_by(request.user))
    form = QueueFilterForm(request.GET or None, services=services)
    filters = form.cleaned_data if form.is_valid() else {}
    service = next((s for s in services if s.pk == filters.get("servizio")), None)
    referrals = queries.received(
        request.user,
        status=filters.get("stato", ""),
        service=service,
        stalled=stalled_filter(filters.get("fermi", "")),
    )
    page = Paginator(referrals, 25).get_page(request.GET.get("page"))
    queries.record_disclosure(request.user, page.object_list)
    return render(request, "referrals/inbox.html", {"form": form, "page": page, "filters": filters})


@require_GET
def sent(request):
    _check_works_with_persons(request)
    form = SentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    referrals = queries.sent(
        request.user, status=filters.get("stato", ""), stalled=stalled_filter(filters.get("fermi", ""))
    )
    page = Paginator(referrals, 25).get_page(request.GET.get("page"))
    queries.record_disclosure(request.user, page.object_list)
    return render(request, "referrals/sent.html", {"form": form, "page": page, "filters": filters})
