"""The header's unread count: one COUNT, run only when a page renders the header."""

from functools import cached_property


class NotificationsShell:
    """Computed lazily: pages that never show the header (API, redirects, htmx partials) pay nothing."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def unread(self) -> int:
        from .queries import unread_count

        return unread_count(getattr(self.request, "user", None))


def notifications(request):
    return {"notifications_shell": NotificationsShell(request)}
