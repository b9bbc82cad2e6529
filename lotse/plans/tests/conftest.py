"""One person of the Landkreis Tübingen with open cases at the Sozialamt (the `caseworker`
persona registers her), the Agentur, the Jobcenter, the Integrationsmanagement and the
Ausländerbehörde; and helpers that record goals and steps through the services."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import in_english
from lotse.cases.services import case_open
from lotse.consent.services import ConsentInput, consent_record
from lotse.organisations.models import Office, OfficeKind, Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register
from lotse.plans.models import GoalArea
from lotse.plans.services import GoalInput, StepInput, goal_record, step_record

IM_TUEBINGEN = "im-tubingen-08416"
JC_TUEBINGEN = "jc-tubingen-08416"
ABH_TUEBINGEN = "abh-tubingen-08416"


def agentur_tuebingen() -> Office:
    """The Agentur für Arbeit serving the Landkreis Tübingen today."""
    today = timezone.localdate()
    return (
        Office.objects.filter(
            kind=OfficeKind.AGENTUR,
            jurisdictions__kreis__code="08416",
            jurisdictions__valid_from__lte=today,
        )
        .exclude(jurisdictions__valid_to__lt=today)
        .distinct()
        .get()
    )


def staff(username: str, office: Office, role=Role.CASEWORKER):
    return UserFactory(username=username, office=office, roles=[role])


@pytest.fixture
def client_for(client_for):
    return in_english(client_for)


@pytest.fixture
def agentur(db):
    return staff("aa-sb", agentur_tuebingen())


@pytest.fixture
def jobcenter(db):
    return staff("jc-sb", reference_office(JC_TUEBINGEN))


@pytest.fixture
def im(db):
    return staff("im-sb", reference_office(IM_TUEBINGEN))


@pytest.fixture
def abh(db):
    return staff("abh-sb", reference_office(ABH_TUEBINGEN))


@pytest.fixture
def person(caseworker, agentur, jobcenter, im, abh):
    person = register(caseworker)
    person.preferred_language = "ar"
    person.save(update_fields=["preferred_language"])
    for actor in (agentur, jobcenter, im, abh):
        case_open(actor=actor, person=person, reason="Beratung")
    return person


def goal_input(owner: Office, **overrides) -> GoalInput:
    values: dict[str, Any] = {
        "text": "Deutsch B1 bis 06/2027",
        "area": GoalArea.LANGUAGE,
        "owner": owner,
        "target_date": timezone.localdate() + timedelta(days=400),
    }
    values.update(overrides)
    return GoalInput(**values)


def step_input(responsible: Office, **overrides) -> StepInput:
    values: dict[str, Any] = {
        "text": "Anmeldung zum Integrationskurs",
        "due_on": timezone.localdate() + timedelta(days=3),
        "responsible": responsible,
    }
    values.update(overrides)
    return StepInput(**values)


@pytest.fixture
def add_goal():
    def make(actor, person, **overrides):
        owner = overrides.pop("owner", actor.office)
        return goal_record(actor=actor, person=person, data=goal_input(owner, **overrides))

    return make


@pytest.fixture
def add_step():
    def make(actor, goal, **overrides):
        responsible = overrides.pop("responsible", actor.office)
        return step_record(actor=actor, goal=goal, data=step_input(responsible, **overrides))

    return make


def plan_consent(actor, person, recipient: Office, purpose: str):
    today = timezone.localdate()
    return consent_record(
        actor=actor,
        person=person,
        data=ConsentInput(
            recipients=[recipient],
            categories=["plan"],
            purposes=[purpose],
            given_on=today,
            given_how="written",
            explained_language="de",
            valid_until=today + timedelta(days=365),
        ),
    )
