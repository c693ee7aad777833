"""`reunify status`: one small row a case, most urgent first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.caseload.results import Kind
from reunify.framework.alerts import ORDER_CHECKS, in_force
from reunify.framework.classification import RANK

COLUMNS = ("case", "path", "worker", "stage", "level", "suggested", "next_action", "next_due", "overdue", "alerts",
           "advice", "error")


class Status(msgspec.Struct, array_like=True):
    """What status works out for a valid case: the row's columns, and what its filters read."""

    worker: str | None
    managers: tuple[str | None, ...]  # for --manager; not a column
    supervision_due: bool  # for --supervision; not a column
    stage: int
    level: str | None
    suggested: str | None
    next_action: str | None
    next_due: str | None
    overdue: int
    alerts: list[str]
    advice: list[dict[str, Any]]


def status_of(case: Case, as_of: dt.date, found: Settings) -> Status:
    """One valid case's status; the case's facts are worked out once."""
    from reunify.framework.checklist import checklist, next_actions
    from reunify.framework.facts import Facts
    from reunify.framework.results import advice_entry
    from reunify.framework.supervision import due

    facts = Facts(case, as_of, found)
    result = checklist(case, as_of, found, facts)
    actions = next_actions(result)
    advice = [*facts.advice, *facts.triggers]
    team = case.case.team
    return Status(
        worker=team.social_worker if team else None,
        managers=(team.team_manager, team.service_manager) if team else (),
        supervision_due=due(facts).due,
        stage=result.stage,
        level=facts.current.level if facts.current else None,
        suggested=facts.suggestion.level,
        next_action=f"{actions[0].id}: {actions[0].message}" if actions else None,
        next_due=actions[0].due.isoformat() if actions and actions[0].due else None,
        overdue=sum(t.status == "overdue" for t in result.tasks),
        alerts=in_force((a.id for a in result.alerts), ((a.rule, a.overdue) for a in advice)),
        advice=[advice_entry(a) for a in advice],
    )


def status_row(path: str, reference: str, error: str | None, status: Status | None) -> dict[str, Any]:
    """One case's status row: its columns, and what the filters read."""
    row = dict.fromkeys(COLUMNS)
    row.update(case=reference, path=path, error=error, managers=(), supervision_due=False)
    if status is not None:
        row.update(msgspec.structs.asdict(status))
    return row


STATUS = Kind("status", Status, status_of, status_row)


def urgency(row: dict[str, Any]) -> tuple:
    """Most urgent first (docs/command-line.md): failed cases, order checks, safeguarding alerts, most overdue, earliest next
    due, most serious level."""
    alerts = row["alerts"] or []
    return (
        row["error"] is None,
        not any(a in ORDER_CHECKS for a in alerts),
        not any(a not in ORDER_CHECKS for a in alerts),
        -(row["overdue"] or 0),
        row["next_due"] or "9999-12-31",
        -RANK.get(row["level"] or "", -1),
        row["case"],
        row["path"],  # two folders giving one reference: still one order, whichever finished first
    )


def failed(key: tuple) -> bool:
    """Whether the row `urgency` gave this key failed to load: read back from the key, which is all a spooled
    row keeps besides its printed bytes."""
    return not key[0]


def overdue(key: tuple) -> bool:
    """Whether the row `urgency` gave this key has an overdue task."""
    return key[3] < 0
