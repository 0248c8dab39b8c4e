"""The portal's panel on the operator home: requests from citizens waiting for a call."""

from .queries import new_help_request_count


def help_requests(request):
    count = new_help_request_count(request.user)
    return {"count": count} if count else None
