"""Stage 3, parental agreements and goal setting (the NSPCC framework; the guide and the workflow for contingency)."""

from __future__ import annotations

import datetime as dt

from reunify.framework.checklist.meetings import meeting_rule, where
from reunify.framework.checklist.model import DONE, DUE, MISSING, NA, OVERDUE, Outcome, stage
from reunify.framework.dates import add_days
from reunify.framework.facts import Facts
from reunify.framework.family import parents

task = stage(3)

task("s3.reunification-planning", "Reunification planning meeting",
     where("reunification-planning"))(
    meeting_rule("reunification-planning", "reunification planning meeting"))


@task("s3.agreement", "Parental agreement",
      "agreements.yaml: agreements[] (objectives, goals, review_every_weeks, consequences, signed)",
      "nspcc-framework", convention="a goal with no owner is a warning (docs/practice-rules.md: ours)")
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
            smart = {"measure": g.measure, "agreed": g.agreed, "realistic": g.realistic, "due": g.due}
            # Name what is missing apart from what is recorded false: "(realistic: true)" read as if that were wrong.
            lacking = [f"{k} missing" for k, v in smart.items() if v is None or v == ""]
            lacking += [f"{k}: false" for k, v in smart.items() if v is False]
            if lacking:
                gaps.append(f"goal {g.id} not SMART ({', '.join(lacking)})")
        if not gaps:
            ownerless = [g.id for g in a.goals or [] if not g.owner]
            warnings = (f"goals without an owner: {', '.join(ownerless)}: say who is responsible for each",) if ownerless else ()
            return Outcome(DONE, f"agreement {a.id} signed {a.signed} with {len(a.goals or [])} SMART goals",
                           warnings=warnings)
        if best_gaps is None or len(gaps) < len(best_gaps):
            best_gaps = gaps
    return Outcome(MISSING, "agreement incomplete: " + "; ".join(best_gaps or []))


@task("s3.goal-reviews", "Goal reviews",
      "agreements.yaml: agreements[].goals[].reviews[] (every review_every_weeks)", "nspcc-framework",
      quotes={"nspcc-framework": "How the goals will be reviewed"})
def goal_reviews(f: Facts) -> Outcome:
    """The NSPCC framework: the agreement says "How the goals will be reviewed"; its own `review_every_weeks` is the term.

    Every goal past `due` is reviewed on or after it; every goal not yet achieved is reviewed within
    `review_every_weeks` of the agreement being made or of its last review. The earliest obligation passed makes
    the task overdue, else the next one ahead makes it due; when every goal is achieved (and reviewed when due),
    it is done.
    """
    agreements = [a for a in (f.case.agreements.agreements or [] if f.case.agreements else [])
                  if a.made is None or a.made <= f.as_of]
    goals = [(a, g) for a in agreements for g in a.goals or []]
    if not goals:
        return Outcome(MISSING, "no goals to review yet")
    owed: list[tuple[dt.date, str]] = []
    for a, g in goals:
        reviews = sorted((r for r in g.reviews or [] if r.date <= f.as_of), key=lambda r: r.date)
        if reviews and reviews[-1].progress == "achieved":
            continue
        if g.due is not None and not any(r.date >= g.due for r in reviews):
            owed.append((g.due, f"{g.id} (due {g.due})"))
        base = reviews[-1].date if reviews else (a.made or a.signed)
        if a.review_every_weeks and base is not None:
            owed.append((add_days(base, 7 * a.review_every_weeks),
                         f"{g.id} (every {a.review_every_weeks} weeks from {base})"))
    if not owed:
        return Outcome(DONE, "every goal is achieved and reviewed")
    late = sorted(o for o in owed if o[0] < f.as_of)
    if late:
        return Outcome(OVERDUE, f"goal review{'s' if len(late) > 1 else ''} overdue: "
                       f"{'; '.join(dict.fromkeys(what for _, what in late))}", late[0][0])
    first = min(owed)
    return Outcome(DUE, f"next goal review: {first[1]}", first[0])


@task("s3.outcomes-tool", "Outcomes tool",
      "case.yaml: measures[] tool: outcomes-tool (on or after the first classification)",
      quotes={"la-workflow": "complete the outcomes tool with them again"})
def outcomes_tool(f: Facts) -> Outcome:
    """The workflow (parental agreement): "complete the outcomes tool with them again"."""
    if not f.history:
        return Outcome(MISSING, "complete the outcomes tool with the parents after the first classification")
    since = f.history[0].date
    used = [m.date for m in f.case.case.measures or [] if m.tool == "outcomes-tool" and since <= m.date <= f.as_of]
    if used:
        return Outcome(DONE, f"outcomes tool completed on {min(used)}")
    return Outcome(MISSING, f"complete the outcomes tool with the parents (none since {f.history[0].label})")


@task("s3.contingency", "Contingency plan",
      "contingency.yaml: stages[].actions (who/what/when), shared_with (the parents, or not_shared with a reason), "
      "shared_on, permanence", "ddscp-guide", "nspcc-framework", "la-workflow",
      quotes={"nspcc-framework": "Create contingency plans and share them with the parents"})
def contingency(f: Facts) -> Outcome:
    """The NSPCC framework's stage 3: "Create contingency plans and share them with the parents". A parent deliberately not told
    (`not_shared` with a reason, e.g. the parent who poses the risk) is settled: a note, never a gap."""
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
    withheld = {n.person: n.reason for n in plan.not_shared or [] if (n.reason or "").strip()}
    family = parents(f.case, f.as_of)
    missing_parents = [p for p in family if p not in (plan.shared_with or []) and p not in withheld]
    if not plan.shared_with:
        gaps.append("not shared with anyone")
    elif missing_parents:
        gaps.append(f"not shared with {', '.join(missing_parents)} (or record them in not_shared with the reason)")
    if not plan.shared_on or plan.shared_on > f.as_of:
        gaps.append("shared_on not recorded")
    if not plan.permanence:
        gaps.append("no permanence plan")
    notes = [f"deliberately not shared with {p}: {withheld[p]}" for p in family if p in withheld]
    note = f" ({'; '.join(notes)})" if notes else ""
    if gaps:
        return Outcome(MISSING, "contingency plan: " + "; ".join(gaps) + note)
    return Outcome(DONE, f"{len(plan.stages or [])} stages, shared on {plan.shared_on}{note}")


@task("s3.support", "Support services",
      "plan.yaml: support[]")
def support(f: Facts) -> Outcome:
    if f.case.plan and f.case.plan.support:
        return Outcome(DONE, f"{len(f.case.plan.support)} support services")
    return Outcome(MISSING, "no support services in the plan")


@task("s3.child-views", "The child's views",
      "factors.yaml: wishes.child_views; case.yaml: meetings[] kind: child-seen-alone "
      "(on or after the first classification)", "nspcc-framework", "la-workflow",
      quotes={"la-workflow": "Agree who will see the child alone ... ask them about their hopes and fears and best "
                             "timing of a return home"})
def child_views(f: Facts) -> Outcome:
    """The workflow (communication with children): "Agree who will see the child alone ... ask them about their hopes and
    fears and best timing of a return home": views recorded and the child seen alone after the first
    classification."""
    wishes = f.case.factors.wishes if f.case.factors else None
    if wishes and wishes.child == "too-young":
        return Outcome(NA, "the child is too young to give views")
    gaps = []
    if not (wishes and wishes.child_views):
        gaps.append("record the child's views in their own words")
    since = f.history[0].date if f.history else None
    seen = [m for m in f.meetings_of("child-seen-alone") if since is not None and m.date >= since]
    if not seen:
        gaps.append("see the child alone after the first classification" if since else
                    "see the child alone once the risk is classified")
    if gaps:
        return Outcome(MISSING, "; ".join(gaps))
    return Outcome(DONE, f"the child's views are recorded; seen alone on {seen[0].date}")
