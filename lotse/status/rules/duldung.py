"""Ways out of the plain Duldung through training or work: the Ausbildungsduldung (§ 60c
AufenthG, before 2020 § 60a Abs. 2 S. 4) and the Beschäftigungsduldung (§ 60d AufenthG).

The engine never grants either: the Ausländerbehörde does. For a person holding a Duldung it
says where one of them may apply ("kann in Frage kommen – Voraussetzungen prüfen"), naming the
facts the record shows and those it cannot know (identity clarified, livelihood, German A2 …),
which the caseworker checks. A work ban rules both out. For a person without a Duldung the
question does not arise.
"""

from datetime import date

from lotse.status.rules import dates
from lotse.status.rules.context import Context
from lotse.status.rules.fact import Fact, fact
from lotse.status.rules.labour import _safe_country_ban
from lotse.status.rules.status import Frame, Status

Q = "duldung_paths"
NO_DULDUNG = "no_duldung"
NO_ACCESS = "no_access"
HOLDS_60C, HOLDS_60D = "holds_60c", "holds_60d"
MAY_60C, MAY_60D, MAY_BOTH = "may_60c", "may_60d", "may_60c_60d"
NONE_YET = "none_yet"
NOT_ANSWERED = "not_answered"
# Status events after which a Duldung starts a new run.
_NOT_DULDUNG = (
    "buema",
    "ankunftsnachweis",
    "asylum_application",
    "aufenthaltsgestattung",
    "residence_title",
    "fiktionsbescheinigung",
)


def duldung_paths(ctx: Context, status: Status) -> str:
    event = status.event
    if status.frame is not Frame.DULDUNG or event is None:
        return NO_DULDUNG
    variant = event["variant"]
    if event["identity_obstruction"] or variant == "60b" or _quiet_ban(ctx, status):
        ctx.cite(Q, "duldung_paths.work_ban", [event.describe()])
        return NO_ACCESS
    if variant in ("60c", "60a_ausbildung"):
        ctx.cite(Q, "duldung_paths.holds_60c", [event.describe()])
        return HOLDS_60C
    if variant == "60d":
        ctx.cite(Q, "duldung_paths.holds_60d", [event.describe()])
        return HOLDS_60D
    training = _ausbildung(ctx, status)
    work = _beschaeftigung(ctx, status)
    if training is None and work is None:
        ctx.cite(Q, "duldung_paths.before_2016", [event.describe()])
        return NOT_ANSWERED
    if training and work:
        return MAY_BOTH
    if training:
        return MAY_60C
    if work:
        return MAY_60D
    return NONE_YET


def _quiet_ban(ctx: Context, status: Status) -> bool:
    """The safe-country ban, asked without leaving its reason under this question's name (the
    labour-market answer cites it)."""
    mark = len(ctx.reasons)
    banned = _safe_country_ban(ctx, status)
    del ctx.reasons[mark:]
    return banned


def duldung_since(ctx: Context, status: Status) -> date:
    """The first day of the present run of Duldungen."""
    assert status.event is not None  # a Duldung frame is set by its event
    since = status.event.date
    for event in reversed(ctx.scenario.events_until(status.day)):
        if event.type in _NOT_DULDUNG:
            break
        if event.type == "duldung":
            since = event.date
    return since


def _jobs(ctx: Context, day: date, training: bool) -> list[tuple[date, date | None, float | None]]:
    """The recorded jobs (or trainings) up to `day`: start, end (None: running), hours."""
    jobs: list[tuple[date, date | None, float | None]] = []
    for event in ctx.scenario.of_type("employment_start", "employment_end", until=day):
        if jobs and jobs[-1][1] is None:
            start, _end, hours = jobs[-1]
            jobs[-1] = (start, event.date, hours)
        if event.type == "employment_start" and bool(event["vocational_training"]) == training:
            jobs.append((event.date, None, event["hours_per_week"]))
    return jobs


def _duldung_months(ctx: Context, status: Status) -> tuple[date, int, Fact]:
    since = duldung_since(ctx, status)
    months = dates.months_between(since, ctx.as_of)
    return since, months, fact("duldung_since", f"Duldung since {since}", day=since, months=months)


def _ausbildung(ctx: Context, status: Status) -> bool | None:
    rule = ctx.rules.find("duldung_paths.ausbildung", ctx.as_of)
    if rule is None:
        return None
    since, months, held = _duldung_months(ctx, status)
    running = [job for job in _jobs(ctx, ctx.as_of, training=True) if job[1] is None]
    to_check = fact("check_60c", "to check: identity, no removal measures, training contract")
    if not running:
        missing = fact("no_training", "no vocational training recorded")
        ctx.cite(Q, rule.id, [held, missing, to_check])
        return False
    start = running[-1][0]
    facts = [held, fact("training_since", f"training since {start}", day=start)]
    needed = rule.params["duldung_months"]
    if needed and months < needed:
        ready = dates.add_months(since, needed)
        short = f"{needed} months of Duldung complete on {ready}"
        facts.append(fact("duldung_months_short", short, months=needed, day=ready))
    ctx.cite(Q, rule.id, [*facts, to_check], note="duldung_paths.may_apply")
    return True


def _beschaeftigung(ctx: Context, status: Status) -> bool | None:
    rule = ctx.rules.find("duldung_paths.beschaeftigung", ctx.as_of)
    if rule is None:
        return None
    params = rule.params
    person = ctx.scenario.person
    entered = fact("entered_on", f"entered {person.entry_date}", day=person.entry_date)
    if person.entry_date > params["entered_by"]:
        cut_off = params["entered_by"]
        late = fact("entered_after", f"entered after {cut_off}", day=cut_off)
        ctx.cite(Q, rule.id, [entered, late])
        return False
    since, months, held = _duldung_months(ctx, status)
    facts: list[Fact] = [entered, held]
    ok = True
    if months < params["duldung_months"]:
        ready = dates.add_months(since, params["duldung_months"])
        needed = params["duldung_months"]
        short = f"{needed} months of Duldung complete on {ready}"
        facts.append(fact("duldung_months_short", short, months=needed, day=ready))
        ok = False
    jobs = [j for j in _jobs(ctx, ctx.as_of, training=False) if j[1] is None]
    hours_needed = params["hours_per_week"]
    if not jobs:
        facts.append(fact("no_employment", "no employment recorded"))
        ok = False
    else:
        start, _end, hours = jobs[-1]
        worked = dates.months_between(start, ctx.as_of)
        facts.append(fact("employed_since", f"employed since {start}", day=start, months=worked))
        if hours is None:
            facts.append(fact("hours_unknown", "hours a week not recorded", hours=hours_needed))
        elif hours < hours_needed:
            facts.append(fact("hours_short", f"{hours} h", hours=hours, needed=hours_needed))
            ok = False
        if worked < params["employment_months"]:
            ready = dates.add_months(start, params["employment_months"])
            needed = params["employment_months"]
            short = f"{needed} months of employment complete on {ready}"
            facts.append(fact("employment_short", short, months=needed, day=ready))
            ok = False
    facts.append(fact("check_60d", "to check: identity, livelihood, A2, no convictions"))
    ctx.cite(Q, rule.id, facts, note="duldung_paths.may_apply" if ok else "")
    return ok
