"""Tasks done by holding the workflow's named meetings (the workflow), and who must attend them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reunify.framework.checklist.model import DONE, MISSING, Outcome
from reunify.framework.facts import Facts
from reunify.framework.family import parents


def meeting_rule(kind: str, what: str) -> Callable[[Facts], Outcome]:
    """Done once a meeting of `kind` is recorded on or before as-of."""

    def rule(f: Facts) -> Outcome:
        found = f.meetings_of(kind)
        if found:
            return Outcome(DONE, f"{what} held on {found[0].date}")
        return Outcome(MISSING, f"no {what} recorded")

    rule.__name__ = kind.replace("-", "_")
    return rule


def where(kind: str) -> str:
    return f"case.yaml: meetings[] kind: {kind}"


def shared_with_family(f: Facts, since: dt.date, after: str) -> Outcome:
    """Who was told, pooled over every `classification-shared` meeting on or after `since` ("Readings settled"):
    a parent, the carer (if set) and the child (unless too young) must be among the attendees; a living parent
    absent is a warning. The workflow: "Confirm the risk classification with the parents, child or young person and the
    care giver"."""
    meetings = [m for m in f.meetings_of("classification-shared") if m.date >= since]
    if not meetings:
        return Outcome(MISSING, f"the classification has not been shared with the family {after}")
    record = f.case.case
    assert record is not None
    family = parents(f.case, f.as_of)
    present = [p for p in family if f.attended(meetings, p)]
    lacking = []
    if not present:
        lacking.append("a parent" if family else "a parent (the genogram names none)")
    carer = record.placement.carer if record.placement else None
    if carer and not f.attended(meetings, carer):
        lacking.append(f"the carer ({f.people[carer].name if carer in f.people else carer})")
    wishes = f.case.factors.wishes if f.case.factors else None
    if not (wishes and wishes.child == "too-young") and not f.attended(meetings, record.child):
        lacking.append("the child")
    dates = ", ".join(str(m.date) for m in meetings)
    if lacking:
        return Outcome(MISSING, f"shared on {dates} {after}, but not with {' or '.join(lacking)}")
    absent = [f.people[p].name if p in f.people else p for p in family if p not in present]
    warnings = (f"a parent was not there: {', '.join(absent)}",) if absent else ()
    return Outcome(DONE, f"shared on {dates} {after}", warnings=warnings)
