"""The errors the engine raises: a scenario it cannot judge at all (`ScenarioError`), and a fact
that one question needs and the scenario does not give (`MissingFact`)."""

from datetime import date
from typing import Any


class ScenarioError(ValueError):
    """A fact is missing, malformed or contradicts another; the message names it.

    The engine never guesses: it raises this instead of answering. `str(exc)` is the message
    for whoever wrote the scenario (field names, ISO dates); `for_reader()` is what a page shows
    a caseworker, in their language, where the engine has one (`reader`). `incomplete` marks a
    history that is merely not complete yet (no status event, no nationality, no Kreis).
    """

    def __init__(self, message: str, *, reader: str | None = None, incomplete: bool = False):
        super().__init__(message)
        self.reader = reader
        self.incomplete = incomplete

    def for_reader(self) -> str:
        return self.reader if self.reader is not None else str(self)


class MissingFact(ScenarioError):
    """A fact one question needs is not given: only the answers that depend on it stay open.

    `missing` names the facts as paths in the scenario (e.g. "person.labour_market_close",
    "decision.transfer_possible", "household", "jobcenter_forms.08416"); lotse/status/reasons.py
    says them in words. `evaluate()` catches it per question; a malformed or contradictory
    scenario raises the plain `ScenarioError` and is refused as a whole.
    """

    def __init__(self, message: str, *, missing: tuple[str, ...], reader: str | None = None):
        super().__init__(message, reader=reader)
        self.missing = tuple(missing)

    def within(self, prefix: str, label: str) -> "MissingFact":
        """The same missing facts, as seen from the scenario that contains this one (a member
        of the household)."""
        return MissingFact(
            f"{label}: {self}",
            missing=tuple(f"{prefix}.{name}" for name in self.missing),
            reader=self.reader,
        )


def said(template: str, **values: Any) -> str:
    """A reader's message (`template` marked with gettext_noop) in the active language, with
    days, months and events in words."""
    from django.utils.translation import gettext

    from lotse.status.reasons import day_text, fact_text
    from lotse.status.rules.fact import Fact

    def word(value: Any) -> Any:
        if isinstance(value, Fact):
            return fact_text(value.as_data())
        if isinstance(value, date):
            return day_text(value)
        return value

    return gettext(template) % {key: word(value) for key, value in values.items()}
