"""Calendar arithmetic the rules share. Pure: "today" is always passed in."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's end (2025-08-31 + 6 months = 2026-02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_years_months(day: dt.date, years: int, months: int = 0) -> dt.date:
    return add_months(day, years * 12 + months)


def age_on(born: dt.date, on: dt.date) -> int:
    """Whole years of age on a date (the birthday itself counts: 16 on the 16th birthday).

    A 29 February birthday falls on 28 February in other years (add_months clamps).
    """
    years = on.year - born.year
    return years if add_months(born, 12 * years) <= on else years - 1


def ahead_or_passed(day: dt.date, as_of: dt.date) -> str:
    if day > as_of:
        days = (day - as_of).days
        return f"on {day} (in {days} day{'s' if days != 1 else ''})"
    if day == as_of:
        return f"today ({day})"
    days = (as_of - day).days
    return f"since {day} ({days} day{'s' if days != 1 else ''} ago)"
