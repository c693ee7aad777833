"""Stage 4, reclassification and planning (the NSPCC framework; the workflow's Decision 3, planning review and CPAG)."""

from __future__ import annotations

from reunify.framework.checklist.meetings import shared_with_family
from reunify.framework.checklist.model import DONE, MISSING, NA, Outcome, dated, stage
from reunify.framework.dates import add_months
from reunify.framework.facts import Facts
from reunify.framework.order import director_agreed
from reunify.framework.roles import maker

task = stage(4)


@task("s4.rc2", "Second risk classification (RC2)",
      "case.yaml: classifications[] (a second classification)", "nspcc-framework", "la-workflow")
def rc2(f: Facts) -> Outcome:
    """A second classification "when the first was medium or high; else not-applicable" (docs/practice-rules.md):
    with no classification yet there is no first, so not applicable until RC1 says (s2.rc1 shows the gap)."""
    if not f.history:
        return Outcome(NA, "RC2 follows RC1 when RC1 is medium or high; no classification is recorded yet")
    if f.history[0].level not in ("medium", "high"):
        return Outcome(NA, f"RC1 was {f.history[0].level}")
    if len(f.history) > 1:
        second = f.history[1]
        return Outcome(DONE, f"{second.label}: {second.level} on {second.date}")
    return Outcome(MISSING, "reclassify risk with the evidence of stage 3 (RC2)")


@task("s4.agreement-updated", "Agreement updated",
      "agreements.yaml: an agreement made, or a goal review, on or after RC2", "nspcc-framework",
      quotes={"nspcc-framework": "Update the parental agreements, goals and support plans"})
def agreement_updated(f: Facts) -> Outcome:
    """The NSPCC framework's stage 4: "Update the parental agreements, goals and support plans"."""
    if len(f.history) < 2:
        return Outcome(NA, "after RC2")
    after = f.history[1].date
    agreements = f.case.agreements.agreements or [] if f.case.agreements else []
    updated = any(a.made and after <= a.made <= f.as_of for a in agreements) or any(
        after <= r.date <= f.as_of for a in agreements for g in a.goals or [] for r in g.reviews or [])
    if updated:
        return Outcome(DONE, f"agreements updated after {f.history[1].label}")
    return Outcome(MISSING, f"update the agreements and goals after {f.history[1].label}")


@task("s4.decision-3", "Decision 3 (service manager, ratified)",
      'case.yaml: decisions[] with decision: "3", ratified_by (head of service)',
      quotes={"la-workflow": "Decision 3 - SM and TM Discussion ... Decision ratified by Head of Locality/Service"})
def decision_3(f: Facts) -> Outcome:
    """The workflow: "Decision 3 - SM and TM Discussion ... Decision ratified by Head of Locality/Service"; "If previously
    assessed as high risk, look for sustained demonstrated improvement and that risk has remained medium or low
    for six months". Six months count from the first medium or low classification after the last high
    ("Readings settled"); a later ratification counts from its `ratified_on`."""
    found = f.decisions_of("3")
    if not found:
        return Outcome(MISSING, "Decision 3 (service manager, ratified by head of service) not recorded")
    d = found[-1]
    if not d.ratified_by or (d.ratified_on and d.ratified_on > f.as_of):
        return Outcome(MISSING, f"Decision 3 of {d.date} is not ratified by the head of service")
    warnings = ()
    before = [c for c in f.history if c.date <= d.date]
    highs = [i for i, c in enumerate(before) if c.level in ("high", "severe")]
    if highs and d.outcome == "proceed":
        after = [c for c in before[highs[-1] + 1:] if c.level in ("medium", "low")]
        if not after or add_months(after[0].date, 6) > d.date:
            since = f"medium or low only since {after[0].date}" if after else "no medium or low classification since"
            warnings = (f"the case was {before[highs[-1]].level} ({before[highs[-1]].label}) and proceeds with {since}: "
                        "the workflow looks for risk that \"has remained medium or low for six months\"",)
    ratified = f", ratified by {d.ratified_by}" + (f" on {d.ratified_on}" if d.ratified_on else "")
    return Outcome(DONE, f"Decision 3 ({d.outcome or 'no outcome recorded'}) by {d.by} on {d.date}{ratified}",
                   warnings=warnings)


@task("s4.decision-shared", "Decision shared with the family",
      "case.yaml: meetings[] kind: classification-shared (a parent, the carer, the child) on or after Decision 3",
      quotes={"la-workflow": "Communicate the risk classification and reunification decision to children and their parents and "
                             "current care givers"})
def decision_shared(f: Facts) -> Outcome:
    """The workflow: "Communicate the risk classification and reunification decision to children and their parents and
    current care givers". Applies whether or not reunification proceeds."""
    found = f.decisions_of("3")
    if not found:
        return Outcome(NA, "after Decision 3")
    return shared_with_family(f, found[0].date, f"after Decision 3 ({found[0].date})")


@task("s4.emergency-pwp", "Emergency placement with parents",
      "case.yaml: decisions[] decision: emergency-placed-with-parents, role: head-of-service (after Decision 3, RHA "
      "completed)",
      quotes={"la-workflow": "Head of Locality/Service approval for Emergency Placed with Parents to enable increase "
                             "in overnight contact (over 24 hours). Documents needed are the RHA"})
def emergency_pwp(f: Facts) -> Outcome:
    """The workflow: "Head of Locality/Service approval for Emergency Placed with Parents to enable increase in overnight
    contact (over 24 hours). Documents needed are the RHA". Needed when the child is placed with parents before the
    corporate director's CPAG agreement ("Readings settled")."""
    record = f.case.case
    assert record is not None
    placement = record.placement
    if placement is None or placement.type != "placed-with-parents":
        return Outcome(NA, "needed only for a placement with parents before the CPAG agreement")
    agreed = [d.date for d in f.decisions_of("cpag") if director_agreed(d)]
    if agreed and (placement.since is None or placement.since >= agreed[0]):
        return Outcome(NA, f"placed with parents after the corporate director's agreement ({agreed[0]})")
    decision_3 = f.decisions_of("3")
    completed = record.assessment.completed if record.assessment else None
    approvals = f.decisions_of("emergency-placed-with-parents")
    head = maker("emergency-placed-with-parents")
    good = [d for d in approvals if d.role == head and decision_3 and d.date >= decision_3[0].date
            and completed is not None and completed <= d.date]
    if good:
        return Outcome(DONE, f"emergency placement with parents approved by {good[0].by} on {good[0].date}")
    if approvals:
        return Outcome(MISSING, "the emergency placement approval needs the head of service (role: head-of-service), "
                       "after Decision 3, with the Return Home Assessment completed")
    return Outcome(MISSING, "placed with parents before the corporate director's CPAG agreement: record the head of "
                   "service's emergency placed with parents approval")


@task("s4.planning-review", "Reunification planning review",
      "case.yaml: meetings[] kind: reunification-planning-review",
      quotes={"la-workflow": "Reunification Planning Review – no longer than three months from the Reunification "
                             "Planning Meeting"})
def planning_review(f: Facts) -> Outcome:
    """The workflow: "Reunification Planning Review – no longer than three months from the Reunification Planning Meeting".
    One held later still makes the task done, with a warning naming how late (docs/practice-rules.md: the review
    happened; the lateness is on record)."""
    planning = f.meetings_of("reunification-planning")
    if not planning:
        return Outcome(MISSING, "follows the reunification planning meeting")
    due = add_months(planning[0].date, 3)
    reviews = [m for m in f.meetings_of("reunification-planning-review") if m.date >= planning[0].date]
    if reviews:
        held = reviews[0].date
        late = ((f"held on {held}, {(held - due).days} day(s) after the three months allowed (no later than {due}): "
                 "the detailed reunification workflow asks \"no longer than three months\"",)
                if held > due else ())
        return Outcome(DONE, f"planning review held on {held}", warnings=late)
    return dated(due, f.as_of, "planning review due no later than three months after the planning meeting of "
                 f"{planning[0].date}")


@task("s4.cin-plan", "Child in Need plan",
      "plan.yaml: cin_plan (the Child in Need plan holding the goals)",
      quotes={"la-workflow": "If child was s20 before reunification, incorporate the goals within the Child in Need plan"},
      convention="child-in-need after return stands in for 'formerly section 20' (an approximation)")
def cin_plan(f: Facts) -> Outcome:
    """The workflow (planning review): "If child was s20 before reunification, incorporate the goals within the Child in
    Need plan". Needed for section 20 (or Wales's section 76), or a child in need after return."""
    record = f.case.case
    assert record is not None
    needed = record.legal_status in ("section-20", "section-76") or (
        record.legal_status == "child-in-need" and f.returned is not None)
    if not needed:
        return Outcome(NA, "needed for a child accommodated under section 20 (or 76)")
    plan = f.case.plan.cin_plan if f.case.plan else None
    if plan is not None and plan <= f.as_of:
        return Outcome(DONE, f"the goals are in the Child in Need plan of {plan}")
    return Outcome(MISSING, "incorporate the goals within the Child in Need plan, and record its date")


@task("s4.reunification-plan", "Reunification plan (contact and transition)",
      "plan.yaml: contact[] and transition", "nspcc-framework", "la-workflow")
def reunification_plan(f: Facts) -> Outcome:
    plan = f.case.plan
    if plan and plan.contact and plan.transition:
        return Outcome(DONE, "contact plan and transition recorded")
    lacking = [n for n in ("contact", "transition") if not (plan and getattr(plan, n))]
    return Outcome(MISSING, f"reunification plan lacks {' and '.join(lacking)}")


@task("s4.cpag", "CPAG agreement",
      "case.yaml: meetings[] kind: cpag (the panel), then decisions[] decision: cpag, role: "
      "corporate-director",
      quotes={"la-workflow": "Record if reunification plan recommended at CPAG and forward to Corporate Director for agreement"})
def cpag(f: Facts) -> Outcome:
    """The workflow: "Record if reunification plan recommended at CPAG and forward to Corporate Director for agreement".
    The panel alone is not the agreement. The pack (the workflow: "RHA; Chronology; Decisions from last CLA Review;
    Parental Agreement; Reunification Plan") incomplete before the panel is a warning."""
    panels = f.meetings_of("cpag")
    if not panels:
        if f.decisions_of("cpag"):
            return Outcome(MISSING, "a CPAG decision is recorded but no CPAG panel meeting (meetings[] kind: cpag)")
        return Outcome(MISSING, "present the plan at CPAG (Change of Placement and Allowance Group)")
    panel = panels[0].date
    warnings = _pack_gaps(f, panel)
    agreed = [d for d in f.decisions_of("cpag") if director_agreed(d) and d.date >= panel]
    if agreed:
        return Outcome(DONE, f"recommended at CPAG on {panel}; agreed by the corporate director ({agreed[0].by}) on "
                       f"{agreed[0].date}", warnings=warnings)
    return Outcome(MISSING, f"recommended at CPAG on {panel}: the corporate director's agreement is not recorded "
                   "(decision: cpag, role: corporate-director)", warnings=warnings)


def _pack_gaps(f: Facts, panel) -> tuple[str, ...]:
    record = f.case.case
    assert record is not None
    gaps = []
    if not (record.assessment and record.assessment.completed and record.assessment.completed <= panel):
        gaps.append("a completed Return Home Assessment")
    if not (f.case.chronology and f.case.chronology.entries):
        gaps.append("the chronology")
    if not [m for m in f.meetings_of("cic-review") if m.date <= panel]:
        gaps.append("decisions from the last CLA (CIC) review")
    agreements = f.case.agreements.agreements or [] if f.case.agreements else []
    if not any((a.made or a.signed) and (a.made or a.signed) <= panel for a in agreements):
        gaps.append("a parental agreement")
    if not (f.case.plan and f.case.plan.contact and f.case.plan.transition):
        gaps.append("the reunification plan")
    return (f"the CPAG pack lacked {', '.join(gaps)} before the panel of {panel}",) if gaps else ()
