"""Stage 2, risk classification (the NSPCC framework; the workflow)."""

from __future__ import annotations

from reunify.framework.checklist.meetings import shared_with_family
from reunify.framework.checklist.model import DONE, MISSING, NA, Outcome, stage
from reunify.framework.facts import Facts
from reunify.framework.roles import maker

task = stage(2)


@task("s2.risk-classification-meeting", "Risk classification meeting",
      "case.yaml: meetings[] kind: risk-classification (on or before Decision 2)",
      quotes={"la-workflow": "Risk Classification Meeting ... make recommendation about the level of risk"})
def risk_classification_meeting(f: Facts) -> Outcome:
    """The workflow: "Risk Classification Meeting ... make recommendation about the level of risk", then Decision 2."""
    held = f.meetings_of("risk-classification")
    decision = f.decisions_of("2")
    by = decision[0].date if decision else f.as_of
    before = [m for m in held if m.date <= by]
    if before:
        return Outcome(DONE, f"risk classification meeting held on {before[0].date}")
    if held:
        return Outcome(MISSING, f"the risk classification meeting of {held[0].date} came after Decision 2 ({by}): "
                       "the workflow has it recommend the level of risk before the decision")
    return Outcome(MISSING, "no risk classification meeting recorded (it recommends the level of risk)")


@task("s2.rc1", "First risk classification (RC1)",
      "case.yaml: classifications[] (record with `reunify decide --classification RC1`)", "nspcc-framework",
      "la-workflow")
def rc1(f: Facts) -> Outcome:
    if f.history:
        first = f.history[0]
        return Outcome(DONE, f"{first.label}: {first.level} on {first.date}")
    return Outcome(MISSING, "no risk classification recorded")


@task("s2.decision-2", "Decision 2 (service manager)",
      'case.yaml: decisions[] with decision: "2", role: service-manager')
def decision_2(f: Facts) -> Outcome:
    manager = f.case.case.team.service_manager if f.case.case and f.case.case.team else None
    found = f.decisions_of("2")
    by_manager = [d for d in found if d.role == maker("2") or (d.role is None and d.by == manager)]
    if by_manager:
        return Outcome(DONE, f"Decision 2 by {by_manager[0].by} on {by_manager[0].date}")
    if found:
        return Outcome(MISSING, "Decision 2 is recorded but not by the service manager")
    return Outcome(MISSING, "the service manager's Decision 2 is not recorded")


@task("s2.classification-shared", "Classification shared with the family",
      "case.yaml: meetings[] kind: classification-shared (attendees: a parent, the carer, the child), on or after the "
      "first classification")
def classification_shared(f: Facts) -> Outcome:
    if not f.history:
        return Outcome(MISSING, "share the classification once it is made")
    return shared_with_family(f, f.history[0].date, f"after {f.history[0].label}")


@task("s2.permanence", "Permanence plan",
      "contingency.yaml: permanence", "nspcc-framework")
def permanence(f: Facts) -> Outcome:
    level = f.current.level if f.current else None
    if f.pursued and level not in ("high", "severe"):
        return Outcome(NA, "needed only at high or severe risk or when reunification stops")
    if f.case.contingency and f.case.contingency.permanence:
        return Outcome(DONE, "a permanence plan is recorded")
    why = "reunification is not being pursued" if not f.pursued else f"the case is {level} risk"
    return Outcome(MISSING, f"{why}: begin concurrent planning for permanence")


@task("s2.consider-proceedings", "Proceedings considered",
      'case.yaml: decisions[] decision: proceedings (severe risk, section 20)',
      quotes={"la-workflow": "If child accommodated under s20 - consider proceedings"})
def consider_proceedings(f: Facts) -> Outcome:
    """The workflow (severe risk): "If child accommodated under s20 - consider proceedings" (Wales: section 76).

    docs/practice-rules.md: "a decision `proceedings` on/after that classification", the latest one: a child still
    accommodated at a later severe reclassification is considered again, so a decision from before it does not count.
    """
    record = f.case.case
    assert record is not None
    if not (f.current and f.current.level == "severe" and record.legal_status in ("section-20", "section-76")):
        return Outcome(NA, "needed when the child is accommodated under section 20 (or 76) at severe risk")
    found = [d for d in f.decisions_of("proceedings") if d.date >= f.current.date]
    if found:
        return Outcome(DONE, f"proceedings considered: decision of {found[-1].date} by {found[-1].by}")
    return Outcome(MISSING, f"severe risk since {f.current.since} and the child is accommodated under "
                   f"{record.legal_status}: consider proceedings and record the decision")
