"""Helpers every directory action shares: history rows, permission and value checks, the search index."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.core.exceptions import ApplicationError, PermissionDenied

from ..models import (
    ChangeRecord,
    Language,
    Location,
    Service,
    ServiceAtLocation,
    Translation,
)
from ..text import index_text


def actor_label(actor) -> str:
    if actor is None:
        return "sistema"
    return f"{actor.get_full_name()} <{actor.email}>"


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def record_changes(resource, resource_type: str, changes: dict, *, actor, action_type: str, by: str = ""):
    """Write one ChangeRecord per changed field (HSDS metadata)."""
    now = timezone.now()
    ChangeRecord.objects.bulk_create(
        ChangeRecord(
            resource_id=resource.uuid,
            resource_type=resource_type,
            last_action_date=now,
            last_action_type=action_type,
            field_name=field,
            previous_value=_text(old)[:5000],
            replacement_value=_text(new)[:5000],
            updated_by=by or actor_label(actor),
            actor=actor if getattr(actor, "pk", None) else None,
        )
        for field, (old, new) in changes.items()
    )


def _apply(instance, values: dict) -> dict:
    """Set changed attributes; return {field: (old, new)} for those that changed."""
    changes = {}
    for field, value in values.items():
        old = getattr(instance, field)
        if old != value:
            changes[field] = (old, value)
            setattr(instance, field, value)
    return changes


def _check_permission(predicate, actor, organisation, message):
    if actor is not None and not predicate(actor, organisation):
        raise PermissionDenied(message)


def _check_ages(minimum, maximum):
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ApplicationError(
            _("L'età minima (%(min)s) è maggiore di quella massima (%(max)s): correggi una delle due.")
            % {"min": minimum, "max": maximum},
            code="invalid_age_range",
        )


def _check_status(status):
    if status is not None and status not in Service.Status.values:
        raise ApplicationError(
            _("Stato del servizio sconosciuto: %(status)s. Usa uno di: %(allowed)s.")
            % {"status": status, "allowed": ", ".join(Service.Status.values)},
            code="unknown_service_status",
        )


def _check_languages(codes):
    bad = [code for code in codes if not code.isalpha() or not 2 <= len(code) <= 3]
    if bad:
        raise ApplicationError(
            _("Codici di lingua non validi: %(codes)s. Usa i codici ISO 639 di due lettere (it, ar, uk…).")
            % {"codes": ", ".join(bad)},
            code="invalid_language_code",
        )


def _set_languages(*, service=None, location=None, codes):
    from ..languages import language_name

    codes = [code.strip().lower() for code in codes if code.strip()]
    _check_languages(codes)
    owner = {"service": service} if service is not None else {"location": location}
    current = {lang.code: lang for lang in Language.objects.filter(**owner)}
    Language.objects.filter(**owner).exclude(code__in=codes).delete()
    Language.objects.bulk_create(
        Language(code=code, name=language_name(code), **owner)
        for code in dict.fromkeys(codes)
        if code not in current
    )


def reindex_service(service: Service) -> None:
    """Rebuild the service's search words (name, texts, needs, places, translations)."""
    title = [(service.name, "it"), (service.alternate_name, "it")]
    body = [
        (service.description, "it"),
        (service.eligibility_description, "it"),
        (service.application_process, "it"),
        (service.organisation.name, "it"),
    ]
    for need in service.needs.all():
        body.append((need.label, "it"))
        if need.label_en:
            body.append((need.label_en, "en"))
        body += [(label, language) for language, label in need.translations.items()]
    for translation in Translation.objects.filter(service=service):
        title.append((translation.name, translation.language))
        body += [
            (translation.description, translation.language),
            (translation.eligibility_description, translation.language),
        ]
    for link in ServiceAtLocation.objects.filter(service=service).select_related(
        "location__municipality", "location__micro_territory"
    ):
        location = link.location
        body.append((location.name, "it"))
        if location.municipality:
            body.append((location.municipality.name, "it"))
        if location.micro_territory:
            body.append((location.micro_territory.name, "it"))
    Service.objects.filter(pk=service.pk).update(search_title=index_text(title), search_body=index_text(body))


def reindex_location(location: Location) -> None:
    title = [
        (location.name, "it"),
        (location.alternate_name, "it"),
        (location.get_place_kind_display(), "it"),
    ]
    body = [(location.description, "it")]
    if location.municipality_id:
        body.append((location.municipality.name, "it"))
    if location.micro_territory_id:
        body.append((location.micro_territory.name, "it"))
    if location.organisation_id:
        body.append((location.organisation.name, "it"))
    for activity in location.activities.filter(active=True):
        body += [(activity.name, "it"), (activity.description, "it")]
    for translation in Translation.objects.filter(Q(location=location) | Q(activity__location=location)):
        title.append((translation.name, translation.language))
        body.append((translation.description, translation.language))
    Location.objects.filter(pk=location.pk).update(
        search_title=index_text(title), search_body=index_text(body)
    )
