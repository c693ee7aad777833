"""`reunify status`: one small row a case, most urgent first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reunify.caseload.pool import Job, load
from reunify.framework.classification import RANK

COLUMNS = ("case", "path", "worker", "stage", "level", "suggested", "next_action", "next_due", "overdue", "error")


def status_row(job: Job) -> dict[str, Any]:
    """One case's status row (runs in a worker process)."""
    from reunify.framework.checklist import checklist, next_actions
    from reunify.framework.classification import recorded, suggested_level

    path, as_of, cache_root = job
    case, found, error = load(Path(path), as_of, cache_root)
    row = dict.fromkeys(COLUMNS)
    row.update(case=case.reference if case else Path(path).name, path=path, error=error, managers=())
    if error or case is None or found is None:
        return row
    result = checklist(case, as_of, found)
    actions = next_actions(result)
    current = recorded(case, as_of)
    team = case.case.team
    row.update(
        worker=team.social_worker if team else None,
        managers=(team.team_manager, team.service_manager) if team else (),  # for --manager; not a column
        stage=result.stage,
        level=current.level if current else None,
        suggested=suggested_level(case, as_of),
        next_action=f"{actions[0].id}: {actions[0].message}" if actions else None,
        next_due=actions[0].due.isoformat() if actions and actions[0].due else None,
        overdue=sum(t.status == "overdue" for t in result.tasks),
    )
    return row


def urgency(row: dict[str, Any]) -> tuple:
    """Most urgent first: failed cases, then most overdue, earliest next due, most serious level."""
    return (
        row["error"] is None,
        -(row["overdue"] or 0),
        row["next_due"] or "9999-12-31",
        -RANK.get(row["level"] or "", -1),
        row["case"],
    )
