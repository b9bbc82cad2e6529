"""Placements as stages of the Jugendberufsagentur's list: a young person hired into an
apprenticeship by the Jobcenter is at the stage "apprenticeship" for the Jugendamt of the
Kreis, which the policy lets read the Jobcenter's data (§ 69 SGB X); an ongoing application is
no stage yet; a Jugendamt of another Kreis sees nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.cases.services import case_open
from lotse.jobs.placement_models import PlacementSource
from lotse.jobs.placements import placement_create, placement_move
from lotse.jobs.tests.factories import employer_staff, vacancy
from lotse.jobs.tests.match_factories import electrician
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.models import Person
from lotse.plans.youth import Stage, current_stages

pytestmark = pytest.mark.django_db


def _placed(jc, person, *, hired: bool):
    job = vacancy(jc, kind="apprenticeship", title="Ausbildung Elektroniker/in")
    placement = placement_create(
        actor=jc, person=person, vacancy=job, source=PlacementSource.DIRECT
    )
    if hired:
        today = timezone.localdate()
        for stage in ("applied", "interview", "offer"):
            placement = placement_move(
                actor=jc, placement=placement, stage=stage, on=today
            ).placement
        placement_move(
            actor=jc,
            placement=placement,
            stage="hired",
            on=today,
            start_date=today + timedelta(days=30),
            contract_type="apprenticeship",
        )
    return placement


def test_a_hired_apprentice_is_at_the_apprenticeship_stage_for_the_jugendamt(
    jugendamt_caseworker,
):
    jc = employer_staff()
    teen = electrician(jc, birth=(timezone.localdate().year - 19, 1, 1))
    case_open(actor=jugendamt_caseworker, person=teen, reason="Hilfe für junge Volljährige")
    persons = Person.objects.filter(pk=teen.pk)
    _placed(jc, teen, hired=False)
    assert current_stages(actor=jugendamt_caseworker, persons=persons) == {}
    _placed(jc, teen, hired=True)
    assert current_stages(actor=jugendamt_caseworker, persons=persons) == {
        teen.pk: Stage.APPRENTICESHIP
    }


def test_a_jugendamt_of_another_kreis_reads_no_stage(jugendamt_caseworker):
    jc = employer_staff()
    teen = electrician(jc, birth=(timezone.localdate().year - 19, 1, 1))
    _placed(jc, teen, hired=True)
    other = UserFactory(
        office=reference_office("jugendamt-ludwigsburg-08118"), roles=[Role.CASEWORKER]
    )
    assert current_stages(actor=other, persons=Person.objects.filter(pk=teen.pk)) == {}
