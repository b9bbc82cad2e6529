"""Integration plans of the demo persons (docs/plans.md), written through the plan services as
the offices would write them:

- Amal Al-Hassan: the Integrationsmanagement Tübingen owns "Deutsch B1 bis 06/2027", the Agentur
  Balingen-Reutlingen "Anerkennung als Pharmazeutisch-technische Assistentin"; the Sozialamt
  Tübingen adds a step to the Agentur's goal (§ 69 SGB X lets it see it). Amal consented that
  the Integrationsmanagement receives her plan data, so it sees the Agentur's goal too; the
  Sozialamt and the Agentur see that the Integrationsmanagement holds entries, not what they say.
  Amal's arrival and asylum application are on record (the Sozialamt from her papers); the
  rules engine admits her to the Integrationskurs for women with childcare in Tübingen, the
  Agentur enrols her, and the Integrationsmanagement's step "Anmeldung zum Integrationskurs"
  names that enrolment.
- Olena Kovalenko: the Jobcenter Ortenaukreis owns "Berufssprachkurs B2" and "Arbeit als
  Buchhalterin".
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from lotse.consent.services import ConsentInput, consent_record
from lotse.courses.models import Course, Enrolment
from lotse.courses.services import enrolment_create
from lotse.organisations.models import Office, User
from lotse.people.models import Person
from lotse.plans.models import Goal, GoalArea
from lotse.plans.services import GoalInput, StepInput, goal_record, step_record
from lotse.status.models import StatusEvent
from lotse.status.services import status_event_record


def _person(family_name: str, given_names: str) -> Person | None:
    return (
        Person.objects.filter(
            names__family_name=family_name,
            names__given_names=given_names,
            merged_into__isnull=True,
        )
        .distinct()
        .first()
    )


def _step(
    actor: User,
    goal: Goal,
    text: str,
    days: int,
    responsible: Office,
    enrolment: Enrolment | None = None,
) -> None:
    step_record(
        actor=actor,
        goal=goal,
        data=StepInput(
            text=text,
            due_on=timezone.localdate() + timedelta(days=days),
            responsible=responsible,
            enrolment=enrolment,
        ),
    )


def _amal_enrolment(amal: Person, sozialamt: User, aa: User) -> Enrolment | None:
    """Her status as her papers show it, then the Agentur's enrolment in the women's course
    (None where the demo courses are missing)."""
    if not StatusEvent.objects.filter(person=amal).exists():
        for kind, day in (("entry", date(2025, 9, 1)), ("asylum_application", date(2025, 9, 20))):
            status_event_record(
                actor=sozialamt, person=amal, kind=kind, date=day, source="document"
            )
    course = Course.objects.filter(provider="Frauenbildungswerk Tübingen (Demo)").first()
    if course is None:
        return None
    return enrolment_create(actor=aa, person=amal, course=course)


def _amal(amal: Person) -> None:
    im = User.objects.get(username="tue-im-sb")
    aa = User.objects.get(username="aa-rt-sb")
    sozialamt = User.objects.get(username="tue-sozialamt-sb")
    assert im.office  # demo staff: each of an office
    assert aa.office
    assert sozialamt.office
    today = timezone.localdate()
    consent_record(
        actor=im,
        person=amal,
        data=ConsentInput(
            recipients=[im.office],
            categories=["plan"],
            purposes=["integration_counselling"],
            given_on=today,
            given_how="signed_form_interpreter",
            interpreter_name="Samira Haddad",
            interpreter_language="ar",
            explained_language="ar",
            valid_until=today + timedelta(days=365),
        ),
    )
    german = goal_record(
        actor=im,
        person=amal,
        data=GoalInput(
            text="Deutsch B1 bis 06/2027",
            area=GoalArea.LANGUAGE,
            owner=im.office,
            target_date=date(2027, 6, 30),
        ),
    )
    enrolment = _amal_enrolment(amal, sozialamt, aa)
    _step(
        im,
        german,
        "Anmeldung zum Integrationskurs mit Kinderbetreuung",
        3,
        im.office,
        enrolment=enrolment,
    )
    _step(im, german, "Kita-Platz für Omar klären", 12, im.office)
    recognition = goal_record(
        actor=aa,
        person=amal,
        data=GoalInput(
            text="Anerkennung als Pharmazeutisch-technische Assistentin",
            area=GoalArea.RECOGNITION,
            owner=aa.office,
            target_date=date(2027, 12, 31),
        ),
    )
    _step(aa, recognition, "Zeugnisse übersetzen und beglaubigen lassen", 2, aa.office)
    _step(aa, recognition, "Antrag beim Regierungspräsidium Stuttgart stellen", 40, aa.office)
    _step(
        sozialamt,
        recognition,
        "Kosten der Übersetzung als Bedarf prüfen",
        4,
        sozialamt.office,
    )


def _olena(olena: Person) -> None:
    jc = User.objects.get(username="og-jc-sb")
    assert jc.office
    language = goal_record(
        actor=jc,
        person=olena,
        data=GoalInput(
            text="Berufssprachkurs B2 abschließen",
            area=GoalArea.LANGUAGE,
            owner=jc.office,
            target_date=date(2027, 3, 31),
        ),
    )
    _step(jc, language, "Berechtigungsschein für den Berufssprachkurs ausstellen", 5, jc.office)
    work = goal_record(
        actor=jc,
        person=olena,
        data=GoalInput(
            text="Arbeit als Buchhalterin in Offenburg",
            area=GoalArea.WORK,
            owner=jc.office,
        ),
    )
    _step(jc, work, "Bewerbungsunterlagen auf Deutsch erstellen", 21, jc.office)


@transaction.atomic
def demo_plans_seed() -> int:
    """The demo persons' plans, once; running it again adds nothing. Returns the goals added."""
    amal = _person("Al-Hassan", "Amal")
    if amal is None or Goal.objects.filter(person=amal).exists():
        return 0
    _amal(amal)
    olena = _person("Kovalenko", "Olena")
    if olena is not None:
        _olena(olena)
    return Goal.objects.count()
