"""`reunify outcomes`: each case's return home followed up in a worker, then the cohort summarised."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reunify.caseload.pool import Job, load


def outcome_row(job: Job) -> dict[str, Any]:
    """One case's follow-up (runs in a worker process): a few dates and words, never the case."""
    from reunify.framework.outcomes import Refused, follow_up

    path, as_of, cache_root = job
    case, found, error = load(Path(path), as_of, cache_root)
    reference = case.reference if case else Path(path).name
    if error or case is None or found is None:
        return {"case": reference, "path": path, "error": error, "follow_up": None}
    result = follow_up(case, as_of)
    if isinstance(result, Refused):
        return {"case": reference, "path": path, "error": result.error, "follow_up": None}
    return {"case": reference, "path": path, "error": None, "follow_up": result}


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
