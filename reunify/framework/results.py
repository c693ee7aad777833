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


def checklist(case: Case, as_of: dt.date, settings) -> dict[str, Any]:
    from reunify.framework.checklist import STAGES, checklist, next_actions

    result = checklist(case, as_of, settings)

    def task(t) -> dict[str, Any]:
        return {"id": t.id, "stage": t.stage, "status": t.status, "due": _iso(t.due), "message": t.message,
                "where": t.where, "warning": t.warning, "source": t.source}

    return {
        "case": case.reference,
        "as_of": as_of.isoformat(),
        "stage": result.stage,
        "stage_name": STAGES[result.stage],
        "pursued": result.pursued,
        "tasks": [task(t) for t in result.tasks],
        "next_actions": [t.id for t in next_actions(result)],
        "prompts": [{"trigger": p.trigger, "date": _iso(p.date), "message": p.message, "source": p.source}
                    for p in result.prompts],
    }
