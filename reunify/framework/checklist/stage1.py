"""Stage 1, initial assessment (the NSPCC framework; the workflow's detailed workflow)."""

from __future__ import annotations

from reunify.framework.checklist.meetings import meeting_rule, where
from reunify.framework.checklist.model import DONE, MISSING, Outcome, stage
from reunify.framework.classification import names
from reunify.framework.dates import age_on
from reunify.framework.facts import Facts
from reunify.framework.family import parents
from reunify.framework.roles import maker

task = stage(1)


@task("s1.decision-1", "Decision 1 (team manager)",
      'case.yaml: decisions[] with decision: "1", by, date',
      quotes={"la-workflow": "TM records case decision on Mosaic that reunification framework to be followed"})
def decision_1(f: Facts) -> Outcome:
    """The workflow: "TM records case decision on Mosaic that reunification framework to be followed". Decision "1" only:
    an emergency placement with parents is a stage 4 approval (s4.emergency-pwp), not this decision."""
    found = f.decisions_of("1")
    if not found:
        return Outcome(MISSING, "the team manager's Decision 1 to explore reunification is not recorded")
    d = found[0]
    warnings = () if d.role in (None, maker("1")) else (
        f"Decision 1 is recorded by a {d.role}: the workflow has the {maker('1').replace('-', ' ')} record it",)
    return Outcome(DONE, f"Decision 1 by {d.by} on {d.date}", warnings=warnings)


task("s1.assessment-planning", "Assessment planning meeting",
     where("assessment-planning"))(
    meeting_rule("assessment-planning", "assessment planning meeting"))
task("s1.child-seen-alone", "Child seen alone",
     where("child-seen-alone"))(
    meeting_rule("child-seen-alone", "meeting with the child seen alone"))


@task("s1.trusted-adult", "Trusted adult named",
      "case.yaml: trusted_adult")
def trusted_adult(f: Facts) -> Outcome:
    if f.case.case and f.case.case.trusted_adult:
        return Outcome(DONE, "a trusted adult is named")
    return Outcome(MISSING, "name a trusted adult the child can talk to about the return")


@task("s1.chronology", "Analytical chronology",
      "chronology.yaml: entries[] (analysis for every high-significance entry)", "nspcc-framework")
def chronology(f: Facts) -> Outcome:
    """An entry dated after as-of is not yet history (docs/practice-rules.md: evidence dated after as-of never
    makes a task done)."""
    entries = [e for e in (f.case.chronology.entries or [] if f.case.chronology else []) if e.date <= f.as_of]
    if not entries:
        return Outcome(MISSING, "the analytical chronology has no entries")
    unanalysed = [e for e in entries if e.significance == "high" and not (e.analysis or "").strip()]
    if unanalysed:
        return Outcome(MISSING, f"{len(unanalysed)} high-significance entr"
                       f"{'y has' if len(unanalysed) == 1 else 'ies have'} no analysis (first: {unanalysed[0].date})")
    return Outcome(DONE, f"{len(entries)} entries, every significant one analysed")


@task("s1.genogram", "Genogram",
      "genogram.yaml: people[] and unions[] with the child among children")
def genogram(f: Facts) -> Outcome:
    """docs/practice-rules.md: "the child and at least one parent in genogram.yaml"; a parent who has died is still
    the child's parent there (the NSPCC framework's stage 1: "Produce an analytical case history and genogram")."""
    child = f.case.case.child if f.case.case else None
    if f.case.genogram is None or child not in f.people:
        return Outcome(MISSING, "the genogram does not include the child")
    if not [p for p in parents(f.case, f.as_of, living=False) if p in f.people]:
        return Outcome(MISSING, "no parent of the child in the genogram (a union with the child among its children)")
    return Outcome(DONE, "the child and their parents are in the genogram")


@task("s1.police-checks", "Police checks",
      "genogram.yaml: people[].police_check (and born) for everyone with household: true or extended_family: true",
      quotes={"la-workflow": "Carry out for all over 16s in the household, extended family members and regular visitors"})
def police_checks(f: Facts) -> Outcome:
    """The workflow: "Carry out for all over 16s in the household, extended family members and regular visitors".

    In scope: every living person but the child with `household: true` (lives in or regularly visits the home)
    or `extended_family: true`, aged 16 or over on as-of; with no `born`, the age is unknown and never assumed
    young (docs/practice-rules.md). The dead are left out.
    """
    if f.case.genogram is None:
        return Outcome(MISSING, "no genogram: household members are not known")
    child = f.case.case.child if f.case.case else None
    scope = [p for p in f.people.values() if (p.household or p.extended_family) and p.id != child
             and not (p.died and p.died <= f.as_of)]
    if not scope:
        return Outcome(MISSING, "nobody is marked household: true or extended_family: true in the genogram")

    def checked(p) -> bool:
        return p.police_check is not None and p.police_check <= f.as_of

    unknown_age = [p for p in scope if p.born is None and not checked(p)]
    unchecked = [p for p in scope if p.born is not None and age_on(p.born, f.as_of) >= 16 and not checked(p)]
    if unchecked or unknown_age:
        parts = []
        if unchecked:
            parts.append(f"no police check for {names(unchecked)}")
        if unknown_age:
            parts.append(f"age unknown for {names(unknown_age)} (add born, or a police check)")
        return Outcome(MISSING, "; ".join(parts))
    return Outcome(DONE, "every household and extended family member aged 16 or over is checked")


@task("s1.practical-checks", "Practical checks (housing, finances, school)",
      "case.yaml: assessment.checks (housing, finances, school)",
      quotes={"la-workflow": "Check housing, finances and school; highlight any issues early"})
def practical_checks(f: Facts) -> Outcome:
    """The workflow (Return Home Assessment): "Check housing, finances and school; highlight any issues early"."""
    checks = f.case.case.assessment.checks if f.case.case and f.case.case.assessment else None
    done = {name: getattr(checks, name) if checks else None for name in ("housing", "finances", "school")}
    lacking = [name for name, day in done.items() if day is None or day > f.as_of]
    if lacking:
        return Outcome(MISSING, f"practical checks not recorded: {', '.join(lacking)}")
    return Outcome(DONE, f"housing, finances and school checked (last on {max(done.values())})")  # type: ignore[type-var]


@task("s1.mid-point-supervision", "Mid-point supervision",
      where("mid-point-supervision"),
      quotes={"la-workflow": "Halfway through the development of the RHA - SW and TM meet for supervision"})
def mid_point_supervision(f: Facts) -> Outcome:
    """The workflow: "Halfway through the development of the RHA - SW and TM meet for supervision"; held outside the
    assessment's dates is a warning (the meeting counts, its timing is questioned)."""
    found = f.meetings_of("mid-point-supervision")
    if not found:
        return Outcome(MISSING, "no mid-point supervision recorded")
    held = found[0].date
    assessment = f.case.case.assessment if f.case.case else None
    started = assessment.started if assessment else None
    completed = assessment.completed if assessment else None
    warnings = ()
    if (started and held < started) or (completed and held > completed):
        warnings = (f"held on {held}, outside the assessment ({started or '?'} to {completed or '?'}): the workflow has it "
                    "halfway through the Return Home Assessment",)
    return Outcome(DONE, f"mid-point supervision held on {held}", warnings=warnings)


@task("s1.assessment", "Return Home Assessment",
      "case.yaml: assessment.completed, signed_off_by; factors.yaml: assessed, capacity_to_change, wishes")
def assessment(f: Facts) -> Outcome:
    record = f.case.case.assessment if f.case.case else None
    factors = f.case.factors
    gaps = []
    if not record or not record.completed or record.completed > f.as_of:
        gaps.append("assessment not completed")
    if not record or not record.signed_off_by:
        gaps.append("not signed off by the team manager")
    if not factors or not factors.assessed or factors.assessed > f.as_of:
        gaps.append("factors not assessed")
    if not factors or not factors.capacity_to_change or factors.capacity_to_change.sustained is None:
        gaps.append("capacity to change not recorded")
    if not factors or not factors.wishes or not factors.wishes.parents or not factors.wishes.child:
        gaps.append("wishes not recorded")
    if gaps:
        return Outcome(MISSING, "Return Home Assessment: " + "; ".join(gaps))
    return Outcome(DONE, f"Return Home Assessment completed {record.completed}")
