"""Stage 4, reclassification and planning (002; 003's Decision 3, planning review and CPAG)."""

from __future__ import annotations

import datetime as dt

from reunify.framework.checklist.facts import Facts
from reunify.framework.checklist.model import DONE, MISSING, NA, Outcome, dated, stage
from reunify.framework.dates import add_months

task = stage(4)


@task("s4.rc2", "case.yaml: classifications[] (a second classification)", "002; 003")
def rc2(f: Facts) -> Outcome:
    if not f.history:
        return Outcome(MISSING, "RC2 follows RC1 when RC1 is medium or high")
    if f.history[0].level not in ("medium", "high"):
        return Outcome(NA, f"RC1 was {f.history[0].level}")
    if len(f.history) > 1:
        second = f.history[1]
        return Outcome(DONE, f"{second.label}: {second.level} on {second.date}")
    return Outcome(MISSING, "reclassify risk with the evidence of stage 3 (RC2)")


@task("s4.agreement-updated", "agreements.yaml: an agreement made, or a goal review, on or after RC2", "002")
def agreement_updated(f: Facts) -> Outcome:
    """002 stage 4: "Update the parental agreements, goals and support plans"."""
    if len(f.history) < 2:
        return Outcome(NA, "after RC2")
    after = f.history[1].date
    agreements = f.case.agreements.agreements or [] if f.case.agreements else []
    updated = any(a.made and after <= a.made <= f.as_of for a in agreements) or any(
        after <= r.date <= f.as_of for a in agreements for g in a.goals or [] for r in g.reviews or [])
    if updated:
        return Outcome(DONE, f"agreements updated after {f.history[1].label}")
    return Outcome(MISSING, f"update the agreements and goals after {f.history[1].label}")


def _held_six_months(f: Facts, level: str, before: dt.date) -> bool:
    """Whether some run of `level` lasted six months before `before` (003: "remained medium or low")."""
    history = [c for c in f.history if c.date <= before]
    for i, c in enumerate(history):
        if c.level != level or (i and history[i - 1].level == level):
            continue
        end = next((d.date for d in history[i + 1:] if d.level != level), before)
        if add_months(c.date, 6) <= end:
            return True
    return False


@task("s4.decision-3", 'case.yaml: decisions[] with decision: "3", ratified_by (head of service)')
def decision_3(f: Facts) -> Outcome:
    found = f.decisions_of("3")
    if not found:
        return Outcome(MISSING, "Decision 3 (service manager, ratified by head of service) not recorded")
    d = found[-1]
    if not d.ratified_by:
        return Outcome(MISSING, f"Decision 3 of {d.date} is not ratified by the head of service")
    warning = None
    ever_high = any(c.level in ("high", "severe") for c in f.history if c.date <= d.date)
    if ever_high and d.outcome == "proceed" and not (
            _held_six_months(f, "medium", d.date) and _held_six_months(f, "low", d.date)):
        warning = ("the case was high risk: 003 looks for risk that 'has remained medium or low for six months' "
                   "and 002 for six months at medium, then six at low")
    return Outcome(DONE, f"Decision 3 by {d.by} on {d.date}, ratified by {d.ratified_by}", warning=warning)


@task("s4.planning-review", "case.yaml: meetings[] kind: reunification-planning-review")
def planning_review(f: Facts) -> Outcome:
    """003: "Reunification Planning Review – no longer than three months from the Reunification Planning Meeting"."""
    planning = f.meetings_of("reunification-planning")
    if not planning:
        return Outcome(MISSING, "follows the reunification planning meeting")
    due = add_months(planning[0].date, 3)
    reviews = [m for m in f.meetings_of("reunification-planning-review") if m.date >= planning[0].date]
    if reviews:
        late = f"held on {reviews[0].date}, after the three months allowed ({due})" if reviews[0].date > due else None
        return Outcome(DONE, f"planning review held on {reviews[0].date}", warning=late)
    return dated(due, f.as_of, "planning review due no later than three months after the planning meeting of "
                 f"{planning[0].date}")


@task("s4.reunification-plan", "plan.yaml: contact[] and transition", "002; 003")
def reunification_plan(f: Facts) -> Outcome:
    plan = f.case.plan
    if plan and plan.contact and plan.transition:
        return Outcome(DONE, "contact plan and transition recorded")
    lacking = [n for n in ("contact", "transition") if not (plan and getattr(plan, n))]
    return Outcome(MISSING, f"reunification plan lacks {' and '.join(lacking)}")


@task("s4.cpag", "case.yaml: meetings[] kind: cpag, or decisions[] decision: cpag (role: corporate-director)")
def cpag(f: Facts) -> Outcome:
    decisions = f.decisions_of("cpag")
    meetings = f.meetings_of("cpag")
    if decisions:
        d = decisions[-1]
        warning = None if d.role == "corporate-director" else "003: the CPAG recommendation goes to the corporate " \
            "director for agreement (role: corporate-director)"
        return Outcome(DONE, f"CPAG decision on {d.date}", warning=warning)
    if meetings:
        return Outcome(DONE, f"presented at CPAG on {meetings[0].date}")
    return Outcome(MISSING, "present the plan at CPAG (Change of Placement and Allowance Group)")
