"""Who is acting, from where: the context every audit entry records.

The middleware opens a context for each request; management commands and
tasks open one with `acting_as(...)`, so no audit row is ever anonymous.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ActingContext:
    request_id: str
    channel: str  # "web", "api", "command", "task"
    ip_address: str | None = None
    path: str = ""
    method: str = ""
    organisation_id: int | None = None


_current: ContextVar[ActingContext | None] = ContextVar("intreccio_acting_context", default=None)


def current_context() -> ActingContext:
    """Return the active context, or a bare one for code outside any request."""
    context = _current.get()
    if context is None:
        return ActingContext(request_id=uuid.uuid4().hex, channel="code")
    return context


@contextmanager
def acting_context(context: ActingContext) -> Iterator[ActingContext]:
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


@contextmanager
def acting_as(channel: str, *, organisation_id: int | None = None) -> Iterator[ActingContext]:
    """Open a context for a command or task (no request)."""
    with acting_context(
        ActingContext(request_id=uuid.uuid4().hex, channel=channel, organisation_id=organisation_id)
    ) as context:
        yield context


def with_organisation(organisation_id: int | None) -> None:
    """Record the acting organisation once the request knows it."""
    context = _current.get()
    if context is not None:
        _current.set(replace(context, organisation_id=organisation_id))
