"""Employers and vacancies at scale for the matching benchmark (bench/matching/; demo mode only).

`--vacancies` open vacancies (jobs, apprenticeships, entry qualifications) at `--employers`
generated employers in the Gemeinden the database knows, with occupations of the shipped KldB
subset (the same five-digit codes the scale registry's work experience uses), hours, start
dates, German requirements (a fifth of them firm), driving licences, shift work and, for a
tenth, a recognised qualification required. Recorded by the Agentur or the Jobcenter of the
Gemeinde's Kreis, as the services would. Rows go in with bulk inserts, without the per-row
services and their change log: one audit event for the whole import. Employers already loaded
by this command are counted, so running it again adds only what is missing (it says so).
"""

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.jobs.models import Employer, Sector, Vacancy, VacancyKind, VacancyStatus
from lotse.organisations.models import Gemeinde, Office, OfficeKind
from lotse.profiles.models import Occupation

BATCH = 2_000
MARK = "(Lasttest)"  # in every generated employer's name, so the generated rows are found again
KINDS = (
    (VacancyKind.JOB, 0.75),
    (VacancyKind.APPRENTICESHIP, 0.2),
    (VacancyKind.ENTRY_QUALIFICATION, 0.05),
)
LEVELS = ("", "A1", "A2", "B1", "B2")
LICENCES = ("", "", "", "", "B", "B", "C", "CE")


class Command(BaseCommand):
    help = (
        "Add generated employers with open vacancies in the known Gemeinden (the matching "
        "benchmark's vacancies; demo mode only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--vacancies", type=int, default=20_000)
        parser.add_argument("--employers", type=int, default=2_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, vacancies: int, employers: int, seed: int, **options):
        if not settings.LOTSE_DEMO:
            raise CommandError("The benchmark's vacancies are loaded only in demo mode.")
        if vacancies < 1 or employers < 1:
            raise CommandError("--vacancies and --employers must be at least 1.")
        if employers > vacancies:
            raise CommandError("--employers must not exceed --vacancies.")
        have = Vacancy.objects.filter(employer__name__contains=MARK).count()
        if have >= vacancies:
            self.stdout.write(f"Nothing to add: {have:,} generated vacancies are loaded already.")
            return
        loader = _Loader(seed=seed)
        made = loader.load(vacancies=vacancies - have, employers=employers)
        audit_record(
            event_type=EventType.VACANCY_RECORDED,
            actor=None,
            purpose=Purpose.GENERATED_DATA,
            details={"imported": made, "benchmark": True},
        )
        self.stdout.write(
            f"Added {made['employers']:,} employers with {made['vacancies']:,} open vacancies "
            f"in {made['gemeinden']:,} Gemeinden."
        )


class _Loader:
    def __init__(self, *, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - generated data, not security
        self.today = timezone.localdate()
        self.gemeinden = list(Gemeinde.objects.order_by("pk"))
        if not self.gemeinden:
            raise CommandError("No Gemeinden: load the reference data and the demo region first.")
        occupations = Occupation.objects.order_by("kldb_code")
        deepest = max(occupations.values_list("level", flat=True), default=0)
        self.occupations = list(occupations.filter(level=deepest))
        if not self.occupations:
            raise CommandError("No occupations: migrate first (the shipped subset) or import them.")
        # The employer service of each Kreis: its Agentur or Jobcenter (who may record vacancies).
        self.recorders: dict[int, list[Office]] = {}
        for office in Office.objects.filter(kind__in=[OfficeKind.AGENTUR, OfficeKind.JOBCENTER]):
            for kreis_id in office.kreise_served().values_list("pk", flat=True):
                self.recorders.setdefault(kreis_id, []).append(office)
        fallback = list(Office.objects.filter(kind=OfficeKind.JOBCENTER).order_by("pk")[:1])
        if not fallback:
            raise CommandError("No Jobcenter: load the reference data first.")
        self.fallback = fallback

    def _recorder(self, gemeinde: Gemeinde) -> Office:
        return self.rng.choice(self.recorders.get(gemeinde.kreis_id) or self.fallback)

    @transaction.atomic
    def load(self, *, vacancies: int, employers: int) -> dict[str, int]:
        rng = self.rng
        made_employers = []
        for number in range(employers):
            gemeinde = rng.choice(self.gemeinden)
            made_employers.append(
                Employer(
                    name=f"Betrieb {number + 1:05d} {MARK}",
                    gemeinde=gemeinde,
                    sector=rng.choice(Sector.values),
                    offers=rng.sample(["language_support", "mentor", "flexible_hours"], k=1),
                    recorded_by=self._recorder(gemeinde),
                )
            )
        made_employers = Employer.objects.bulk_create(made_employers, batch_size=BATCH)
        rows = []
        for number in range(vacancies):
            employer = made_employers[number % len(made_employers)]
            kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
            occupation = rng.choice(self.occupations)
            level = rng.choice(LEVELS)
            job = kind == VacancyKind.JOB
            rows.append(
                Vacancy(
                    employer=employer,
                    kind=kind,
                    title=occupation.title_de[:200],
                    occupation=occupation,
                    gemeinde=employer.gemeinde,
                    hours_per_week=rng.choice((20, 25, 30, 35, 39, 40)) if job else 39,
                    starts_on=(
                        None if rng.random() < 0.4 else self.today + timedelta(rng.randint(0, 240))
                    ),
                    german_listening=level,
                    german_speaking=level,
                    german_reading=rng.choice(LEVELS[: LEVELS.index(level) + 1]) if level else "",
                    german_firm=bool(level) and rng.random() < 0.2,
                    driving_licence=rng.choice(LICENCES),
                    shift_work=rng.random() < 0.25,
                    recognition_required=job and rng.random() < 0.1,
                    status=VacancyStatus.OPEN,
                    recorded_by=employer.recorded_by,
                )
            )
        Vacancy.objects.bulk_create(rows, batch_size=BATCH)
        return {
            "employers": len(made_employers),
            "vacancies": len(rows),
            "gemeinden": len({e.gemeinde_id for e in made_employers}),
        }
