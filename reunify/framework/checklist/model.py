"""The checklist's records: a task is declared once (id, stage, evidence, source) with the rule that judges it.

`TASKS` is the table every consumer reads: the checklist runs the rules,
`reunify rules` lists the declarations. A rule returns an `Outcome`; the
declaration supplies the id, stage, source and where the evidence lives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from reunify.framework.facts import Facts

DONE, MISSING, DUE, OVERDUE, NA = "done", "missing", "due", "overdue", "not-applicable"
STAGES = {
    1: "Initial assessment",
    2: "Risk classification",
    3: "Parental agreements and goal setting",
    4: "Reclassification and planning",
    5: "Return home",
}


class Outcome(NamedTuple):
    """What a task's rule found on the as-of date."""

    status: str
    message: str
    due: dt.date | None = None  # kept only when status is due or overdue
    warnings: tuple[str, ...] = ()
    where: str | None = None  # only when it differs from the declared evidence


def dated(due: dt.date, as_of: dt.date, message: str, warnings: tuple[str, ...] = ()) -> Outcome:
    """Due on or after as-of, overdue before it."""
    return Outcome(DUE if due >= as_of else OVERDUE, message, due, warnings)


class Task(NamedTuple):
    """One task's result, as the JSON carries it."""

    id: str
    stage: int
    status: str
    due: dt.date | None  # set when status is due or overdue
    message: str
    where: str  # which file and field holds the evidence
    warnings: tuple[str, ...] = ()
    source: str = "003"


Rule = Callable[["Facts"], Outcome]


class TaskSpec(NamedTuple):
    id: str
    stage: int
    where: str  # the file and field that hold the evidence
    source: str  # the seed(s) it comes from
    rule: Rule
    convention: str | None = None  # what of it is the tool's, not the seeds' (shown by `reunify rules`)

    def run(self, facts: Facts) -> Task:
        o = self.rule(facts)
        due = o.due if o.status in (DUE, OVERDUE) else None
        return Task(self.id, self.stage, o.status, due, o.message, o.where or self.where, o.warnings, self.source)


TASKS: list[TaskSpec] = []


def stage(number: int) -> Callable[..., Callable[[Rule], Rule]]:
    """A decorator factory for one stage's module: `task = stage(1)`, then `@task(id, where, source)`."""

    def task(id_: str, where: str, source: str = "003", convention: str | None = None) -> Callable[[Rule], Rule]:
        def register(rule: Rule) -> Rule:
            if any(t.id == id_ for t in TASKS):
                raise ValueError(f"duplicate task id {id_}")
            TASKS.append(TaskSpec(id_, number, where, source, rule, convention))
            return rule

        return register

    return task
