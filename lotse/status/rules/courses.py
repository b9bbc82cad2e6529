"""Integrationskurs (brief §6.1): entitled, obliged, admissible, not admissible."""

from django.utils.translation import gettext_noop

from lotse.status.rules import dates
from lotse.status.rules.context import Context
from lotse.status.rules.errors import MissingFact, said
from lotse.status.rules.fact import fact
from lotse.status.rules.perspective import good_perspective
from lotse.status.rules.status import Frame, Status

Q = "integration_course"
_EARLY_ENTRY = fact("early_entry", "entered before 2019-08-01, 3 months, labour_market_close")
ENTITLED, OBLIGED, ADMISSIBLE, NOT_ADMISSIBLE = (
    "entitled",
    "obliged",
    "admissible",
    "not_admissible",
)


def integration_course(ctx: Context, status: Status) -> str:
    answer = _answer(ctx, status)
    if answer == ADMISSIBLE and ctx.rules.find("course.admission_stop_2026", ctx.as_of):
        as_of = fact("as_of", f"as of {ctx.as_of}", day=ctx.as_of)
        ctx.cite(Q, "course.admission_stop_2026", [as_of])
    if status.title == "24":
        ctx.cite_pending(Q, "course.ukraine_duty_2026", [status.event.describe()])
    return answer


def _answer(ctx: Context, status: Status) -> str:
    person = ctx.scenario.person
    age = dates.age_on(person.birth_date, ctx.as_of)
    if age < ctx.rule("course.school_age").params["min_age"]:
        ctx.cite(Q, "course.school_age", [fact("age", f"age {age}", age=age)])
        return NOT_ADMISSIBLE
    if status.frame in (Frame.DEPARTED, Frame.NONE, Frame.AUSREISEPFLICHTIG):
        frame = status.frame.value
        ctx.cite(Q, "course.not_admissible", [fact("frame", f"status {frame}", frame=frame)])
        return NOT_ADMISSIBLE
    obligations = ctx.scenario.of_type("integration_course_obligation")
    if obligations:
        ctx.cite(Q, "course.obligation", [obligations[-1].describe()])
        return OBLIGED
    match status.frame:
        case Frame.TITLE:
            return _title(ctx, status)
        case Frame.DULDUNG:
            return _duldung(ctx, status)
        case Frame.PROTECTED_FINAL:
            ctx.cite(Q, "course.title_holders", list(_decision_facts(status)))
            return ADMISSIBLE
    return _gestattet(ctx, status)


def _decision_facts(status: Status) -> tuple[str, ...]:
    decision = status.procedure.decision
    return (decision.describe(),) if decision else ()


def _title(ctx: Context, status: Status) -> str:
    event = status.event
    rule = ctx.rule("course.entitlement")
    if event.type == "residence_title" and status.title in rule.params["titles"]:
        expires = dates.add_months(event.date, rule.params["expires_months"])
        facts = [
            event.describe(),
            fact("entitlement_expires", f"entitlement expires {expires}", day=expires),
        ]
        if event["first_issue"] and ctx.as_of < expires:
            ctx.cite(Q, rule.id, facts)
            return ENTITLED
        ctx.cite(Q, rule.id, [*facts, fact("not_first_or_expired", "not first issue or expired")])
    ctx.cite(Q, "course.title_holders", [event.describe()])
    return ADMISSIBLE


def _duldung(ctx: Context, status: Status) -> str:
    rule = ctx.cite(Q, "course.geduldete", [status.event.describe()])
    return ADMISSIBLE if status.event["variant"] in rule.params["variants"] else NOT_ADMISSIBLE


def _gestattet(ctx: Context, status: Status) -> str:
    """Asylum seekers, and persons with a protection decision that is not final yet."""
    rule = ctx.rule("course.gestattete")
    nationality = ctx.scenario.person.nationality
    facts = [
        *_decision_facts(status),
        fact("nationality", f"nationality {nationality}", country=nationality),
    ]
    mode = rule.params["mode"]
    if mode == "all":
        ctx.cite(Q, rule.id, facts)
        return ADMISSIBLE
    if mode == "none":
        ctx.cite(Q, rule.id, facts)
        return NOT_ADMISSIBLE
    if good_perspective(ctx) is True:
        ctx.cite(Q, rule.id, [*facts, fact("good_perspective", "gute Bleibeperspektive")])
        return ADMISSIBLE
    if mode == "good_perspective_or_early_entry" and _early_entry(ctx, status, rule.params):
        ctx.cite(Q, rule.id, [*facts, _EARLY_ENTRY])
        return ADMISSIBLE
    ctx.cite(Q, rule.id, [*facts, fact("no_good_perspective", "no gute Bleibeperspektive")])
    return NOT_ADMISSIBLE


def _early_entry(ctx: Context, status: Status, params: dict) -> bool:
    person = ctx.scenario.person
    if person.entry_date >= params["entered_before"]:
        return False
    if ctx.as_of < dates.add_months(status.stay_start, params["months"]):
        return False
    if person.labour_market_close is None:
        raise MissingFact(
            "integration course on "
            f"{ctx.as_of}: an asylum seeker who entered before 2019-08-01 is admissible if "
            "close to the labour market; give person.labour_market_close (true or false)",
            reader=said(
                gettext_noop(
                    "An asylum seeker who entered before 1 August 2019 can be admitted to the "
                    "integration course if close to the labour market, which is not recorded."
                )
            ),
            missing=("person.labour_market_close",),
        )
    return person.labour_market_close
