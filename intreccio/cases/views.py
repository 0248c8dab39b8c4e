"""Case pages: my cases, one case (status, hand-over, team) and the hand-overs addressed to me."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from intreccio.core.exceptions import ApplicationError, NotFound, PermissionDenied
from intreccio.core.http import run_action
from intreccio.core.roles import PERSON_FACING_ROLES
from intreccio.core.rules import has_role

from . import actions, queries
from .forms import CaseFilterForm, DeclineForm, HandoverForm, MemberForm, NoteForm, StatusForm
from .rules import (
    can_accept_handover,
    can_cancel_handover,
    can_change_status,
    can_decline_handover,
    can_handover,
    can_manage_team,
    can_write_note,
)
from .sections import case_page

works_with_persons = has_role(*PERSON_FACING_ROLES)


def _check(allowed: bool, message: str) -> None:
    """Refuse before reading any input: the permission comes first."""
    if not allowed:
        raise PermissionDenied(message)


def _check_works_with_persons(request) -> None:
    if not works_with_persons(request.user):
        raise PermissionDenied(_("Le prese in carico sono degli operatori che lavorano con le persone."))


@require_GET
def case_list(request):
    _check_works_with_persons(request)
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = queries.my_cases(
        request.user, as_role=filters.get("ruolo") or "lead", status=filters.get("stato", "")
    )
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    queries.record_disclosure(request.user, page.object_list)
    return render(request, "cases/case_list.html", {"form": form, "page": page, "filters": filters})


def _detail(
    request, case, *, status_form=None, handover_form=None, member_form=None, note_form=None, status=200
):
    user = request.user
    manages_team = can_manage_team(user, case)
    may_handover = can_handover(user, case) and case.is_open
    members = case.active_members
    context = {
        "case": case,
        "person": queries.person_of(case),
        "members": members,
        "history": queries.status_history(case),
        "handovers": queries.handovers_of(case),
        "pending": queries.pending_handover_of(case),
        "can_change_status": can_change_status(user, case),
        "can_manage_team": manages_team and case.is_open,
        "can_handover": may_handover,
        "moves": actions.available_moves(case),
        "status_form": status_form or StatusForm(moves=actions.available_moves(case)),
        "status_url": reverse("cases:status", args=[case.pk]),
        "handover_url": reverse("cases:handover_propose", args=[case.pk]),
        "member_add_url": reverse("cases:member_add", args=[case.pk]),
        "sections": case_page.sections_for(request, case),
    }
    if note_form is not None:
        request.note_form = note_form  # the diary section shows the refused form with its errors
    if may_handover:
        context["handover_form"] = handover_form or HandoverForm(
            candidates=queries.lead_candidates(exclude=[case.lead_id])
        )
    if manages_team and case.is_open:
        context["member_form"] = member_form or MemberForm(
            candidates=queries.operator_candidates(exclude=[m.user_id for m in members])
        )
    if context["pending"] is not None:
        context["can_cancel_pending"] = can_cancel_handover(user, context["pending"])
    return render(request, "cases/case_detail.html", context, status=status)


@require_GET
def case_detail(request, case_id: int):
    case = queries.get_case_for_user(request.user, case_id, purpose="presa in carico")
    return _detail(request, case)


@require_POST
def case_status(request, case_id: int):
    case = queries.get_case_for_action(request.user, case_id)
    _check(
        can_change_status(request.user, case), _("Solo il case manager o il coordinatore cambia lo stato.")
    )
    form = StatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = run_action(
            form,
            actions.change_status,
            case,
            actor=request.user,
            move=data["move"],
            reason=data["reason"],
            outcome=data["outcome"],
        )
        if done is not None:
            messages.success(
                request, _("Stato aggiornato: %(status)s.") % {"status": done.get_status_display()}
            )
            return redirect("cases:detail", case.pk)
    return _detail(request, case, status_form=form)


@require_POST
def handover_propose(request, case_id: int):
    case = queries.get_case_for_action(request.user, case_id)
    _check(can_handover(request.user, case), _("Solo il case manager o il coordinatore passa la regia."))
    form = HandoverForm(request.POST, candidates=queries.lead_candidates(exclude=[case.lead_id]))
    if form.is_valid():
        to_user = queries.get_operator(form.cleaned_data["to_user"])
        done = run_action(
            form,
            actions.propose_handover,
            case,
            actor=request.user,
            to_user=to_user,
            note=form.cleaned_data["note"],
        )
        if done is not None:
            messages.success(
                request, _("Passaggio di consegne proposto: diventa effettivo quando viene accettato.")
            )
            return redirect("cases:detail", case.pk)
    return _detail(request, case, handover_form=form)


@require_POST
def member_add(request, case_id: int):
    case = queries.get_case_for_action(request.user, case_id)
    _check(can_manage_team(request.user, case), _("Solo il case manager o il coordinatore cambia l'équipe."))
    form = MemberForm(request.POST, candidates=queries.operator_candidates())
    if form.is_valid():
        user = queries.get_operator(form.cleaned_data["user"])
        done = run_action(
            form, actions.add_team_member, case, actor=request.user, user=user, role=form.cleaned_data["role"]
        )
        if done is not None:
            messages.success(request, _("%(user)s fa ora parte dell'équipe.") % {"user": user})
            return redirect("cases:detail", case.pk)
    return _detail(request, case, member_form=form)


@require_POST
def member_remove(request, case_id: int, user_id: int):
    case = queries.get_case_for_action(request.user, case_id)
    _check(can_manage_team(request.user, case), _("Solo il case manager o il coordinatore cambia l'équipe."))
    user = queries.get_operator(user_id)
    _attempt(request, actions.remove_team_member, case, user=user, success=_("Operatore tolto dall'équipe."))
    return redirect("cases:detail", case.pk)


def _attempt(request, action, /, *args, success: str, **kwargs) -> bool:
    """Run an action of a one-button form: its refusal becomes a message on the next page."""
    try:
        action(*args, actor=request.user, **kwargs)
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


@require_GET
def handover_list(request):
    _check_works_with_persons(request)
    addressed = list(queries.handovers_addressed_to(request.user))
    proposed = list(queries.handovers_proposed_by(request.user))
    queries.record_disclosure(request.user, [handover.case for handover in addressed + proposed])
    return render(
        request,
        "cases/handover_list.html",
        {"addressed": addressed, "proposed": proposed, "decline_form": DeclineForm()},
    )


@require_POST
def handover_accept(request, handover_id: int):
    handover = queries.get_handover_for_user(request.user, handover_id)
    _check(can_accept_handover(request.user, handover), _("Il passaggio non è proposto a te."))
    accepted = _attempt(
        request, actions.accept_handover, handover, success=_("Ora sei il case manager di questa persona.")
    )
    if accepted:
        return redirect("cases:detail", handover.case_id)
    return redirect("cases:handovers")


@require_POST
def handover_decline(request, handover_id: int):
    handover = queries.get_handover_for_user(request.user, handover_id)
    _check(can_decline_handover(request.user, handover), _("Il passaggio non è proposto a te."))
    form = DeclineForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            actions.decline_handover,
            handover,
            reason=form.cleaned_data["reason"],
            success=_("Passaggio rifiutato."),
        )
    else:
        messages.error(request, _("Scrivi perché rifiuti: lo leggerà chi te l'ha proposto."))
    return redirect("cases:handovers")


@require_POST
def handover_cancel(request, handover_id: int):
    handover = queries.get_handover_for_user(request.user, handover_id)
    _check(can_cancel_handover(request.user, handover), _("Solo chi l'ha proposto annulla il passaggio."))
    _attempt(request, actions.cancel_handover, handover, success=_("Passaggio di consegne annullato."))
    return redirect("cases:detail", handover.case_id)


@require_POST
def note_write(request, case_id: int):
    case = queries.get_case_for_action(request.user, case_id)
    _check(
        can_write_note(request.user, case),
        _("Solo il case manager e l'équipe della presa in carico scrivono nel diario."),
    )
    form = NoteForm(request.POST)
    if form.is_valid():
        done = run_action(form, actions.write_note, case, actor=request.user, **form.cleaned_data)
        if done is not None:
            messages.success(request, _("Nota aggiunta al diario."))
            return redirect(reverse("cases:detail", args=[case.pk]) + "#diary-heading")
    return _detail(request, case, note_form=form, status=400)
