"""Domain errors shared by every app.

An action raises an ApplicationError subclass whose message names the cause
and the fix; views show it next to the form, the API returns it in the one
error body (api/errors.py) with its code.
"""


class ApplicationError(Exception):
    """A request the domain refuses; safe to show to the user who made it."""

    code = "invalid_request"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, details: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details or {}


class NotFound(ApplicationError):
    """The object does not exist or the caller may not see it (never say which)."""

    code = "not_found"
    status = 404

    def __init__(self, message: str = "", **kwargs):
        super().__init__(message or "Not found.", **kwargs)


class PermissionDenied(ApplicationError):
    """The caller may see the object but not do this to it."""

    code = "permission_denied"
    status = 403


class InvalidTransition(ApplicationError):
    """A status change that the workflow's transition table does not allow."""

    code = "invalid_transition"
    status = 409


class Conflict(ApplicationError):
    """The object changed under the caller (someone else acted first)."""

    code = "conflict"
    status = 409


class AuditUnavailable(ApplicationError):
    """The audit log cannot be written: nothing is served or changed (fail closed)."""

    code = "audit_unavailable"
    status = 503

    def __init__(self, message: str = "", **kwargs):
        super().__init__(
            message
            or "Il registro degli accessi non è raggiungibile: l'operazione è stata annullata. "
            "Riprova fra poco; se il problema continua avvisa l'amministratore di sistema.",
            **kwargs,
        )
