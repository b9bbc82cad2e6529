"""Benefit regime, the paying office and the Rechtskreiswechsel (brief §4).

AsylbLG first: § 1 Abs. 1 says who is entitled, § 1 Abs. 3 when it ends (end of the month),
§ 2 / § 3 whether Analog- or Grundleistungen. Whoever is not entitled (§ 7 Abs. 1 S. 2 Nr. 3
SGB II) falls to SGB II if able to work and 15 up to the Regelaltersgrenze, with their
Bedarfsgemeinschaft; otherwise to SGB XII.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_noop

from lotse.status.rules import dates
from lotse.status.rules.context import Context
from lotse.status.rules.errors import MissingFact, said
from lotse.status.rules.fact import fact
from lotse.status.rules.scenario import Event, Person
from lotse.status.rules.status import Frame, Status, status_on

Q = "benefit_regime"
GRUND = "asylblg_grundleistungen"
ANALOG = "asylblg_analogleistungen"
ASYLBLG = (GRUND, ANALOG)


@dataclass(frozen=True)
class Entitlement:
    entitled: bool
    rule_id: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Lapse:
    day: date
    last_month: str
    entitlement: Entitlement
    by_law: bool


# --- § 1 AsylbLG: who is entitled on a day ---------------------------------------------------


def entitlement(ctx: Context, status: Status) -> Entitlement:
    match status.frame:
        case Frame.NONE:
            return Entitlement(
                False, "asylblg.household_member", (fact("no_status", "no status event recorded"),)
            )
        case Frame.DEPARTED:
            return Entitlement(False, "asylblg.end_departure", (status.event.describe(),))
        case Frame.TITLE:
            return _title_entitlement(ctx, status)
        case Frame.DULDUNG:
            return Entitlement(True, "asylblg.entitled_duldung", (status.event.describe(),))
        case Frame.AUSREISEPFLICHTIG:
            return _dublin(ctx, status) or Entitlement(
                True, "asylblg.entitled_ausreisepflichtig", _procedure_facts(status)
            )
        case Frame.PROTECTED_FINAL:
            return Entitlement(False, "asylblg.end_condition_lapsed", _procedure_facts(status))
    return _procedure_entitlement(ctx, status)


def _procedure_entitlement(ctx: Context, status: Status) -> Entitlement:
    """Asked for asylum, procedure not final (frames ASYLUM_SEEKER and PROTECTED)."""
    procedure = status.procedure
    facts = _procedure_facts(status)
    if procedure.outcome == "asylberechtigung":
        # § 1 Abs. 3 AsylbLG: ends with the month of recognition, even if not final.
        return Entitlement(False, "asylblg.end_asylberechtigung", facts)
    if procedure.outcome == "inadmissible":
        excluded = _dublin(ctx, status)
        if excluded:
            return excluded
    if procedure.application is None:
        return Entitlement(True, "asylblg.entitled_asylum_request", facts)
    if procedure.application["kind"] != "first":
        return Entitlement(True, "asylblg.entitled_follow_up", facts)
    return Entitlement(True, "asylblg.entitled_gestattung", facts)


def _dublin(ctx: Context, status: Status) -> Entitlement | None:
    decision = status.procedure.decision
    if decision is None or decision["outcome"] != "inadmissible" or not decision["dublin"]:
        return None
    if ctx.rules.find("asylblg.dublin_exclusion", status.day) is None:
        return None
    if decision["transfer_possible"] is None:
        raise MissingFact(
            f"decision on {decision.date} (inadmissible, Dublin): from 2024-10-31 § 1 Abs. 4 "
            "AsylbLG depends on whether the transfer is legally and actually possible; give "
            "decision.transfer_possible (true or false)",
            reader=said(
                gettext_noop(
                    "For the decision of %(day)s (inadmissible, Dublin) record whether the "
                    "transfer is legally and actually possible: since 31 October 2024 the "
                    "AsylbLG benefits depend on it (§ 1 Abs. 4 AsylbLG)."
                ),
                day=decision.date,
            ),
            missing=("decision.transfer_possible",),
        )
    if decision["transfer_possible"]:
        return Entitlement(False, "asylblg.dublin_exclusion", (decision.describe(),))
    return None


def _procedure_facts(status: Status) -> tuple[str, ...]:
    procedure = status.procedure
    events = [procedure.application, procedure.decision, procedure.appeal, procedure.finality]
    facts = [e.describe() for e in events if e is not None]
    if not facts and status.requested:
        facts.append(
            fact(
                "asylum_request",
                f"asylum request {status.requested.isoformat()}",
                day=status.requested,
            )
        )
    return tuple(facts)


def _title_entitlement(ctx: Context, status: Status) -> Entitlement:
    title, event = status.title, status.event
    facts = (event.describe(),)
    if title == "24" and _reverse_switch(ctx, status) is not None:
        return Entitlement(True, "asylblg.reverse_switch_24", (*facts, _first_24_fact(ctx)))
    rule = ctx.rule("asylblg.entitled_titles", status.day)
    key = _title_key(title, event)
    if key == "25_5" and not _suspension_recent(event, status.day, rule.params):
        return Entitlement(False, "asylblg.end_condition_lapsed", facts)
    if key in rule.params["titles"]:
        return Entitlement(True, "asylblg.entitled_titles", facts)
    return Entitlement(False, "asylblg.end_condition_lapsed", facts)


def _title_key(title: str, event: Event) -> str:
    if title != "23_1":
        return title
    war = event.fields.get("because_of_war")
    if war is None:
        raise MissingFact(
            f"{event.describe()}: § 1 Abs. 1 Nr. 3 AsylbLG covers an AE § 23 Abs. 1 only if "
            "granted because of war in the home country; give because_of_war (true or false)",
            reader=said(
                gettext_noop(
                    "For %(event)s record whether it was granted because of war in the home "
                    "country: only then does the AsylbLG cover it (§ 1 Abs. 1 Nr. 3 AsylbLG)."
                ),
                event=event.describe(),
            ),
            missing=("residence_title.because_of_war",),
        )
    return "23_1_war" if war else "23_1"


def _suspension_recent(event: Event, day: date, params: dict) -> bool:
    since = event.fields.get("deportation_suspended_since")
    if since is None:
        raise MissingFact(
            f"{event.describe()}: § 1 Abs. 1 Nr. 3 AsylbLG covers an AE § 25 Abs. 5 only while "
            "the suspension of deportation is under 18 months old; give "
            "deportation_suspended_since",
            reader=said(
                gettext_noop(
                    "For %(event)s record since when deportation has been suspended: the "
                    "AsylbLG covers it only for the first 18 months (§ 1 Abs. 1 Nr. 3 AsylbLG)."
                ),
                event=event.describe(),
            ),
            missing=("residence_title.deportation_suspended_since",),
        )
    return day < dates.add_months(since, params["suspension_months"])


def _first_24_issue(ctx: Context) -> date | None:
    days = [
        e.date
        for e in ctx.scenario.events
        if e.type in ("residence_title", "fiktionsbescheinigung")
        and (e.fields.get("title") or e.fields.get("for_title")) == "24"
    ]
    return min(days) if days else None


def _first_24_fact(ctx: Context) -> str:
    first = _first_24_issue(ctx)
    return fact("first_24", f"§ 24 title or Fiktionsbescheinigung first issued {first}", day=first)


def _reverse_switch(ctx: Context, status: Status, *, pending: bool = False):
    """The reverse-switch rule for § 24 holders, if it covers the day and the person."""
    find = ctx.rules.pending if pending else ctx.rules.find
    rule = find("asylblg.reverse_switch_24", status.day)
    first = _first_24_issue(ctx)
    if rule is None or first is None or first <= rule.params["first_issued_after"]:
        return None
    return rule


# --- § 1 Abs. 3 AsylbLG: when the entitlement lapsed -----------------------------------------


def _points(ctx: Context) -> list[date]:
    """Days on which the entitlement can change: events, law changes, 18 months of § 25 Abs. 5."""
    as_of = ctx.as_of
    days = {e.date for e in ctx.scenario.events if e.date <= as_of}
    for rule_id in ("asylblg.entitled_titles", "asylblg.dublin_exclusion"):
        days.update(d for d in ctx.rules.change_dates(rule_id) if d <= as_of)
    for event in ctx.scenario.events:
        since = event.fields.get("deportation_suspended_since")
        if since:
            days.add(dates.add_months(since, 18))
    first = min((e.date for e in ctx.scenario.events), default=as_of)
    return sorted(d for d in days | {as_of} if first <= d <= as_of)


def find_lapse(ctx: Context) -> Lapse | None:
    """The last day on which the entitlement ended and did not return up to the as-of day."""
    law_days = {
        day
        for rule_id in ("asylblg.entitled_titles", "asylblg.dublin_exclusion")
        for day in ctx.rules.change_dates(rule_id)
    } - {e.date for e in ctx.scenario.events}
    previous, lapse = False, None
    for day in _points(ctx):
        current = entitlement(ctx, status_on(ctx.scenario, day))
        if previous and not current.entitled:
            by_law = day in law_days
            # A law takes effect on its day: the last month is the one before it. A lapse by
            # a status event ends the entitlement with the end of that month (§ 1 Abs. 3).
            last = dates.day_before(day) if by_law else day
            lapse = Lapse(day, dates.month_of(last), current, by_law)
        elif current.entitled:
            lapse = None
        previous = current.entitled
    return lapse


# --- §§ 2, 3 AsylbLG: Grund- or Analogleistungen ---------------------------------------------


def asylblg_kind(ctx: Context, day: date, household_regimes: dict[str, list[str]] | None) -> str:
    person = ctx.scenario.person
    minor = dates.age_on(person.birth_date, day) < 18
    if minor and household_regimes is None:
        raise MissingFact(
            "the person is a minor: § 2 Abs. 3 AsylbLG makes Analogleistungen depend on the "
            "parents living with them; give scenario.household (an empty list if none)",
            reader=said(
                gettext_noop(
                    "The person is a minor: whether they receive Analogleistungen depends on the "
                    "parents living with them (§ 2 Abs. 3 AsylbLG), which lotse cannot judge "
                    "here yet."
                )
            ),
            missing=("household",),
        )
    abuse = [e for e in ctx.scenario.of_type("abuse_finding", until=day)]
    if abuse:
        ctx.cite(Q, "asylblg.analog_abuse", [abuse[-1].describe()], day=day)
        return GRUND
    parents = (household_regimes or {}).get("parent")
    if minor and parents:
        # § 2 Abs. 3: the parents' Analogleistungen decide for a minor living with them.
        analog = ANALOG in parents
        regimes = fact("parents", f"parents' regimes: {', '.join(parents)}", regimes=list(parents))
        ctx.cite(Q, "asylblg.analog_children", [regimes], day=day)
        return ANALOG if analog else GRUND
    return _waiting_period(ctx, person, day)


# §§ 15, 20 AsylbLG: who received Analogleistungen before a longer waiting period took effect
# keeps them (the days and months are in the rule data).
TRANSITIONS = ("asylblg.analog_transition", "asylblg.analog_transition_2024")


def _analog_since(ctx: Context, person: Person, day: date) -> tuple[int, date] | None:
    """The waiting period (months, the day complete) by which the person received
    Analogleistungen on `day` under the rules then in force, including an earlier transition;
    None if they did not."""
    rule = ctx.rules.find("asylblg.analog_waiting_period", day)
    if rule is None:
        return None
    threshold = dates.add_months(person.entry_date, rule.params["months"])
    if day >= threshold:
        return rule.params["months"], threshold
    for rule_id in TRANSITIONS:
        transition = ctx.rules.find(rule_id, day)
        if transition is not None and transition.params["reached_by"] < day:
            earlier = _analog_since(ctx, person, transition.params["reached_by"])
            if earlier is not None:
                return earlier
    return None


def _waiting_period(ctx: Context, person: Person, day: date) -> str:
    rule = ctx.rule("asylblg.analog_waiting_period", day)
    threshold = dates.add_months(person.entry_date, rule.params["months"])
    months = rule.params["months"]
    facts = [
        fact("entry", f"entry {person.entry_date}", day=person.entry_date),
        fact(
            "months_complete",
            f"{months} months complete on {threshold}",
            months=months,
            day=threshold,
        ),
    ]
    if day >= threshold:
        ctx.cite(Q, "asylblg.analog_waiting_period", facts, day=day)
        return ANALOG
    for rule_id in TRANSITIONS:
        transition = ctx.rules.find(rule_id, day)
        if transition is None:
            continue
        reached_by = transition.params["reached_by"]
        earlier = _analog_since(ctx, person, reached_by)
        if earlier is not None:
            previous, since = earlier
            on = fact(
                "months_complete", f"{previous} months on {since}", months=previous, day=since
            )
            ctx.cite(Q, rule_id, [*facts, on], day=day)
            return ANALOG
    ctx.cite(
        Q,
        "asylblg.grundleistungen",
        [*facts, fact("waiting_not_complete", "waiting period not complete")],
        day=day,
    )
    return GRUND


# --- SGB II or SGB XII -------------------------------------------------------------------------


def sgb_regime(ctx: Context, day: date, household_regimes: dict[str, list[str]] | None) -> str:
    person = ctx.scenario.person
    age = dates.age_on(person.birth_date, day)
    limit = _regelaltersgrenze(ctx, person, day)
    facts = [
        fact("born", f"born {person.birth_date}", day=person.birth_date),
        fact("age_on", f"age {age} on {day}", age=age, day=day),
    ]
    if day >= limit:
        ctx.cite(
            Q,
            "sgb2.regelaltersgrenze",
            [
                *facts,
                fact(
                    "regelaltersgrenze",
                    f"Regelaltersgrenze reached with the end of {dates.day_before(limit)}",
                    day=dates.day_before(limit),
                ),
            ],
            day=day,
        )
        ctx.cite(Q, "sgb12.entitlement", facts, day=day)
        return "sgb12"
    minimum = ctx.rule("sgb2.entitlement", day).params["min_age"]
    if age >= minimum and person.able_to_work:
        ctx.cite(
            Q,
            "sgb2.entitlement",
            [*facts, fact("able_to_work", "able to work (presumed unless stated)")],
            day=day,
        )
        return "sgb2"
    return _sozialgeld_or_sgb12(ctx, day, household_regimes, facts)


def _sozialgeld_or_sgb12(ctx, day, household_regimes, facts) -> str:
    if household_regimes is None:
        raise MissingFact(
            "the person is under 15 or not able to work: SGB II Sozialgeld in a "
            "Bedarfsgemeinschaft or SGB XII depends on the household; give scenario.household "
            "(an empty list if the person lives alone)",
            reader=said(
                gettext_noop(
                    "The person is under 15 or not able to work: whether they receive Sozialgeld "
                    "(SGB II) or social assistance (SGB XII) depends on the household, which "
                    "lotse cannot judge here yet."
                )
            ),
            missing=("household",),
        )
    carers = [
        regime
        for relation in ("spouse", "partner", "parent")
        for regime in household_regimes.get(relation, [])
    ]
    if "sgb2" in carers:
        ctx.cite(
            Q,
            "sgb2.sozialgeld",
            [*facts, fact("carer_in_sgb2", "a spouse, partner or parent is in SGB II")],
            day=day,
        )
        return "sgb2"
    ctx.cite(
        Q,
        "sgb12.entitlement",
        [*facts, fact("no_carer_in_sgb2", "no household member in SGB II")],
        day=day,
    )
    return "sgb12"


def _regelaltersgrenze(ctx: Context, person: Person, day: date) -> date:
    """The first day beyond the Altersgrenze: § 7a SGB II reaches it with the end of the month in
    which the person completes the age of the table (completed the day before the birthday)."""
    table = ctx.rule("sgb2.regelaltersgrenze", day).params["table"]
    year = min(max(person.birth_date.year, table[0][0]), table[-1][0])
    months = dict(table)[year]
    completed = dates.day_before(dates.add_months(person.birth_date, months))
    return dates.first_of_next_month(completed)


# --- offices -----------------------------------------------------------------------------------


def asylblg_office(ctx: Context) -> str:
    if ctx.scenario.person.in_reception_centre:
        ctx.cite(
            "benefit_office",
            "asylblg.office_reception_centre",
            [fact("in_reception_centre", "in_reception_centre")],
        )
        return "erstaufnahme"
    kreis = ctx.scenario.kreis
    ctx.cite(
        "benefit_office", "asylblg.office_sozialamt", [fact("kreis", f"Kreis {kreis}", kreis=kreis)]
    )
    return "sozialamt"


def jobcenter_office(ctx: Context) -> str:
    kreis, rule_id = ctx.scenario.kreis, None
    facts = [fact("kreis", f"Kreis {kreis}", kreis=kreis)]
    assignment = wohnsitzregelung(ctx)
    if assignment is not None and assignment["kreis"]:
        kreis, rule_id = assignment["kreis"], "sgb2.office_wohnsitzregelung"
        facts = [assignment.describe()]
    form = ctx.jobcenter_form(kreis)
    facts.append(
        fact("jobcenter_form", f"Jobcenter of Kreis {kreis} is a {form}", kreis=kreis, form=form)
    )
    ctx.cite("benefit_office", rule_id or "sgb2.office_jobcenter", facts)
    return "jobcenter_ge" if form == "gE" else "jobcenter_zkt"


def wohnsitzregelung(ctx: Context) -> Event | None:
    """The § 12a assignment in effect on the as-of day (3 years unless dated otherwise)."""
    events = ctx.scenario.of_type("wohnsitzregelung", "wohnsitzregelung_lifted")
    if not events or events[-1].type == "wohnsitzregelung_lifted":
        return None
    assignment = events[-1]
    years = ctx.rule("document.wohnsitzregelung", assignment.date).params["years"]
    until = assignment["valid_until"] or dates.day_before(
        dates.add_months(assignment.date, 12 * years)
    )
    return assignment if ctx.as_of <= until else None
