"""Deciding on many persons at once: the open-case rule reads the open cases fetched with the
persons (`prefetched_for_policy`) and must decide exactly as it does when it queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.access.policy import Action, decide, prefetched_for_policy
from lotse.cases.models import Case
from lotse.cases.services import case_close, case_open
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.models import Person
from lotse.people.tests.factories import register


@pytest.fixture
def persons(caseworker, other_caseworker):
    """Own open case; another Kreis's case; a closed own case; cases at two offices."""
    neighbour = UserFactory(
        username="abh-tue", office=reference_office("abh-tubingen-08416"), roles=[Role.CASEWORKER]
    )
    own = register(caseworker, family_name="Own")
    foreign = register(other_caseworker, family_name="Foreign")
    closed = register(caseworker, family_name="Closed")
    case_close(actor=caseworker, case=Case.objects.get(person=closed), reason="moved away")
    shared = register(neighbour, family_name="Shared")
    case_open(actor=caseworker, person=shared, reason="referred")
    return [own, foreign, closed, shared]


@pytest.mark.parametrize("action", [Action.VIEW_PERSON, Action.EDIT_PERSON])
def test_prefetched_decisions_equal_queried_ones(persons, caseworker, other_caseworker, action):
    ids = [p.pk for p in persons]
    for user in (caseworker, other_caseworker):
        queried = [decide(user, action, Person.objects.get(pk=pk)).allowed for pk in ids]
        fetched = prefetched_for_policy(Person.objects.filter(pk__in=ids)).in_bulk(ids)
        assert [decide(user, action, fetched[pk]).allowed for pk in ids] == queried
    assert queried == [False, True, False, False]  # other_caseworker, the last user asked


def test_prefetched_persons_are_decided_without_further_queries(persons, caseworker):
    fetched = list(prefetched_for_policy(Person.objects.filter(pk__in=[p.pk for p in persons])))
    decide(caseworker, Action.VIEW_PERSON, fetched[0])  # the user's own Kreise, cached once
    with CaptureQueriesContext(connection) as queries:
        allowed = [decide(caseworker, Action.VIEW_PERSON, p).allowed for p in fetched]
    assert sorted(allowed) == [False, False, True, True]
    # only refused persons without an own case look for break-the-glass access
    assert all("breakglass" in q["sql"] for q in queries.captured_queries)
