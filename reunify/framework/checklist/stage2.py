"""Stage 2, risk classification (002; 003)."""

from __future__ import annotations

from reunify.framework.checklist.facts import Facts
from reunify.framework.checklist.model import DONE, MISSING, NA, Outcome, stage

task = stage(2)


@task("s2.rc1", "case.yaml: classifications[] (record with `reunify decide --classification RC1`)", "002; 003")
def rc1(f: Facts) -> Outcome:
    if f.history:
        first = f.history[0]
        return Outcome(DONE, f"{first.label}: {first.level} on {first.date}")
    return Outcome(MISSING, "no risk classification recorded")


@task("s2.decision-2", 'case.yaml: decisions[] with decision: "2", role: service-manager')
def decision_2(f: Facts) -> Outcome:
    manager = f.case.case.team.service_manager if f.case.case and f.case.case.team else None
    found = f.decisions_of("2")
    by_manager = [d for d in found if d.role == "service-manager" or (d.role is None and d.by == manager)]
    if by_manager:
        return Outcome(DONE, f"Decision 2 by {by_manager[0].by} on {by_manager[0].date}")
    if found:
        return Outcome(MISSING, "Decision 2 is recorded but not by the service manager")
    return Outcome(MISSING, "the service manager's Decision 2 is not recorded")


@task("s2.classification-shared",
      "case.yaml: meetings[] kind: classification-shared (on or after the first classification)")
def classification_shared(f: Facts) -> Outcome:
    if not f.history:
        return Outcome(MISSING, "share the classification once it is made")
    shared = [m for m in f.meetings_of("classification-shared") if m.date >= f.history[0].date]
    if shared:
        return Outcome(DONE, f"shared with the family on {shared[0].date}")
    return Outcome(MISSING, "the classification has not been shared with the family")


@task("s2.permanence", "contingency.yaml: permanence", "002")
def permanence(f: Facts) -> Outcome:
    level = f.current.level if f.current else None
    if f.pursued and level not in ("high", "severe"):
        return Outcome(NA, "needed only at high or severe risk or when reunification stops")
    if f.case.contingency and f.case.contingency.permanence:
        return Outcome(DONE, "a permanence plan is recorded")
    why = "reunification is not being pursued" if not f.pursued else f"the case is {level} risk"
    return Outcome(MISSING, f"{why}: begin concurrent planning for permanence (002)")
