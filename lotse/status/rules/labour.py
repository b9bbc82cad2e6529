"""Labour-market access (brief §5): none, permit with or without BA consent, free.

The answer follows the status frame; for asylum seekers and Geduldete it also counts the months
of permitted, tolerated or gestattet stay, and the reasons name the waiting period that applies.
"""

from datetime import date

from lotse.status.rules import dates
from lotse.status.rules.context import Context
from lotse.status.rules.fact import fact
from lotse.status.rules.scenario import PROTECTION
from lotse.status.rules.status import Frame, Status

Q = "labour_market_access"
_IN_CENTRE = fact("in_reception_centre", "in_reception_centre")
NONE, WITH_CONSENT, WITHOUT_CONSENT, FREE = (
    "none",
    "permit_with_ba_consent",
    "permit_without_ba_consent",
    "free",
)


def labour_access(ctx: Context, status: Status) -> str:
    match status.frame:
        case Frame.DEPARTED:
            return _simple(ctx, "labour.departed", status, NONE)
        case Frame.NONE:
            return _simple(ctx, "labour.no_status", status, NONE)
        case Frame.AUSREISEPFLICHTIG:
            return _simple(ctx, "labour.ausreisepflichtig", status, NONE)
        case Frame.TITLE:
            return _title(ctx, status)
        case Frame.DULDUNG:
            return _duldung(ctx, status)
        case Frame.PROTECTED | Frame.PROTECTED_FINAL:
            if status.procedure.outcome != "abschiebungsverbot":
                return _simple(ctx, "labour.protection_decision", status, FREE)
            if status.frame is Frame.PROTECTED_FINAL:
                return _simple(
                    ctx, "labour.abschiebungsverbot_without_title", status, WITHOUT_CONSENT
                )
    return _gestattung(ctx, status)


def _simple(ctx: Context, rule_id: str, status: Status, answer: str) -> str:
    facts = [status.event.describe()] if status.event else [fact("no_status", "no status event")]
    ctx.cite(Q, rule_id, facts)
    return answer


def _title(ctx: Context, status: Status) -> str:
    rule = ctx.rule("labour.titles")
    title = status.title
    ctx.cite(Q, "labour.titles", [status.event.describe()])
    if title in rule.params["free"]:
        return FREE
    if title in rule.params["permit_without_consent"]:
        return WITHOUT_CONSENT
    # Every title code is in one of the lists of every version (checked by the tests).
    raise AssertionError(f"title {title} missing from labour.titles {rule.version}")


def _stay_facts(status: Status) -> list[str]:
    months = dates.months_between(status.stay_start, status.day)
    return [
        fact("stay_from", f"stay counted from {status.stay_start}", day=status.stay_start),
        fact("full_months", f"{months} full months on {status.day}", months=months, day=status.day),
    ]


def _safe_country_ban(ctx: Context, status: Status) -> bool:
    """§ 61 Abs. 2 S. 4 AsylG / § 60a Abs. 6 S. 1 Nr. 3 AufenthG (safe country, applied after
    the rule's day, for some countries a later one); for Geduldete only after a rejection."""
    ban = ctx.rules.find("labour.safe_country_ban", status.day)
    if ban is None:
        return False
    countries = ctx.rule("labour.safe_countries").params["countries"]
    application = status.procedure.application
    applied = application.date if application else status.requested
    nationality = ctx.scenario.person.nationality
    by_country = ban.params.get("applied_after_by_country", {})
    applied_after = by_country.get(nationality, ban.params["applied_after"])
    if nationality not in countries or applied is None or applied <= applied_after:
        return False
    if status.frame is Frame.DULDUNG and status.procedure.outcome in PROTECTION:
        return False
    facts = [
        fact("nationality", f"nationality {nationality}", country=nationality),
        fact("applied", f"applied {applied}", day=applied),
    ]
    ctx.cite(Q, "labour.safe_country_ban", facts)
    return True


def _gestattung(ctx: Context, status: Status) -> str:
    if _safe_country_ban(ctx, status):
        return NONE
    if ctx.scenario.person.in_reception_centre:
        rule = ctx.rule("labour.reception_centre")
        if rule.params["months"] == 0:
            ctx.cite(Q, "labour.reception_centre", [_IN_CENTRE])
            return NONE
        if _centre_excluded(ctx, status, rule):
            return NONE
        return _after_waiting(ctx, status, "labour.reception_centre", [_IN_CENTRE])
    return _after_waiting(ctx, status, "labour.gestattung_waiting", [])


def _centre_excluded(ctx: Context, status: Status, rule) -> bool:
    """§ 61 Abs. 1 S. 2 Nr. 4 AsylG: no permit in the reception centre after a rejection as
    manifestly unfounded or inadmissible, unless the court ordered the suspensive effect."""
    decision = status.procedure.decision
    if decision is None or status.procedure.outcome not in rule.params.get("excluded_outcomes", []):
        return False
    appeal = status.procedure.appeal
    if appeal is not None and appeal.fields.get("suspensive"):
        return False
    ctx.cite(Q, rule.id, [_IN_CENTRE, decision.describe()], note="labour.reception_centre_rejected")
    return True


def _duldung(ctx: Context, status: Status) -> str:
    event = status.event
    if event["identity_obstruction"]:
        return _simple(ctx, "labour.duldung_identity_ban", status, NONE)
    if _safe_country_ban(ctx, status):
        return NONE
    variant = event["variant"]
    if variant == "60b":
        return _simple(ctx, "labour.duldung_60b_ban", status, NONE)
    if variant in ("60a_ausbildung", "60c"):
        return _simple(ctx, "labour.ausbildungsduldung", status, WITHOUT_CONSENT)
    if variant == "60d":
        ctx.cite(Q, "labour.beschaeftigungsduldung", [event.describe()])
    return _after_waiting(ctx, status, "labour.duldung", [event.describe()])


def _after_waiting(ctx: Context, status: Status, rule_id: str, facts: list[str]) -> str:
    rule = ctx.rule(rule_id)
    months = rule.params["months"]
    start = status.stay_start
    counted = _stay_facts(status)
    if rule.params.get("counted_from") == "application":
        # § 61 Abs. 1 S. 2 Nr. 1 AsylG: months after the asylum application was filed
        application = status.procedure.application
        if application is None:
            no_application = fact("no_application", "no asylum application yet")
            ctx.cite(Q, rule_id, [*facts, no_application])
            return NONE
        start = application.date
        counted = [fact("counted_from_application", f"counted from {start}", day=start)]
    ends = dates.add_months(start, months)
    facts = [
        *facts,
        *counted,
        fact("waiting_months", f"waiting period {months} months", months=months),
    ]
    if status.day < ends:
        ends_fact = fact("waiting_ends", f"waiting period ends {ends}: no work before", day=ends)
        ctx.cite(Q, rule_id, [*facts, ends_fact])
        return NONE
    ctx.cite(Q, rule_id, [*facts, fact("waiting_ended", f"waiting period ended {ends}", day=ends)])
    return _consent(ctx, status)


def _consent(ctx: Context, status: Status) -> str:
    rule = ctx.rule("labour.no_consent_after_4_years")
    free_from = dates.add_months(status.stay_start, rule.params["months"])
    if status.day >= free_from:
        four = fact("years_complete", f"4 years complete on {free_from}", years=4, day=free_from)
        ctx.cite(Q, rule.id, [*_stay_facts(status), four])
        return WITHOUT_CONSENT
    _priority_check(ctx, status.day, status.stay_start)
    return WITH_CONSENT


def _priority_check(ctx: Context, day: date, start: date) -> None:
    """The BA's consent check of the period: with or without the priority check."""
    rule = ctx.rule("labour.vorrangpruefung", day)
    months = rule.params["months"]
    facts = [fact("stay_from", f"stay from {start}", day=start)]
    if months:
        within = day < dates.add_months(start, months)
        text = f"within the first {months} months: {'yes' if within else 'no'}"
        facts.append(fact("within_months", text, months=months, within=within))
    ctx.cite(Q, rule.id, facts, day=day)
