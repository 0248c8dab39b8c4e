"""Errors of the people app: each reads as a sentence and names the fix."""

from django.utils.translation import gettext as _

from intreccio.core.exceptions import ApplicationError, Conflict


class ProbableDuplicate(Conflict):
    """Persons the actor may see already match: confirm explicitly to create another one."""

    code = "probable_duplicate"

    def __init__(self, candidates: list[int], message: str = ""):
        super().__init__(
            message
            or _(
                "La rete conosce già persone simili: controlla i possibili doppioni e, se è davvero "
                "un'altra persona, conferma la registrazione."
            ),
            details={"candidates": list(candidates)},
        )
        self.candidates = list(candidates)


class InvalidDocument(ApplicationError):
    """A code whose format or check character is wrong."""

    code = "invalid_document"
