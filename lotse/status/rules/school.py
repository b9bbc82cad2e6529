"""School in Baden-Württemberg: the Vorbereitungsklasse (VKL) at a general school and the VABO
class at a berufliche Schule, answered like the integration course: obliged, admissible, not
admissible (Schulgesetz BW §§ 72 ff.).

* Schulpflicht (§ 72 Abs. 1 SchG) for everyone living in BW; for a person gestattet or
  geduldet it begins six months after the arrival from abroad (§ 72 Abs. 1 S. 3): before that
  the answer is "admissible", not "obliged".
* General school (VKL) for children of school age, up to the age line of the rule's params.
* Berufsschulpflicht (§§ 77, 78 Abs. 1 SchG) after the general school, until the end of the
  school year in which the young person turns 18, for those without a training contract (with
  one, the Berufsschule of the training); VABO for those without sufficient German. After that
  the Berufsschule may be attended voluntarily until the end of the school year in which the
  person turns 20 (§ 78 Abs. 1 S. 3).

A birth date known only by its year (or month) is judged on the day the record takes; when the
answer would differ for another day of that year, the reason says so.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from lotse.status.rules import dates
from lotse.status.rules.context import Context
from lotse.status.rules.fact import Fact, fact
from lotse.status.rules.scenario import Person
from lotse.status.rules.status import Frame, Status

VKL, VABO = "school_vkl", "school_vabo"
OBLIGED, ADMISSIBLE, NOT_ADMISSIBLE = "obliged", "admissible", "not_admissible"
_ASYLUM_FRAMES = (Frame.ASYLUM_SEEKER, Frame.PROTECTED, Frame.DULDUNG, Frame.AUSREISEPFLICHTIG)


@dataclass(frozen=True)
class _Judged:
    answer: str
    rule_id: str
    facts: tuple[Fact, ...]


def school_year_end(day: date, params: dict) -> date:
    """The last day of the school year that contains `day` (the school year begins on the
    month and day of the params, e.g. 1 August)."""
    start = date(day.year, params["school_year_month"], params["school_year_day"])
    last_year = day.year + 1 if day >= start else day.year
    return dates.day_before(date(last_year, params["school_year_month"], params["school_year_day"]))


def _birthday(birth: date, years: int) -> date:
    return dates.add_months(birth, 12 * years)


def _age_facts(birth: date, day: date) -> list[Fact]:
    age = dates.age_on(birth, day)
    return [fact("age_on", f"age {age} on {day}", age=age, day=day)]


def _training_running(ctx: Context, day: date) -> bool:
    running = False
    for event in ctx.scenario.of_type("employment_start", "employment_end", until=day):
        if event.type == "employment_start":
            running = bool(event["vocational_training"])
        else:
            running = False
    return running


def _duty_begins(ctx: Context, status: Status) -> date | None:
    """§ 72 Abs. 1 S. 3 SchG: for the gestattet or geduldet, six months after the arrival."""
    if status.frame not in _ASYLUM_FRAMES:
        return None
    rule = ctx.rules.find("school.duty_after_arrival", ctx.as_of)
    if rule is None:
        return None
    begins = dates.add_months(ctx.scenario.person.entry_date, rule.params["months"])
    return begins if ctx.as_of < begins else None


def _vkl(ctx: Context, birth: date, status: Status) -> _Judged:
    rule = ctx.rule("school.general")
    params = rule.params
    age = dates.age_on(birth, ctx.as_of)
    facts = tuple(_age_facts(birth, ctx.as_of))
    if age < params["min_age"]:
        return _Judged(NOT_ADMISSIBLE, "school.below_school_age", facts)
    if age >= params["until_age"]:
        return _Judged(NOT_ADMISSIBLE, "school.general_beyond", facts)
    return _Judged(OBLIGED, rule.id, facts)


def _vabo(ctx: Context, birth: date, status: Status) -> _Judged:
    rule = ctx.rule("school.berufsschulpflicht")
    params = rule.params
    age = dates.age_on(birth, ctx.as_of)
    facts = _age_facts(birth, ctx.as_of)
    if age < params["min_age"]:
        return _Judged(NOT_ADMISSIBLE, "school.vabo_too_young", tuple(facts))
    if _training_running(ctx, ctx.as_of):
        training = fact("in_training", "in vocational training")
        return _Judged(NOT_ADMISSIBLE, "school.in_training", (*facts, training))
    duty_ends = school_year_end(_birthday(birth, params["until_age"]), params)
    if ctx.as_of <= duty_ends:
        ends = fact("duty_ends", f"Berufsschulpflicht ends {duty_ends}", day=duty_ends)
        return _Judged(OBLIGED, rule.id, (*facts, ends))
    voluntary = ctx.rule("school.berufsschule_voluntary")
    voluntary_ends = school_year_end(_birthday(birth, voluntary.params["until_age"]), params)
    ends = fact("voluntary_until", f"voluntary until {voluntary_ends}", day=voluntary_ends)
    if ctx.as_of <= voluntary_ends:
        return _Judged(ADMISSIBLE, voluntary.id, (*facts, ends))
    return _Judged(NOT_ADMISSIBLE, "school.beyond_school_age", (*facts, ends))


def _births(person: Person) -> list[date]:
    """The birth dates the record allows: the one it takes, and for a year or month only the
    first and the last possible day."""
    birth = person.birth_date
    if person.birth_precision == "year":
        return [birth, date(birth.year, 1, 1), date(birth.year, 12, 31)]
    if person.birth_precision == "month":
        last = dates.day_before(dates.first_of_next_month(birth.replace(day=1)))
        return [birth, birth.replace(day=1), last]
    return [birth]


Judge = Callable[[Context, date, Status], "_Judged"]


def _answer(ctx: Context, status: Status, question: str, judge: Judge) -> str:
    person = ctx.scenario.person
    if status.frame is Frame.DEPARTED and status.event is not None:
        ctx.cite(question, "school.departed", [status.event.describe()])
        return NOT_ADMISSIBLE
    births = _births(person)
    judged = judge(ctx, births[0], status)
    facts = list(judged.facts)
    answer = judged.answer
    other = sorted({judge(ctx, b, status).answer for b in births[1:]} - {answer})
    note = ""
    if other:
        code = "birth_year_only" if person.birth_precision == "year" else "birth_month_only"
        facts.append(fact(code, f"birth date not exact: could also be {other}", answers=other))
        note = "school.birth_uncertain"
    begins = _duty_begins(ctx, status)
    if answer == OBLIGED and begins is not None:
        answer = ADMISSIBLE
        facts.append(fact("duty_begins", f"school duty begins {begins}", day=begins))
        entry = fact("entry", f"entered {person.entry_date}", day=person.entry_date)
        ctx.cite(question, "school.duty_after_arrival", [entry])
    ctx.cite(question, judged.rule_id, facts, note=note)
    return answer


def school_vkl(ctx: Context, status: Status) -> str:
    return _answer(ctx, status, VKL, _vkl)


def school_vabo(ctx: Context, status: Status) -> str:
    return _answer(ctx, status, VABO, _vabo)
