"""The school in the demo region (docs/school-and-duldung.md): school classes for newcomers in
the pilot Kreise — a VABO class at a Gewerbliche Schule in Tübingen, a VKL at a Grundschule in
Reutlingen, a VABO class in Ludwigsburg (all invented, marked "Demo") — and the road of Filmon
Tesfay, the unaccompanied minor from Eritrea of the demo persons (lotse/demo/persons.py):

- the Integrationsmanagement Tübingen opens a case and records his arrival and asylum
  application from his papers; the Agentur Balingen-Reutlingen (Berufsberatung, the
  Jugendberufsagentur) opens one too, and the Jugendamt Tübingen holds his youth-welfare case
  (Inobhutnahme, the guardianship; SGB VIII);
- the Integrationsmanagement enrols him in the VABO class in Tübingen through the enrolment
  service: the rules engine obliges him (Berufsschulpflicht); only his year of birth (2010) is
  known, but on any day of it he is 16 at the start, so the answer does not depend on the day.
  He is a minor in 2026 and in the Jugendberufsagentur's list of the under-25s (/youth/), his
  age marked uncertain;
- his plan gets the goal "Ausbildung nach dem VABO", owned by the Agentur, with the step that
  names the enrolment;
- a case conference on his plan: the Integrationsmanagement, the Agentur and the Jugendamt, the
  school and his guardian with his consent; he took part with an interpreter for Tigrinya;
- his consent (with his guardian) that the Integrationsmanagement's plan entries reach the
  Jugendamt: so the Jugendamt's list of the young people shows his VABO class ("Schule") and
  the date of the conference.

Called from the demo region loader; the part about Filmon waits until the demo persons exist
(`make run` loads the region again when it prints the logins). Running it again adds nothing.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from lotse.cases.services import case_open
from lotse.consent.services import ConsentInput, consent_record
from lotse.courses.models import Course, CourseType, Enrolment
from lotse.courses.services import enrolment_create
from lotse.organisations.models import Gemeinde, Office, User
from lotse.people.models import Person
from lotse.plans.conferences import ConferenceInput, case_conference_record
from lotse.plans.models import CaseConference, GoalArea
from lotse.plans.services import GoalInput, StepInput, goal_record, step_record
from lotse.status.models import StatusEvent
from lotse.status.services import status_event_record

VABO_TUEBINGEN = "Gewerbliche Schule Tübingen (Demo)"
SCHOOL_CLASSES = [
    # (Kreis, recording office, course type, provider, starts in days, weeks, seats)
    ("08416", "im-tubingen-08416", "vabo", VABO_TUEBINGEN, 14, 40, 16),
    (
        "08415",
        "im-reutlingen-08415",
        "vkl",
        "Grundschule am Achalmblick Reutlingen (Demo)",
        7,
        40,
        14,
    ),
    ("08118", "im-ludwigsburg-08118", "vabo", "Berufliche Schule Ludwigsburg (Demo)", 21, 40, 18),
]


def _school_classes(today: date) -> None:
    for kreis, office_code, type_code, provider, days, weeks, seats in SCHOOL_CLASSES:
        gemeinde = Gemeinde.objects.filter(kreis__code=kreis).order_by("pk").first()
        office = Office.objects.filter(code=office_code).first()
        course_type = CourseType.objects.filter(code=type_code).first()
        if gemeinde is None or office is None or course_type is None:
            continue
        starts_on = today + timedelta(days=days)
        Course.objects.get_or_create(
            provider=provider,
            course_type=course_type,
            defaults={
                "starts_on": starts_on,
                "ends_on": starts_on + timedelta(weeks=weeks),
                "gemeinde": gemeinde,
                "seats": seats,
                "level": course_type.target_level,
                "schedule": "Mo–Fr 7:45–13:00",
                "recorded_by": office,
            },
        )


def _filmon() -> Person | None:
    return (
        Person.objects.filter(names__family_name="Tesfay", merged_into__isnull=True)
        .distinct()
        .first()
    )


def _jugendamt(kreis: str) -> Office | None:
    """The Jugendamt of the Kreis, where lotse knows it as an office."""
    return (
        Office.objects.filter(kind="jugendamt")
        .filter(Q(kreis__code=kreis) | Q(jurisdictions__kreis__code=kreis))
        .distinct()
        .order_by("pk")
        .first()
    )


def _road(filmon: Person, today: date) -> None:
    aa = User.objects.get(username="aa-rt-sb")
    im = User.objects.get(username="tue-im-sb")
    assert aa.office
    assert im.office
    case_open(actor=im, person=filmon, reason="Integrationsmanagement")
    case_open(actor=aa, person=filmon, reason="Berufsberatung (Jugendberufsagentur)")
    jugendamt_sb = User.objects.filter(username="tue-jugendamt-sb").first()
    if jugendamt_sb is not None:  # the Jugendamt holds his youth-welfare case
        case_open(
            actor=jugendamt_sb, person=filmon, reason="Inobhutnahme und Vormundschaft (SGB VIII)"
        )
        assert jugendamt_sb.office
        # The Integrationsmanagement is no benefit body: its plan (the VABO enrolment, the
        # conference) reaches the Jugendamt with his consent, given with his guardian.
        consent_record(
            actor=im,
            person=filmon,
            data=ConsentInput(
                recipients=[jugendamt_sb.office],
                categories=["plan"],
                purposes=["integration_counselling"],
                given_on=today,
                given_how="signed_form_interpreter",
                explained_language="ti",
                interpreter_name="Dolmetscher Demo",
                interpreter_language="ti",
                valid_until=today + timedelta(days=365),
                disclosing_offices=[im.office],
            ),
        )
    if not StatusEvent.objects.filter(person=filmon).exists():
        for kind, day in (("entry", date(2025, 10, 6)), ("asylum_application", date(2025, 10, 27))):
            status_event_record(actor=im, person=filmon, kind=kind, date=day, source="document")
    course = Course.objects.filter(provider=VABO_TUEBINGEN).first()
    enrolment: Enrolment | None = None
    if course is not None:
        enrolment = enrolment_create(actor=im, person=filmon, course=course)
    goal = goal_record(
        actor=im,
        person=filmon,
        data=GoalInput(
            text="Ausbildung nach dem VABO",
            area=GoalArea.TRAINING,
            owner=aa.office,
            target_date=date(today.year + 2, 9, 1),
        ),
    )
    step = step_record(
        actor=im,
        goal=goal,
        data=StepInput(
            text="VABO-Klasse an der Gewerblichen Schule Tübingen besuchen",
            due_on=today + timedelta(days=14),
            responsible=im.office,
            enrolment=enrolment,
        ),
    )
    offices = [im.office, aa.office]
    if (jugendamt := _jugendamt("08416")) is not None:
        offices.append(jugendamt)
    case_conference_record(
        actor=im,
        person=filmon,
        data=ConferenceInput(
            held_on=today,
            offices=offices,
            other_participants="Gewerbliche Schule Tübingen (Klassenleitung VABO); Vormund",
            external_consent=True,
            person_present=True,
            interpreter_language="ti",
            agreed=(
                "Filmon besucht ab dem nächsten Schuljahresabschnitt die VABO-Klasse. "
                "Die Berufsberatung vereinbart im Frühjahr ein Praktikum im Elektrohandwerk; "
                "die Schule meldet den Sprachstand nach dem Halbjahr."
            ),
            goals=[goal],
            steps=[step],
        ),
    )


def demo_school_seed(today: date | None = None) -> int:
    """The school classes, and Filmon's road once the demo persons exist; returns the case
    conferences recorded."""
    today = today or timezone.localdate()
    _school_classes(today)
    filmon = _filmon()
    if filmon is None or CaseConference.objects.filter(person=filmon).exists():
        return 0
    _road(filmon, today)
    return 1
