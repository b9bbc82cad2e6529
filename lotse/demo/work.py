"""The demo persons' way into work (docs/matching.md), written through the services as the
offices would write them:

- Yusuf Al-Hassan, Amal's husband, an electrician with six years of experience: his arrival and
  asylum application are on record (the Sozialamt Tübingen from his papers), and the Agentur
  Balingen-Reutlingen owns the goal "Arbeit als Elektriker im Kreis Tübingen". The matching
  suggests him the electrician's vacancy in Tübingen; the work needs a permit of the
  Ausländerbehörde with the BA's consent, and the page says so.
- Blessing Okafor (Sozialamt Ludwigsburg): her asylum application was rejected, she holds a
  Duldung for persons whose identity is not clarified (§ 60b AufenthG), which carries a ban on
  work. She worked in a kitchen in Nigeria, the Agentur Ludwigsburg recorded it in early
  profiling; the matching proposes her no vacancy (not the kitchen help in Ludwigsburg either)
  and says why.
"""

from datetime import date

from django.db import transaction

from lotse.cases.services import case_open
from lotse.organisations.models import User
from lotse.people.models import Person
from lotse.plans.models import Goal, GoalArea
from lotse.plans.services import GoalInput, goal_record
from lotse.profiles.models import EntryKind, Occupation
from lotse.profiles.services import LanguageInput, person_language_record, profile_entry_record
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


def _yusuf(yusuf: Person) -> None:
    sozialamt = User.objects.get(username="tue-sozialamt-sb")
    aa = User.objects.get(username="aa-rt-sb")
    assert aa.office  # demo staff: each of an office
    for kind, day in (("entry", date(2025, 9, 1)), ("asylum_application", date(2025, 9, 20))):
        status_event_record(actor=sozialamt, person=yusuf, kind=kind, date=day, source="document")
    goal_record(
        actor=aa,
        person=yusuf,
        data=GoalInput(
            text="Arbeit als Elektriker im Kreis Tübingen",
            area=GoalArea.WORK,
            owner=aa.office,
        ),
    )


def _blessing(blessing: Person) -> None:
    sozialamt = User.objects.get(username="lb-sozialamt-sb")
    aa = User.objects.get(username="aa-lb-sb")
    for kind, day, details in (
        ("entry", date(2019, 5, 10), {}),
        ("asylum_application", date(2019, 5, 20), {}),
        ("decision", date(2020, 3, 2), {"outcome": "rejected_unfounded", "dublin": False}),
        ("finality", date(2020, 4, 15), {}),
        ("duldung", date(2020, 5, 4), {"variant": "60b", "valid_until": "2027-05-03"}),
    ):
        status_event_record(
            actor=sozialamt,
            person=blessing,
            kind=kind,
            date=day,
            details=details,
            source="abh_file" if kind == "duldung" else "bamf_bescheid",
        )
    case_open(actor=aa, person=blessing, reason="early profiling (§ 39a SGB III)")
    profile_entry_record(
        actor=aa,
        person=blessing,
        kind=EntryKind.WORK,
        source="own_statement",
        values={
            "occupation": Occupation.objects.get(kldb_code="29301"),
            "description": "Küche eines Restaurants in Benin City",
            "years": 4,
            "country": "NGA",
            "employer_type": "company",
        },
    )
    person_language_record(
        actor=aa,
        person=blessing,
        data=LanguageInput(
            language="de",
            source="assessed",
            listening="A2",
            reading="A2",
            speaking="A2",
            writing="A1",
        ),
    )


@transaction.atomic
def demo_work_seed() -> int:
    """Once; running it again adds nothing. Returns the persons described."""
    made = 0
    yusuf = _person("Al-Hassan", "Yusuf")
    if (
        yusuf is not None
        and not StatusEvent.objects.filter(person=yusuf).exists()
        and not Goal.objects.filter(person=yusuf).exists()
    ):
        _yusuf(yusuf)
        made += 1
    blessing = _person("Okafor", "Blessing")
    if blessing is not None and not StatusEvent.objects.filter(person=blessing).exists():
        _blessing(blessing)
        made += 1
    return made
