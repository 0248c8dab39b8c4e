"""The HSDS import: all or nothing."""

from django.db import transaction
from django.utils.translation import gettext as _

from intreccio.audit.log import record_event
from intreccio.core.exceptions import ApplicationError, PermissionDenied

from .. import events
from ..models import (
    Location,
    Service,
)
from ..rules import (
    can_manage_needs,
)
from ._common import record_changes, reindex_location, reindex_service


class DatasetInvalid(ApplicationError):
    """An HSDS dataset with errors: nothing was written; `details["problems"]` lists them."""

    code = "hsds_dataset_invalid"
    status = 422


def import_hsds(path, *, actor=None, district=None):
    """Import an HSDS 3.0 dataset (file or folder) in one transaction; all or nothing.

    Objects are matched by their HSDS id: importing the same data twice
    creates nothing new. Raises DatasetInvalid with every problem (file,
    line, field) when any object is malformed.
    """
    from intreccio.organisations.actions import create_organisation
    from intreccio.territory.models import District

    from ..hsds.importer import read_dataset
    from ..hsds.loader import DatasetRejected, Loader

    if actor is not None and not can_manage_needs(actor):
        raise PermissionDenied(_("Solo l'amministratore di sistema può importare dati HSDS."))
    dataset = read_dataset(path)
    if dataset.problems:
        raise _rejected(dataset.problems)
    district = district or District.objects.order_by("pk").first()
    if district is None:
        raise ApplicationError(
            _(
                "Carica prima il territorio (load_territory): "
                "gli enti importati devono appartenere a un ambito."
            ),
            code="no_district",
        )
    try:
        with transaction.atomic():
            loader = Loader(
                dataset,
                actor=actor,
                district=district,
                create_organisation=lambda **values: create_organisation(actor=actor, **values),
            )
            summary = loader.run()
            for service in summary.services:
                record_changes(service, "service", {"*": ("", "HSDS")}, actor=actor, action_type="import")
                reindex_service(Service.objects.select_related("organisation").get(pk=service.pk))
            for location in summary.locations:
                reindex_location(
                    Location.objects.select_related("municipality", "micro_territory", "organisation").get(
                        pk=location.pk
                    )
                )
            record_event(
                events.DIRECTORY_IMPORTED,
                actor=actor,
                subject=("directory.import", str(path)[-200:]),
                payload={
                    "created": dict(summary.created),
                    "updated": dict(summary.updated),
                    "warnings": len(summary.warnings),
                },
            )
    except DatasetRejected as rejected:
        raise _rejected(rejected.problems) from None
    return summary


def _rejected(problems) -> DatasetInvalid:
    shown = [str(problem) for problem in problems]
    return DatasetInvalid(
        _("Il file HSDS contiene %(count)s errori e non è stato importato nulla. Il primo: %(first)s")
        % {"count": len(shown), "first": shown[0]},
        details={"problems": shown},
    )
