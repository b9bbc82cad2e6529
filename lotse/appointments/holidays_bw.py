"""Public holidays of Baden-Württemberg (the `holidays` library, subdivision "BW")."""

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _holidays_of(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("DE", subdiv="BW", years=year, language="de"))


def holiday_name(day: date) -> str:
    """The name of the public holiday of Baden-Württemberg on `day`, or ""."""
    return _holidays_of(day.year).get(day, "")
