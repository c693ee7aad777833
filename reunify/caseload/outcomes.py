"""`reunify outcomes`: each case's return home followed up in a worker, then the cohort summarised."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import msgspec

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.caseload.results import Kind
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


def summarise(rows: Iterable[dict[str, Any]], as_of: dt.date, start: dt.date | None,
              end: dt.date | None) -> dict[str, Any]:
    """The outcomes document from the rows (framework/outcomes.py): failed cases named in `errors`."""
    from reunify.framework.outcomes import summary

    follow_ups, errors = [], []
    for row in rows:
        if row["error"]:
            errors.append({"case": row["case"], "path": row["path"], "error": row["error"]})
        elif row["follow_up"] is not None:
            follow_ups.append(row["follow_up"])
    return summary(follow_ups, errors, as_of, start, end)


CSV_COLUMNS = ("as_of", "case", "returned", "level_at_return", "status", "ended", "months_home")
