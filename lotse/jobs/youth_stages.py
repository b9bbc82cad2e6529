"""The placements as a stage source of the Jugendberufsagentur's list (lotse/plans/youth.py):
a young person hired into an apprenticeship is at the stage "apprenticeship", into an
Einstiegsqualifizierung at "training preparation", into a job at "work" — from the day of the
hire (the contract signed, even before the start) until the placement ends. Each placement is
read as `profile` data of the office that recorded it: the policy decides per office, as for
every other source."""

from collections import defaultdict
from datetime import date
from uuid import UUID

from django.db.models import QuerySet

from lotse.access.policy import Category
from lotse.jobs.models import VacancyKind
from lotse.jobs.placement_models import Placement, PlacementStage
from lotse.organisations.models import Office, User
from lotse.people.models import Person
from lotse.plans.youth import STAGE_ORDER, Stage, readable_persons, register_stage_source

KIND_STAGES: dict[str, Stage] = {
    VacancyKind.APPRENTICESHIP: Stage.APPRENTICESHIP,
    VacancyKind.ENTRY_QUALIFICATION: Stage.PREPARATION,
    VacancyKind.JOB: Stage.WORK,
}


def placement_stage_source(
    *, actor: User, persons: QuerySet[Person], on: date
) -> dict[UUID, Stage]:
    rows = (
        Placement.objects.filter(person__in=persons, stage=PlacementStage.HIRED)
        .filter(stage_since__lte=on)
        .values_list("person_id", "recorded_by_id", "vacancy__kind")
    )
    by_office: dict[int, list[tuple[UUID, Stage]]] = defaultdict(list)
    for person_id, office_id, kind in rows:
        stage = KIND_STAGES.get(kind)
        if stage is not None:
            by_office[office_id].append((person_id, stage))
    stages: dict[UUID, Stage] = {}
    for office in Office.objects.filter(pk__in=list(by_office)):
        found = by_office[office.pk]
        readable = readable_persons(
            actor=actor,
            person_ids={p for p, _stage in found},
            owner_office=office,
            category=Category.PROFILE,
        )
        for person_id, stage in found:
            known = stages.get(person_id, Stage.NONE)
            if person_id in readable and STAGE_ORDER.index(stage) > STAGE_ORDER.index(known):
                stages[person_id] = stage
    return stages


register_stage_source(placement_stage_source, name="jobs.placements")
