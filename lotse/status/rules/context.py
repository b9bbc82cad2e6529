"""What every question's rules share: the scenario, the rule set, the Jobcenter forms of the
Kreise and the reasons collected so far."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext_noop

from lotse.status.rules.errors import MissingFact, said
from lotse.status.rules.fact import Fact, plain
from lotse.status.rules.ruleset import Rule, RuleSet
from lotse.status.rules.scenario import Scenario


@dataclass(frozen=True)
class Reason:
    question: str
    rule: Rule
    facts: tuple[str, ...]
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        """The reason as JSON: the rule, its version and paragraph; `summary`, `facts` and
        `note` in the active language (lotse/status/reasons.py); `text`, `params`, `data` and
        `note_code` so that a stored reason can be said again in another language."""
        from lotse.status.reasons import say

        return say(
            {
                "question": self.question,
                "rule": self.rule.id,
                "version": self.rule.version,
                "status": self.rule.status,
                "paragraph": self.rule.paragraph,
                "text": self.rule.text,
                "params": plain(self.rule.params),
                "data": [_fact_data(f) for f in self.facts],
                "note_code": self.note,
            }
        )


def _fact_data(fact: str) -> dict[str, Any]:
    return fact.as_data() if isinstance(fact, Fact) else {"code": "", "text": str(fact)}


@dataclass
class Context:
    scenario: Scenario
    rules: RuleSet
    jobcenter_forms: dict[str, str]
    reasons: list[Reason] = field(default_factory=list)

    @property
    def as_of(self) -> date:
        return self.scenario.as_of

    def rule(self, rule_id: str, day: date | None = None) -> Rule:
        return self.rules.in_force(rule_id, day or self.as_of)

    def cite(
        self,
        question: str,
        rule_id: str,
        facts: Sequence[str],
        *,
        day: date | None = None,
        note: str = "",
    ) -> Rule:
        rule = self.rule(rule_id, day)
        reason = Reason(question, rule, tuple(facts), note)
        if reason not in self.reasons:  # the switch re-asks the regime question
            self.reasons.append(reason)
        return rule

    def cite_pending(self, question: str, rule_id: str, facts: list[str], note: str = "") -> None:
        """Name a law announced for the as-of day but not in force; it changes no answer."""
        rule = self.rules.pending(rule_id, self.as_of)
        if rule is not None:
            self.reasons.append(Reason(question, rule, tuple(facts), note))

    def jobcenter_form(self, kreis: str) -> str:
        form = self.jobcenter_forms.get(kreis)
        if form not in ("gE", "zkT"):
            raise MissingFact(
                f"no Jobcenter is known for Kreis {kreis} on {self.as_of} (unknown Kreisschlüssel "
                "or no Jobcenter valid on that day)",
                reader=said(
                    gettext_noop("No Jobcenter is known for Kreis %(kreis)s on %(day)s."),
                    kreis=kreis,
                    day=self.as_of,
                ),
                missing=(f"jobcenter_forms.{kreis}",),
            )
        return form
