"""The pages a caseworker uses every day read the database a fixed number of times, however many
cases, persons, notes or entries they show (no N+1).

Each page is asked once with a few rows (after a first request that warms the session and the
caches) and once with many: the queries at the big size are no more than at the small one, and
no more than a fixed maximum per page, so that a regression shows. The audit events a list page
writes (`INSERT INTO "audit_auditevent"`) are left out of the comparison of the two sizes —
how many rows a read writes is the audit trail's business — but counted in the maximum.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import unescape
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotse.cases.models import Case, NoteVisibility, ReferralKind
from lotse.cases.referrals import referral_request
from lotse.cases.services import case_open, follow_up_add, note_add
from lotse.organisations.models import Role, User
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import JOBCENTER_TUEBINGEN
from lotse.people.households import household_join
from lotse.people.models import HouseholdRole, IdentifierType, Person
from lotse.people.services import IdentifierInput, NameInput, person_identifier_add, person_name_add
from lotse.people.tests.factories import register
from lotse.plans.services import (
    GoalInput,
    StepInput,
    goal_record,
    step_record,
    step_set_status,
)
from lotse.profiles.models import EntryKind
from lotse.profiles.tests.factories import record_entry
from lotse.status.services import status_event_record

pytestmark = pytest.mark.django_db

SMALL, BIG = 3, 25
AUDIT_INSERT = 'INSERT INTO "audit_auditevent"'


@dataclass
class World:
    """The personas of a test and what its page is about."""

    caseworker: User
    colleague: User
    jobcenter: User
    person: Person | None = None
    case: Case | None = None


def people(actor, count: int, start: int) -> list[Person]:
    return [
        register(actor, family_name=f"Testperson {i:02d}", given_names="Ana", original=None)
        for i in range(start, start + count)
    ]


def case_of(world: World, person: Person) -> Case:
    return Case.objects.get(person=person, office=world.caseworker.office)


def refer(world: World, persons: list[Person]) -> None:
    for person in persons:
        referral_request(
            actor=world.caseworker,
            case=case_of(world, person),
            to_office=reference_office(JOBCENTER_TUEBINGEN),
            kind=ReferralKind.SERVICE,
            purpose="Beratung",
            categories=["profile"],
            respond_by=timezone.localdate() + timedelta(days=14),
        )


# What grows, page by page: `grow(world, start, count)` adds rows number start … start+count-1.


def grow_cases(world: World, start: int, count: int) -> None:
    """Persons with open cases, half of them the colleague's, each with a follow-up due today
    and a hand-over sent to the Jobcenter."""
    persons = people(world.caseworker, count, start)
    for number, person in enumerate(persons, start):
        case = case_of(world, person)
        if number % 2:
            case.responsible = world.colleague
            case.save(update_fields=["responsible"])
        follow_up_add(
            actor=world.caseworker, case=case, due_on=timezone.localdate(), title=f"Anruf {number}"
        )
    refer(world, persons)


def grow_planned_cases(world: World, start: int, count: int) -> None:
    """Persons with open cases (as grow_cases), each with a goal of the caseworker's office and
    one of the Jobcenter's (§ 69 SGB X), and a step of each due this week."""
    grow_cases(world, start, count)
    for number in range(start, start + count):
        person = Person.objects.get(names__family_name=f"Testperson {number:02d}")
        case_open(actor=world.jobcenter, person=person, reason="Beratung")
        for actor in (world.caseworker, world.jobcenter):
            goal = goal_record(
                actor=actor,
                person=person,
                data=GoalInput(text=f"Ziel {number}", area="language", owner=actor.office),
            )
            step_record(
                actor=actor,
                goal=goal,
                data=StepInput(
                    text=f"Schritt {number}",
                    due_on=timezone.localdate(),
                    responsible=actor.office,
                ),
            )


def grow_plan(world: World, start: int, count: int) -> None:
    """One person with ever more goals of two offices, each with two steps, one of them done."""
    if world.person is None:
        world.person = register(world.caseworker, family_name="Haddad", given_names="Rana")
        case_open(actor=world.jobcenter, person=world.person, reason="Beratung")
    for number in range(start, start + count):
        actor = world.jobcenter if number % 2 else world.caseworker
        goal = goal_record(
            actor=actor,
            person=world.person,
            data=GoalInput(text=f"Ziel Nr. {number}", area="work", owner=world.caseworker.office),
        )
        for due in (1, 2):
            step = step_record(
                actor=actor,
                goal=goal,
                data=StepInput(
                    text=f"Schritt {number}.{due}",
                    due_on=timezone.localdate() + timedelta(days=due),
                    responsible=world.caseworker.office,
                ),
            )
        step_set_status(actor=world.caseworker, step=step, status="done")


def grow_person(world: World, start: int, count: int) -> None:
    """One person with ever more spellings, identifiers, children in the household and profile
    entries (of the Sozialamt and of the Jobcenter, which has a case too)."""
    if world.person is None:
        world.person = register(world.caseworker, family_name="Haddad", given_names="Rana")
        case_open(actor=world.jobcenter, person=world.person, reason="Rechtskreiswechsel")
    for number in range(start, start + count):
        person_name_add(
            actor=world.caseworker,
            person=world.person,
            name=NameInput(given_names="Rana", family_name=f"Hadad {number}", source="self"),
        )
        person_identifier_add(
            actor=world.caseworker,
            person=world.person,
            identifier=IdentifierInput(type=IdentifierType.PASSPORT, value=f"P{number:07d}"),
        )
        child = register(
            world.caseworker,
            family_name="Haddad",
            given_names=f"Kind {number}",
            original=None,
            birth=(2010 + number % 10, 1, 1),
        )
        household_join(
            actor=world.caseworker, person=world.person, member=child, role=HouseholdRole.CHILD
        )
        # the profile section: entries recorded by two offices, each replacing the last
        record_entry(world.caseworker, world.person, EntryKind.SCHOOLING, years=number % 12)
        record_entry(world.jobcenter, world.person, EntryKind.WORK, description=f"Arbeit {number}")


def grow_status(world: World, start: int, count: int) -> None:
    """One person with ever more status entries: jobs begun and ended."""
    if world.person is None:
        world.person = register(world.caseworker, family_name="Haddad", given_names="Rana")
    first = date(2017, 1, 1)
    for number in range(start, start + count):
        kind = "employment_end" if number % 2 else "employment_start"
        status_event_record(
            actor=world.caseworker,
            person=world.person,
            kind=kind,
            date=first + timedelta(days=30 * number),
            details={"hours_per_week": 20} if kind == "employment_start" else {},
            source="self",
        )


def grow_case(world: World, start: int, count: int) -> None:
    """One case with ever more notes (by two authors) and follow-ups, half of them done."""
    if world.case is None:
        person = register(world.caseworker, family_name="Haddad", given_names="Rana")
        world.case = case_of(world, person)
    for number in range(start, start + count):
        author = world.colleague if number % 2 else world.caseworker
        note_add(
            actor=author,
            case=world.case,
            text=f"Gespräch Nr. {number}",
            visibility=NoteVisibility.SHARED if number % 3 else NoteVisibility.OFFICE,
        )
        follow_up_add(
            actor=author,
            case=world.case,
            due_on=timezone.localdate() + timedelta(days=number),
            title=f"Nachfassen {number}",
        )


YOUTH_ANSWER = "noch nicht: die Voraussetzungen sind nach den Einträgen nicht erfüllt"


def grow_youth(world: World, start: int, count: int) -> None:
    """Young people of 18 at the Jobcenter, each with a Duldung since February 2024 (the list
    asks the rules engine about §§ 60c/60d for each of them)."""
    year = timezone.localdate().year - 18
    for number in range(start, start + count):
        person = register(
            world.jobcenter,
            family_name=f"Testperson {number:02d}",
            given_names="Ana",
            original=None,
            birth=(year, 1, 1),
            placeholder=False,
        )
        for kind, day, details in (
            ("entry", date(2023, 9, 1), {}),
            ("duldung", date(2024, 2, 1), {"valid_until": "2027-12-31"}),
        ):
            status_event_record(
                actor=world.jobcenter,
                person=person,
                kind=kind,
                date=day,
                details=details,
                source="document",
            )


def _person_url(name: str) -> Callable[[World], str]:
    return lambda world: reverse(name, kwargs={"person_id": getattr(world.person, "pk", None)})


def _case_url(name: str) -> Callable[[World], str]:
    return lambda world: reverse(name, kwargs={"case_id": getattr(world.case, "pk", None)})


@dataclass(frozen=True)
class Page:
    persona: str  # an attribute of World
    grow: Callable[[World, int, int], None]
    url: Callable[[World], str]
    params: dict = field(default_factory=dict)
    post: bool = False
    # The most queries the page may take (audit events included), whatever it shows.
    most: int = 0
    # What the page shows once it has grown (so that the big size is really big).
    shows: Callable[[World], str] = lambda world: "Testperson 24"


LAST_STATUS_DAY = date(2017, 1, 1) + timedelta(days=30 * (BIG - 1))

PAGES = {
    "start": Page(
        "caseworker",
        grow_cases,
        lambda w: "/",
        most=24,
        shows=lambda w: f"{(BIG + 1) // 2} offene Fälle liegen bei Ihnen.",
    ),
    "start of the receiving office": Page(
        "jobcenter",
        grow_cases,
        lambda w: "/",
        most=21,
        shows=lambda w: f"{BIG} Anfragen warten auf Antwort.",
    ),
    "caseload": Page("caseworker", grow_cases, lambda w: "/cases/", most=14),
    "caseload, mine": Page("caseworker", grow_cases, lambda w: "/cases/", {"mine": "1"}, most=14),
    "caseload, due": Page("caseworker", grow_cases, lambda w: "/cases/", {"due": "1"}, most=14),
    "person search": Page(
        "caseworker", grow_cases, lambda w: "/persons/", {"q": "Testperson"}, most=15
    ),
    "person page": Page(
        "caseworker",
        grow_person,
        _person_url("web:person_detail"),
        # 47: the policy's facts (open cases, running referrals, active consents) come with the
        # person once; asked per section, they took 35 more
        most=52,
        shows=lambda w: f"Kind {BIG - 1}",
    ),
    "status timeline": Page(
        "caseworker",
        grow_status,
        _person_url("web:status_timeline"),
        most=32,  # 28: the Kreise read once for every day of the timeline
        shows=lambda w: f"{LAST_STATUS_DAY:%d.%m.%Y}",
    ),
    "case page": Page(
        "caseworker",
        grow_case,
        _case_url("web:case_detail"),
        most=25,
        shows=lambda w: f"Gespräch Nr. {BIG - 1}",
    ),
    "plan page": Page(
        "caseworker",
        grow_plan,
        _person_url("web:plan"),
        most=43,  # 38, and the case conferences on the plan (the policy's answer, the rows)
        shows=lambda w: f"Schritt {BIG - 1}.2",
    ),
    "person page with a plan": Page(
        "caseworker",
        grow_plan,
        _person_url("web:person_detail"),
        most=52,  # 46
        shows=lambda w: f"Ziel Nr. {BIG - 1}",
    ),
    "caseload with plan steps": Page(
        "caseworker",
        grow_planned_cases,
        lambda w: "/cases/",
        most=20,
        shows=lambda w: "Schritt 24",
    ),
    "start with plan steps": Page(
        "caseworker",
        grow_planned_cases,
        lambda w: "/",
        most=32,
        shows=lambda w: f"{(BIG + 1) // 2 * 2} Schritte",
    ),
    "hand-overs sent": Page("caseworker", grow_cases, lambda w: "/referrals/", most=14),
    "hand-overs received": Page("jobcenter", grow_cases, lambda w: "/referrals/", most=14),
    "young people": Page(
        "jobcenter",
        grow_youth,
        lambda w: "/youth/",
        most=25,  # 24, and the one list read in the audit trail
        shows=lambda w: YOUTH_ANSWER,
    ),
    "recording a note": Page(
        "caseworker",
        grow_case,
        _case_url("web:case_note"),
        {"text": "Neue Notiz", "visibility": NoteVisibility.OFFICE},
        post=True,
        most=23,
        shows=lambda w: "",
    ),
}


@dataclass(frozen=True)
class Count:
    total: int
    page: str
    others: tuple[str, ...]  # the queries other than the audit trail's inserts

    def repeated(self) -> str:
        """The queries asked more than once (numbers and quoted values left out)."""
        shapes = Counter(re.sub(r"'[^']*'|\b\d+\b", "?", sql)[:300] for sql in self.others)
        return "\n".join(f"{n} × {shape}" for shape, n in shapes.most_common() if n > 1)


def count(client, page: Page, world: World) -> Count:
    ask = client.post if page.post else client.get
    with CaptureQueriesContext(connection) as queries:
        response = ask(page.url(world), page.params)
    assert response.status_code == (302 if page.post else 200), response.status_code
    others = tuple(q["sql"] for q in queries.captured_queries if AUDIT_INSERT not in q["sql"])
    return Count(len(queries.captured_queries), response.content.decode(), others)


@pytest.fixture
def world(caseworker) -> World:
    colleague = cast(
        User, UserFactory(username="colleague", office=caseworker.office, roles=[Role.CASEWORKER])
    )
    jobcenter = cast(
        User,
        UserFactory(
            username="jc-tue", office=reference_office(JOBCENTER_TUEBINGEN), roles=[Role.CASEWORKER]
        ),
    )
    return World(caseworker=caseworker, colleague=colleague, jobcenter=jobcenter)


@pytest.mark.parametrize("name", PAGES)
def test_queries_do_not_grow_with_what_the_page_shows(
    name, world, client_for, django_assert_max_num_queries
):
    page = PAGES[name]
    client = client_for(getattr(world, page.persona))
    page.grow(world, 0, SMALL)
    count(client, page, world)  # session, caches and lazily loaded settings warmed
    few = count(client, page, world)
    page.grow(world, SMALL, BIG - SMALL)
    with django_assert_max_num_queries(page.most):
        many = count(client, page, world)
    assert page.shows(world) in unescape(many.page), f"{name}: the page does not show everything"
    small, big = len(few.others), len(many.others)
    assert big <= small, f"{name}: {small} queries with {SMALL} rows, {big} with {BIG}:\n" + (
        many.repeated()
    )
