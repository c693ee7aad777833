"""Dates that cannot be right, and records of things done dated after the as-of date."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from reunify.case.load import Case
from reunify.checks.registry import Finding, check, select
from reunify.sources import Cite

# docs/case-format.md, "The rules every file follows": a date recording something done that lies after --as-of is a
# warning.
DONE_DATES: list[tuple[str, tuple, str]] = [
    ("case", ("meetings", "*", "date"), "meeting"),
    ("case", ("decisions", "*", "date"), "decision"),
    ("case", ("classifications", "*", "date"), "classification"),
    ("case", ("assessment", "started"), "assessment start"),
    ("case", ("assessment", "completed"), "assessment completion"),
    ("case", ("assessment", "checks", "housing"), "housing check"),
    ("case", ("assessment", "checks", "finances"), "finances check"),
    ("case", ("assessment", "checks", "school"), "school check"),
    ("case", ("decisions", "*", "ratified_on"), "ratification"),
    ("case", ("measures", "*", "date"), "outcome measure"),
    ("case", ("visits", "*", "date"), "visit"),
    ("case", ("return_home", "date"), "return home"),
    ("factors", ("assessed",), "factor assessment"),
    ("genogram", ("people", "*", "police_check"), "police check"),
    ("agreements", ("agreements", "*", "made"), "agreement"),
    ("agreements", ("agreements", "*", "signed"), "signature"),
    ("agreements", ("agreements", "*", "goals", "*", "reviews", "*", "date"), "goal review"),
    ("contingency", ("shared_on",), "sharing of the contingency plan"),
    ("contingency", ("reviewed",), "contingency review"),
    ("contingency", ("alternative_care", "*", "viability_checked"), "viability check"),
    ("contingency", ("criminal_investigation", "police_position_checked"), "police position check"),
    ("plan", ("cin_plan",), "Child in Need plan"),
]

# Pairs (earlier, later) within one record that must not be reversed.
ORDERED: list[tuple[str, tuple, str, str, str]] = [
    ("genogram", ("people", "*"), "born", "died", "died before being born"),
    ("case", ("assessment",), "started", "completed", "assessment completed before it started"),
    ("plan", ("support", "*"), "start", "end", "support ends before it starts"),
    ("case", ("decisions", "*"), "date", "ratified_on", "ratified before the decision was made"),
]


@check("RU401", "warning", "a date recording something done lies after the as-of date")
def done_after_as_of(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """A record of something done, dated after as-of, is a plan: it does not count as done."""
    for kind, spec, what in DONE_DATES:
        for path, value in select(case.records.get(kind), spec, lambda day: day > as_of):
            yield Finding(kind, path, f"{what} dated {value} is after the as-of date {as_of}: "
                          "it does not count as done until then")


@check("RU209", "error", "dates in an impossible order (died before born, ends before it starts)")
def impossible_order(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """Dates in an order that cannot happen; classifications must be listed oldest first."""
    for kind, spec, first, second, message in ORDERED:
        for path, record in select(case.records.get(kind), spec):
            a, b = getattr(record, first), getattr(record, second)
            if a is not None and b is not None and b < a:
                yield Finding(kind, (*path, second), f"{message} ({second} {b}, {first} {a})")
    previous = None
    for i, c in enumerate(case.case.classifications or [] if case.case else []):
        if previous is not None and c.date < previous:
            yield Finding("case", ("classifications", i, "date"),
                        f"classification {c.label} ({c.date}) is listed after a later one: "
                        "list classifications oldest first")
        previous = c.date


@check("RU212", "error", "a decision has ratified_on but no ratified_by",
       hint="add ratified_by: who ratified it (Decision 3: the head of service)")
def ratified_by_whom(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """docs/case-format.md: `ratified_on` is recorded with `ratified_by`; a date alone names no one accountable."""
    for i, d in enumerate(case.case.decisions or [] if case.case else []):
        if d.ratified_on is not None and not d.ratified_by:
            yield Finding("case", ("decisions", i, "ratified_on"),
                          f"decision {d.decision} of {d.date} is ratified on {d.ratified_on} but ratified_by is missing")


def _month_or_day(entry: object) -> tuple[int, ...]:
    """Where an entry sits in time: an approximate date only by its month (its day is not known)."""
    day = entry.date  # type: ignore[attr-defined]
    return (day.year, day.month) if entry.approximate else (day.year, day.month, day.day)  # type: ignore[attr-defined]


@check("RU409", "warning", "chronology entry out of date order (an approximate date is placed by its month)",
       Cite("nspcc-framework", "an analytical chronology, read in order").title,
       "move the entry to its place in time: a chronology is read from the oldest event to the newest")
def chronology_order(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """A chronology is read in order, to see patterns build (the Reunification Practice Framework's analytical
    chronology); an entry dated before
    the one above it is out of place. Two dates in one month, one of them approximate, are in either order."""
    entries = case.chronology.entries or [] if case.chronology else []
    order = []  # each entry against the one above it: -1 earlier (out of place), 0 same time, 1 later
    for before, here in itertools.pairwise(entries):
        width = 2 if before.approximate or here.approximate else 3
        a, b = _month_or_day(before)[:width], _month_or_day(here)[:width]
        order.append((b > a) - (b < a))
    if order.count(-1) > 1 and 1 not in order:  # kept newest first throughout: one warning, not one an entry
        yield Finding("chronology", ("entries", 1, "date"),
                      f"the chronology is kept newest first ({len(entries)} entries, from {entries[0].date} back to "
                      f"{entries[-1].date}): list entries oldest first")
        return
    for i, step in enumerate(order, 1):
        if step < 0:
            yield Finding("chronology", ("entries", i, "date"),
                          f"the entry of {entries[i].date} comes after the entry of {entries[i - 1].date}: "
                          "list entries oldest first")
