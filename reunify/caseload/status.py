"""`reunify status`: one small row a case, most urgent first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reunify.caseload.pool import Job, load
from reunify.framework.classification import RANK

COLUMNS = ("case", "path", "worker", "stage", "level", "suggested", "next_action", "next_due", "overdue", "alerts",
           "advice", "error")
ORDER_CHECKS = ("return-before-decision-3", "return-before-cpag")
# Safeguarding alerts (cli.md): always, or only once their date has passed.
SAFEGUARDING = ("reclassify-higher", "new-risk")
SAFEGUARDING_WHEN_OVERDUE = ("high-to-severe", "high-protective-lost")


def alert_ids(order: list, advice: list) -> list[str]:
    """The order checks and safeguarding alerts in force, most urgent first (each id once)."""
    found = {a.id for a in order}
    found |= {a.rule for a in advice if a.rule in SAFEGUARDING or (a.rule in SAFEGUARDING_WHEN_OVERDUE and a.overdue)}
    return [i for i in (*ORDER_CHECKS, *SAFEGUARDING, *SAFEGUARDING_WHEN_OVERDUE) if i in found]


def status_row(job: Job) -> dict[str, Any]:
    """One case's status row (runs in a worker process); the case's facts are worked out once."""
    from reunify.framework.checklist import checklist, next_actions
    from reunify.framework.facts import Facts
    from reunify.framework.results import advice_entry

    path, as_of, cache_root = job
    case, found, error = load(Path(path), as_of, cache_root)
    row = dict.fromkeys(COLUMNS)
    row.update(case=case.reference if case else Path(path).name, path=path, error=error, managers=())
    if error or case is None or found is None:
        return row
    facts = Facts(case, as_of, found)
    result = checklist(case, as_of, found, facts)
    actions = next_actions(result)
    advice = [*facts.advice, *facts.triggers]
    team = case.case.team
    row.update(
        worker=team.social_worker if team else None,
        managers=(team.team_manager, team.service_manager) if team else (),  # for --manager; not a column
        stage=result.stage,
        level=facts.current.level if facts.current else None,
        suggested=facts.suggestion.level,
        next_action=f"{actions[0].id}: {actions[0].message}" if actions else None,
        next_due=actions[0].due.isoformat() if actions and actions[0].due else None,
        overdue=sum(t.status == "overdue" for t in result.tasks),
        alerts=alert_ids(result.alerts, advice),
        advice=[advice_entry(a) for a in advice],
    )
    return row


def urgency(row: dict[str, Any]) -> tuple:
    """Most urgent first (cli.md): failed cases, order checks, safeguarding alerts, most overdue, earliest next
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
    )
