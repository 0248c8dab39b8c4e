"""One error body for every refused API request:

{"error": {"code": "invalid_transition", "message": "…", "details": {…}}}
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from intreccio.core.exceptions import ApplicationError


class ErrorDetail(Schema):
    code: str
    message: str
    details: dict = {}


class ErrorOut(Schema):
    error: ErrorDetail


def error_body(code: str, message: str, details: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def register_error_handlers(api) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request, exc: ApplicationError):
        return api.create_response(request, error_body(exc.code, exc.message, exc.details), status=exc.status)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        return api.create_response(
            request,
            error_body("validation_error", _("I dati inviati non sono validi."), {"errors": exc.errors}),
            status=422,
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return api.create_response(
            request,
            error_body("not_authenticated", _("Serve un token valido o una sessione attiva.")),
            status=401,
        )

    @api.exception_handler(DataError)
    def data_error(request, exc: DataError):
        # Values the database refuses (a NUL character, a text longer than its
        # column): the write was rolled back; the caller must fix the data.
        return api.create_response(
            request,
            error_body(
                "invalid_data",
                _("Alcuni valori non sono accettabili (caratteri non ammessi o testo troppo lungo)."),
            ),
            status=422,
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        codes = {403: "permission_denied", 404: "not_found", 405: "method_not_allowed"}
        return api.create_response(
            request,
            error_body(codes.get(exc.status_code, "invalid_request"), str(exc)),
            status=exc.status_code,
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, error_body("not_found", _("Non trovato.")), status=404)

    @api.exception_handler(DjangoPermissionDenied)
    def permission_denied(request, exc):
        return api.create_response(
            request, error_body("permission_denied", str(exc) or _("Non permesso.")), status=403
        )
