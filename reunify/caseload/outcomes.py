"""`reunify outcomes`: each case's return home followed up in a worker, then the cohort summarised."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import msgspec

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.caseload.results import Kind, failed_row, kept_failed
from reunify.caseload.spool import Section, Spool, text
from reunify.framework.outcomes import FollowUp


class Followed(msgspec.Struct, array_like=True):
    """What outcomes keeps of one case: its follow-up, why it cannot be followed up, or neither (not home)."""

    follow_up: FollowUp | None = None
    refused: str | None = None


def followed(case: Case, as_of: dt.date, found: Settings) -> Followed:
    from reunify.framework.outcomes import Refused, follow_up

    result = follow_up(case, as_of)
    return Followed(refused=result.error) if isinstance(result, Refused) else Followed(follow_up=result)


def outcome_row(path: str, reference: str, error: str | None, value: Followed | None) -> dict[str, Any]:
    """One case's follow-up: a few dates and words, or why it has none."""
    error = error or (value.refused if value else None)
    return {"case": reference, "path": path, "error": error, "follow_up": None if error or value is None else
            value.follow_up}


OUTCOMES = Kind("outcomes", Followed, followed, outcome_row)


TIMES, CASES, ERRORS = range(3)  # the spool's sections: each return's time home, its row, the cases not read
_CASE = msgspec.json.Decoder(dict[str, Any])


def summarise(rows: Iterable[dict[str, Any]], as_of: dt.date, start: dt.date | None, end: dt.date | None,
              spool: Spool) -> dict[str, Any]:
    """The outcomes document (framework/outcomes.py) from the rows as they stream by: the cohort counted, and
    each return's time home, its row of `cases` and each case that could not be read kept in `spool`, sorted
    there; the times are read back once here, for the Kaplan-Meier estimate, the lists as they are printed."""
    from reunify.framework.outcomes import BROKE_DOWN, BY_LEVEL, Rate, case_entry, in_cohort, months_home, summary

    rates = {group: Rate() for group in ("all", *BY_LEVEL)}
    for number, row in enumerate(rows):  # the row's number keeps equal keys in the order they came
        if row["error"]:
            spool.add((ERRORS, row["case"], row["path"] or "", number), kept_failed(row))
            continue
        f = row["follow_up"]
        if f is None or not in_cohort(f, as_of, start, end):
            continue
        rates["all"].add(f, as_of)
        rates[f.level_at_return].add(f, as_of)
        months = months_home(f, as_of)
        spool.add((TIMES, months, f.status == BROKE_DOWN, f.level_at_return), b"")
        spool.add((CASES, f.returned.isoformat(), f.case, number), msgspec.json.encode(case_entry(f, months)))
    times = ((time, broke, text(level)) for (_, time, broke, level), _ in spool.section(TIMES))
    return summary(as_of, start, end, rates, times, Section(spool, CASES, lambda _, data: _CASE.decode(data)),
                   Section(spool, ERRORS, failed_row))


CSV_COLUMNS = ("as_of", "case", "returned", "level_at_return", "status", "ended", "months_home")
