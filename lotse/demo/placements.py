"""Placements of the demo persons (docs/placements.md), written through the services as the
offices would write them:

- Olena Kovalenko: the Jobcenter Ortenaukreis records her directly for a job at a shop in the
  Ortenaukreis and moves her on to the hire (she started five weeks ago, permanent contract):
  the follow-ups after 1, 3 and 6 months are created, the first one due; her plan goal for
  work, which the Jobcenter recorded, is marked reached.
- Yusuf Al-Hassan, an electrician: the Agentur Balingen-Reutlingen records him for the
  electrician's job in Tübingen; he applied and is invited to an interview.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from lotse.jobs.models import Employer, Vacancy
from lotse.jobs.placement_models import Placement, PlacementSource
from lotse.jobs.placements import placement_create, placement_move
from lotse.jobs.services import EmployerInput, VacancyInput, employer_record, vacancy_record
from lotse.organisations.models import Gemeinde, User
from lotse.people.models import Person

SHOP = "Kinzig Markt Offenburg (Demo)"
SHOP_JOB = "Verkäufer/in mit Kassenführung"
ELECTRICIAN_JOB = "Elektroniker/in für Energie- und Gebäudetechnik"


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


def _shop_job(jc: User) -> Vacancy | None:
    found = Vacancy.objects.filter(employer__name=SHOP, title=SHOP_JOB).first()
    if found is not None:
        return found
    gemeinde = Gemeinde.objects.filter(kreis__code="08317").order_by("pk").first()
    if gemeinde is None:
        return None
    employer = Employer.objects.filter(name=SHOP).first() or employer_record(
        actor=jc,
        data=EmployerInput(
            name=SHOP,
            gemeinde=gemeinde,
            sector="retail",
            contact_name="Petra Schwarz",
            contact_phone="0781 555700",
            contact_email="schwarz@kinzig-markt.example",
            offers=["language_support", "flexible_hours"],
        ),
    )
    return vacancy_record(
        actor=jc,
        employer=employer,
        data=VacancyInput(
            kind="job",
            title=SHOP_JOB,
            occupation="62102",
            gemeinde=gemeinde,
            hours_per_week=30,
            german_speaking="B1",
            german_listening="B1",
        ),
    )


def _olena(olena: Person) -> None:
    jc = User.objects.get(username="og-jc-sb")
    job = _shop_job(jc)
    if job is None:
        return
    today = timezone.localdate()
    placement = placement_create(
        actor=jc,
        person=olena,
        vacancy=job,
        source=PlacementSource.DIRECT,
        note="Stelle über die Jobbörse gefunden.",
    )
    for stage in ("applied", "interview", "offer"):
        placement = placement_move(actor=jc, placement=placement, stage=stage, on=today).placement
    placement_move(
        actor=jc,
        placement=placement,
        stage="hired",
        on=today,
        start_date=today - timedelta(days=35),
        contract_type="permanent",
        note="Einstellung nachgetragen.",
    )


def _yusuf(yusuf: Person) -> None:
    aa = User.objects.get(username="aa-rt-sb")
    job = Vacancy.objects.filter(title=ELECTRICIAN_JOB, gemeinde__kreis__code="08416").first()
    if job is None:
        return
    today = timezone.localdate()
    placement = placement_create(actor=aa, person=yusuf, vacancy=job, source=PlacementSource.DIRECT)
    placement = placement_move(actor=aa, placement=placement, stage="applied", on=today).placement
    placement_move(
        actor=aa,
        placement=placement,
        stage="interview",
        on=today,
        note="Vorstellungsgespräch mit Frau Keller vereinbart.",
    )


@transaction.atomic
def demo_placements_seed() -> int:
    """The demo persons' placements, once; running it again adds nothing. Returns the
    placements added."""
    if Placement.objects.exists():
        return 0
    olena = _person("Kovalenko", "Olena")
    if olena is not None:
        _olena(olena)
    yusuf = _person("Al-Hassan", "Yusuf")
    if yusuf is not None:
        _yusuf(yusuf)
    return Placement.objects.count()
