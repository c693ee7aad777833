"""The practice audit: the Derby and Derbyshire audit's questions, asked of a case.

From the Best Practice Guide: Reunification and the Multi-agency audit of reunification practice.

Each question has a stable id, its source, when it applies (a case it does not
apply to is left out of that question's share) and whether the case meets it.
Applicability never depends on the file that holds the answer: a missing file
is not met (docs/practice-rules.md). Pure functions of the case's facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.framework import classification as table
from reunify.framework.checklist import checklist
from reunify.framework.dates import add_months, age_on
from reunify.framework.facts import PROCEED, Facts
from reunify.framework.family import parents
from reunify.framework.registry import PracticeRule, declare
from reunify.sources import Cite

# docs/practice-rules.md (tool convention): the overall figure and why the multi-agency audit's own figure is another measure.
OVERALL_CAVEAT = ("The mean of the questions' shares, leaving out questions that apply to no case (a tool "
                  "convention). Not comparable with the multi-agency audit's \"average of 98% compliance\", which measured "
                  "the Working Together 2023 practice standards, not these questions.")


class Answer(NamedTuple):
    applies: bool
    met: bool = False
    why: str = ""  # when not met: what is missing


NOT_APPLICABLE = Answer(False)


def _question(id_: str, question: str, cited: tuple[tuple[str, str], ...], ask: Callable[[Facts], Answer],
              convention: str | None = None) -> PracticeRule:
    """An audit question, from the documents (short id, their words or "") named; `convention`: the part of it
    that is ours."""
    return declare(PracticeRule(id_, "audit", tuple(Cite(d) for d, _ in cited), tuple(q for _, q in cited),
                                question, ask, note=convention, question=question))


def _answer(gaps: list[str]) -> Answer:
    return Answer(True, not gaps, "; ".join(gaps))


def _risks(f: Facts) -> list:
    return table.current_risks(f.case.factors, f.as_of) if f.case.factors else []


def _stage_factors(case: Case) -> set[str]:
    stages = case.contingency.stages or [] if case.contingency else []
    return {f for s in stages for f in s.factors or []}


def _goal_factors(case: Case) -> set[str]:
    agreements = case.agreements.agreements or [] if case.agreements else []
    return {f for a in agreements for g in a.goals or [] for f in g.factors or []}


def _support_factors(case: Case) -> set[str]:
    return {f for s in (case.plan.support or [] if case.plan else []) for f in s.factors or []}


def _decided_to_proceed(f: Facts) -> bool:
    """Decision 2 to proceed is on record: reunification planning has begun ("Readings settled")."""
    return any(d.outcome == PROCEED for d in f.decisions_of("2"))


@lru_cache(maxsize=1)  # the four contingency questions ask it of one case in turn: its checklist is run once
def _stage(f: Facts) -> int:
    return checklist(f.case, f.as_of, f.settings, f).stage


def _before_contingency_planning(f: Facts) -> bool:
    """Contingency planning is stage 3's task 5 (the NSPCC framework), so the questions about contingency plans apply from stage 3
    (docs/practice-rules.md): a case still at stage 1 or 2 is left out of their share."""
    return _stage(f) < 3


def contingency_covers_risks(f: Facts) -> Answer:
    """The multi-agency audit: plans "detail each identified risk alongside the specific actions necessary should those risks
    emerge"; every risk factor, of any status. From stage 3."""
    risks = _risks(f)
    if not risks or _before_contingency_planning(f):
        return NOT_APPLICABLE
    uncovered = [r.id for r in risks if r.id not in _stage_factors(f.case)]
    return _answer([f"no contingency stage for: {', '.join(uncovered)}"] if uncovered else [])


def contingency_who_what_when(f: Facts) -> Answer:
    """The audit: plans detail "who ... are responsible for which actions within defined timescales"; applies to every
    case pursuing reunification from stage 3, like alternative-care-viable (no plan: not met)."""
    if not f.pursued or _before_contingency_planning(f):
        return NOT_APPLICABLE
    stages = f.case.contingency.stages or [] if f.case.contingency else []
    if not stages:
        return _answer(["no contingency plan stages"])
    vague = [f"stage {s.stage}" for s in stages if not s.actions or any(
        not (a.who and a.what and a.when) for a in s.actions)]
    return _answer([f"who/what/when missing in {', '.join(vague)}"] if vague else [])


def alternative_care_viable(f: Facts) -> Answer:
    """The guide: "Viable care and placement alternatives for children are included in contingency plans"; the audit:
    "detail viable options for alternative care arrangements". None listed is not met. From stage 3."""
    if not f.pursued or _before_contingency_planning(f):
        return NOT_APPLICABLE
    options = f.case.contingency.alternative_care or [] if f.case.contingency else []
    if not options:
        return _answer(["no alternative care in the contingency plan"])
    unchecked = [o.carer for o in options if o.viability_checked is None or o.viability_checked > f.as_of]
    return _answer([f"viability not checked: {', '.join(unchecked)}"] if unchecked else [])


def historical_risks_in_plan(f: Facts) -> Answer:
    """The audit and the guide: "Historical risks which may re-emerge are included in intervention and support plans"."""
    historical = [r for r in _risks(f) if r.historical or r.status == "addressed"]
    if not historical:
        return NOT_APPLICABLE
    planned = _stage_factors(f.case) | _goal_factors(f.case) | _support_factors(f.case)
    dropped = [r.id for r in historical if r.id not in planned]
    return _answer([f"not in any goal, stage or support: {', '.join(dropped)}"] if dropped else [])


def baby_safety(f: Facts) -> Answer:
    """The audit: plans address "the unique vulnerabilities of babies" (the guide: "babies and toddlers"; age: a
    setting)."""
    child = f.people.get(f.case.case.child) if f.case.case else None
    if child is None or child.born is None or age_on(child.born, f.as_of) >= f.settings.baby_age_years:
        return NOT_APPLICABLE
    met = bool(f.case.plan and f.case.plan.baby_safety)
    return _answer([] if met else ["plan.yaml has no baby_safety"])


def support_sustained(f: Facts) -> Answer:
    """The workflow: "Support services should continue for at least 12 months post reunification"."""
    if f.returned is None:
        return NOT_APPLICABLE
    until = add_months(f.returned, 12)
    services = f.case.plan.support or [] if f.case.plan else []
    met = any(s.end is None or s.end >= until for s in services)
    return _answer([] if met else [f"no support runs to {until}"])


def family_involved(f: Facts) -> Answer:
    """The audit: "The involvement of parents and children, family members ... in planning for reunification": a parent
    at an FGC or a reunification planning meeting (or its review). An FGC without the family does not count."""
    if not _decided_to_proceed(f):
        return NOT_APPLICABLE
    meetings = f.meetings_of("fgc", "reunification-planning", "reunification-planning-review")
    met = any(f.attended(meetings, p) for p in parents(f.case, f.as_of))
    return _answer([] if met else ["no parent at an FGC or a reunification planning meeting"])


def agencies_involved(f: Facts) -> Answer:
    """The multi-agency audit: "Involving all necessary agencies in reunification planning meetings"."""
    if not _decided_to_proceed(f):
        return NOT_APPLICABLE
    met = any(m.agencies for m in f.meetings_of("reunification-planning", "reunification-planning-review"))
    return _answer([] if met else ["no partner agency recorded at a reunification planning meeting (agencies)"])


PLAN_REVIEWS = ("reunification-planning-review", "fgc-review", "team-around-child", "cic-review",
                "pathway-plan-review")


def plan_reviewed(f: Facts) -> Answer:
    """The Best Practice Guide: "There is active and regular review by practitioners, their managers and families": from the
    reunification planning meeting, a review meeting with a parent at least every plan_review_every_months
    (setting, default 3: ours). Applies once the first review is due."""
    planning = f.meetings_of("reunification-planning")
    every = f.settings.plan_review_every_months
    if not planning or add_months(planning[0].date, every) > f.as_of:
        return NOT_APPLICABLE
    family = parents(f.case, f.as_of)
    reviews = [m.date for m in f.meetings_of(*PLAN_REVIEWS)
               if m.date >= planning[0].date and any(f.attended([m], p) for p in family)]
    end = f.case.case.outcome.date if f.closed and f.case.case.outcome and f.case.case.outcome.date else f.as_of
    previous = planning[0].date
    for day in [*(d for d in reviews if d <= end), end]:
        if day > add_months(previous, every):
            return _answer([f"no review with a parent for more than {every} months after {previous}"])
        previous = day
    return _answer([])


def criminal_investigation(f: Facts) -> Answer:
    """The guide: "the current position is gained from the Police ... Rationale is recorded ... A sustainability plan is
    written, with oversight from a manager"."""
    investigation = f.case.contingency.criminal_investigation if f.case.contingency else None
    if investigation is None or not investigation.open:
        return NOT_APPLICABLE
    gaps = []
    checked = investigation.police_position_checked
    if checked is None or checked > f.as_of:
        gaps.append("police position not checked")
    if not investigation.rationale:
        gaps.append("no rationale recorded")
    if not investigation.sustainability_plan:
        gaps.append("no sustainability plan")
    if not investigation.sustainability_oversight_by:
        gaps.append("no manager overseeing the sustainability plan")
    return _answer(gaps)


def child_voice(f: Facts) -> Answer:
    """The NSPCC framework and the workflow: the child's views recorded and a trusted adult named."""
    wishes = f.case.factors.wishes if f.case.factors else None
    if wishes and wishes.child == "too-young":
        return NOT_APPLICABLE
    gaps = []
    if not (wishes and wishes.child_views):
        gaps.append("child's views not recorded")
    if not (f.case.case and f.case.case.trusted_adult):
        gaps.append("no trusted adult")
    return _answer(gaps)


def support_matches_risk(f: Facts) -> Answer:
    """The audit: "the levels of support and challenge provided are consistent with the level of risk identified":
    every risk not addressed has a support service or goal."""
    open_risks = [r for r in _risks(f) if table.effective_status(r, f.as_of) != "addressed"]
    if not open_risks:
        return NOT_APPLICABLE
    covered = _support_factors(f.case) | _goal_factors(f.case)
    bare = [r.id for r in open_risks if r.id not in covered]
    return _answer([f"no service or goal for: {', '.join(bare)}"] if bare else [])


def contingency_reviewed(f: Facts) -> Answer:
    """The guide: "Contingency plans are reviewed ... particularly when risk and vulnerability increases or decreases,
    when completely new concerns emerge or where there is a significant change in circumstances": on or after the
    latest classification, the latest re-emerged or newly identified risk factor, and the return home
    (docs/practice-rules.md). From stage 3, once a classification exists."""
    if f.current is None or _before_contingency_planning(f):
        return NOT_APPLICABLE
    plan = f.case.contingency
    if plan is None:
        return _answer(["no contingency plan"])
    dates = [d for d in (plan.reviewed, plan.shared_on) if d and d <= f.as_of]
    latest = max(dates) if dates else None

    def stale(day: dt.date) -> bool:
        return latest is None or latest < day

    gaps = []
    if stale(f.current.date):
        gaps.append(f"not reviewed since {f.current.label} ({f.current.date})")
    risks = _risks(f)
    new = [r.id for r in risks if r.identified and f.current.date < r.identified <= f.as_of and stale(r.identified)]
    if new:
        gaps.append(f"not reviewed since a new risk was identified: {', '.join(new)}")
    back = [r.id for r in risks if r.status == "re-emerged" and r.since <= f.as_of and stale(r.since)]
    if back:
        gaps.append(f"not reviewed since a risk re-emerged: {', '.join(back)}")
    if f.returned is not None and stale(f.returned):
        gaps.append(f"not reviewed since the return home ({f.returned})")
    return _answer(gaps)


AUDIT, GUIDE, NSPCC, WORKFLOW = "ddscp-audit", "ddscp-guide", "nspcc-framework", "la-workflow"
QUESTIONS: list[PracticeRule] = [
    _question("contingency-covers-risks", "Does the contingency plan cover every identified risk?", (
        (AUDIT, "detail each identified risk alongside the specific actions necessary should those risks emerge"),),
        contingency_covers_risks),
    _question("contingency-who-what-when", "Does every contingency action say who, what and when?", (
        (AUDIT, "who ... are responsible for which actions within defined timescales"), (GUIDE, "")),
        contingency_who_what_when),
    _question("alternative-care-viable", "Were alternative care options checked for viability?", (
        (AUDIT, "detail viable options for alternative care arrangements"),
        (GUIDE, "Viable care and placement alternatives for children are included in contingency plans")),
        alternative_care_viable),
    _question("historical-risks-in-plan", "Do historical risks stay in the plan?", (
        (AUDIT, ""), (GUIDE, "Historical risks which may re-emerge are included in intervention and support plans")),
        historical_risks_in_plan),
    _question("baby-safety", "Does the plan address the vulnerabilities of a baby or toddler?", (
        (AUDIT, "the unique vulnerabilities of babies"), (GUIDE, "babies and toddlers")),
        baby_safety, "the age: baby_age_years in reunify.toml, default 3"),
    _question("support-sustained", "Does support run at least 12 months after return home?", (
        (WORKFLOW, "Support services should continue for at least 12 months post reunification"),),
        support_sustained),
    _question("family-involved", "Was a parent involved in planning (an FGC or a reunification planning meeting)?", (
        (AUDIT, "The involvement of parents and children, family members ... in planning for reunification"),),
        family_involved),
    _question("agencies-involved", "Did partner agencies take part in reunification planning meetings?", (
        (AUDIT, "Involving all necessary agencies in reunification planning meetings"),),
        agencies_involved),
    _question("plan-reviewed", "Was the plan reviewed with a parent regularly?", (
        (GUIDE, "There is active and regular review by practitioners, their managers and families"), (AUDIT, "")),
        plan_reviewed, "the interval: plan_review_every_months in reunify.toml, default 3"),
    _question("criminal-investigation", "Was an open criminal investigation's police position checked, with a "
              "rationale and a sustainability plan overseen by a manager?", (
                  (GUIDE, "the current position is gained from the Police ... Rationale is recorded ... A "
                          "sustainability plan is written, with oversight from a manager"), (AUDIT, "")),
              criminal_investigation),
    _question("child-voice", "Are the child's views recorded and a trusted adult named?", (
        (NSPCC, ""), (WORKFLOW, "identify Trusted Adult")),
        child_voice),
    _question("support-matches-risk", "Does every risk not yet addressed have a service or goal?", (
        (AUDIT, "the levels of support and challenge provided are consistent with the level of risk identified"),),
        support_matches_risk),
    _question("contingency-reviewed", "Was the contingency plan reviewed after the latest classification, any new or "
              "re-emerged risk and the return home?", (
                  (GUIDE, "Contingency plans are reviewed ... particularly when risk and vulnerability increases or "
                          "decreases, when completely new concerns emerge or where there is a significant change in "
                          "circumstances"), (AUDIT, "")),
              contingency_reviewed),
]


def ask_all(case: Case, as_of: dt.date, settings: Settings) -> list[Answer]:
    f = Facts(case, as_of, settings)
    return [q.fn(f) for q in QUESTIONS]


def overall(shares: list[float | None]) -> float | None:
    """The mean of the questions' shares, leaving out questions that apply to no case (tool convention)."""
    known = [s for s in shares if s is not None]
    return round(sum(known) / len(known), 3) if known else None
