"""evaluate(): the answers for one scenario, each with its reasons.

Pure: the caller passes the rule set and the Jobcenter form (gE/zkT) of the Kreise involved;
nothing here touches the database.

Each question is answered on its own: a fact one question needs and the scenario does not give
(`MissingFact`) leaves that answer open (None, and an entry under "open" naming the fact), and the
answers that depend on it (the benefit office and the Rechtskreiswechsel depend on the benefit
regime); the others are given. A malformed or contradictory scenario (`ScenarioError`) is refused
as a whole.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_noop

from lotse.status.rules import dates
from lotse.status.rules.benefits import (
    ASYLBLG,
    Entitlement,
    asylblg_kind,
    asylblg_office,
    entitlement,
    find_lapse,
    jobcenter_office,
    sgb_regime,
    wohnsitzregelung,
)
from lotse.status.rules.benefits import Q as BENEFIT
from lotse.status.rules.benefits import _reverse_switch as reverse_switch_rule
from lotse.status.rules.context import Context
from lotse.status.rules.courses import integration_course
from lotse.status.rules.duldung import duldung_paths
from lotse.status.rules.errors import MissingFact, ScenarioError, said
from lotse.status.rules.fact import fact
from lotse.status.rules.labour import labour_access
from lotse.status.rules.perspective import good_perspective
from lotse.status.rules.ruleset import RuleSet, default_rules
from lotse.status.rules.scenario import Member, Scenario
from lotse.status.rules.school import school_vabo, school_vkl
from lotse.status.rules.status import Frame, Status, check_introduced, status_on


def required_kreise(scenario: Scenario) -> set[str]:
    """The Kreise whose Jobcenter form the caller must look up."""
    kreise = {scenario.kreis}
    for event in scenario.events:
        if event.type == "wohnsitzregelung" and event["kreis"]:
            kreise.add(event["kreis"])
    return kreise


# Questions answered on their own, without the benefit questions (which others need).
STANDALONE = {
    "labour_market_access": labour_access,
    "integration_course": integration_course,
    "duldung_paths": duldung_paths,
    "school_vkl": school_vkl,
    "school_vabo": school_vabo,
}


def evaluate(
    scenario: Scenario,
    jobcenter_forms: dict[str, str],
    rules: RuleSet | None = None,
    *,
    questions: frozenset[str] | None = None,
    texts: bool = True,
) -> dict[str, Any]:
    """The answers, each question's reasons, and under "open" the questions that a missing fact
    leaves open (see docs/rules.md); a ScenarioError when the scenario cannot be judged at all.
    With `questions` (of STANDALONE) only those are answered, with their reasons: the same
    answers as in the full evaluation, for callers that ask one question on many days. With
    `texts` False the reasons are the engine's `Reason` objects (lotse.status.rules.context),
    not yet said in words: a caller that answers on many days and shows few says only those
    (`reason.as_json()` gives the same dict as the reasons of a call with texts)."""
    rules = rules or default_rules()
    ctx = Context(scenario, rules, jobcenter_forms)
    check_introduced(scenario.events, rules)
    status = status_on(scenario, scenario.as_of)
    if questions is not None:
        unknown = questions - STANDALONE.keys()
        if unknown:
            raise ValueError(f"not answered on their own: {sorted(unknown)}")
        answers = {
            q: _attempt(ctx, lambda q=q: STANDALONE[q](ctx, status)) for q in sorted(questions)
        }
        return _result(ctx, answers, texts=texts)
    benefits = _attempt(ctx, lambda: _benefits(ctx, status, _household_regimes(ctx)))
    regime, office, switch = (benefits,) * 3 if isinstance(benefits, Open) else benefits
    answers = {
        "benefit_regime": regime,
        "benefit_office": office,
        "labour_market_access": _attempt(ctx, lambda: labour_access(ctx, status)),
        "integration_course": _attempt(ctx, lambda: integration_course(ctx, status)),
        "gute_bleibeperspektive": _attempt(ctx, lambda: good_perspective(ctx, cite=True)),
        "switch": switch,
        "duldung_paths": _attempt(ctx, lambda: duldung_paths(ctx, status)),
        "school_vkl": _attempt(ctx, lambda: school_vkl(ctx, status)),
        "school_vabo": _attempt(ctx, lambda: school_vabo(ctx, status)),
    }
    _pending_notes(ctx, status, None if isinstance(regime, Open) else regime)
    return _result(ctx, answers, texts=texts)


def _result(ctx: Context, answers: dict[str, Any], *, texts: bool = True) -> dict[str, Any]:
    left_open = {q: a for q, a in answers.items() if isinstance(a, Open)}
    # An open answer has no reasons: none of its own, no pending law, no note.
    reasons = [r for r in ctx.reasons if r.question not in left_open]
    return {
        **{q: None if q in left_open else a for q, a in answers.items()},
        "open": {q: a.as_json() for q, a in left_open.items()},
        "reasons": [r.as_json() for r in reasons] if texts else reasons,
    }


# --- answers left open ---------------------------------------------------------------------


@dataclass(frozen=True)
class Open:
    """An answer left open: the facts it needs that are missing, and why, for the reader."""

    missing: tuple[str, ...]
    message: str

    def as_json(self) -> dict[str, Any]:
        from lotse.status.reasons import missing_text

        return {
            "missing": list(self.missing),
            "facts": [missing_text(name) for name in self.missing],
            "message": self.message,
        }


def _attempt(ctx: Context, answer: Callable[[], Any]) -> Any:
    """`answer()`, or Open when a fact it needs is missing; the reasons it cited on the way are
    dropped then, since they lead to no answer."""
    mark = len(ctx.reasons)
    try:
        return answer()
    except MissingFact as exc:
        del ctx.reasons[mark:]
        return Open(exc.missing, exc.for_reader())


# --- household -----------------------------------------------------------------------------


class _Household(dict):
    """Each member's own benefit regime, by relation. A relation with a member whose regime a
    missing fact leaves open raises that MissingFact when read, so only the answers that look at
    that relation stay open."""

    def __init__(self) -> None:
        super().__init__()
        self.open: dict[str, MissingFact] = {}

    def __getitem__(self, relation: str) -> list[str]:
        self._check(relation)
        return super().__getitem__(relation)

    def get(self, relation: str, default: Any = None) -> Any:
        self._check(relation)
        return super().get(relation, default)

    def _check(self, relation: str) -> None:
        if relation in self.open:
            missing = self.open[relation]
            raise MissingFact(str(missing), missing=missing.missing, reader=missing.reader)


def _household_regimes(ctx: Context) -> _Household | None:
    """Each member's own benefit regime, by relation (members are judged without a household)."""
    if ctx.scenario.household is None:
        return None
    regimes = _Household()
    for index, member in enumerate(ctx.scenario.household):
        regime = _member_regime(ctx, index, member)
        if isinstance(regime, MissingFact):
            regimes.open.setdefault(member.relation, regime)
            regimes.setdefault(member.relation, [])
        else:
            regimes.setdefault(member.relation, []).append(regime)
    return regimes


def _member_regime(ctx: Context, index: int, member: Member) -> str | MissingFact:
    scenario = Scenario(
        as_of=ctx.as_of,
        kreis=ctx.scenario.kreis,
        person=member.person,
        events=member.events,
        household=(),
    )
    label = f"household[{index}] ({member.relation})"
    try:
        answers = evaluate(scenario, ctx.jobcenter_forms, ctx.rules)
    except ScenarioError as exc:
        raise ScenarioError(f"{label}: {exc}") from exc
    left_open = answers["open"].get("benefit_regime")
    if left_open is None:
        return answers["benefit_regime"]
    return MissingFact(
        f"{label}: the member's benefit regime is open: {left_open['message']}",
        missing=tuple(f"household[{index}].{name}" for name in left_open["missing"]),
        reader=said(
            gettext_noop("For a member of the household: %(message)s"),
            message=left_open["message"],
        ),
    )


# --- benefit regime, office, switch --------------------------------------------------------------


def _benefits(ctx: Context, status: Status, household: dict[str, list[str]] | None):
    if ctx.scenario.person.in_youth_welfare:
        ctx.cite(BENEFIT, "asylblg.youth_welfare", [fact("in_youth_welfare", "in_youth_welfare")])
        return "none", "jugendamt", None
    current = entitlement(ctx, status)
    if status.frame is Frame.NONE:
        current = _household_entitlement(ctx, household)
    if current.entitled:
        return _entitled(ctx, status, current, household)
    lapse = find_lapse(ctx)
    ctx.cite(BENEFIT, current.rule_id, list(current.facts))
    if lapse and dates.month_of(ctx.as_of) <= lapse.last_month:
        # § 1 Abs. 3 AsylbLG: benefits run to the end of the month of the lapse.
        kind = asylblg_kind(ctx, ctx.as_of, household)
        switch = _attempt(ctx, lambda: _switch(ctx, lapse, status, household))
        return kind, asylblg_office(ctx), switch
    regime = _after_asylblg(ctx, status, current, household)
    office = _attempt(ctx, lambda: _office(ctx, regime))
    switch = _attempt(ctx, lambda: _switch(ctx, lapse, status, household)) if lapse else None
    return regime, office, switch


def _household_entitlement(ctx: Context, household: dict[str, list[str]] | None) -> Entitlement:
    """§ 1 Abs. 1 Nr. 6 AsylbLG: without a status of one's own, a spouse, partner or parent
    who is entitled carries the entitlement."""
    carriers = [
        fact("household_member", f"{relation}: {regime}", relation=relation, regime=regime)
        for relation in ("spouse", "partner", "parent")
        for regime in (household or {}).get(relation, [])
        if regime in ASYLBLG
    ]
    if not carriers:
        raise ScenarioError(
            "no status event for the person (asylum request, application, Duldung or residence "
            "document) and no household member entitled under the AsylbLG: cannot judge",
            reader=said(
                gettext_noop(
                    "No status event is recorded for the person (asylum request, application, "
                    "Duldung or residence document), so no answers can be given."
                )
            ),
            incomplete=True,
        )
    return Entitlement(True, "asylblg.household_member", tuple(carriers))


def _entitled(ctx: Context, status: Status, current: Entitlement, household):
    ctx.cite(BENEFIT, current.rule_id, list(current.facts))
    if current.rule_id == "asylblg.reverse_switch_24":
        award = _running_sgb2_award(ctx, status)
        if award:
            return award
    if status.frame is Frame.PROTECTED:
        ctx.cite(
            "switch",
            "asylblg.end_condition_lapsed",
            [*current.facts, fact("finality_not_recorded", "finality not recorded: no switch yet")],
            note="finality_pending",
        )
    kind = asylblg_kind(ctx, ctx.as_of, household)
    return kind, asylblg_office(ctx), _reverse_switch(ctx, status)


def _after_asylblg(ctx: Context, status: Status, current: Entitlement, household) -> str:
    if status.frame is Frame.DEPARTED or current.rule_id == "asylblg.dublin_exclusion":
        return "none"
    if status.frame is Frame.NONE:
        raise ScenarioError(
            "no status event for the person: cannot judge",
            reader=said(
                gettext_noop(
                    "No status event is recorded for the person (asylum request, application, "
                    "Duldung or residence document), so no answers can be given."
                )
            ),
            incomplete=True,
        )
    return sgb_regime(ctx, ctx.as_of, household)


def _office(ctx: Context, regime: str) -> str | None:
    if regime == "sgb2":
        return jobcenter_office(ctx)
    if regime == "sgb12":
        kreis = ctx.scenario.kreis
        ctx.cite(
            "benefit_office",
            "sgb12.office_sozialamt",
            [fact("kreis", f"Kreis {kreis}", kreis=kreis)],
        )
        return "sozialamt"
    return None


def _switch(ctx: Context, lapse, status: Status, household) -> dict[str, str] | None:
    """The Rechtskreiswechsel: last AsylbLG month, first month of the following regime."""
    first_day = dates.first_of_next_month(date.fromisoformat(lapse.last_month + "-01"))
    if status.frame is Frame.DEPARTED or lapse.entitlement.rule_id == "asylblg.dublin_exclusion":
        return None
    target = sgb_regime(ctx, max(first_day, ctx.as_of), household)
    facts = [
        *lapse.entitlement.facts,
        fact("lapse", f"lapse on {lapse.day}", day=lapse.day),
        fact("followed_by", f"followed by {target}", regime=target),
    ]
    if lapse.by_law:
        facts.append(fact("by_law", "by a change of law on that day"))
    ctx.cite("switch", lapse.entitlement.rule_id, facts, day=lapse.day)
    apply = fact(
        "apply_in", f"apply in {dates.month_of(first_day)}", month=dates.month_of(first_day)
    )
    ctx.cite("switch", "rechtskreiswechsel.application", [apply])
    key = "first_sgb2_month" if target == "sgb2" else "first_sgb12_month"
    return {"last_asylblg_month": lapse.last_month, key: dates.month_of(first_day)}


# --- the planned reverse switch (§ 24 holders), carried but pending ---------------------------


def _running_sgb2_award(ctx: Context, status: Status):
    """Existing SGB II awards run at most three months after the reverse switch's day."""
    rule = reverse_switch_rule(ctx, status)
    start = rule.valid_from
    end = dates.add_months(start, rule.params["award_runs_months"])
    before = status_on(ctx.scenario, dates.day_before(start))
    if before.frame is not Frame.TITLE or entitlement(ctx, before).entitled or ctx.as_of >= end:
        return None
    until = dates.day_before(end)
    ctx.cite(
        BENEFIT,
        rule.id,
        [fact("award_until", f"SGB II award runs at most until {until}", day=until)],
    )
    return "sgb2", _attempt(ctx, lambda: jobcenter_office(ctx)), _reverse_switch(ctx, status)


def _reverse_switch(ctx: Context, status: Status) -> dict[str, str] | None:
    rule = reverse_switch_rule(ctx, status)
    if rule is None:
        return None
    before = status_on(ctx.scenario, dates.day_before(rule.valid_from))
    if before.frame is not Frame.TITLE or entitlement(ctx, before).entitled:
        return None
    last = dates.day_before(dates.add_months(rule.valid_from, rule.params["award_runs_months"]))
    return {
        "last_sgb2_month": dates.month_of(last),
        "first_asylblg_month": dates.month_of(dates.first_of_next_month(last)),
    }


# --- laws announced but not in force ---------------------------------------------------------


def _pending_notes(ctx: Context, status: Status, regime: str | None) -> None:
    if regime == "sgb2":
        ctx.cite_pending(
            BENEFIT,
            "sgb2.neue_grundsicherung",
            [fact("as_of", f"as of {ctx.as_of}", day=ctx.as_of)],
        )
    if status.frame in (Frame.ASYLUM_SEEKER, Frame.PROTECTED):
        ctx.cite_pending(
            BENEFIT, "procedure.geas", [fact("procedure_open", "asylum procedure not final")]
        )
    if status.title == "24" and reverse_switch_rule(ctx, status, pending=True):
        ctx.cite_pending(
            BENEFIT,
            "asylblg.reverse_switch_24",
            [status.event.describe(), fact("first_24_after", "first issued after 2025-03-31")],
            note="reverse_switch_planned",
        )
    if wohnsitzregelung(ctx) is not None:
        ctx.cite("benefit_office", "document.wohnsitzregelung", [wohnsitzregelung(ctx).describe()])
