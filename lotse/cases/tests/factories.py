"""A case made directly (not through case_open), for tests about cases that came in other ways:
bulk loads and older data, e.g. without a row of field history."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from lotse.cases.models import Case
from lotse.people.models import Person


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    person = factory.LazyFunction(Person.objects.create)
    responsible = None
    office = factory.LazyAttribute(lambda case: case.responsible.office)
    opened_at = factory.LazyFunction(timezone.now)
    opened_reason = "loaded"

    @factory.post_generation
    def history(case, create, extracted, **kwargs):
        if create and extracted is False:
            case.history.all().delete()
