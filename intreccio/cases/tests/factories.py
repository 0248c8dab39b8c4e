"""Test data of the cases app. Persons are made here until people.actions.register_person exists."""

import factory
from factory.django import DjangoModelFactory

from intreccio.people.models import Person


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    given_names = factory.Sequence(lambda n: f"Persona{n}")
    surnames = factory.Sequence(lambda n: f"Cognome{n}")
    sharing = Person.Sharing.NETWORK
