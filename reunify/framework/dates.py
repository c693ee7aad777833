"""Calendar arithmetic the rules share. Pure: "today" is always passed in.

Dates go up to 9999-12-31 (Python's last date), and a case may hold it: a due
date that would fall past it is `AFTER` (docs/command-line.md "Hostile and broken input"),
which sorts after every date and reads "after 9999-12-31", so the rule is
still reported instead of crashing the command.
"""

from __future__ import annotations

import calendar
import datetime as dt


class After(dt.date):
    """A date past 9999-12-31: later than every date, prints as "after 9999-12-31"."""

    def __lt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return isinstance(other, After)

    def __gt__(self, other: object) -> bool:
        return not isinstance(other, After)

    def __ge__(self, other: object) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, After)

    def __hash__(self) -> int:
        return hash("after 9999-12-31")

    def isoformat(self) -> str:
        return "after 9999-12-31"

    __str__ = isoformat

    def __repr__(self) -> str:
        return "AFTER"


AFTER = After(9999, 12, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's end (2025-08-31 + 6 months = 2026-02-28); AFTER past 9999."""
    if isinstance(day, After):
        return AFTER
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > dt.MAXYEAR:
        return AFTER
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_years_months(day: dt.date, years: int, months: int = 0) -> dt.date:
    return add_months(day, years * 12 + months)


def add_days(day: dt.date, days: int) -> dt.date:
    """`day` plus whole days; AFTER past 9999-12-31."""
    if isinstance(day, After) or (dt.date.max - day).days < days:
        return AFTER
    return day + dt.timedelta(days=days)


def age_on(born: dt.date, on: dt.date) -> int:
    """Whole years of age on a date (the birthday itself counts: 16 on the 16th birthday).

    A 29 February birthday falls on 28 February in other years (add_months clamps).
    """
    years = on.year - born.year
    return years if add_months(born, 12 * years) <= on else years - 1


def ahead_or_passed(day: dt.date, as_of: dt.date) -> str:
    if isinstance(day, After):
        return str(day)
    if day > as_of:
        days = (day - as_of).days
        return f"on {day} (in {days} day{'s' if days != 1 else ''})"
    if day == as_of:
        return f"today ({day})"
    days = (as_of - day).days
    return f"since {day} ({days} day{'s' if days != 1 else ''} ago)"
