"""Which Kreis's rules apply to a person: the Gemeinde of the current address, else the one
Gemeinde the address's town names, else the office's Kreis. An Agentur serves several Kreise,
so for its caseworker the town on the address decides."""

import pytest

from lotse.courses.tests.factories import place
from lotse.jobs.tests.factories import AGENTUR_TUEBINGEN
from lotse.organisations.models import Gemeinde, Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import TUEBINGEN
from lotse.people.models import PersonAddress
from lotse.people.tests.factories import register
from lotse.status.facts import person_kreis

pytestmark = pytest.mark.django_db


@pytest.fixture
def agentur():
    return UserFactory(office=reference_office(AGENTUR_TUEBINGEN), roles=[Role.CASEWORKER])


def test_the_town_of_the_address_names_the_kreis_for_an_office_of_several(agentur):
    assert agentur.office.kreis_id is None  # the Agentur serves Tübingen and Reutlingen
    person = register(agentur)  # an address in Tübingen, without its Gemeinde
    tuebingen = place(TUEBINGEN, "Tübingen")
    assert person_kreis(person, [], agentur.office) == tuebingen.kreis.code


def test_a_town_that_names_no_or_several_gemeinden_decides_nothing(agentur):
    person = register(agentur)
    PersonAddress.objects.filter(person=person).update(city="Nirgendwo")
    with pytest.raises(Exception, match="Kreis der Person ist nicht bekannt|Kreis is not known"):
        person_kreis(person, [], agentur.office)
    twin = place(TUEBINGEN, "Tübingen")
    Gemeinde.objects.create(
        kreis=twin.kreis, ags="08999999", name="Tübingen", valid_from=twin.valid_from
    )
    PersonAddress.objects.filter(person=person).update(city="Tübingen")
    with pytest.raises(Exception, match="Kreis der Person ist nicht bekannt|Kreis is not known"):
        person_kreis(person, [], agentur.office)


def test_the_recorded_gemeinde_wins_over_the_town(agentur):
    person = register(agentur)
    place(TUEBINGEN, "Tübingen")
    reutlingen = place("08415", "Reutlingen")
    PersonAddress.objects.filter(person=person).update(gemeinde=reutlingen)
    assert person_kreis(person, [], agentur.office) == reutlingen.kreis.code
