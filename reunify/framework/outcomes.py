"""What happened after children went home: the cohort, breakdown within 12 months, the share still home.

Pure: each case's follow-up is a function of (case, as_of), the summary a
function of the follow-ups and (as_of, from, to); "today" is always passed in.
The summary reads the cohort as counts (`Rate`) and as lists sorted by the
caller (caseload/outcomes.py sorts them in a spool), so it never holds one.

A return home is followed from `return_home.date` until the child left home
again (`outcome.status: broke-down`, an event at `outcome.date`), until follow-up
ended for another reason (`exited` or `not-pursued`: censored at `outcome.date`),
or else until as-of (still home, censored). An outcome dated after as-of has
not happened yet, as everywhere in the rules. A breakdown or exit with no date,
or dated before the return, cannot be placed on the time line: the case is
named with why, never guessed.

Time is counted in calendar months (month m is the return date plus m calendar
months, clamped to the month's end as `dates.add_months` does); between two
month dates it advances by the share of days passed, so every case's month
boundaries fall where its own calendar puts them.

The share still home is the Kaplan-Meier product-limit estimate, written here
(`Survival`, fed the times in order) rather than taken from lifelines: lifelines
would bring pandas, scipy, autograd, formulaic and matplotlib into the install
for one product, so it is not even a test dependency. tests/test_outcomes.py
checks it against a hand-computed example, against the textbook worked
example of Kleinbaum and Klein, "Survival Analysis: A Self-Learning Text",
chapter 2 (Freireich's 6-MP leukaemia remission data, ties and censoring at an
event's time included), and month by month against the definitions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from reunify.case.load import Case
from reunify.framework.classification import LEVELS, recorded_history
from reunify.framework.dates import After, add_months

BROKE_DOWN = "broke-down"
ENDS_FOLLOW_UP = ("exited", "not-pursued")  # follow-up stops at outcome.date: censored there
STILL_HOME = "home"
MONTHS = 24
WITHIN = 12  # breakdown within 12 months of the return
BY_LEVEL = (*LEVELS, "none")
FEW = 5  # fewer eligible cases than this: a level's rate is shown with its counts and a caution


class FollowUp(NamedTuple):
    """One return home as the summary reads it."""

    case: str
    returned: dt.date
    level_at_return: str  # low | medium | high | severe | none
    status: str  # broke-down | exited | not-pursued | home
    ended: dt.date | None  # the breakdown or the end of follow-up; None while still home

    def observed_to(self, as_of: dt.date) -> dt.date:
        return self.ended or as_of


class Refused(NamedTuple):
    """A case whose outcome cannot be placed on the time line, and why."""

    case: str
    error: str


def follow_up(case: Case, as_of: dt.date) -> FollowUp | Refused | None:
    """The case's return home followed up to as-of; None when the child had not gone home by then."""
    record = case.case
    home = record.return_home if record else None
    if record is None or home is None or home.date > as_of:
        return None
    returned = home.date
    history = recorded_history(case, returned)  # the latest classification on or before the return
    level = history[-1].level if history else "none"
    outcome = record.outcome
    status, ended = STILL_HOME, None
    if outcome is not None and (outcome.status == BROKE_DOWN or outcome.status in ENDS_FOLLOW_UP):
        if outcome.date is None:
            what = "the child left home again" if outcome.status == BROKE_DOWN else "follow-up ended"
            return Refused(case.reference, f"outcome {outcome.status} has no date: record outcome.date, the day {what}")
        if outcome.date < returned:
            return Refused(case.reference, f"outcome {outcome.status} is dated {outcome.date}, before the return "
                                           f"home on {returned}")
        if outcome.date <= as_of:
            status, ended = outcome.status, outcome.date
    return FollowUp(case.reference, returned, level, status, ended)


def months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months from start to end: whole months, then the share of the next month's days passed."""
    whole = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, whole) > end:
        whole -= 1
    low, high = add_months(start, whole), add_months(start, whole + 1)
    if isinstance(high, After) or end == low:
        return float(whole)
    return whole + (end - low).days / (high - low).days


class Survival(Sequence[dict[str, Any]]):
    """The Kaplan-Meier product-limit estimate of one group, fed each case's (time, event) in time order (the
    caller sorts: a caseload's times are read back sorted from a spool, never held): S falls by events / at risk
    at each event time, a case censored at an event's time counting as at risk for it (the usual rule). Read as
    the share still home at each whole month 0..24 (None past the last month any case was observed) and the
    number at risk then; `steps` are (t, S(t)) after each event time, for the chart."""

    def __init__(self, size: int) -> None:
        self.size = size  # the group's cases, all at risk at time 0
        self.share = 1.0
        self.last = -1.0  # the latest time a case was observed
        self.steps: list[tuple[float, float]] = []
        self._passed = 0  # cases whose time has been counted
        self._time: float | None = None
        self._events = self._leaving = 0  # of the cases read at `_time`
        self._shares: list[float] = []  # S at each whole month passed
        self._at_risk: list[int] = []

    def add(self, time: float, event: bool) -> None:
        if time != self._time:
            self._count()
            self._months(time)
            self._time = time
        self._events += event
        self._leaving += 1

    def finish(self) -> Survival:
        self._count()
        self._months(float("inf"))
        return self

    def _count(self) -> None:
        """The cases read at one time leave the risk set, S falling by their events."""
        if self._time is None:
            return
        if self._events:
            self.share *= 1 - self._events / (self.size - self._passed)  # at risk >= leaving >= 1: never zero
            self.steps.append((self._time, self.share))
        self._passed += self._leaving
        self.last, self._events, self._leaving = self._time, 0, 0

    def _months(self, time: float) -> None:
        """Before the cases at `time` count: the months up to it have them at risk, and the months before it have
        seen every event they will."""
        while len(self._at_risk) <= min(time, MONTHS):
            self._at_risk.append(self.size - self._passed)
        while len(self._shares) < min(time, MONTHS + 1):
            self._shares.append(self.share)

    def __getitem__(self, month: int) -> dict[str, Any]:  # a month, not a slice
        return {"month": month, "share": round(self._shares[month], 3) if month <= self.last else None,
                "at_risk": self._at_risk[month]}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self[month] for month in range(len(self)))

    def __len__(self) -> int:
        return len(self._shares)

    def curve(self) -> list[tuple[float, float]]:
        """The estimate as a step line to draw: (0, 1), each event's drop, then flat to the last month observed."""
        return [(0.0, 1.0), *self.steps, (self.last, self.share)] if self.size else []


def within_year(f: FollowUp, as_of: dt.date) -> tuple[bool, bool]:
    """(eligible, broke down within 12 months): a return followed for less than 12 months that has not broken
    down counts neither as a success nor as a failure."""
    year = add_months(f.returned, WITHIN)
    broke = f.status == BROKE_DOWN and f.ended is not None and f.ended < year
    return broke or f.observed_to(as_of) >= year, broke


class Rate:
    """A group's returns counted as they come: how many, how many followed 12 months, how many broke down."""

    def __init__(self) -> None:
        self.cohort = self.eligible = self.broke_down = 0

    def add(self, f: FollowUp, as_of: dt.date) -> None:
        eligible, broke = within_year(f, as_of)
        self.cohort += 1
        self.eligible += eligible
        self.broke_down += broke

    def counts(self) -> dict[str, Any]:
        return {"cohort": self.cohort, "eligible": self.eligible, "broke_down": self.broke_down,
                "rate": round(self.broke_down / self.eligible, 3) if self.eligible else None}


def in_cohort(f: FollowUp, as_of: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """A return on or before as-of, within start..end when given."""
    return f.returned <= as_of and (start is None or f.returned >= start) and (end is None or f.returned <= end)


def months_home(f: FollowUp, as_of: dt.date) -> float:
    """The calendar months from the return to the breakdown, the end of follow-up or as-of."""
    return months_between(f.returned, f.observed_to(as_of))


def case_entry(f: FollowUp, months: float) -> dict[str, Any]:
    """One case as docs/command-line.md's `cases` list shapes it, `months` its time home (`months_home`)."""
    return {"case": f.case, "returned": f.returned.isoformat(), "level_at_return": f.level_at_return,
            "status": f.status, "ended": f.ended.isoformat() if f.ended else None, "months_home": int(months)}


def summary(as_of: dt.date, start: dt.date | None, end: dt.date | None, rates: dict[str, Rate],
            times: Iterable[tuple[float, bool, str]], cases: Iterable[dict[str, Any]],
            errors: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """docs/command-line.md's outcomes document: the cohort (returns on or before as-of, within start..end), breakdown
    within 12 months overall and by level at return (`rates`: "all" and each level's, counted from the cohort), the
    share still home month by month (from each return's (months home, broke down, level at return), in order of
    months home), each case (`case_entry`, in order of return date and case) and the cases that could not be read
    (`errors`, each {"case", "path", "error"}, in order of case and path). The lists are written as given: they
    may be read back from a spool as the document is printed."""
    overall = rates["all"].counts()
    estimates = {group: Survival(rate.cohort) for group, rate in rates.items()}
    for time, broke, level in times:
        estimates["all"].add(time, broke)
        estimates[level].add(time, broke)
    return {
        "as_of": as_of.isoformat(), "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None, "cohort": overall["cohort"],
        "breakdown_12m": {k: overall[k] for k in ("eligible", "broke_down", "rate")},
        "by_level": {level: rates[level].counts() for level in BY_LEVEL},
        "still_home": estimates["all"].finish(),
        "still_home_by_level": {level: estimates[level].finish() for level in BY_LEVEL if rates[level].cohort},
        "cases": cases,
        "errors": errors,
    }
