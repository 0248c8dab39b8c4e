"""The API instance; each domain adds its router in register_routers()."""

from ninja import NinjaAPI

from .auth import OperatorSessionAuth, TokenAuth
from .errors import ErrorOut, register_error_handlers


class IntrecciaAPI(NinjaAPI):
    """Documents the one error body for every status any operation may answer with."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        error = {
            "description": "Errore",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
        }
        for methods in schema["paths"].values():
            for operation in methods.values():
                for status in ALWAYS_DOCUMENTED:
                    operation["responses"].setdefault(status, error)
        return schema


# Any operation may refuse a request: no or bad credentials (401), the
# object hidden or missing (404), invalid parameters (422), the audit log
# unreachable (503, fail closed); writes add 400/403/409 through ERRORS.
ALWAYS_DOCUMENTED = (401, 403, 404, 422, 503)

api = IntrecciaAPI(
    title="Intreccio API",
    version="1",
    description=(
        "API della rete territoriale di welfare. Le stesse regole di permesso delle pagine: "
        "ogni lettura di dati personali è registrata. Errori: sempre "
        '`{"error": {"code", "message", "details"}}`.'
    ),
    urls_namespace="api-v1",
    auth=[TokenAuth(), OperatorSessionAuth()],
    openapi_url="/openapi.json",
    docs_url="/docs",
)
register_error_handlers(api)

# Every operation documents the error body for the statuses it may return.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def register_routers() -> None:
    from . import (
        accounts,
        cases,
        directory,
        intake,
        notifications,
        organisations,
        people,
        plans,
        referrals,
        responses,
        territory,
        timeline,
    )

    api.add_router("/territory/", territory.router)
    api.add_router("/organisations/", organisations.router)
    api.add_router("/accounts/", accounts.router)
    api.add_router("/directory/", directory.router)
    api.add_router("/people/", people.router)
    api.add_router("/cases/", cases.router)
    api.add_router("/intake/", intake.router)
    api.add_router("/responses/", responses.router)
    api.add_router("/referrals/", referrals.router)
    api.add_router("/timeline/", timeline.router)
    api.add_router("/notifications/", notifications.router)
    api.add_router("/plans/", plans.router)


register_routers()
