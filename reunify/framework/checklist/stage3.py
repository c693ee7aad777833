"""Stage 3, parental agreements and goal setting (002; 000 and 003 for the contingency plan)."""

from __future__ import annotations

from reunify.framework.checklist.facts import Facts
from reunify.framework.checklist.meetings import meeting_rule, where
from reunify.framework.checklist.model import DONE, DUE, MISSING, NA, OVERDUE, Outcome, stage
from reunify.framework.family import parents

task = stage(3)

task("s3.reunification-planning", where("reunification-planning"))(
    meeting_rule("reunification-planning", "reunification planning meeting"))


@task("s3.agreement", "agreements.yaml: agreements[] (objectives, goals, review_every_weeks, consequences, signed)",
      "002")
def agreement(f: Facts) -> Outcome:
    agreements = f.case.agreements.agreements or [] if f.case.agreements else []
    if not agreements:
        return Outcome(MISSING, "no written parental agreement")
    best_gaps: list[str] | None = None
    for a in agreements:
        gaps = []
        for name in ("objectives", "review_every_weeks", "consequences"):
            if not getattr(a, name):
                gaps.append(name)
        if not a.signed or a.signed > f.as_of:
            gaps.append("signed")
        if not a.goals:
            gaps.append("goals")
        for g in a.goals or []:
            smart = {"measure": g.measure, "agreed: true": g.agreed, "realistic: true": g.realistic, "due": g.due}
            lacking = [k for k, v in smart.items() if not v]
            if lacking:
                gaps.append(f"goal {g.id} not SMART ({', '.join(lacking)})")
        if not gaps:
            ownerless = [g.id for g in a.goals or [] if not g.owner]
            warning = f"goals without an owner: {', '.join(ownerless)}" if ownerless else None
            return Outcome(DONE, f"agreement {a.id} signed {a.signed} with {len(a.goals or [])} SMART goals",
                           warning=warning)
        if best_gaps is None or len(gaps) < len(best_gaps):
            best_gaps = gaps
    return Outcome(MISSING, "agreement incomplete: " + "; ".join(best_gaps or []))


@task("s3.goal-reviews", "agreements.yaml: agreements[].goals[].reviews[]", "002")
def goal_reviews(f: Facts) -> Outcome:
    goals = [g for a in (f.case.agreements.agreements or [] if f.case.agreements else []) for g in a.goals or []]
    if not goals:
        return Outcome(MISSING, "no goals to review yet")
    late, upcoming = [], []
    for g in goals:
        if g.due is None:
            continue
        reviewed = any(g.due <= r.date <= f.as_of for r in g.reviews or [])
        if g.due < f.as_of and not reviewed:
            late.append(g)
        elif g.due >= f.as_of and not reviewed:
            upcoming.append(g)
    if late:
        first = min(late, key=lambda g: g.due)
        return Outcome(OVERDUE, f"goal{'s' if len(late) > 1 else ''} past due without a review: "
                       f"{', '.join(g.id for g in late)}", first.due)
    if upcoming:
        first = min(upcoming, key=lambda g: g.due)
        return Outcome(DUE, f"next goal due: {first.id}", first.due)
    return Outcome(DONE, "every goal past its due date has been reviewed")


@task("s3.contingency",
      "contingency.yaml: stages[].actions (who/what/when), shared_with (the parents), shared_on, permanence", "000; 003")
def contingency(f: Facts) -> Outcome:
    plan = f.case.contingency
    if plan is None:
        return Outcome(MISSING, "no contingency plan")
    gaps = []
    if not plan.stages:
        gaps.append("no stages")
    incomplete = [f"stage {s.stage}" for s in plan.stages or [] for a in s.actions or []
                  if not (a.who and a.what and a.when)]
    if any(not s.actions for s in plan.stages or []):
        gaps.append("a stage has no actions")
    if incomplete:
        gaps.append(f"actions without who/what/when in {', '.join(sorted(set(incomplete)))}")
    missing_parents = [p for p in parents(f.case, f.as_of) if p not in (plan.shared_with or [])]
    if not plan.shared_with:
        gaps.append("not shared with anyone")
    elif missing_parents:
        gaps.append(f"not shared with {', '.join(missing_parents)}")
    if not plan.shared_on or plan.shared_on > f.as_of:
        gaps.append("shared_on not recorded")
    if not plan.permanence:
        gaps.append("no permanence plan")
    if gaps:
        return Outcome(MISSING, "contingency plan: " + "; ".join(gaps))
    return Outcome(DONE, f"{len(plan.stages or [])} stages, shared on {plan.shared_on}")


@task("s3.support", "plan.yaml: support[]")
def support(f: Facts) -> Outcome:
    if f.case.plan and f.case.plan.support:
        return Outcome(DONE, f"{len(f.case.plan.support)} support services")
    return Outcome(MISSING, "no support services in the plan")


@task("s3.child-views", "factors.yaml: wishes.child_views", "002; 003")
def child_views(f: Facts) -> Outcome:
    wishes = f.case.factors.wishes if f.case.factors else None
    if wishes and wishes.child == "too-young":
        return Outcome(NA, "the child is too young to give views")
    if wishes and wishes.child_views:
        return Outcome(DONE, "the child's views are recorded")
    return Outcome(MISSING, "record the child's views in their own words")
