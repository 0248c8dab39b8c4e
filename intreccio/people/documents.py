"""Identity codes: normalise, validate and decode them (pure functions, no database).

A codice fiscale is checked (format, check character, omocodia) and
decoded; what it says about sex, birth date and birthplace is compared with
what the person declared, and disagreements become *warnings* shown on the
person's page, never a refusal: offices make mistakes, persons give
approximate dates, and the code is often the least reliable of the two.
STP and ENI codes have a fixed shape; passports, permits and other
documents are free numbers.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .exceptions import InvalidDocument
from .models import IdentityDocument, Person

Kind = IdentityDocument.Kind

TAX_CODE_SHAPE = re.compile(
    r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$"
)
# STP/ENI: the prefix, the region and local health authority (3 + 3 digits), a 7-digit progressive number.
TEMPORARY_CODE_SHAPE = re.compile(r"^(STP|ENI)[0-9]{13}$")
FREE_NUMBER_SHAPE = re.compile(r"^[A-Z0-9]{3,40}$")


def normalise_number(number: str) -> str:
    """Upper case, letters and digits only: what searches and duplicate checks compare."""
    return re.sub(r"[^A-Z0-9]", "", (number or "").upper())


@dataclass
class CheckedDocument:
    kind: str
    number: str
    normalised: str
    warnings: list[dict] = field(default_factory=list)
    decoded: dict = field(default_factory=dict)


def check_document(kind: str, number: str, person: Person | None = None) -> CheckedDocument:
    """Validate a code of `kind`; decode a tax code and compare it with `person`'s declared data."""
    if kind not in Kind.values:
        raise InvalidDocument(
            _("Tipo di documento sconosciuto: %(kind)s. Usa uno di: %(allowed)s.")
            % {"kind": kind, "allowed": ", ".join(Kind.values)}
        )
    normalised = normalise_number(number)
    if not normalised:
        raise InvalidDocument(_("Scrivi il numero o il codice del documento."))
    checked = CheckedDocument(kind=kind, number=(number or "").strip(), normalised=normalised)
    if kind == Kind.TAX_CODE:
        _check_tax_code(checked, person)
    elif kind in (Kind.STP, Kind.ENI):
        if not TEMPORARY_CODE_SHAPE.match(normalised) or not normalised.startswith(kind.upper()):
            raise InvalidDocument(
                _(
                    "Il codice %(kind)s ha 16 caratteri: «%(prefix)s» seguito da 13 cifre "
                    "(regione e azienda sanitaria, poi il numero progressivo). Controlla: %(number)s."
                )
                % {"kind": kind.upper(), "prefix": kind.upper(), "number": checked.number}
            )
    elif not FREE_NUMBER_SHAPE.match(normalised):
        raise InvalidDocument(
            _("Il numero del documento deve avere da 3 a 40 lettere o cifre: controlla «%(number)s».")
            % {"number": checked.number}
        )
    return checked


def _check_tax_code(checked: CheckedDocument, person: Person | None) -> None:
    from codicefiscale import codicefiscale

    code = checked.normalised
    if len(code) != 16 or not TAX_CODE_SHAPE.match(code):
        raise InvalidDocument(
            _(
                "«%(number)s» non ha la forma di un codice fiscale (16 caratteri: 6 lettere, 2 cifre, "
                "1 lettera, 2 cifre, 1 lettera, 3 cifre, 1 lettera). Controlla di averlo copiato bene."
            )
            % {"number": checked.number}
        )
    if not codicefiscale.is_valid(code):
        raise InvalidDocument(
            _(
                "Il carattere di controllo del codice fiscale «%(number)s» non corrisponde: "
                "probabilmente un carattere è stato copiato male."
            )
            % {"number": checked.number}
        )
    try:
        decoded = codicefiscale.decode(code)
    except ValueError:
        # A well-formed code whose birthplace the library does not know (a municipality
        # merged long ago): valid, nothing to compare.
        checked.warnings.append(
            {"code": "undecodable", "message": _("Non è stato possibile decodificare il codice fiscale.")}
        )
        return
    birthdate = decoded["birthdate"].date()
    place = decoded.get("birthplace") or {}
    checked.decoded = {
        "sex": decoded["gender"],
        "birth_date": birthdate.isoformat(),
        "birthplace_code": place.get("code", ""),
        "birthplace_name": place.get("name", ""),
    }
    if codicefiscale.is_omocode(code):
        checked.warnings.append(
            {
                "code": "omocode",
                "message": _(
                    "Codice con omocodia: l'Agenzia delle Entrate lo ha modificato per distinguere due "
                    "persone con gli stessi dati. È valido."
                ),
            }
        )
    if person is not None:
        checked.warnings += disagreements(person, checked.decoded)


def disagreements(person: Person, decoded: dict) -> list[dict]:
    """Warnings where the decoded tax code and the declared data disagree (never blocking)."""
    import datetime

    warnings = []
    if person.sex in (Person.Sex.FEMALE, Person.Sex.MALE) and decoded["sex"] != person.sex:
        warnings.append(
            {
                "code": "sex",
                "message": _("Il codice fiscale indica il sesso %(code)s, dichiarato %(declared)s.")
                % {"code": decoded["sex"], "declared": person.sex},
            }
        )
    coded = datetime.date.fromisoformat(decoded["birth_date"])
    declared = person.birth_date
    precision = person.birth_date_precision
    if declared and precision in (
        Person.BirthDatePrecision.EXACT,
        Person.BirthDatePrecision.MONTH,
        Person.BirthDatePrecision.YEAR,
    ):
        # The code carries two digits of the year: compare them, not the century it guesses.
        same = coded.year % 100 == declared.year % 100
        if precision in (Person.BirthDatePrecision.EXACT, Person.BirthDatePrecision.MONTH):
            same = same and coded.month == declared.month
        if precision == Person.BirthDatePrecision.EXACT:
            same = same and coded.day == declared.day
        if not same:
            warnings.append(
                {
                    "code": "birth_date",
                    "message": _(
                        "Il codice fiscale indica la data di nascita %(code)s, diversa da quella dichiarata "
                        "(%(declared)s)."
                    )
                    % {"code": coded.strftime("%d/%m/%y"), "declared": declared.strftime("%d/%m/%Y")},
                }
            )
    code = decoded.get("birthplace_code", "")
    if code and person.birthplace_municipality_code and code != person.birthplace_municipality_code.upper():
        warnings.append(
            {
                "code": "birthplace",
                "message": _(
                    "Il codice fiscale indica il luogo di nascita %(code)s (%(name)s), diverso da quello "
                    "dichiarato (%(declared)s)."
                )
                % {
                    "code": code,
                    "name": decoded.get("birthplace_name", ""),
                    "declared": person.birthplace_name or person.birthplace_municipality_code,
                },
            }
        )
    elif code and code.startswith("Z") and person.birth_country == "IT":
        warnings.append(
            {
                "code": "birthplace",
                "message": _("Il codice fiscale indica una nascita all'estero, dichiarata in Italia."),
            }
        )
    return warnings
