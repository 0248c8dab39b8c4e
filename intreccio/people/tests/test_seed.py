"""The demo seed's fast paths write what the slow, checked paths would."""

import datetime
import random

from codicefiscale import codicefiscale

from intreccio.people import seed
from intreccio.people.documents import check_document
from intreccio.people.models import Person


def test_composed_tax_codes_are_the_librarys_codes_and_decode_without_warnings():
    rng = random.Random(7)
    places = seed.ITALIAN_BIRTHPLACES + list(seed.COUNTRY_NAMES.values())
    for _ in range(200):
        sex = rng.choice("MF")
        given = rng.choice(seed.ITALIAN_GIVEN_M if sex == "M" else seed.ITALIAN_GIVEN_F)
        surname, place = rng.choice(seed.ITALIAN_SURNAMES), rng.choice(places)
        born = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randint(0, 30_000))
        code = seed._tax_code(rng, given, surname, sex, born, place)
        birthdate = born.strftime("%d/%m/%Y")
        assert code == codicefiscale.encode(
            lastname=surname, firstname=given, gender=sex, birthdate=birthdate, birthplace=place
        )
        person = Person(given_names=given, surnames=surname, sex=sex, birth_date=born, birthplace_name=place)
        assert check_document("tax_code", code, person).warnings == []
