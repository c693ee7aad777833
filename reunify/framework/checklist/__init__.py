"""The five-stage workflow checklist (002 stages, 003 detailed workflow, 004 trigger points).

Every task is declared once, in its stage's module (`stage1` ... `stage5`), and
derived from evidence in the files, never ticked by hand; every task of every
stage is listed whatever the current stage. Evidence dated after as-of is a
plan, not a fact: it never makes a task done. Pure functions of (case, as_of,
settings).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.framework.checklist import stage1, stage2, stage3, stage4, stage5  # noqa: F401  (declare the tasks)
from reunify.framework.checklist.facts import Facts
from reunify.framework.checklist.model import DONE, DUE, MISSING, NA, OVERDUE, STAGES, TASKS, Task
from reunify.framework.triggers import Prompt, prompts

__all__ = ["DONE", "DUE", "MISSING", "NA", "OVERDUE", "STAGES", "TASKS", "Checklist", "Task", "checklist",
           "next_actions"]
NOT_PURSUED = "reunification not being pursued"


class Checklist(NamedTuple):
    stage: int
    tasks: list[Task]
    prompts: list[Prompt]
    pursued: bool


def checklist(case: Case, as_of: dt.date, settings: Settings) -> Checklist:
    """Every task of every stage, the current stage, and trigger prompts."""
    f = Facts(case, as_of, settings)
    tasks = [spec.run(f) for spec in TASKS]
    if not f.pursued:  # 002 severe column; 003: stages 3-5 do not apply
        tasks = [t._replace(status=NA, due=None, message=NOT_PURSUED, warning=None) if t.stage >= 3 else t
                 for t in tasks]
    status = {t.id: t.status for t in tasks}
    # Moving past a stage (framework-rules §3): Decision 1 -> 2, Decision 2 -> 3, Decision 3 or return -> 5.
    floor = 1
    if status["s1.decision-1"] == DONE:  # which also counts an approved emergency placement
        floor = 2
    if f.decisions_of("2"):
        floor = 3
    if f.decisions_of("3") or f.returned:
        floor = 5
    open_stages = sorted({t.stage for t in tasks if t.status not in (DONE, NA) and t.stage >= floor})
    stage = open_stages[0] if open_stages else floor
    if not f.pursued:
        stage = min(stage, 2)
    return Checklist(stage, tasks, prompts(f), f.pursued)


def next_actions(result: Checklist) -> list[Task]:
    """Open tasks, most pressing first: overdue by date, then due by date, then missing up to the current stage."""
    order = {OVERDUE: 0, DUE: 1, MISSING: 2}
    open_tasks = [t for t in result.tasks if t.status in order and (t.status != MISSING or t.stage <= result.stage)]
    return sorted(open_tasks, key=lambda t: (order[t.status], t.due or dt.date.max, t.stage))
