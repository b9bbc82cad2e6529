"""Letter texts loaded from the shipped data, and a person of the Sozialamt Tübingen."""

import pytest

from conftest import in_english
from lotse.comms.templates import letter_templates_load
from lotse.people.tests.factories import register

CONTEXT = {
    "name": "Amal Haddad",
    "date": "12.01.2027",
    "time": "09:30",
    "place": "Wilhelm-Keil-Straße 50, 72072 Tübingen, Zimmer 3",
    "office": "Sozialamt Landkreis Tübingen",
    "interpreter": "Arabisch",
}


@pytest.fixture
def client_for(client_for):
    return in_english(client_for)


@pytest.fixture
def letter_templates(db):
    letter_templates_load()


@pytest.fixture
def person(caseworker):
    person = register(caseworker)
    person.preferred_language = "ar"
    person.save(update_fields=["preferred_language"])
    return person
