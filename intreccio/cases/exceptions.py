"""Errors of taking in charge, each naming its cause and what to do instead."""

from django.utils.translation import gettext as _

from intreccio.core.exceptions import Conflict


class CaseAlreadyOpen(Conflict):
    """The person already has a case that is not closed (one lead per person)."""

    code = "case_already_open"

    def __init__(self, message: str = "", *, case=None, **kwargs):
        super().__init__(
            message
            or _(
                "La persona è già presa in carico (presa in carico n. %(case)s, non chiusa): "
                "rivolgiti al suo case manager invece di aprirne un'altra."
            )
            % {"case": case.pk if case is not None else "?"},
            details={"case_id": case.pk if case is not None else None},
            **kwargs,
        )
        self.case = case
