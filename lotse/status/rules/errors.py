"""The one error the engine raises: a scenario it cannot judge."""

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
