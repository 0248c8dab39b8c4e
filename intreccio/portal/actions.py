"""Every change the portal makes: a citizen's request for help, its hand-off, page feedback."""

import datetime
import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.organisations import queries as organisation_queries
from intreccio.organisations.models import Organisation, Site

from . import events
from .models import HELP_REQUEST_TRANSITIONS, HelpRequest, PageFeedback
from .rules import can_handle_help_request

CONSENT_TEXT = (
    "Acconsento a essere ricontattato da un operatore della rete dei servizi sociali dell'ambito per la "
    "richiesta che ho inviato. I miei dati sono usati solo per questo e cancellati dopo 12 mesi."
)


class TooManyRequests(ApplicationError):
    code = "too_many_requests"
    status = 429


def client_fingerprint(ip_address: str | None) -> str:
    """A keyed hash of the caller's address: enough to limit the rate, useless to identify anyone."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (ip_address or "unknown").encode(), hashlib.sha256).hexdigest()


def _check_contact(method: str, contact: str) -> str:
    contact = contact.strip()
    if method == HelpRequest.ContactMethod.EMAIL:
        try:
            validate_email(contact)
        except ValidationError:
            raise ApplicationError(
                _("L'indirizzo e-mail «%(contact)s» non sembra valido: controllalo o scegli il telefono.")
                % {"contact": contact},
                code="invalid_contact",
                details={"field": "contact"},
            ) from None
        return contact
    digits = re.sub(r"[^\d+]", "", contact)
    if len(re.sub(r"\D", "", digits)) < 6:
        raise ApplicationError(
            _("Il numero di telefono «%(contact)s» è troppo corto: scrivilo con il prefisso.")
            % {"contact": contact},
            code="invalid_contact",
            details={"field": "contact"},
        )
    return contact


def submit_help_request(
    *,
    need,
    municipality,
    language: str,
    name: str,
    contact_method: str,
    contact: str,
    consent_to_contact: bool,
    preferred_time: str = "",
    message: str = "",
    service=None,
    ip_address: str | None = None,
) -> HelpRequest:
    """Store a citizen's request to be contacted; the network takes it over after commit (hand-off).

    Refused without consent, with an unusable contact, or when the same
    address sent INTRECCIO_HELP_REQUESTS_PER_HOUR requests in the last hour.
    """
    if not consent_to_contact:
        raise ApplicationError(
            _(
                "Senza il consenso a essere ricontattati non possiamo rispondere: "
                "spunta la casella del consenso."
            ),
            code="consent_missing",
            details={"field": "consent_to_contact"},
        )
    if contact_method not in HelpRequest.ContactMethod.values:
        raise ApplicationError(_("Scegli come preferisci essere contattato."), code="invalid_contact")
    contact = _check_contact(contact_method, contact)
    fingerprint = client_fingerprint(ip_address)
    limit = settings.INTRECCIO_HELP_REQUESTS_PER_HOUR
    since = timezone.now() - datetime.timedelta(hours=1)
    with transaction.atomic():
        recent = HelpRequest.objects.filter(client_fingerprint=fingerprint, created_at__gte=since).count()
        if recent >= limit:
            raise TooManyRequests(
                _(
                    "Da questa connessione sono già arrivate %(count)s richieste nell'ultima ora. "
                    "Riprova più tardi "
                    "o telefona al segretariato sociale del tuo comune."
                )
                % {"count": recent},
            )
        help_request = HelpRequest.objects.create(
            need=need,
            municipality=municipality,
            service=service,
            language=language,
            name=name.strip(),
            contact_method=contact_method,
            contact=contact,
            preferred_time=preferred_time.strip(),
            message=message.strip(),
            consent_to_contact=True,
            consent_text=CONSENT_TEXT,
            client_fingerprint=fingerprint,
        )
        record_audit(None, AuditEntry.Action.CREATE, help_request, categories=_categories(need))
        record_event(
            events.HELP_REQUEST_RECEIVED,
            actor=None,
            subject=help_request,
            categories=_categories(need),
            payload={"need": need.code, "municipality": municipality.istat_code, "language": language},
        )
        transaction.on_commit(lambda: hand_off_help_request(help_request.pk))
    return help_request


def _categories(need) -> list[str]:
    return [need.sensitive_category] if need.sensitive_category else []


def route_help_request(municipality, service=None) -> Organisation | None:
    """The organisation that calls the person back: the service's, else the municipality's social secretariat.

    Fallbacks: any access point in the municipality, then the district's planning office.
    """
    if service is not None and service.organisation.active:
        return service.organisation
    points = organisation_queries.access_points().filter(municipality=municipality)
    secretariat = points.filter(access_point_kind=Site.AccessPointKind.SOCIAL_SECRETARIAT)
    for candidates in (
        secretariat.filter(organisation__kind=Organisation.Kind.MUNICIPALITY),
        secretariat,
        points,
    ):
        site = candidates.order_by("organisation__name", "pk").first()
        if site is not None:
            return site.organisation
    return (
        organisation_queries.organisations_for_setup()
        .filter(kind=Organisation.Kind.PLANNING_OFFICE, district=municipality.district_id, active=True)
        .order_by("pk")
        .first()
    )


def _micro_territory_of(municipality):
    """The municipality's micro-territory when it lies in exactly one (else None: routing decides)."""
    micro_territories = list(municipality.micro_territories.all()[:2])
    return micro_territories[0] if len(micro_territories) == 1 else None


def hand_off_help_request(help_request_id: int) -> HelpRequest:
    """THE hand-off point to the network: the request becomes an intake routed like any other.

    The organisation the request is addressed to (route_help_request: the
    service's, else the municipality's social secretariat) is the door; the
    intake (source PORTAL, report_concern) is routed to a team with its
    deadline, and the request waits in the portal queue of that team's
    organisation. When no team can receive it, it waits at the door's
    organisation as before.
    """
    from intreccio.intake.actions import report_concern
    from intreccio.intake.models import Intake, Urgency

    with transaction.atomic():
        help_request = (
            HelpRequest.objects.select_for_update(of=("self",))
            .select_related("service__organisation", "need", "municipality")
            .get(pk=help_request_id)
        )
        if help_request.handed_off_at is not None:
            return help_request
        organisation = route_help_request(help_request.municipality, help_request.service)
        intake = None
        if organisation is not None:
            details = [
                _("Lingua in cui ricontattare: %(language)s.") % {"language": help_request.language},
                help_request.preferred_time
                and _("Quando chiamare: %(time)s.") % {"time": help_request.preferred_time},
                help_request.service
                and _("Dalla scheda: %(service)s.") % {"service": help_request.service.name},
                help_request.message,
            ]
            try:
                intake = report_concern(
                    actor=None,
                    subject_description=_("%(name)s (richiesta dal portale %(code)s, %(municipality)s)")
                    % {
                        "name": help_request.name,
                        "code": help_request.receipt_code,
                        "municipality": help_request.municipality.name,
                    },
                    needs=[help_request.need],
                    urgency=Urgency.ORDINARY,
                    micro_territory=_micro_territory_of(help_request.municipality),
                    narrative="\n".join(str(line) for line in details if line),
                    source=Intake.Source.PORTAL,
                    organisation=organisation,
                    contact=f"{help_request.get_contact_method_display()}: {help_request.contact}",
                )
            except ApplicationError:
                intake = None  # no team anywhere: the request waits at the door's organisation
        if intake is not None and intake.routed_to_team_id:
            organisation = intake.routed_to_team.organisation
        help_request.routed_organisation = organisation
        help_request.handed_off_at = timezone.now()
        help_request.save(update_fields=["routed_organisation", "handed_off_at", "updated_at"])
        record_event(
            events.HELP_REQUEST_HANDED_OFF,
            actor=None,
            subject=help_request,
            organisation_id=organisation.pk if organisation else None,
            categories=_categories(help_request.need),
            payload={
                "routed_to": organisation.pk if organisation else None,
                "intake": intake.pk if intake is not None else None,
            },
        )
    return help_request


def _move(help_request: HelpRequest, *, actor, status: str, note: str, event: str) -> HelpRequest:
    if not can_handle_help_request(actor, help_request.routed_organisation):
        raise PermissionDenied(
            _("Solo gli operatori dell'ente a cui è arrivata la richiesta possono gestirla.")
        )
    with transaction.atomic():
        help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        HELP_REQUEST_TRANSITIONS.check(help_request.status, status, labels=dict(HelpRequest.Status.choices))
        old = help_request.status
        help_request.status = status
        help_request.handled_by = actor
        if note.strip():
            help_request.outcome_note = note.strip()
        help_request.save(update_fields=["status", "handled_by", "outcome_note", "updated_at"])
        record_audit(actor, AuditEntry.Action.UPDATE, help_request, details={"status": [old, status]})
        record_event(
            event,
            actor=actor,
            subject=help_request,
            organisation_id=help_request.routed_organisation_id,
            payload={"from": old, "to": status},
        )
    return help_request


def mark_help_request_contacted(help_request: HelpRequest, *, actor, note: str = "") -> HelpRequest:
    return _move(
        help_request,
        actor=actor,
        status=HelpRequest.Status.CONTACTED,
        note=note,
        event=events.HELP_REQUEST_CONTACTED,
    )


def close_help_request(help_request: HelpRequest, *, actor, note: str) -> HelpRequest:
    if not note.strip():
        raise ApplicationError(
            _("Scrivi com'è andata prima di chiudere la richiesta."),
            code="outcome_missing",
            details={"field": "note"},
        )
    return _move(
        help_request,
        actor=actor,
        status=HelpRequest.Status.CLOSED,
        note=note,
        event=events.HELP_REQUEST_CLOSED,
    )


def submit_page_feedback(
    *, path: str, language: str, useful: bool, comment: str = "", service=None, location=None
) -> PageFeedback:
    """Store a "was this page useful?" answer (AgID), for the organisation the page is about."""
    organisation = (service.organisation if service else None) or (
        location.organisation if location else None
    )
    with transaction.atomic():
        feedback = PageFeedback.objects.create(
            path=path[:300],
            language=language,
            useful=useful,
            comment=comment.strip()[:500],
            service=service,
            location=location,
            organisation=organisation,
        )
        record_event(
            events.PAGE_FEEDBACK_RECEIVED,
            actor=None,
            subject=feedback,
            organisation_id=organisation.pk if organisation else None,
            payload={"useful": useful, "path": feedback.path},
        )
    return feedback


# Retention (privacy notice): fingerprints for a day, requests and feedback for 12 months.
FINGERPRINT_DAYS = 1
RETENTION_DAYS = 365


def purge_portal_data(*, now=None) -> dict:
    """Blank old spam fingerprints and delete requests and feedback past their retention."""
    now = now or timezone.now()
    with transaction.atomic():
        fingerprints = (
            HelpRequest.objects.filter(created_at__lt=now - datetime.timedelta(days=FINGERPRINT_DAYS))
            .exclude(client_fingerprint="")
            .update(client_fingerprint="")
        )
        old = HelpRequest.objects.filter(created_at__lt=now - datetime.timedelta(days=RETENTION_DAYS))
        ids = list(old.values_list("pk", flat=True))
        deleted = old.delete()[0] if ids else 0
        feedback = PageFeedback.objects.filter(
            created_at__lt=now - datetime.timedelta(days=RETENTION_DAYS)
        ).delete()[0]
        if ids:
            record_audit(
                None, AuditEntry.Action.DELETE, ("portal.helprequest", "retention"), details={"ids": ids}
            )
    return {"fingerprints": fingerprints, "help_requests": deleted, "feedback": feedback}
