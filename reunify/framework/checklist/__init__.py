"""The five-stage workflow checklist (the NSPCC framework's stages, the detailed workflow, the training's trigger points).

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
from reunify.framework.checklist.model import DONE, DUE, MISSING, NA, OVERDUE, STAGES, Task, run
from reunify.framework.facts import Facts
from reunify.framework.movement import Advice
from reunify.framework.order import Alert, alerts
from reunify.framework.registry import declared

__all__ = ["DONE", "DUE", "MISSING", "NA", "OVERDUE", "STAGES", "TASKS", "Checklist", "Task", "checklist",
           "next_actions"]
TASKS = declared("task")  # every task, in stage order (the stage modules above declared them)
NOT_PURSUED = "reunification not being pursued"
# Not pursuing reunification leaves these to do (the workflow: communicate the decision; record the outcome).
STILL_APPLY = frozenset({"s4.decision-shared", "s5.closure"})


class Checklist(NamedTuple):
    stage: int
    tasks: list[Task]
    prompts: list[Advice]  # the team managers' training's trigger prompts
    alerts: list[Alert]  # the order checks in force
    pursued: bool


def checklist(case: Case, as_of: dt.date, settings: Settings, facts: Facts | None = None) -> Checklist:
    """Every task of every stage, the current stage, the order checks and trigger prompts.

    The current stage is the lowest with a task not done or not applicable, unless the case has moved past it
    (docs/practice-rules.md): Decision 1 -> past stage 1, Decision 2 -> past stage 2, return home -> stage 5.
    Decision 3 is stage 4's first task, not its end. Not pursuing reunification keeps the case at stage 2
    (the NSPCC framework: "refer to stage 2"), where the permanence plan is made.
    """
    f = facts or Facts(case, as_of, settings)
    tasks = [run(spec, f) for spec in TASKS]
    # The NSPCC framework's severe column; the workflow: stages 3-5 do not apply, but for telling the family and closing.
    if not f.pursued:
        tasks = [t._replace(status=NA, due=None, message=NOT_PURSUED, warnings=())
                 if t.stage >= 3 and t.id not in STILL_APPLY else t for t in tasks]
    floor = 1
    if f.decisions_of("1"):
        floor = 2
    if f.decisions_of("2"):
        floor = 3
    if f.returned:
        floor = 5
    open_stages = sorted({t.stage for t in tasks if t.status not in (DONE, NA) and t.stage >= floor})
    stage = open_stages[0] if open_stages else floor
    if not f.pursued:
        stage = min(stage, 2)
    return Checklist(stage, tasks, f.triggers, alerts(f), f.pursued)


def next_actions(result: Checklist) -> list[Task]:
    """Open tasks, most pressing first: overdue by date, then due by date, then missing up to the current stage
    (and, when reunification is not pursued, what still applies)."""
    order = {OVERDUE: 0, DUE: 1, MISSING: 2}
    open_tasks = [t for t in result.tasks if t.status in order and (
        t.status != MISSING or t.stage <= result.stage or (not result.pursued and t.id in STILL_APPLY))]
    return sorted(open_tasks, key=lambda t: (order[t.status], t.due or dt.date.max, t.stage))
