"""The practice audit (seeds 000 and 001): the Derby and Derbyshire audit's questions, asked of a case.

Each question has a stable id, its source, when it applies (a case it does not
apply to is left out of that question's share) and whether the case meets it.
Pure functions of (case, as_of, settings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.framework import classification as table
from reunify.framework.dates import add_months, age_on
from reunify.framework.family import parents


class Answer(NamedTuple):
    applies: bool
    met: bool = False
    why: str = ""  # when not met: what is missing


NOT_APPLICABLE = Answer(False)


class Question(NamedTuple):
    id: str
    question: str
    source: str
    ask: Callable[[Case, dt.date, Settings], Answer]


def _risks(case: Case, as_of: dt.date) -> list:
    return table.current_risks(case.factors, as_of) if case.factors else []


def _stage_factors(case: Case) -> set[str]:
    stages = case.contingency.stages or [] if case.contingency else []
    return {f for s in stages for f in s.factors or []}


def _goal_factors(case: Case) -> set[str]:
    agreements = case.agreements.agreements or [] if case.agreements else []
    return {f for a in agreements for g in a.goals or [] for f in g.factors or []}


def _support_factors(case: Case) -> set[str]:
    return {f for s in (case.plan.support or [] if case.plan else []) for f in s.factors or []}


def contingency_covers_risks(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """001: contingency plans "did not cover all identified risks"."""
    risks = _risks(case, as_of)
    if not risks:
        return NOT_APPLICABLE
    uncovered = [r.id for r in risks if r.id not in _stage_factors(case)]
    return Answer(True, not uncovered, f"no contingency stage for: {', '.join(uncovered)}" if uncovered else "")


def contingency_who_what_when(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """001: plans detail "who ... are responsible for which actions within defined timescales"."""
    stages = case.contingency.stages or [] if case.contingency else []
    if not stages:
        return NOT_APPLICABLE
    vague = [f"stage {s.stage}" for s in stages if not s.actions or any(
        not (a.who and a.what and a.when) for a in s.actions)]
    return Answer(True, not vague, f"who/what/when missing in {', '.join(vague)}" if vague else "")


def alternative_care_viable(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """001: contingency plans "which detail viable options for alternative care arrangements"."""
    options = case.contingency.alternative_care or [] if case.contingency else []
    if not options:
        return NOT_APPLICABLE
    unchecked = [o.carer for o in options if o.viability_checked is None or o.viability_checked > as_of]
    return Answer(True, not unchecked, f"viability not checked: {', '.join(unchecked)}" if unchecked else "")


def historical_risks_in_plan(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """001: "Historical risks which may re-emerge are included in plans"."""
    historical = [r for r in _risks(case, as_of) if r.historical or r.status == "addressed"]
    if not historical:
        return NOT_APPLICABLE
    planned = _stage_factors(case) | _goal_factors(case) | _support_factors(case)
    dropped = [r.id for r in historical if r.id not in planned]
    return Answer(True, not dropped, f"not in any goal, stage or support: {', '.join(dropped)}" if dropped else "")


def baby_safety(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """001: plans address "the specific vulnerabilities of babies and toddlers" (age: a setting)."""
    people = {p.id: p for p in case.genogram.people or []} if case.genogram else {}
    child = people.get(case.case.child) if case.case else None
    if child is None or child.born is None or age_on(child.born, as_of) >= settings.baby_age_years:
        return NOT_APPLICABLE
    met = bool(case.plan and case.plan.baby_safety)
    return Answer(True, met, "" if met else "plan.yaml has no baby_safety")


def support_sustained(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """002 stage 5 / 003: support "should continue for at least 12 months post reunification"."""
    home = case.case.return_home if case.case else None
    if home is None:
        return NOT_APPLICABLE
    until = add_months(home.date, 12)
    services = case.plan.support or [] if case.plan else []
    met = any(s.end is None or s.end >= until for s in services)
    return Answer(True, met, "" if met else f"no support runs to {until}")


def family_involved(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """001: "the involvement of parents and children, family members ... in planning for reunification"."""
    record = case.case
    decided = [d for d in (record.decisions or [] if record else []) if d.decision == "2" and d.date <= as_of]
    if not decided:
        return NOT_APPLICABLE
    meetings = [m for m in record.meetings or [] if m.date <= as_of]
    family = set(parents(case, as_of))
    met = any(m.kind == "fgc" for m in meetings) or any(
        m.kind == "reunification-planning" and family & set(m.attendees or []) for m in meetings)
    return Answer(True, met, "" if met else "no FGC and no parent at a reunification planning meeting")


def criminal_investigation(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """001: "careful consideration ... when there is an outstanding criminal investigation"."""
    investigation = case.contingency.criminal_investigation if case.contingency else None
    if investigation is None or not investigation.open:
        return NOT_APPLICABLE
    checked = investigation.police_position_checked is not None and investigation.police_position_checked <= as_of
    met = checked and bool(investigation.rationale)
    return Answer(True, met, "" if met else "police position not checked or no rationale recorded")


def child_voice(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """002/003: the child's views recorded and a trusted adult named."""
    wishes = case.factors.wishes if case.factors else None
    if wishes and wishes.child == "too-young":
        return NOT_APPLICABLE
    gaps = []
    if not (wishes and wishes.child_views):
        gaps.append("child's views not recorded")
    if not (case.case and case.case.trusted_adult):
        gaps.append("no trusted adult")
    return Answer(True, not gaps, "; ".join(gaps))


def support_matches_risk(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """001: support consistent with risk: every risk not addressed has a service or goal."""
    open_risks = [r for r in _risks(case, as_of) if table.effective_status(r, as_of) != "addressed"]
    if not open_risks:
        return NOT_APPLICABLE
    covered = _support_factors(case) | _goal_factors(case)
    bare = [r.id for r in open_risks if r.id not in covered]
    return Answer(True, not bare, f"no service or goal for: {', '.join(bare)}" if bare else "")


def contingency_reviewed(case: Case, as_of: dt.date, settings: Settings) -> Answer:
    """001/003: the contingency plan reviewed after the latest classification."""
    current = table.recorded(case, as_of)
    if case.contingency is None or current is None:
        return NOT_APPLICABLE
    dates = [d for d in (case.contingency.reviewed, case.contingency.shared_on) if d and d <= as_of]
    met = any(d >= current.date for d in dates)
    return Answer(True, met, "" if met else f"not reviewed since {current.label} ({current.date})")


QUESTIONS: list[Question] = [
    Question("contingency-covers-risks", "Does the contingency plan cover every identified risk?", "001",
             contingency_covers_risks),
    Question("contingency-who-what-when", "Does every contingency action say who, what and when?", "001; 000",
             contingency_who_what_when),
    Question("alternative-care-viable", "Were alternative care options checked for viability?", "001",
             alternative_care_viable),
    Question("historical-risks-in-plan", "Do historical risks stay in the plan?", "001", historical_risks_in_plan),
    Question("baby-safety", "Does the plan address the vulnerabilities of a baby or toddler?", "001", baby_safety),
    Question("support-sustained", "Does support run at least 12 months after return home?", "002; 003",
             support_sustained),
    Question("family-involved", "Was the family involved in planning (FGC or parents at planning)?", "001",
             family_involved),
    Question("criminal-investigation", "Was an open criminal investigation's police position checked, with a "
             "rationale?", "001", criminal_investigation),
    Question("child-voice", "Are the child's views recorded and a trusted adult named?", "002; 003", child_voice),
    Question("support-matches-risk", "Does every risk not yet addressed have a service or goal?", "001",
             support_matches_risk),
    Question("contingency-reviewed", "Was the contingency plan reviewed after the latest classification?", "001; 003",
             contingency_reviewed),
]


def ask_all(case: Case, as_of: dt.date, settings: Settings) -> list[Answer]:
    return [q.ask(case, as_of, settings) for q in QUESTIONS]
