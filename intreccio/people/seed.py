# ruff: noqa: E501 — the name lists read better unwrapped.
"""Demo seed: synthetic persons met at the network's doors, their households, relations, notices and sharing.

Everything is invented: names are drawn from common Italian and foreign
name lists (with the transliteration variants offices really write), dates
and phone numbers are random, tax codes are *computed* with
python-codicefiscale from those synthetic data (never real persons').
The first THROUGH_ACTIONS persons are registered through people.actions by
a person-facing operator of an organisation of the network (households,
relations, notices and sharing choices among them). The rest, for the
larger sizes, take a bulk path that writes what register_person writes --
the person with its search keys (people.search.index_text), documents with
their decoding warnings, other names, the consent record of a refusal, the
PERSON_REGISTERED event and the CREATE audit entry -- without the duplicate
check (the data are synthetic: nobody is registered twice on purpose).
Size: context.persons (tiny 60, small 2 000, medium 20 000, large 200 000).
"""

import datetime
import functools

from intreccio.audit.log import audit_entry, domain_event
from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.core.roles import PERSON_FACING_ROLES
from intreccio.core.seeding import SeedContext, seeder

from . import actions, events, search
from .documents import CheckedDocument, check_document
from .models import ConsentRecord, IdentityDocument, Person, PersonName

THROUGH_ACTIONS = 600
BATCH = 500

ITALIAN_GIVEN_M = ["Giuseppe", "Mario", "Luigi", "Francesco", "Antonio", "Giovanni", "Marco", "Andrea", "Luca", "Paolo", "Alberto", "Stefano", "Davide", "Matteo", "Pietro"]  # fmt: skip
ITALIAN_GIVEN_F = ["Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia", "Carla", "Francesca", "Elena", "Sara", "Chiara", "Paola", "Silvia"]  # fmt: skip
ITALIAN_SURNAMES = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Crippa", "Panzeri", "Mauri", "Invernizzi", "Spreafico", "Valsecchi", "Bonacina", "Airoldi", "Sala", "Rota"]  # fmt: skip
ITALIAN_BIRTHPLACES = ["Lecco", "Milano", "Bergamo", "Como", "Napoli", "Palermo", "Bari", "Calolziocorte", "Merate", "Valmadrera"]  # fmt: skip

# (country, citizenship, language, given names M, given names F, surnames, spelling variants)
FOREIGN = [
    ("MA", "ma", "ar", ["Mohamed", "Youssef", "Abdelkader", "Rachid"], ["Fatima", "Khadija", "Amina", "Naima"],
     ["El Amrani", "Benali", "Ouazzani", "Haddad", "El Idrissi"],
     {"Mohamed": ["Muhammad", "Mohammed"], "Youssef": ["Yusuf", "Yousef"], "Khadija": ["Hadija"]}),
    ("UA", "ua", "uk", ["Oleksandr", "Serhiy", "Andriy", "Mykola"], ["Olena", "Yekaterina", "Natalia", "Oksana"],
     ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk"],
     {"Yekaterina": ["Ekaterina", "Katerina"], "Oleksandr": ["Aleksandr", "Alexander"], "Serhiy": ["Sergey", "Sergei"]}),
    ("RO", "ro", "ro", ["Ion", "Gheorghe", "Vasile", "Mihai"], ["Elena", "Ioana", "Mariana", "Daniela"],
     ["Popescu", "Ionescu", "Popa", "Dumitru", "Stan"], {}),
    ("AL", "al", "sq", ["Arben", "Besnik", "Gentian", "Ilir"], ["Blerina", "Elira", "Mirela", "Anila"],
     ["Hoxha", "Shehu", "Gjoka", "Leka"], {"Hoxha": ["Hoxa", "Hodja"]}),
    ("SN", "sn", "wo", ["Mamadou", "Cheikh", "Ousmane", "Abdoulaye"], ["Aminata", "Fatou", "Awa", "Mariama"],
     ["Diop", "Ndiaye", "Fall", "Sow", "Gueye"], {"Mamadou": ["Mamadu"]}),
    ("NG", "ng", "en", ["Chinedu", "Emeka", "Oluwaseun", "John"], ["Blessing", "Chiamaka", "Grace", "Ngozi"],
     ["Okafor", "Adeyemi", "Okonkwo", "Eze"], {}),
    ("PK", "pk", "ur", ["Muhammad", "Ali", "Imran", "Bilal"], ["Ayesha", "Sana", "Fatima", "Zainab"],
     ["Khan", "Hussain", "Iqbal", "Malik"], {"Muhammad": ["Mohammad", "Mohamed"]}),
]  # fmt: skip
COUNTRY_NAMES = {"MA": "Marocco", "UA": "Ucraina", "RO": "Romania", "AL": "Albania", "SN": "Senegal", "NG": "Nigeria", "PK": "Pakistan"}  # fmt: skip
FICTITIOUS_ADDRESS = "via della Casa Comunale 1 (indirizzo fittizio)"


@functools.cache
def _tax_code_parts(given: str, surname: str) -> str:
    from codicefiscale import codicefiscale

    return codicefiscale.encode_lastname(surname) + codicefiscale.encode_firstname(given)


@functools.cache
def _birthplace_code(birthplace: str, year: int) -> str:
    from codicefiscale import codicefiscale

    return codicefiscale.encode_birthplace(birthplace, f"01/07/{year}") or ""


def _tax_code(rng, given, surname, sex, birth_date, birthplace):
    """The person's tax code, composed from python-codicefiscale's parts (cached: names and
    places repeat across 200,000 persons, and encode() parses the date and scans the places
    every time)."""
    from codicefiscale import codicefiscale

    try:
        code = (
            _tax_code_parts(given, surname)
            + codicefiscale.encode_birthdate(birth_date.strftime("%d/%m/%Y"), sex)
            + _birthplace_code(birthplace, birth_date.year)
        )
    except ValueError:
        return ""
    return code + codicefiscale.encode_cin(code)


def _person(context: SeedContext, index: int) -> tuple[dict, list[dict], list[dict]]:
    """(fields, documents, other names) of one synthetic person."""
    rng = context.rng
    today = datetime.date(2026, 1, 1)
    sex = rng.choice("MF")
    italian = rng.random() < 0.55
    other_names = []
    if italian:
        given = rng.choice(ITALIAN_GIVEN_M if sex == "M" else ITALIAN_GIVEN_F)
        surname = rng.choice(ITALIAN_SURNAMES)
        country, citizenships, languages, birthplace = "IT", ["it"], ["it"], rng.choice(ITALIAN_BIRTHPLACES)
    else:
        country, citizenship, language, males, females, surnames, variants = rng.choice(FOREIGN)
        given = rng.choice(males if sex == "M" else females)
        surname = rng.choice(surnames)
        citizenships, languages, birthplace = (
            [citizenship],
            [language, "it"] if rng.random() < 0.5 else [language],
            COUNTRY_NAMES[country],
        )
        for original in (given, surname):
            for variant in variants.get(original, [])[:1]:
                if rng.random() < 0.6:
                    other_names.append(
                        {
                            "given_names": variant if original == given else "",
                            "surnames": variant if original == surname else "",
                            "kind": "spelling",
                        }
                    )
    age = rng.randint(18, 92)
    birth = today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    roll = rng.random()
    fields = {
        "given_names": given,
        "surnames": surname,
        "sex": sex,
        "birth_country": country,
        "birthplace_name": birthplace,
        "citizenships": citizenships,
        "languages": languages,
        "preferred_language": languages[0],
        "phone": f"+39 3{rng.randint(20, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        if rng.random() < 0.6
        else "",
    }
    if roll < 0.65:
        fields.update(birth_date=birth, birth_date_precision="exact")
    elif roll < 0.9:
        fields.update(birth_date=birth, birth_date_precision="year")
    else:
        fields.update(birth_date_precision="declared_age", declared_age=age, declared_age_on=today)
    situation = rng.random()
    if situation < 0.08:
        fields.update(
            living_situation=rng.choice(["street", "shelter"]),
            residence_status="fictitious_address",
            address=FICTITIOUS_ADDRESS,
        )
    elif situation < 0.15:
        fields.update(living_situation="guest", residence_status="none")
    else:
        fields.update(
            living_situation="housed",
            residence_status="registered",
            address=f"via {rng.choice(ITALIAN_SURNAMES)} {rng.randint(1, 120)}",
        )
    documents = []
    document_roll = rng.random()
    if document_roll < 0.7 and fields.get("birth_date_precision") == "exact":
        code = _tax_code(rng, given, surname, sex, birth, birthplace)
        if code:
            documents.append({"kind": "tax_code", "number": code})
    elif not italian and document_roll < 0.85:
        kind = rng.choice(["stp", "eni"]) if country != "RO" else "eni"
        documents.append({"kind": kind, "number": f"{kind.upper()}030301{index:07d}"})
    elif not italian and document_roll < 0.93:
        documents.append({"kind": "passport", "number": f"{country}{rng.randint(1000000, 9999999)}"})
    # else: no document at all (the system works for them too)
    return fields, documents, other_names


def _operators(context: SeedContext) -> list:
    staff = context.shared.get("staff_by_organisation", {})
    operators = []
    for roles in staff.values():
        for role, users in sorted(roles.items()):
            if role in PERSON_FACING_ROLES and users:
                operators.append(users[0])
                break
    return sorted(operators, key=lambda user: user.pk)


@seeder("people", after=("accounts",))
def seed_people(context: SeedContext) -> None:
    from intreccio.organisations.models import Organisation

    operators = _operators(context)
    if not operators:
        context.stdout.write("  no person-facing operators: no persons\n")
        return
    rng = context.rng
    charities = list(Organisation.objects.filter(kind=Organisation.Kind.CHARITY).order_by("pk")[:3])
    total = context.persons
    persons = []
    for index in range(min(total, THROUGH_ACTIONS)):
        actor = operators[index % len(operators)]
        fields, documents, other_names = _person(context, index)
        sharing_roll = rng.random()
        sharing = Person.Sharing.REFUSED if sharing_roll < 0.12 else Person.Sharing.NETWORK
        person = actions.register_person(
            actor=actor,
            confirm_duplicate=True,
            documents=documents,
            other_names=other_names,
            sharing=sharing,
            **fields,
        )
        if 0.12 <= sharing_roll < 0.25 and charities:
            actions.record_sharing_choice(
                person,
                actor=actor,
                scope=Person.Sharing.SELECTED,
                organisations=[rng.choice(charities)],
                organisation_kinds=["municipality"],
                purposes=["taking_in_charge", "referrals"],
            )
        if rng.random() < 0.7:
            actions.give_information_notice(
                person, actor=actor, language="en" if fields["preferred_language"] == "en" else "it"
            )
        persons.append((person, actor))
        context.progress("persons", index + 1, total)
    households = 0
    for start in range(0, len(persons) - 3, 12):
        (head, actor), *rest = persons[start : start + rng.randint(2, 4)]
        household = actions.create_household(actor=actor, head=head, name=f"Nucleo {head.surnames}")
        for member, member_actor in rest:
            if member_actor.pk == actor.pk:
                actions.add_household_member(
                    household, member, actor=actor, role=rng.choice(["partner", "child", "relative"])
                )
        households += 1
    relations = 0
    for start in range(5, len(persons) - 1, 25):
        (first, actor), (second, second_actor) = persons[start], persons[start + 1]
        if actor.pk == second_actor.pk:
            actions.add_relation(
                first, second, actor=actor, kind=rng.choice(["friend", "neighbour", "carer"])
            )
            relations += 1
    bulk = _bulk_persons(context, operators, start=len(persons), total=total)
    context.stdout.write(
        f"  {len(persons) + bulk} persons ({bulk} in bulk), {households} households, {relations} relations\n"
    )


FULL_CHECK_EVERY = 50


def _checked(document: dict, person: Person, index: int) -> CheckedDocument:
    """What check_document says of a seeded document.

    A tax code the seed composed from the person's own data decodes back to
    that data (no warnings): decoding costs ~6 ms, so only every 50th one is
    fully checked, and the seed stops if a full check disagrees.
    """
    if document["kind"] != "tax_code" or index % FULL_CHECK_EVERY == 0:
        checked = check_document(document["kind"], document["number"], person)
        if document["kind"] == "tax_code" and checked.warnings:
            raise RuntimeError(
                f"seeded tax code {document['number']} disagrees with its person: {checked.warnings}"
            )
        return checked
    return CheckedDocument(kind="tax_code", number=document["number"], normalised=document["number"])


def _bulk_persons(context: SeedContext, operators, *, start: int, total: int) -> int:
    """Register persons start..total in batches, writing exactly the rows register_person writes."""
    from django.db import transaction

    rng = context.rng
    done = 0
    for batch_start in range(start, total, BATCH):
        batch = []
        for index in range(batch_start, min(total, batch_start + BATCH)):
            actor = operators[index % len(operators)]
            fields, documents, other_names = _person(context, index)
            refused = rng.random() < 0.12
            person = Person(
                **fields,
                registered_by_organisation=actor.active_organisation,
                sharing=Person.Sharing.REFUSED if refused else Person.Sharing.NETWORK,
            )
            actions._normalise_birth(person)
            checked = [_checked(d, person, index) for d in documents]
            person.search_text = search.index_text(
                person,
                [(n["given_names"], n["surnames"]) for n in other_names],
                [c.normalised for c in checked],
            )
            batch.append((person, actor, checked, other_names, refused))
        with transaction.atomic():
            Person.objects.bulk_create([item[0] for item in batch])
            IdentityDocument.objects.bulk_create(
                IdentityDocument(
                    person=person,
                    kind=c.kind,
                    number=c.number,
                    normalised_number=c.normalised,
                    warnings=c.warnings,
                )
                for person, _actor, checked, _names, _refused in batch
                for c in checked
            )
            PersonName.objects.bulk_create(
                PersonName(
                    person=person, kind=n["kind"], given_names=n["given_names"], surnames=n["surnames"]
                )
                for person, _actor, _checked, names, _refused in batch
                for n in names
            )
            ConsentRecord.objects.bulk_create(
                ConsentRecord(
                    person=person,
                    scope=Person.Sharing.REFUSED,
                    recorded_by=actor,
                    organisation=actor.active_organisation,
                )
                for person, actor, _checked, _names, refused in batch
                if refused
            )
            registered, audited = [], []
            for person, actor, checked, _names, _refused in batch:
                payload = {"possible_duplicate": False, "documents": [c.kind for c in checked]}
                registered.append(
                    domain_event(
                        events.PERSON_REGISTERED,
                        actor=actor,
                        subject=person,
                        person_id=person.pk,
                        payload=payload,
                    )
                )
                audited.append(
                    audit_entry(actor, AuditEntry.Action.CREATE, person, person_id=person.pk, details=payload)
                )
            DomainEvent.objects.bulk_create(registered)
            AuditEntry.objects.bulk_create(audited)
        done += len(batch)
        context.progress("persons in bulk", done, total - start)
    return done
