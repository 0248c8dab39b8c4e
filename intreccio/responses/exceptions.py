"""Errors of responses that callers tell apart."""

from intreccio.core.exceptions import ApplicationError


class OverlapFound(ApplicationError):
    """The response would overlap one the actor may see: confirm to record it anyway (409)."""

    code = "overlap"
    status = 409
