"""The checklist's records: a task is declared once (id, stage, evidence, source) with the rule that judges it.

Each task is a practice rule of kind "task" in the framework's registry: the
checklist runs the rules, `reunify rules` lists the declarations. A rule returns
an `Outcome`; the declaration supplies the id, stage, source and where the
evidence lives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from reunify.framework.registry import PracticeRule, declare
from reunify.sources import Cite

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
    warnings: tuple[str, ...]
    source: str  # the documents by title and place
    source_id: str  # the main document's short id


Rule = Callable[["Facts"], Outcome]
# Each stage's place in the documents: the NSPCC framework's stage, the workflow as a whole.
STAGE_PLACES = {1: "Stage 1: Initial assessment", 2: "Stage 2: Risk classification",
                3: "Stage 3: Parental agreements & goal settings", 4: "Stage 4: Reclassification of risk",
                5: "Stage 5: The return home"}


def run(spec: PracticeRule, facts: Facts) -> Task:
    """One task's rule applied to the facts, with its declaration's id, stage, evidence and source."""
    assert spec.fn is not None and spec.stage is not None and spec.where is not None
    o = spec.fn(facts)
    due = o.due if o.status in (DUE, OVERDUE) else None
    return Task(spec.id, spec.stage, o.status, due, o.message, o.where or spec.where, o.warnings, spec.source,
                spec.source_id)


def stage(number: int) -> Callable[..., Callable[[Rule], Rule]]:
    """A decorator factory for one stage's module: `task = stage(1)`, then `@task(id, name, where, *documents)`.

    `documents` are short ids (default: the workflow); the NSPCC framework is cited at the task's stage; `quotes`
    gives a document's words by its short id."""

    def task(id_: str, name: str, where: str, *documents: str, quotes: dict[str, str] | None = None,
             when: str = "", convention: str | None = None) -> Callable[[Rule], Rule]:
        named = documents or ("la-workflow",)
        cites = tuple(Cite(d, STAGE_PLACES[number] if d == "nspcc-framework" else "") for d in named)
        words = tuple((quotes or {}).get(d, "") for d in named)

        def register(rule: Rule) -> Rule:
            declare(PracticeRule(id_, "task", cites, words, when or where, rule, note=convention,
                                 stage=number, where=where, name=name))
            return rule

        return register

    return task
