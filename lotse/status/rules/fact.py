"""A fact a reason rests on: a code with its values, so that a page can say it in the reader's
language (lotse/status/rules/texts.py), and an English developer form as the string itself.

`Fact` is a `str` (the developer form, e.g. "finality 2016-05-03") so that tests and the
de-duplication of reasons compare facts as before; `code` and `params` carry what a sentence
needs.
"""

from datetime import date
from typing import Any


class Fact(str):
    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, developer_form: str, **params: Any) -> "Fact":
        fact = super().__new__(cls, developer_form)
        fact.code = code
        fact.params = params
        return fact

    def as_data(self) -> dict[str, Any]:
        """Plain JSON: dates as ISO strings, so a stored reason can be said again later."""
        return {"code": self.code, **{k: plain(v) for k, v in self.params.items()}}


def plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def fact(code: str, developer_form: str, **params: Any) -> Fact:
    return Fact(code, developer_form, **params)
