"""Results as plain, JSON-ready dictionaries: what the CLI prints and the templates render.

Built from the framework's pure functions over one `Facts` a case (pass the
same `facts` to both to compute the classification once); nothing here
decides practice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.framework.facts import Facts


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def advice_entry(a) -> dict[str, Any]:
    """One advice entry as docs/command-line.md shapes it (movement rules and trigger prompts alike)."""
    return {"rule": a.rule, "level": a.level, "date": _iso(a.date), "overdue": a.overdue, "message": a.message,
            "source": a.source, "source_id": a.source_id}


def alert_entry(a) -> dict[str, Any]:
    return {"id": a.id, "date": _iso(a.date), "message": a.message, "source": a.source, "source_id": a.source_id}


def by_kind(entries: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """JSON advice entries as (movement advice, trigger prompts), by their rules' declared kind: `classify`'s
    `advice` carries both (docs/command-line.md), an agenda shows them apart."""
    from reunify.framework.registry import kind_of

    return ([a for a in entries if kind_of(a["rule"]) == "movement"],
            [a for a in entries if kind_of(a["rule"]) == "trigger"])


def classification(case: Case, as_of: dt.date, settings: Settings | None = None,
                   facts: Facts | None = None) -> dict[str, Any]:
    from reunify.framework import classification as table
    from reunify.framework.movement import warnings

    f = facts or Facts(case, as_of, settings)
    suggestion = f.suggestion
    current = f.current
    latest = f.history[-1] if f.history else None
    return {
        "case": case.reference,
        "as_of": as_of.isoformat(),
        "suggested": suggestion.level,
        "criteria": {c.id: c.level for c in suggestion.criteria},
        "reasons": {c.id: c.reason for c in suggestion.criteria},
        "mixed_profile": suggestion.mixed_profile,
        "severe_profile": suggestion.severe_profile,
        "warnings": suggestion.warnings + warnings(f),
        "recorded": None if current is None else {
            "label": current.label, "level": current.level,
            "date": current.date.isoformat(), "since": current.since.isoformat(),
        },
        # The manager's reasons for the recorded level, shown wherever it differs from a suggestion.
        "recorded_suggested": latest.suggested if latest else None,
        "recorded_rationale": latest.rationale if latest else None,
        "meaning": table.MEANING.get(current.level if current else suggestion.level),
        "advice": [advice_entry(a) for a in [*f.advice, *f.triggers]],
    }


def checklist(case: Case, as_of: dt.date, settings: Settings, facts: Facts | None = None) -> dict[str, Any]:
    from reunify.framework.checklist import STAGES, checklist, next_actions

    result = checklist(case, as_of, settings, facts)

    def task(t) -> dict[str, Any]:
        return {"id": t.id, "stage": t.stage, "status": t.status, "due": _iso(t.due), "message": t.message,
                "where": t.where, "warnings": list(t.warnings), "source": t.source, "source_id": t.source_id}

    return {
        "case": case.reference,
        "as_of": as_of.isoformat(),
        "stage": result.stage,
        "stage_name": STAGES[result.stage],
        "pursued": result.pursued,
        "tasks": [task(t) for t in result.tasks],
        "alerts": [alert_entry(a) for a in result.alerts],
        "next_actions": [t.id for t in next_actions(result)],
        "prompts": [advice_entry(p) for p in result.prompts],
    }


def supervision(case: Case, as_of: dt.date, settings: Settings, facts: Facts | None = None) -> dict[str, Any]:
    """The supervision agenda (docs/command-line.md `supervise`), built from the very dicts `classify` and `checklist` print,
    so the agenda can never disagree with them."""
    from reunify.framework import supervision as agenda
    from reunify.framework.alerts import URGENCY, is_safeguarding

    f = facts or Facts(case, as_of, settings)
    classified = classification(case, as_of, settings, f)
    listed = checklist(case, as_of, settings, f)
    safeguarding = sorted(({"id": a["rule"], "date": a["date"], "message": a["message"], "source": a["source"],
                            "source_id": a["source_id"]}
                           for a in classified["advice"]
                           if is_safeguarding(a["rule"], a["overdue"])), key=lambda a: URGENCY.index(a["id"]))
    by_id = {t["id"]: t for t in listed["tasks"]}
    due = agenda.due(f)
    return {
        "case": case.reference,
        "as_of": as_of.isoformat(),
        "stage": listed["stage"],
        "stage_name": listed["stage_name"],
        "supervision": {"last": _iso(due.last), "kind": due.kind, "next": _iso(due.next), "due": due.due,
                        "every_weeks": f.settings.supervision_every_weeks, "source": agenda.SOURCE,
                        "source_id": agenda.CITE.source},
        "alerts": listed["alerts"] + safeguarding,
        "advice": classified["advice"],
        "tasks": [by_id[i] for i in listed["next_actions"]],
        "changes": [{"date": _iso(c.date), "kind": c.kind, "summary": c.summary} for c in agenda.changes(f)],
        "questions": list(agenda.QUESTIONS),
    }
