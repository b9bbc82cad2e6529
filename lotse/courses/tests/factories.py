"""Courses for tests: a course made directly (the catalogue is there by migration), persons with
a residence status recorded through the services."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from lotse.courses.models import Course, CourseType
from lotse.organisations.models import Gemeinde, User
from lotse.organisations.tests.factories import reference_kreis, reference_office
from lotse.organisations.tests.personas import TUEBINGEN
from lotse.people.models import Person
from lotse.people.tests.factories import register
from lotse.status.services import status_event_record


def place(kreis: str = TUEBINGEN, name: str = "Tübingen") -> Gemeinde:
    gemeinde, _created = Gemeinde.objects.get_or_create(
        kreis=reference_kreis(kreis),
        name=name,
        defaults={"ags": f"{kreis}{len(name):03d}", "valid_from": date(1973, 1, 1)},
    )
    return gemeinde


def course_type(code: str = "integrationskurs") -> CourseType:
    return CourseType.objects.get(code=code)


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    if TYPE_CHECKING:  # what calling the factory gives (factory_boy types it as the factory)

        def __new__(cls, *args: Any, **kwargs: Any) -> Course: ...  # type: ignore[misc]

    course_type = factory.LazyFunction(course_type)
    provider = factory.Sequence(lambda n: f"Sprachschule {n}")
    gemeinde = factory.LazyFunction(place)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda c: c.starts_on + timedelta(days=180))
    seats = 15
    level = factory.LazyAttribute(lambda c: c.course_type.target_level)
    recorded_by = factory.LazyFunction(lambda: reference_office("sozialamt-tubingen-08416"))


def refugee(actor: User, *, title_on: date | None = None, **kwargs) -> Person:
    """A recognised refugee whose first residence title (§ 25 Abs. 2) was issued on `title_on`
    (default: two months ago): entitled to the integration course for a year."""
    person = register(actor, **kwargs)
    issued = title_on or timezone.localdate() - timedelta(days=60)
    steps: list[tuple[str, date, dict[str, object]]] = [
        ("entry", date(2023, 10, 1), {}),
        ("asylum_application", date(2023, 10, 20), {}),
        ("decision", issued - timedelta(days=40), {"outcome": "fluechtlingsschutz"}),
        ("finality", issued - timedelta(days=20), {}),
        (
            "residence_title",
            issued,
            {"title": "25_2_refugee", "first_issue": True, "valid_until": "2030-01-01"},
        ),
    ]
    for kind, day, details in steps:
        status_event_record(
            actor=actor, person=person, kind=kind, date=day, details=details, source="document"
        )
    return person


def asylum_seeker(actor: User, *, nationality: str = "AFG", **kwargs) -> Person:
    person = register(actor, nationality=nationality, **kwargs)
    for kind, day in [("entry", date(2025, 9, 1)), ("asylum_application", date(2025, 9, 20))]:
        status_event_record(actor=actor, person=person, kind=kind, date=day, source="document")
    return person


def departed(actor: User, **kwargs) -> Person:
    person = register(actor, **kwargs)
    for kind, day in [("entry", date(2022, 1, 1)), ("departure", date(2023, 1, 1))]:
        status_event_record(actor=actor, person=person, kind=kind, date=day, source="document")
    return person
