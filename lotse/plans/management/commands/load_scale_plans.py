"""Profiles, integration plans and course enrolments for the scale registry (bench/plans/).

Every generated person (the load benchmark's registry of `manage.py load_scale_registry` and
the demo's generated persons: their cases were opened as "generated") gets what the profile,
plan and caseload pages read: profile entries (schooling, one work experience) and a German
language level, one or two goals owned by offices of the Kreis of the person's case with two
steps each (one due this week), the plan's change list as the services write it, and for about
a third an enrolment in a course of their Kreis (enrolled up to the course's seats, then on the
waiting list). Rows go in with executemany inserts in batches, without the per-row services:
demo mode only, like the registry, and one audit event for the whole import. Persons that have
a goal already are left alone, so running the command again adds nothing (it says so).
"""

import random
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose as AuditPurpose
from lotse.cases.models import Case
from lotse.courses.models import Admission, Course, Enrolment, EnrolmentState
from lotse.organisations.models import Office
from lotse.people.models import CefrLevel, LevelSource, PersonLanguage
from lotse.plans.models import ChangeKind, Goal, GoalArea, GoalStatus, PlanChange, Step
from lotse.profiles.models import (
    EmployerType,
    EntryKind,
    EntrySource,
    Experience,
    Literacy,
    Occupation,
    ProfileEntry,
    SchoolCertificate,
    Schooling,
)

BATCH = 2_000
GENERATED = "generated"  # the opened_reason of the registry's cases (lotse.demo.scale)
GOALS = (
    (GoalArea.LANGUAGE, "Deutsch B1 erreichen", "Integrationskurs beginnen", "Einstufungstest"),
    (
        GoalArea.RECOGNITION,
        "Anerkennung des Berufsabschlusses",
        "Unterlagen übersetzen lassen",
        "Antrag bei der zuständigen Stelle",
    ),  # fmt: skip
    (GoalArea.WORK, "Arbeitsaufnahme", "Lebenslauf erstellen", "Beratung zur Arbeitsaufnahme"),
    (GoalArea.TRAINING, "Ausbildung beginnen", "Praktikum suchen", "Berufsorientierung"),
)
COUNTRIES = ("SYR", "AFG", "IRQ", "ERI", "TUR", "UKR", "SOM", "IRN")
LEVELS = (CefrLevel.NONE, CefrLevel.PRE_A1, CefrLevel.A1, CefrLevel.A2, CefrLevel.B1)


def _insert(model: type[models.Model], objects: list, *, local: bool = False) -> None:
    """INSERT many rows with one executemany per batch (as lotse.demo.registry_load does);
    `local`: only the model's own table of a multi-table child (its parent row went in
    before). Values go through each field's own database conversion."""
    if not objects:
        return
    meta = model._meta
    # An auto-incremented primary key left unset is left to the database.
    fields = [
        f
        for f in (meta.local_concrete_fields if local else meta.concrete_fields)
        if not (f.primary_key and getattr(objects[0], f.attname) is None)
    ]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(meta.db_table)
    # Table and column names come from our own models, never from input.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _value(value: object) -> object:
    """A value as the plan's change list keeps it (lotse.plans.services._value)."""
    if isinstance(value, Office):
        return {"code": value.code, "name": value.name}
    if isinstance(value, date):
        return value.isoformat()
    return value


def _next_id(model: type[models.Model]) -> int:
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


class Command(BaseCommand):
    help = (
        "Give every person of the benchmark's scale registry a profile, an integration plan "
        "and, for about a third, a course enrolment (bench/plans/; demo mode only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--enrolled-share", type=float, default=1 / 3, help="share of persons enrolled"
        )

    def handle(self, *args, seed: int, enrolled_share: float, **options):
        if not settings.LOTSE_DEMO:
            raise CommandError("The benchmark's plans are loaded only in demo mode.")
        cases = Case.objects.filter(opened_reason=GENERATED)
        if not cases.exists():
            raise CommandError("Load the scale registry first (manage.py load_scale_registry).")
        todo = (
            cases.exclude(Exists(Goal.objects.filter(person=OuterRef("person"))))
            .order_by("pk")
            .values_list("person_id", "office_id", "responsible_id", "team_id")
        )
        total = todo.count()
        if not total:
            self.stdout.write(
                "Nothing to add: every person of the scale registry has a plan already."
            )
            return
        loader = _Loader(seed=seed, enrolled_share=enrolled_share)
        if not loader.occupations:
            raise CommandError("No occupations: migrate first (the shipped subset) or import them.")
        done = 0
        rows = list(todo)  # ids only: a few MB at a million persons
        for start in range(0, total, BATCH):
            loader.flush(rows[start : start + BATCH])
            done = min(start + BATCH, total)
            if done % 50_000 < BATCH or done == total:
                self.stderr.write(f"  {done:,} of {total:,} persons")
        loader.reset_sequences()
        counts = loader.counts
        audit_record(
            event_type=EventType.PLAN_CHANGED,
            actor=None,
            purpose=AuditPurpose.GENERATED_DATA,
            details={"imported": counts | {"persons": done}, "benchmark": True},
        )
        self.stdout.write(
            f"Gave {done:,} persons {counts['entries']:,} profile entries, "
            f"{counts['languages']:,} language levels, {counts['goals']:,} goals with "
            f"{counts['steps']:,} steps and {counts['enrolments']:,} course enrolments "
            f"({counts['waiting']:,} on waiting lists)."
        )


class _Loader:
    def __init__(self, *, seed: int, enrolled_share: float) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - generated data, not security
        self.enrolled_share = enrolled_share
        self.today = timezone.localdate()
        self.offices = {o.pk: o for o in Office.objects.all()}
        self.by_kreis: dict[int | None, list[Office]] = {}
        for office in self.offices.values():
            self.by_kreis.setdefault(office.kreis_id, []).append(office)
        # Courses of each Kreis still to start or running, with the seats they hold.
        self.courses: dict[int, list[Course]] = {}
        self.taken: dict[int, int] = {}
        for course in Course.objects.filter(ends_on__gte=self.today).select_related("gemeinde"):
            self.courses.setdefault(course.gemeinde.kreis_id, []).append(course)
            self.taken[course.pk] = course.enrolments.holding_seats().count()
        # Occupations to have worked in: the most specific ones (five-digit KldB codes).
        occupations = Occupation.objects.order_by("kldb_code")
        self.occupations = list(
            occupations.filter(
                level=max(occupations.values_list("level", flat=True), default=0)
            ).values_list("pk", flat=True)
        )
        self.ids = {model: _next_id(model) for model in (ProfileEntry, Goal, Step, Enrolment)}
        self.counts = dict.fromkeys(
            ("entries", "languages", "goals", "steps", "changes", "enrolments", "waiting"), 0
        )
        self.week_end = self.today + timedelta(days=6 - self.today.weekday())

    def _owner(self, office: Office) -> Office:
        """The case's office or, for a part, another office of its Kreis."""
        others = [o for o in self.by_kreis.get(office.kreis_id, []) if o.pk != office.pk]
        return self.rng.choice(others) if others and self.rng.random() < 0.3 else office

    @transaction.atomic
    def flush(self, batch: list[tuple]) -> None:
        rng, now, ids = self.rng, timezone.now(), self.ids
        entries: list[ProfileEntry] = []
        schooling: list[Schooling] = []
        experience: list[Experience] = []
        languages: list[PersonLanguage] = []
        goals: list[Goal] = []
        steps: list[Step] = []
        changes: list[PlanChange] = []
        enrolments: list[Enrolment] = []
        for person_id, office_id, user_id, _team in batch:
            office = self.offices[office_id]
            recorded = {"recorded_by": office, "recorded_by_user_id": user_id}
            country = rng.choice(COUNTRIES)
            entry = Schooling(
                id=ids[ProfileEntry], profileentry_ptr_id=ids[ProfileEntry],
                person_id=person_id, kind=EntryKind.SCHOOLING, source=EntrySource.OWN_STATEMENT,
                years=rng.randrange(0, 13), country=country,
                highest_certificate=rng.choice(SchoolCertificate.values),
                latin_literacy=rng.choice(Literacy.values), **recorded,
            )  # fmt: skip
            ids[ProfileEntry] += 1
            schooling.append(entry)
            work = Experience(
                id=ids[ProfileEntry], profileentry_ptr_id=ids[ProfileEntry],
                person_id=person_id, kind=EntryKind.WORK, source=EntrySource.OWN_STATEMENT,
                description=rng.choice(("Verkauf", "Bau", "Landwirtschaft", "Pflege", "Küche")),
                years=rng.randrange(1, 15), country=country,
                employer_type=rng.choice(EmployerType.values),
                occupation_id=rng.choice(self.occupations), **recorded,
            )  # fmt: skip
            ids[ProfileEntry] += 1
            experience.append(work)
            entries.extend((entry, work))
            level = rng.choice(LEVELS)
            languages.append(
                PersonLanguage(
                    person_id=person_id,
                    language="de",
                    listening=level,
                    reading=level,
                    speaking=level,
                    writing=level,
                    source=LevelSource.ASSESSED,
                    assessed_on=self.today - timedelta(days=rng.randrange(0, 400)),
                    **recorded,
                )  # fmt: skip
            )
            enrolment = None
            kreis_courses = self.courses.get(office.kreis_id or 0)
            if kreis_courses and rng.random() < self.enrolled_share:
                course = rng.choice(kreis_courses)
                full = self.taken[course.pk] >= course.seats
                self.taken[course.pk] += not full
                enrolment = Enrolment(
                    id=ids[Enrolment], person_id=person_id, course=course,
                    state=EnrolmentState.WAITING if full else EnrolmentState.ENROLLED,
                    admission=Admission.ENTITLED, reasons=[],
                    entitled_since=self.today - timedelta(days=rng.randrange(30, 400)),
                    entitled_since_known=True, course_starts_on=course.starts_on,
                    waiting_since=now if full else None, **recorded,
                )  # fmt: skip
                ids[Enrolment] += 1
                enrolments.append(enrolment)
                self.counts["waiting"] += full
            for number, (area, text, first, second) in enumerate(
                rng.sample(GOALS, rng.choice((1, 2)))
            ):
                owner = self._owner(office) if number else office
                goal = Goal(
                    id=ids[Goal], person_id=person_id, text=text, area=area, owner=owner,
                    target_date=self.today + timedelta(days=rng.randrange(90, 700)),
                    status=rng.choice((GoalStatus.OPEN, GoalStatus.IN_PROGRESS)), **recorded,
                )  # fmt: skip
                ids[Goal] += 1
                goals.append(goal)
                changes.append(self._change(goal, None, ChangeKind.GOAL_ADDED, now))
                this_week = rng.randrange(0, (self.week_end - self.today).days + 1)
                dues = (
                    self.today + timedelta(days=this_week),
                    self.today + timedelta(days=rng.randrange(7, 120)),
                )
                for step_text, due in zip((first, second), dues, strict=True):
                    step = Step(
                        id=ids[Step], goal=goal, person_id=person_id, text=step_text,
                        due_on=due, responsible=owner,
                        enrolment=enrolment if area == GoalArea.LANGUAGE and due is dues[0]
                        else None,
                        **recorded,
                    )  # fmt: skip
                    ids[Step] += 1
                    steps.append(step)
                    changes.append(self._change(goal, step, ChangeKind.STEP_ADDED, now))
        _insert(ProfileEntry, entries)
        _insert(Schooling, schooling, local=True)
        _insert(Experience, experience, local=True)
        _insert(PersonLanguage, languages)
        _insert(Enrolment, enrolments)
        _insert(Goal, goals)
        _insert(Step, steps)
        _insert(PlanChange, changes)
        written: dict[str, list] = {
            "entries": entries, "languages": languages, "goals": goals, "steps": steps,
            "changes": changes, "enrolments": enrolments,
        }  # fmt: skip
        for name, rows in written.items():
            self.counts[name] += len(rows)

    def _change(self, goal: Goal, step: Step | None, kind: str, now) -> PlanChange:
        """The change row the service writes for a new goal or step: field → [None, value]."""
        if step is None:
            values = {"text": goal.text, "area": goal.area, "target_date": goal.target_date,
                      "status": goal.status, "owner": goal.owner}  # fmt: skip
        else:
            values = {"text": step.text, "due_on": step.due_on, "responsible": step.responsible}
        changes = {name: [None, _value(v)] for name, v in values.items()}
        return PlanChange(
            person_id=goal.person_id, goal=goal, step=step, kind=kind, changes=changes,
            office=goal.recorded_by, user_id=goal.recorded_by_user_id, changed_at=now,
        )  # fmt: skip

    def reset_sequences(self) -> None:
        """Explicit ids were given: move PostgreSQL's sequences past them."""
        models_ = [ProfileEntry, Goal, Step, Enrolment]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models_):
                cursor.execute(sql)
