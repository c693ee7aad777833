"""Results as plain, JSON-ready dictionaries: what the CLI prints and the templates render.

Built from the framework's pure functions; nothing here decides practice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reunify.case.load import Case


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def classification(case: Case, as_of: dt.date) -> dict[str, Any]:
    from reunify.framework import classification as table
    from reunify.framework.movement import advice

    items = table.criteria(case, as_of)
    current = table.recorded(case, as_of)
    suggested = table.suggest(items)
    return {
        "case": case.reference,
        "as_of": as_of.isoformat(),
        "suggested": suggested,
        "criteria": {c.id: c.level for c in items},
        "reasons": {c.id: c.reason for c in items},
        "recorded": None if current is None else {
            "label": current.label, "level": current.level,
            "date": current.date.isoformat(), "since": current.since.isoformat(),
        },
        "meaning": table.MEANING.get(current.level if current else suggested),
        "advice": [
            {"rule": a.rule, "level": a.level, "date": _iso(a.date), "overdue": a.overdue,
             "message": a.message, "source": a.source}
            for a in advice(case, as_of)
        ],
    }
