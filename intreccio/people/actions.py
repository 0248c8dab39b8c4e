"""Every change to persons, their documents, households, relations, notices and sharing choices.

Each action checks permission first (people.rules), validates, changes the
rows in one transaction, rebuilds the person's search keys where names,
codes, phone or birth date changed, and records a domain event and an audit
entry naming the person. No value of personal data goes into the logs:
field names, kinds and ids only.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import ApplicationError, Conflict, PermissionDenied

from . import events, search
from .documents import check_document
from .exceptions import ProbableDuplicate
from .models import (
    ConsentRecord,
    Household,
    HouseholdMember,
    IdentityDocument,
    InformationNotice,
    Person,
    PersonName,
    Relation,
)
from .notices import CURRENT_VERSION, TEXTS
from .rules import can_change_person, can_register_person

PERSON_FIELDS = (
    "given_names",
    "surnames",
    "sex",
    "birth_date",
    "birth_date_precision",
    "declared_age",
    "declared_age_on",
    "birthplace_municipality_code",
    "birthplace_name",
    "birth_country",
    "citizenships",
    "languages",
    "preferred_language",
    "phone",
    "email",
    "address",
    "municipality",
    "micro_territory",
    "living_situation",
    "residence_status",
)
# Fields whose change rebuilds the search keys.
SEARCHED_FIELDS = {
    "given_names",
    "surnames",
    "phone",
    "birth_date",
    "birth_date_precision",
    "declared_age",
    "declared_age_on",
}
Precision = Person.BirthDatePrecision


def _check_change(actor, person) -> None:
    if not can_change_person(actor, person):
        raise PermissionDenied(
            _("Non hai una relazione con questa persona che ti permetta di modificarne i dati.")
        )


def _clean_fields(fields: dict, *, creating: bool) -> dict:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ApplicationError(
            _("Campi sconosciuti: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_fields",
        )
    values = {key: (value.strip() if isinstance(value, str) else value) for key, value in fields.items()}
    for key in ("given_names", "surnames"):
        if key in values and values[key] is None:
            values[key] = ""
    if creating and not (values.get("given_names") or values.get("surnames")):
        raise ApplicationError(
            _("Scrivi almeno il nome o il cognome (anche come la persona lo pronuncia)."),
            code="name_required",
        )
    for key in ("citizenships", "languages"):
        if key in values:
            values[key] = _codes(values[key] or [], key)
    if values.get("preferred_language"):
        values["preferred_language"] = _codes([values["preferred_language"]], "preferred_language")[0]
    if values.get("birth_country"):
        values["birth_country"] = _codes([values["birth_country"]], "birth_country", length=2)[0].upper()
    if values.get("birthplace_municipality_code"):
        values["birthplace_municipality_code"] = values["birthplace_municipality_code"].upper()
    return values


def _codes(codes, field: str, length: int | None = None) -> list[str]:
    cleaned = [str(code).strip().lower() for code in codes if str(code).strip()]
    bad = [code for code in cleaned if not code.isalpha() or not 2 <= len(code) <= (length or 3)]
    if bad:
        raise ApplicationError(
            _("Codici non validi in %(field)s: %(codes)s. Usa i codici ISO di due lettere (it, ma, ua…).")
            % {"field": field, "codes": ", ".join(bad)},
            code="invalid_code",
        )
    return list(dict.fromkeys(cleaned))


def _normalise_birth(person: Person) -> None:
    """Keep the date and its precision coherent: a year-only date is stored as 1 January."""
    today = timezone.localdate()
    if person.birth_date and person.birth_date > today:
        raise ApplicationError(
            _("La data di nascita è nel futuro: controllala."), code="birth_date_in_future"
        )
    if person.birth_date_precision == Precision.DECLARED_AGE:
        if person.declared_age is None:
            raise ApplicationError(_("Indica l'età dichiarata dalla persona."), code="declared_age_required")
        person.declared_age_on = person.declared_age_on or today
        person.birth_date = None
    elif person.birth_date is None:
        if person.birth_date_precision != Precision.UNKNOWN and person.declared_age is None:
            person.birth_date_precision = Precision.UNKNOWN
    elif person.birth_date_precision == Precision.UNKNOWN:
        person.birth_date_precision = Precision.EXACT
    elif person.birth_date_precision == Precision.YEAR:
        person.birth_date = datetime.date(person.birth_date.year, 1, 1)
    elif person.birth_date_precision == Precision.MONTH:
        person.birth_date = person.birth_date.replace(day=1)


def reindex_person(person: Person) -> str:
    """Rebuild the person's search keys from their names, documents, phone and birth date."""
    other_names = PersonName.objects.filter(person=person).values_list("given_names", "surnames")
    numbers = IdentityDocument.objects.filter(person=person).values_list("normalised_number", flat=True)
    person.search_text = search.index_text(person, list(other_names), list(numbers))
    Person.objects.filter(pk=person.pk).update(search_text=person.search_text)
    return person.search_text


def duplicate_query(person: Person, documents=()) -> str:
    """The find-or-register query that looks for this person among those already known."""
    parts = [person.given_names, person.surnames]
    if person.birth_date and person.birth_date_precision == Precision.EXACT:
        parts.append(person.birth_date.strftime("%d/%m/%Y"))
    elif person.birth_date:
        parts.append(str(person.birth_date.year))
    parts += [document.get("number", "") for document in documents]
    return " ".join(part for part in parts if part)


def _record(kind, actor, person, subject=None, *, audit_action=AuditEntry.Action.UPDATE, payload=None):
    record_event(kind, actor=actor, subject=subject or person, person_id=person.pk, payload=payload or {})
    record_audit(actor, audit_action, subject or person, person_id=person.pk, details=payload or {})


def register_person(
    *, actor, confirm_duplicate=False, documents=(), other_names=(), sharing=None, **fields
) -> Person:
    """Register a person met at the actor's organisation (which may then always help them).

    Raises ProbableDuplicate (the ids of the likely matches the actor may know of)
    unless confirm_duplicate; a person created despite likely matches, or
    matching someone the actor may not know of, is flagged possible_duplicate
    for the linkage review. documents: dicts {kind, number, issued_by?, valid_until?};
    other_names: dicts {given_names, surnames, kind?}; sharing: NETWORK or REFUSED
    records the choice at once (SELECTED needs record_sharing_choice).
    """
    from .queries import matching_persons

    if not can_register_person(actor):
        raise PermissionDenied(
            _("Registrare una persona richiede un ruolo di lavoro con le persone nell'ente.")
        )
    values = _clean_fields(fields, creating=True)
    person = Person(**values)
    _normalise_birth(person)
    checked = [
        check_document(document.get("kind", ""), document.get("number", ""), person) for document in documents
    ]
    if sharing not in (None, Person.Sharing.NETWORK, Person.Sharing.REFUSED):
        raise ApplicationError(
            _("Alla registrazione la condivisione può essere solo «con la rete» o «nessuna»."),
            code="invalid_sharing",
        )
    shown, hidden = matching_persons(actor, duplicate_query(person, documents))
    if shown and not confirm_duplicate:
        raise ProbableDuplicate(shown)
    with transaction.atomic():
        person.registered_by_organisation = actor.active_organisation
        person.possible_duplicate = bool(shown or hidden)
        person.duplicate_candidates = shown + hidden
        person.sharing = sharing or Person.Sharing.NETWORK
        person.save()
        for document, extra in zip(checked, documents, strict=True):
            IdentityDocument.objects.create(
                person=person,
                kind=document.kind,
                number=document.number,
                normalised_number=document.normalised,
                issued_by=extra.get("issued_by", ""),
                valid_until=extra.get("valid_until"),
                warnings=document.warnings,
            )
        for name in other_names:
            _add_name(person, name)
        reindex_person(person)
        _record(
            events.PERSON_REGISTERED,
            actor,
            person,
            audit_action=AuditEntry.Action.CREATE,
            payload={
                "possible_duplicate": person.possible_duplicate,
                "documents": [document.kind for document in checked],
            },
        )
        if sharing:
            _new_consent(person, actor=actor, scope=sharing)
    return person


def update_person(person: Person, *, actor, **fields) -> Person:
    """Change a person's declared data (names, birth, contacts, living situation…)."""
    _check_change(actor, person)
    values = _clean_fields(fields, creating=False)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        changed = [key for key, value in values.items() if getattr(person, key) != value]
        for key in changed:
            setattr(person, key, values[key])
        if not (person.given_names or person.surnames):
            raise ApplicationError(
                _("Una persona deve avere almeno il nome o il cognome."), code="name_required"
            )
        _normalise_birth(person)
        if not changed:
            return person
        person.save()
        if SEARCHED_FIELDS & set(changed):
            reindex_person(person)
        _record(events.PERSON_UPDATED, actor, person, payload={"fields": sorted(changed)})
    return person


def _add_name(person, name: dict) -> PersonName:
    given, surnames = (name.get("given_names") or "").strip(), (name.get("surnames") or "").strip()
    if not (given or surnames):
        raise ApplicationError(_("Scrivi il nome o il cognome dell'altra grafia."), code="name_required")
    kind = name.get("kind") or PersonName.Kind.SPELLING
    if kind not in PersonName.Kind.values:
        raise ApplicationError(_("Tipo di nome sconosciuto: %(kind)s.") % {"kind": kind}, code="invalid_kind")
    return PersonName.objects.create(person=person, kind=kind, given_names=given, surnames=surnames)


def add_other_name(
    person: Person, *, actor, given_names="", surnames="", kind=PersonName.Kind.SPELLING
) -> PersonName:
    """Add an alias, a transliteration or a previous name (found by the search from now on)."""
    _check_change(actor, person)
    with transaction.atomic():
        name = _add_name(person, {"given_names": given_names, "surnames": surnames, "kind": kind})
        reindex_person(person)
        _record(events.PERSON_NAME_ADDED, actor, person, name, payload={"kind": kind})
    return name


def remove_other_name(name: PersonName, *, actor) -> None:
    person = name.person
    _check_change(actor, person)
    with transaction.atomic():
        PersonName.objects.filter(pk=name.pk).delete()
        reindex_person(person)
        _record(
            events.PERSON_NAME_REMOVED,
            actor,
            person,
            ("people.personname", name.pk),
            payload={"kind": name.kind},
        )


def add_document(person: Person, *, actor, kind, number, issued_by="", valid_until=None) -> IdentityDocument:
    """Add a document or code; a tax code is decoded and disagreements stored as warnings."""
    _check_change(actor, person)
    checked = check_document(kind, number, person)
    if IdentityDocument.objects.filter(
        person=person, kind=kind, normalised_number=checked.normalised
    ).exists():
        raise ApplicationError(_("La persona ha già questo documento."), code="duplicate_document")
    with transaction.atomic():
        document = IdentityDocument.objects.create(
            person=person,
            kind=checked.kind,
            number=checked.number,
            normalised_number=checked.normalised,
            issued_by=(issued_by or "").strip(),
            valid_until=valid_until,
            warnings=checked.warnings,
        )
        reindex_person(person)
        _record(
            events.DOCUMENT_ADDED,
            actor,
            person,
            document,
            audit_action=AuditEntry.Action.CREATE,
            payload={"kind": kind, "warnings": [warning["code"] for warning in checked.warnings]},
        )
    return document


# --- households and relations ------------------------------------------------------------------


def create_household(
    *, actor, head: Person, name="", address="", micro_territory=None, role=HouseholdMember.Role.HEAD
) -> Household:
    """Create a household with `head` as its first member (who leaves their current household)."""
    _check_change(actor, head)
    with transaction.atomic():
        household = Household.objects.create(
            name=name.strip(), address=address.strip(), micro_territory=micro_territory
        )
        record_event(events.HOUSEHOLD_CREATED, actor=actor, subject=household, person_id=head.pk)
        _join(household, head, actor=actor, role=role)
    return household


def _join(household, person, *, actor, role, since=None) -> HouseholdMember:
    if role not in HouseholdMember.Role.values:
        raise ApplicationError(
            _("Ruolo nel nucleo sconosciuto: %(role)s.") % {"role": role}, code="invalid_role"
        )
    today = timezone.localdate()
    current = HouseholdMember.objects.select_for_update().filter(person=person, until__isnull=True).first()
    if current is not None:
        if current.household_id == household.pk:
            raise ApplicationError(_("La persona fa già parte di questo nucleo."), code="already_member")
        current.until = today
        current.save(update_fields=["until"])
    member = HouseholdMember.objects.create(
        household=household, person=person, role=role, since=since or today
    )
    _record(
        events.HOUSEHOLD_MEMBER_ADDED,
        actor,
        person,
        member,
        payload={"household": household.pk, "role": role},
    )
    return member


def add_household_member(
    household: Household, person: Person, *, actor, role=HouseholdMember.Role.OTHER, since=None
) -> HouseholdMember:
    """Add a person to a household the actor may see a member of (they leave any current one)."""
    _check_change(actor, person)
    members = list(household.members.filter(until__isnull=True).select_related("person"))
    if members and not any(can_change_person(actor, member.person) for member in members):
        raise PermissionDenied(_("Non puoi modificare un nucleo di cui non vedi nessun componente."))
    try:
        with transaction.atomic():
            return _join(household, person, actor=actor, role=role, since=since)
    except IntegrityError:
        raise Conflict(_("La persona è appena entrata in un altro nucleo: ricarica la pagina.")) from None


def end_household_membership(member: HouseholdMember, *, actor, until=None) -> HouseholdMember:
    """Record that a person left a household (the row stays, with its end date)."""
    _check_change(actor, member.person)
    if member.until is not None:
        return member
    with transaction.atomic():
        member.until = until or timezone.localdate()
        member.save(update_fields=["until"])
        _record(
            events.HOUSEHOLD_MEMBERSHIP_ENDED,
            actor,
            member.person,
            member,
            payload={"household": member.household_id},
        )
    return member


def add_relation(person: Person, other: Person, *, actor, kind, note="") -> Relation:
    """Record a tie of the informal network (both persons must be visible to the actor)."""
    _check_change(actor, person)
    _check_change(actor, other)
    if person.pk == other.pk:
        raise ApplicationError(
            _("Una persona non può essere in relazione con sé stessa."), code="relation_to_self"
        )
    if kind not in Relation.Kind.values:
        raise ApplicationError(_("Relazione sconosciuta: %(kind)s.") % {"kind": kind}, code="invalid_kind")
    if Relation.objects.filter(person=person, other=other, kind=kind).exists():
        raise ApplicationError(_("Questa relazione è già registrata."), code="duplicate_relation")
    with transaction.atomic():
        relation = Relation.objects.create(person=person, other=other, kind=kind, note=note.strip())
        _record(
            events.RELATION_ADDED,
            actor,
            person,
            relation,
            audit_action=AuditEntry.Action.CREATE,
            payload={"kind": kind, "other": other.pk},
        )
    return relation


# --- information notice and sharing choices ----------------------------------------------------


def give_information_notice(
    person: Person, *, actor, language: str, version: str = CURRENT_VERSION
) -> InformationNotice:
    """Record that the information notice (a version, in a language) was handed to the person."""
    _check_change(actor, person)
    if language not in TEXTS:
        raise ApplicationError(
            _("L'informativa esiste in: %(languages)s. Scegli una di queste lingue.")
            % {"languages": ", ".join(TEXTS)},
            code="invalid_language",
        )
    with transaction.atomic():
        notice = InformationNotice.objects.create(
            person=person,
            language=language,
            version=version,
            given_by=actor,
            organisation=actor.active_organisation,
        )
        _record(
            events.INFORMATION_NOTICE_GIVEN,
            actor,
            person,
            notice,
            audit_action=AuditEntry.Action.CREATE,
            payload={"language": language, "version": version},
        )
    return notice


def _new_consent(
    person, *, actor, scope, organisations=(), organisation_kinds=(), purposes=(), protected=(), notice=None
):
    now = timezone.now()
    ConsentRecord.objects.filter(person=person, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=actor
    )
    record = ConsentRecord.objects.create(
        person=person,
        scope=scope,
        organisation_kinds=list(organisation_kinds),
        purposes=list(purposes),
        protected_categories_agreed=list(protected),
        notice=notice,
        recorded_at=now,
        recorded_by=actor,
        organisation=actor.active_organisation,
    )
    record.organisations.set(organisations)
    Person.objects.filter(pk=person.pk).update(sharing=scope)
    person.sharing = scope
    _record(
        events.SHARING_CHOICE_RECORDED,
        actor,
        person,
        record,
        audit_action=AuditEntry.Action.SHARE,
        payload={
            "scope": scope,
            "organisations": sorted(organisation.pk for organisation in organisations),
            "organisation_kinds": sorted(organisation_kinds),
            "purposes": sorted(purposes),
        },
    )
    return record


def record_sharing_choice(
    person: Person,
    *,
    actor,
    scope,
    organisations=(),
    organisation_kinds=(),
    purposes=(),
    protected_categories_agreed=(),
    notice=None,
) -> ConsentRecord:
    """Record the person's sharing choice; it replaces the one in force and takes effect at once."""
    from intreccio.organisations.models import Organisation

    _check_change(actor, person)
    if scope not in Person.Sharing.values:
        raise ApplicationError(
            _("Scelta di condivisione sconosciuta: %(scope)s.") % {"scope": scope}, code="invalid_scope"
        )
    organisations = list(organisations)
    kinds = list(dict.fromkeys(organisation_kinds))
    bad_kinds = [kind for kind in kinds if kind not in Organisation.Kind.values]
    if bad_kinds:
        raise ApplicationError(
            _("Tipi di ente sconosciuti: %(kinds)s.") % {"kinds": ", ".join(bad_kinds)}, code="invalid_kind"
        )
    bad_purposes = [purpose for purpose in purposes if purpose not in ConsentRecord.Purpose.values]
    if bad_purposes:
        raise ApplicationError(
            _("Finalità sconosciute: %(purposes)s.") % {"purposes": ", ".join(bad_purposes)},
            code="invalid_purpose",
        )
    if scope == Person.Sharing.SELECTED and not (organisations or kinds):
        raise ApplicationError(
            _("Per condividere solo con alcuni enti, indica almeno un ente o un tipo di ente."),
            code="nobody_selected",
        )
    if scope != Person.Sharing.SELECTED:
        organisations, kinds = [], []
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        return _new_consent(
            person,
            actor=actor,
            scope=scope,
            organisations=organisations,
            organisation_kinds=kinds,
            purposes=list(dict.fromkeys(purposes)),
            protected=protected_categories_agreed,
            notice=notice,
        )


def withdraw_sharing(person: Person, *, actor) -> Person:
    """Withdraw consent to sharing, at once: only consent-exempt relationships still see the person."""
    _check_change(actor, person)
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        withdrawn = ConsentRecord.objects.filter(person=person, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_by=actor
        )
        Person.objects.filter(pk=person.pk).update(sharing=Person.Sharing.REFUSED)
        person.sharing = Person.Sharing.REFUSED
        _record(
            events.SHARING_WITHDRAWN,
            actor,
            person,
            audit_action=AuditEntry.Action.SHARE,
            payload={"withdrawn": withdrawn},
        )
    return person
