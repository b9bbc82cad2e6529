"""The demo persons' way into work: Yusuf Al-Hassan, an electrician with six years of
experience, is suggested the electrician's vacancy in Tübingen with its reasons; Blessing
Okafor, whose Duldung (§ 60b AufenthG) carries a ban on work, is proposed no vacancy, and the
page says why."""

import pytest
from django.test import Client
from django.urls import reverse

from lotse.demo.persons import demo_persons_seed
from lotse.demo.plans import demo_plans_seed
from lotse.demo.profiles import demo_profiles_seed
from lotse.demo.region import demo_region_seed
from lotse.demo.work import demo_work_seed
from lotse.jobs.match_selectors import candidates_for_vacancy, matches_for_person
from lotse.jobs.models import Vacancy
from lotse.organisations.models import User
from lotse.organisations.tests.personas import force_sign_in
from lotse.people.models import Person
from lotse.plans.models import Goal, GoalArea

pytestmark = pytest.mark.django_db

ELECTRICIAN = "Elektroniker/in für Energie- und Gebäudetechnik"


@pytest.fixture
def region():
    demo_region_seed()
    demo_persons_seed()
    demo_profiles_seed()
    demo_plans_seed()
    assert demo_work_seed() == 2
    assert demo_work_seed() == 0  # once only


def _person(given: str, family: str) -> Person:
    return (
        Person.objects.filter(names__given_names=given, names__family_name=family).distinct().get()
    )


def test_yusuf_is_suggested_the_electricians_vacancy_in_tuebingen(region):
    yusuf = _person("Yusuf", "Al-Hassan")
    agentur = User.objects.get(username="aa-rt-sb")
    matches = matches_for_person(actor=agentur, person=yusuf)
    top = matches.results[0]
    assert (top.vacancy.title, top.vacancy.gemeinde.name) == (ELECTRICIAN, "Tübingen")
    assert top.access.answer == "permit_with_ba_consent"  # shown as such, not hidden
    assert Goal.objects.filter(person=yusuf, area=GoalArea.WORK, recorded_by=agentur.office)

    client = Client()
    force_sign_in(client, agentur)
    page = client.get(reverse("web:person_matches", args=[yusuf.pk])).content.decode()
    assert ELECTRICIAN in page
    assert "6 Jahre" in page  # his work experience, as a reason
    assert "Zustimmung der BA" in page


def test_blessing_with_a_ban_on_work_is_proposed_nothing_and_told_why(region):
    blessing = _person("Blessing", "Okafor")
    for username in ("aa-lb-sb", "lb-sozialamt-sb"):
        matches = matches_for_person(actor=User.objects.get(username=username), person=blessing)
        assert matches.results == []
        assert matches.no_access >= 1
    kitchen = Vacancy.objects.get(title="Küchenhilfe")
    agentur = User.objects.get(username="aa-lb-sb")
    candidates = candidates_for_vacancy(actor=agentur, vacancy=kitchen)
    assert blessing not in [result.person for result in candidates.results]

    client = Client()
    force_sign_in(client, agentur)
    page = client.get(reverse("web:person_matches", args=[blessing.pk])).content.decode()
    assert "nicht vorgeschlagen: Die Person darf die Arbeit nicht aufnehmen" in page
    assert "§ 60b" in page
    assert "passt zu den erfassten Berufen" not in page  # not "nothing fits"
