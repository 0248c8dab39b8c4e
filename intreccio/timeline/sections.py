"""The "Storia" section of the person page: the latest events the viewer may see, and a link."""

from .queries import timeline_for

SECTION_SIZE = 10


def visible(user, person) -> bool:
    return bool(user and user.is_authenticated)


def context(request, person) -> dict:
    return {"page": timeline_for(request.user, person, limit=SECTION_SIZE), "person_id": person.pk}
