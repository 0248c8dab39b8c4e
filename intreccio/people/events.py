"""Domain event kinds of the people app (past tense, written by people.actions)."""

PERSON_REGISTERED = "PERSON_REGISTERED"
PERSON_UPDATED = "PERSON_UPDATED"
PERSON_NAME_ADDED = "PERSON_NAME_ADDED"
PERSON_NAME_REMOVED = "PERSON_NAME_REMOVED"
DOCUMENT_ADDED = "DOCUMENT_ADDED"
HOUSEHOLD_CREATED = "HOUSEHOLD_CREATED"
HOUSEHOLD_MEMBER_ADDED = "HOUSEHOLD_MEMBER_ADDED"
HOUSEHOLD_MEMBERSHIP_ENDED = "HOUSEHOLD_MEMBERSHIP_ENDED"
RELATION_ADDED = "RELATION_ADDED"
INFORMATION_NOTICE_GIVEN = "INFORMATION_NOTICE_GIVEN"
SHARING_CHOICE_RECORDED = "SHARING_CHOICE_RECORDED"
SHARING_WITHDRAWN = "SHARING_WITHDRAWN"


def _labels():
    from django.utils.translation import gettext_lazy as _

    return {
        PERSON_REGISTERED: _("Persona registrata"),
        PERSON_UPDATED: _("Dati anagrafici modificati"),
        PERSON_NAME_ADDED: _("Altro nome aggiunto"),
        PERSON_NAME_REMOVED: _("Altro nome tolto"),
        DOCUMENT_ADDED: _("Documento o codice aggiunto"),
        HOUSEHOLD_CREATED: _("Nucleo familiare creato"),
        HOUSEHOLD_MEMBER_ADDED: _("Entrata in un nucleo familiare"),
        HOUSEHOLD_MEMBERSHIP_ENDED: _("Uscita da un nucleo familiare"),
        RELATION_ADDED: _("Relazione aggiunta"),
        INFORMATION_NOTICE_GIVEN: _("Informativa consegnata"),
        SHARING_CHOICE_RECORDED: _("Scelta di condivisione registrata"),
        SHARING_WITHDRAWN: _("Condivisione revocata"),
    }


# Apps above people add the labels of their own event kinds for the person's timeline.
EVENT_LABELS: dict = {}


def label(kind: str) -> str:
    if not EVENT_LABELS:
        EVENT_LABELS.update(_labels())
    return str(EVENT_LABELS.get(kind, kind.replace("_", " ").capitalize()))


def register_timeline_kinds() -> None:
    """What each kind means on the person's timeline (called from PeopleConfig.ready()).

    The person page already shows who registered the person, their sharing
    choice and the notice given: the network sees those events. Changes to
    identity, documents, household and relations stay with the organisation
    that made them (they may concern data others must not learn about).
    """
    from intreccio.core.timeline import Audience, EventKind, register_kind

    labels = _labels()
    network = {PERSON_REGISTERED, INFORMATION_NOTICE_GIVEN, SHARING_CHOICE_RECORDED, SHARING_WITHDRAWN}
    for kind, label in labels.items():
        audience = Audience.NETWORK if kind in network else Audience.ORGANISATION
        group = "consent" if kind in network - {PERSON_REGISTERED} else "person"
        register_kind(EventKind(kind, label=label, group=group, audience=audience))
