"""What happened after children went home: the cohort, breakdown within 12 months, the share still home.

Pure: each case's follow-up is a function of (case, as_of), the summary a
function of (follow-ups, as_of, from, to); "today" is always passed in.

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
(`kaplan_meier`, a dozen lines) rather than taken from lifelines: lifelines
would bring pandas, scipy, autograd, formulaic and matplotlib into the install
for one product, so it is not even a test dependency. tests/test_outcomes.py
checks it against a hand-computed example and against the textbook worked
example of Kleinbaum and Klein, "Survival Analysis: A Self-Learning Text",
chapter 2 (Freireich's 6-MP leukaemia remission data, ties and censoring at an
event's time included).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
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


@lru_cache(maxsize=1 << 16)  # each return is measured for the cohort, its level, and its own row
def months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months from start to end: whole months, then the share of the next month's days passed."""
    whole = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, whole) > end:
        whole -= 1
    low, high = add_months(start, whole), add_months(start, whole + 1)
    if isinstance(high, After) or end == low:
        return float(whole)
    return whole + (end - low).days / (high - low).days


def kaplan_meier(times: Iterable[tuple[float, bool]]) -> list[tuple[float, float]]:
    """The product-limit estimate from (time, event) pairs: (t, S(t)) after each event time, S falling by
    events / at risk at each. A case censored at an event's time counts as at risk for it (the usual rule)."""
    ordered = sorted(times)
    steps: list[tuple[float, float]] = []
    share, at_risk, i = 1.0, len(ordered), 0
    while i < len(ordered):
        t, events, leaving = ordered[i][0], 0, 0
        while i < len(ordered) and ordered[i][0] == t:
            events += ordered[i][1]
            leaving += 1
            i += 1
        if events:
            share *= 1 - events / at_risk  # at_risk >= leaving >= 1 here: never a division by zero
            steps.append((t, share))
        at_risk -= leaving
    return steps


def _times(follow_ups: list[FollowUp], as_of: dt.date) -> list[tuple[float, bool]]:
    return [(months_between(f.returned, f.observed_to(as_of)), f.status == BROKE_DOWN) for f in follow_ups]


def curve(follow_ups: list[FollowUp], as_of: dt.date) -> list[tuple[float, float]]:
    """The estimate as a step line to draw: (0, 1), each event's drop, then flat to the last month observed."""
    times = _times(follow_ups, as_of)
    if not times:
        return []
    steps = kaplan_meier(times)
    last = max(t for t, _ in times)
    return [(0.0, 1.0), *steps, (last, steps[-1][1] if steps else 1.0)]


def still_home(follow_ups: list[FollowUp], as_of: dt.date) -> list[dict[str, Any]]:
    """The share still home at each whole month 0..24 (None past the last month any case was observed)."""
    from bisect import bisect_left, bisect_right

    times = _times(follow_ups, as_of)
    steps = kaplan_meier(times)
    step_times = [t for t, _ in steps]
    ends = sorted(t for t, _ in times)
    last = ends[-1] if ends else -1.0
    out = []
    for month in range(MONTHS + 1):
        passed = bisect_right(step_times, month)  # the events on or before month m
        share = steps[passed - 1][1] if passed else 1.0
        out.append({"month": month, "share": round(share, 3) if month <= last else None,
                    "at_risk": len(ends) - bisect_left(ends, month)})
    return out


def within_year(f: FollowUp, as_of: dt.date) -> tuple[bool, bool]:
    """(eligible, broke down within 12 months): a return followed for less than 12 months that has not broken
    down counts neither as a success nor as a failure."""
    year = add_months(f.returned, WITHIN)
    broke = f.status == BROKE_DOWN and f.ended is not None and f.ended < year
    return broke or f.observed_to(as_of) >= year, broke


def _rate(group: list[FollowUp], as_of: dt.date) -> dict[str, Any]:
    answers = [within_year(f, as_of) for f in group]
    eligible = sum(e for e, _ in answers)
    broke = sum(b for _, b in answers)
    return {"cohort": len(group), "eligible": eligible, "broke_down": broke,
            "rate": round(broke / eligible, 3) if eligible else None}


def from_entry(entry: dict[str, Any]) -> FollowUp:
    """A `cases` entry of the document read back (the pages draw the curves from the document alone)."""
    return FollowUp(entry["case"], dt.date.fromisoformat(entry["returned"]), entry["level_at_return"], entry["status"],
                    dt.date.fromisoformat(entry["ended"]) if entry["ended"] else None)


def case_entry(f: FollowUp, as_of: dt.date) -> dict[str, Any]:
    """One case as docs/command-line.md's `cases` list shapes it."""
    return {"case": f.case, "returned": f.returned.isoformat(), "level_at_return": f.level_at_return,
            "status": f.status, "ended": f.ended.isoformat() if f.ended else None,
            "months_home": int(months_between(f.returned, f.observed_to(as_of)))}


def summary(follow_ups: Iterable[FollowUp], errors: Iterable[dict[str, Any]], as_of: dt.date,
            start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
    """docs/command-line.md's outcomes document: the cohort (returns on or before as-of, within start..end), breakdown within
    12 months overall and by level at return, the share still home month by month, each case, and the cases
    that could not be read (`errors`, each {"case", "path", "error"})."""
    cohort = sorted((f for f in follow_ups if f.returned <= as_of and (start is None or f.returned >= start)
                     and (end is None or f.returned <= end)), key=lambda f: (f.returned, f.case))
    groups = {level: [f for f in cohort if f.level_at_return == level] for level in BY_LEVEL}
    overall = _rate(cohort, as_of)
    return {
        "as_of": as_of.isoformat(), "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None, "cohort": len(cohort),
        "breakdown_12m": {k: overall[k] for k in ("eligible", "broke_down", "rate")},
        "by_level": {level: _rate(group, as_of) for level, group in groups.items()},
        "still_home": still_home(cohort, as_of),
        "still_home_by_level": {level: still_home(group, as_of) for level, group in groups.items() if group},
        "cases": [case_entry(f, as_of) for f in cohort],
        "errors": sorted(errors, key=lambda e: (e["case"], e.get("path") or "")),
    }
