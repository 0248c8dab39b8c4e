"""Which organisation the operator acts for in this request."""

from intreccio.core.context import with_organisation

ACTIVE_ORGANISATION_KEY = "intreccio_active_organisation"


class ActiveOrganisationMiddleware:
    """Apply the organisation chosen in the session to request.user and the audit context."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            chosen = request.session.get(ACTIVE_ORGANISATION_KEY)
            if chosen is not None:
                user.act_for(chosen)
            with_organisation(user.active_organisation_id)
        return self.get_response(request)
