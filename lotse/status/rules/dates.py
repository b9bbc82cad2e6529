"""Month arithmetic for waiting periods and the month-end semantics of § 1 Abs. 3 AsylbLG."""

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month where that day does not exist
    (§ 188 Abs. 3 BGB: a period ending on a missing day ends on the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def first_of_next_month(day: date) -> date:
    return add_months(day.replace(day=1), 1)


def day_before(day: date) -> date:
    return day - timedelta(days=1)


def age_on(birth: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (birth.month, birth.day)
    return day.year - birth.year - (1 if before_birthday else 0)


def months_between(start: date, day: date) -> int:
    """Full months from `start` to `day` (a period counted from `start` is complete on
    `add_months(start, n)`)."""
    months = (day.year - start.year) * 12 + day.month - start.month
    if add_months(start, months) > day:
        months -= 1
    return months
