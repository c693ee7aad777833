"""Many cases: load each in a worker process, keep one small row a case, never the cases.

A case that cannot be read becomes a row with its error; the run goes on.
Results stream back from the pool (memory does not grow with the caseload
beyond the rows), and rows are sorted at the end.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from reunify.framework.classification import RANK

COLUMNS = ("case", "path", "worker", "stage", "level", "suggested", "next_action", "next_due", "overdue", "error")


def _load(folder: Path, as_of: dt.date):
    """(case, settings, error): error is one line naming the first problem, or None."""
    from reunify import diagnostics, settings
    from reunify.validate import check_case

    try:
        case, diags = check_case(folder, as_of)
    except Exception as exc:
        return None, None, f"could not be read: {type(exc).__name__}"
    errors = diagnostics.errors(diags)
    if errors or case.case is None:
        if not errors:
            return case, None, "case.yaml could not be read"
        first = errors[0]
        where = f"{Path(first.file).name}:{first.line}" if first.line else Path(first.file).name
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        return case, None, f"{len(errors)} validation error(s): {where} {first.code} {first.message}{more}"
    found, problems = settings.for_case(folder)
    if problems:
        return case, None, f"{problems[0].file}: {problems[0].message}"
    return case, found, None


def status_row(job: tuple[str, dt.date]) -> dict[str, Any]:
    """One case's status row (runs in a worker process)."""
    from reunify.framework.checklist import checklist, next_actions
    from reunify.framework.classification import recorded, suggested_level

    path, as_of = job
    case, found, error = _load(Path(path), as_of)
    row = dict.fromkeys(COLUMNS)
    row.update(case=case.reference if case else Path(path).name, path=path, error=error)
    if error or case is None or found is None:
        return row
    result = checklist(case, as_of, found)
    actions = next_actions(result)
    current = recorded(case, as_of)
    team = case.case.team
    row.update(
        worker=team.social_worker if team else None,
        stage=result.stage,
        level=current.level if current else None,
        suggested=suggested_level(case, as_of),
        next_action=f"{actions[0].id}: {actions[0].message}" if actions else None,
        next_due=actions[0].due.isoformat() if actions and actions[0].due else None,
        overdue=sum(t.status == "overdue" for t in result.tasks),
    )
    return row


def audit_row(job: tuple[str, dt.date]) -> dict[str, Any]:
    """One case's answers to the audit questions (runs in a worker process)."""
    from reunify.framework.audit import ask_all

    path, as_of = job
    case, found, error = _load(Path(path), as_of)
    reference = case.reference if case else Path(path).name
    if error or case is None or found is None:
        return {"case": reference, "path": path, "error": error, "answers": None}
    return {"case": reference, "path": path, "error": None,
            "answers": [tuple(a) for a in ask_all(case, as_of, found)]}


def run(folders: Iterable[Path], as_of: dt.date, work: Callable[[tuple[str, dt.date]], dict],
        workers: int | None = None) -> Iterator[dict[str, Any]]:
    """Apply `work` to every case folder in worker processes, yielding rows as they finish."""
    jobs = ((str(f), as_of) for f in folders)
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        yield from map(work, jobs)
        return
    with get_context("fork" if hasattr(os, "fork") else "spawn").Pool(workers) as pool:
        yield from pool.imap_unordered(work, jobs, chunksize=8)


def urgency(row: dict[str, Any]) -> tuple:
    """Most urgent first: failed cases, then most overdue, earliest next due, most serious level."""
    return (
        row["error"] is None,
        -(row["overdue"] or 0),
        row["next_due"] or "9999-12-31",
        -RANK.get(row["level"] or "", -1),
        row["case"],
    )


def summarise_audit(rows: Iterable[dict[str, Any]], as_of: dt.date) -> dict[str, Any]:
    """Share of applicable cases meeting each question, and which fail (streams the rows)."""
    from reunify.framework.audit import QUESTIONS

    applicable = [0] * len(QUESTIONS)
    met = [0] * len(QUESTIONS)
    failing: list[list[dict[str, str]]] = [[] for _ in QUESTIONS]
    errors = []
    cases = 0
    for row in rows:
        cases += 1
        if row["error"]:
            errors.append({"case": row["case"], "path": row["path"], "error": row["error"]})
            continue
        for i, (applies, ok, why) in enumerate(row["answers"]):
            if applies:
                applicable[i] += 1
                if ok:
                    met[i] += 1
                else:
                    failing[i].append({"case": row["case"], "why": why})
    questions = []
    for i, q in enumerate(QUESTIONS):
        failing[i].sort(key=lambda f: f["case"])
        questions.append({
            "id": q.id, "question": q.question, "source": q.source,
            "applicable": applicable[i], "met": met[i],
            "share": round(met[i] / applicable[i], 3) if applicable[i] else None,
            "failing": [f["case"] for f in failing[i]],
            "reasons": {f["case"]: f["why"] for f in failing[i]},
        })
    return {"as_of": as_of.isoformat(), "cases": cases, "questions": questions,
            "errors": sorted(errors, key=lambda e: e["case"])}
