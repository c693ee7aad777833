"""The five-stage workflow checklist (002 stages, 003 detailed workflow, 004 trigger points).

Every task is derived from evidence in the files, never ticked by hand, and
every task of every stage is listed whatever the current stage. Evidence dated
after as-of is a plan, not a fact: it never makes a task done. Pure functions
of (case, as_of, settings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from reunify.case.load import Case
from reunify.framework import classification as table
from reunify.framework.dates import add_months, add_years_months, age_on
from reunify.framework.family import parents
from reunify.settings import Settings

DONE, MISSING, DUE, OVERDUE, NA = "done", "missing", "due", "overdue", "not-applicable"
STAGES = {
    1: "Initial assessment",
    2: "Risk classification",
    3: "Parental agreements and goal setting",
    4: "Reclassification and planning",
    5: "Return home",
}
NOT_PURSUED = "reunification not being pursued"


class Task(NamedTuple):
    id: str
    stage: int
    status: str
    due: dt.date | None  # set when status is due or overdue
    message: str
    where: str  # which file and field holds the evidence
    warning: str | None = None
    source: str = "003"


class Prompt(NamedTuple):
    trigger: str
    date: dt.date | None
    message: str
    source: str = "004 (trigger points for revisiting risk)"


class Checklist(NamedTuple):
    stage: int
    tasks: list[Task]
    prompts: list[Prompt]
    pursued: bool


class _Facts:
    """What the record shows on as-of: only evidence dated on or before it."""

    def __init__(self, case: Case, as_of: dt.date, settings: Settings) -> None:
        self.case, self.as_of, self.settings = case, as_of, settings
        record = case.case
        self.meetings = [m for m in (record.meetings or [] if record else []) if m.date <= as_of]
        self.decisions = [d for d in (record.decisions or [] if record else []) if d.date <= as_of]
        self.history = table.recorded_history(case, as_of)
        self.current = table.recorded(case, as_of)
        home = record.return_home if record else None
        self.planned_return = home.date if home else None
        self.returned = home.date if home and home.date <= as_of else None
        self.people = {p.id: p for p in (case.genogram.people or [])} if case.genogram else {}

    def meetings_of(self, kind: str) -> list:
        return sorted((m for m in self.meetings if m.kind == kind), key=lambda m: m.date)

    def decisions_of(self, *kinds: str) -> list:
        return sorted((d for d in self.decisions if d.decision in kinds), key=lambda d: d.date)

    def pursued(self) -> bool:
        """False when the latest level is severe or the latest Decision 2/3 is not to proceed (002; 003)."""
        if self.current and self.current.level == "severe":
            return False
        latest = self.decisions_of("2", "3")
        return not (latest and latest[-1].outcome in ("do-not-proceed", "permanence"))


def _task(id_: str, status: str, message: str, where: str, due: dt.date | None = None,
          warning: str | None = None, source: str = "003") -> Task:
    stage = int(id_[1])
    return Task(id_, stage, status, due if status in (DUE, OVERDUE) else None, message, where, warning, source)


def _dated(id_: str, due: dt.date, as_of: dt.date, message: str, where: str, **kw) -> Task:
    return _task(id_, DUE if due >= as_of else OVERDUE, message, where, due, **kw)


def _names(people: list) -> str:
    return ", ".join(p.name for p in people)


# ----------------------------------------------------------------- stage 1
def decision_1(f: _Facts) -> Task:
    where = 'case.yaml: decisions[] with decision: "1", by, date'
    if f.decisions_of("1"):
        d = f.decisions_of("1")[0]
        return _task("s1.decision-1", DONE, f"Decision 1 by {d.by} on {d.date}", where)
    emergency = f.decisions_of("emergency-placed-with-parents")
    if emergency and emergency[0].role == "head-of-service":
        return _task("s1.decision-1", DONE, f"emergency placement with parents approved on {emergency[0].date}", where)
    if emergency:
        return _task("s1.decision-1", MISSING, "an emergency placement with parents needs head of service approval "
                     "(role: head-of-service)", "case.yaml: decisions[].role")
    return _task("s1.decision-1", MISSING, "the team manager's Decision 1 to explore reunification is not recorded",
                 where)


def _meeting(id_: str, kind: str, what: str) -> Callable[[_Facts], Task]:
    def task(f: _Facts) -> Task:
        found = f.meetings_of(kind)
        if found:
            return _task(id_, DONE, f"{what} held on {found[0].date}", f"case.yaml: meetings[] kind: {kind}")
        return _task(id_, MISSING, f"no {what} recorded", f"case.yaml: meetings[] kind: {kind}")
    task.__name__ = id_
    return task


def trusted_adult(f: _Facts) -> Task:
    who = f.case.case.trusted_adult if f.case.case else None
    if who:
        return _task("s1.trusted-adult", DONE, "a trusted adult is named", "case.yaml: trusted_adult")
    return _task("s1.trusted-adult", MISSING, "name a trusted adult the child can talk to about the return",
                 "case.yaml: trusted_adult")


def chronology(f: _Facts) -> Task:
    where = "chronology.yaml: entries[] (analysis for every high-significance entry)"
    entries = f.case.chronology.entries or [] if f.case.chronology else []
    if not entries:
        return _task("s1.chronology", MISSING, "the analytical chronology has no entries", where, source="002")
    unanalysed = [e for e in entries if e.significance == "high" and not (e.analysis or "").strip()]
    if unanalysed:
        return _task("s1.chronology", MISSING, f"{len(unanalysed)} high-significance entr"
                     f"{'y has' if len(unanalysed) == 1 else 'ies have'} no analysis (first: {unanalysed[0].date})",
                     where, source="002")
    return _task("s1.chronology", DONE, f"{len(entries)} entries, every significant one analysed", where, source="002")


def genogram(f: _Facts) -> Task:
    where = "genogram.yaml: people[] and unions[] with the child among children"
    child = f.case.case.child if f.case.case else None
    if f.case.genogram is None or child not in f.people:
        return _task("s1.genogram", MISSING, "the genogram does not include the child", where)
    if not [p for p in parents(f.case, f.as_of) if p in f.people]:
        return _task("s1.genogram", MISSING, "no parent of the child in the genogram (a union with the child "
                     "among its children)", where)
    return _task("s1.genogram", DONE, "the child and their parents are in the genogram", where)


def police_checks(f: _Facts) -> Task:
    """003: "Carry out for all over 16s in the household, extended family members and regular visitors"."""
    where = "genogram.yaml: people[].police_check (and born) for everyone with household: true"
    if f.case.genogram is None:
        return _task("s1.police-checks", MISSING, "no genogram: household members are not known", where)
    child = f.case.case.child if f.case.case else None
    household = [p for p in f.people.values() if p.household and p.id != child]
    if not household:
        return _task("s1.police-checks", MISSING, "nobody is marked household: true in the genogram", where)
    def checked(p) -> bool:
        return p.police_check is not None and p.police_check <= f.as_of

    # A household person with no date of birth is not assumed young (framework-rules.md §3).
    unknown_age = [p for p in household if p.born is None and not checked(p)]
    unchecked = [p for p in household if p.born is not None and age_on(p.born, f.as_of) >= 16 and not checked(p)]
    if unchecked or unknown_age:
        parts = []
        if unchecked:
            parts.append(f"no police check for {_names(unchecked)}")
        if unknown_age:
            parts.append(f"age unknown for {_names(unknown_age)} (add born, or a police check)")
        return _task("s1.police-checks", MISSING, "; ".join(parts), where)
    return _task("s1.police-checks", DONE, "every household member aged 16 or over is checked", where)


def assessment(f: _Facts) -> Task:
    where = "case.yaml: assessment.completed, signed_off_by; factors.yaml: assessed, capacity_to_change, wishes"
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
        return _task("s1.assessment", MISSING, "Return Home Assessment: " + "; ".join(gaps), where)
    return _task("s1.assessment", DONE, f"Return Home Assessment completed {record.completed}", where)


# ----------------------------------------------------------------- stage 2
def rc1(f: _Facts) -> Task:
    where = "case.yaml: classifications[] (record with `reunify decide --classification RC1`)"
    if f.history:
        first = f.history[0]
        return _task("s2.rc1", DONE, f"{first.label}: {first.level} on {first.date}", where, source="002; 003")
    return _task("s2.rc1", MISSING, "no risk classification recorded", where, source="002; 003")


def decision_2(f: _Facts) -> Task:
    where = 'case.yaml: decisions[] with decision: "2", role: service-manager'
    manager = f.case.case.team.service_manager if f.case.case and f.case.case.team else None
    found = f.decisions_of("2")
    by_manager = [d for d in found if d.role == "service-manager" or (d.role is None and d.by == manager)]
    if by_manager:
        return _task("s2.decision-2", DONE, f"Decision 2 by {by_manager[0].by} on {by_manager[0].date}", where)
    if found:
        return _task("s2.decision-2", MISSING, "Decision 2 is recorded but not by the service manager", where)
    return _task("s2.decision-2", MISSING, "the service manager's Decision 2 is not recorded", where)


def classification_shared(f: _Facts) -> Task:
    where = "case.yaml: meetings[] kind: classification-shared (on or after the first classification)"
    if not f.history:
        return _task("s2.classification-shared", MISSING, "share the classification once it is made", where)
    shared = [m for m in f.meetings_of("classification-shared") if m.date >= f.history[0].date]
    if shared:
        return _task("s2.classification-shared", DONE, f"shared with the family on {shared[0].date}", where)
    return _task("s2.classification-shared", MISSING, "the classification has not been shared with the family", where)


def permanence(f: _Facts, pursued: bool) -> Task:
    where = "contingency.yaml: permanence"
    level = f.current.level if f.current else None
    if pursued and level not in ("high", "severe"):
        return _task("s2.permanence", NA, "needed only at high or severe risk or when reunification stops", where,
                     source="002")
    plan = f.case.contingency.permanence if f.case.contingency else None
    if plan:
        return _task("s2.permanence", DONE, "a permanence plan is recorded", where, source="002")
    why = "reunification is not being pursued" if not pursued else f"the case is {level} risk"
    return _task("s2.permanence", MISSING, f"{why}: begin concurrent planning for permanence (002)", where,
                 source="002")


# ----------------------------------------------------------------- stage 3
def agreement(f: _Facts) -> Task:
    where = "agreements.yaml: agreements[] (objectives, goals, review_every_weeks, consequences, signed)"
    agreements = f.case.agreements.agreements or [] if f.case.agreements else []
    if not agreements:
        return _task("s3.agreement", MISSING, "no written parental agreement", where, source="002")
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
            return _task("s3.agreement", DONE, f"agreement {a.id} signed {a.signed} with {len(a.goals or [])} SMART "
                         "goals", where, warning=warning, source="002")
        if best_gaps is None or len(gaps) < len(best_gaps):
            best_gaps = gaps
    return _task("s3.agreement", MISSING, "agreement incomplete: " + "; ".join(best_gaps or []), where, source="002")


def goal_reviews(f: _Facts) -> Task:
    where = "agreements.yaml: agreements[].goals[].reviews[]"
    goals = [g for a in (f.case.agreements.agreements or [] if f.case.agreements else []) for g in a.goals or []]
    if not goals:
        return _task("s3.goal-reviews", MISSING, "no goals to review yet", where, source="002")
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
        return _task("s3.goal-reviews", OVERDUE, f"goal{'s' if len(late) > 1 else ''} past due without a review: "
                     f"{', '.join(g.id for g in late)}", where, due=first.due, source="002")
    if upcoming:
        first = min(upcoming, key=lambda g: g.due)
        return _task("s3.goal-reviews", DUE, f"next goal due: {first.id}", where, due=first.due, source="002")
    return _task("s3.goal-reviews", DONE, "every goal past its due date has been reviewed", where, source="002")


def contingency(f: _Facts) -> Task:
    where = "contingency.yaml: stages[].actions (who/what/when), shared_with (the parents), shared_on, permanence"
    plan = f.case.contingency
    if plan is None:
        return _task("s3.contingency", MISSING, "no contingency plan", where, source="000; 003")
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
        return _task("s3.contingency", MISSING, "contingency plan: " + "; ".join(gaps), where, source="000; 003")
    return _task("s3.contingency", DONE, f"{len(plan.stages or [])} stages, shared on {plan.shared_on}", where,
                 source="000; 003")


def support(f: _Facts) -> Task:
    where = "plan.yaml: support[]"
    if f.case.plan and f.case.plan.support:
        return _task("s3.support", DONE, f"{len(f.case.plan.support)} support services", where)
    return _task("s3.support", MISSING, "no support services in the plan", where)


def child_views(f: _Facts) -> Task:
    where = "factors.yaml: wishes.child_views"
    wishes = f.case.factors.wishes if f.case.factors else None
    if wishes and wishes.child == "too-young":
        return _task("s3.child-views", NA, "the child is too young to give views", where, source="002; 003")
    if wishes and wishes.child_views:
        return _task("s3.child-views", DONE, "the child's views are recorded", where, source="002; 003")
    return _task("s3.child-views", MISSING, "record the child's views in their own words", where, source="002; 003")


# ----------------------------------------------------------------- stage 4
def rc2(f: _Facts) -> Task:
    where = "case.yaml: classifications[] (a second classification)"
    if not f.history:
        return _task("s4.rc2", MISSING, "RC2 follows RC1 when RC1 is medium or high", where, source="002; 003")
    if f.history[0].level not in ("medium", "high"):
        return _task("s4.rc2", NA, f"RC1 was {f.history[0].level}", where, source="002; 003")
    if len(f.history) > 1:
        second = f.history[1]
        return _task("s4.rc2", DONE, f"{second.label}: {second.level} on {second.date}", where, source="002; 003")
    return _task("s4.rc2", MISSING, "reclassify risk with the evidence of stage 3 (RC2)", where, source="002; 003")


def agreement_updated(f: _Facts) -> Task:
    """002 stage 4: "Update the parental agreements, goals and support plans"."""
    where = "agreements.yaml: an agreement made, or a goal review, on or after RC2"
    if len(f.history) < 2:
        return _task("s4.agreement-updated", NA, "after RC2", where, source="002")
    after = f.history[1].date
    agreements = f.case.agreements.agreements or [] if f.case.agreements else []
    updated = any(a.made and after <= a.made <= f.as_of for a in agreements) or any(
        after <= r.date <= f.as_of for a in agreements for g in a.goals or [] for r in g.reviews or [])
    if updated:
        return _task("s4.agreement-updated", DONE, f"agreements updated after {f.history[1].label}", where, source="002")
    return _task("s4.agreement-updated", MISSING, f"update the agreements and goals after {f.history[1].label}",
                 where, source="002")


def _held_six_months(f: _Facts, level: str, before: dt.date) -> bool:
    """Whether some run of `level` lasted six months before `before` (003: "remained medium or low")."""
    history = [c for c in f.history if c.date <= before]
    for i, c in enumerate(history):
        if c.level != level or (i and history[i - 1].level == level):
            continue
        end = next((d.date for d in history[i + 1:] if d.level != level), before)
        if add_months(c.date, 6) <= end:
            return True
    return False


def decision_3(f: _Facts) -> Task:
    where = 'case.yaml: decisions[] with decision: "3", ratified_by (head of service)'
    found = f.decisions_of("3")
    if not found:
        return _task("s4.decision-3", MISSING, "Decision 3 (service manager, ratified by head of service) not recorded",
                     where)
    d = found[-1]
    if not d.ratified_by:
        return _task("s4.decision-3", MISSING, f"Decision 3 of {d.date} is not ratified by the head of service", where)
    warning = None
    ever_high = any(c.level in ("high", "severe") for c in f.history if c.date <= d.date)
    if ever_high and d.outcome == "proceed" and not (
            _held_six_months(f, "medium", d.date) and _held_six_months(f, "low", d.date)):
        warning = ("the case was high risk: 003 looks for risk that 'has remained medium or low for six months' "
                   "and 002 for six months at medium, then six at low")
    return _task("s4.decision-3", DONE, f"Decision 3 by {d.by} on {d.date}, ratified by {d.ratified_by}", where,
                 warning=warning)


def planning_review(f: _Facts) -> Task:
    """003: "Reunification Planning Review – no longer than three months from the Reunification Planning Meeting"."""
    where = "case.yaml: meetings[] kind: reunification-planning-review"
    planning = f.meetings_of("reunification-planning")
    if not planning:
        return _task("s4.planning-review", MISSING, "follows the reunification planning meeting", where)
    due = add_months(planning[0].date, 3)
    reviews = [m for m in f.meetings_of("reunification-planning-review") if m.date >= planning[0].date]
    if reviews:
        late = f"held on {reviews[0].date}, after the three months allowed ({due})" if reviews[0].date > due else None
        return _task("s4.planning-review", DONE, f"planning review held on {reviews[0].date}", where, warning=late)
    return _dated("s4.planning-review", due, f.as_of, "planning review due no later than three months after the "
                  f"planning meeting of {planning[0].date}", where)


def reunification_plan(f: _Facts) -> Task:
    where = "plan.yaml: contact[] and transition"
    plan = f.case.plan
    if plan and plan.contact and plan.transition:
        return _task("s4.reunification-plan", DONE, "contact plan and transition recorded", where, source="002; 003")
    lacking = [n for n in ("contact", "transition") if not (plan and getattr(plan, n))]
    return _task("s4.reunification-plan", MISSING, f"reunification plan lacks {' and '.join(lacking)}", where,
                 source="002; 003")


def cpag(f: _Facts) -> Task:
    where = "case.yaml: meetings[] kind: cpag, or decisions[] decision: cpag (role: corporate-director)"
    decisions = f.decisions_of("cpag")
    meetings = f.meetings_of("cpag")
    if decisions:
        d = decisions[-1]
        warning = None if d.role == "corporate-director" else "003: the CPAG recommendation goes to the corporate " \
            "director for agreement (role: corporate-director)"
        return _task("s4.cpag", DONE, f"CPAG decision on {d.date}", where, warning=warning)
    if meetings:
        return _task("s4.cpag", DONE, f"presented at CPAG on {meetings[0].date}", where)
    return _task("s4.cpag", MISSING, "present the plan at CPAG (Change of Placement and Allowance Group)", where)


# ----------------------------------------------------------------- stage 5
def return_home(f: _Facts) -> Task:
    where = "case.yaml: return_home.date"
    if f.returned:
        return _task("s5.return-home", DONE, f"returned home on {f.returned}", where)
    if f.planned_return:
        return _dated("s5.return-home", f.planned_return, f.as_of, "return home planned", where)
    return _task("s5.return-home", MISSING, "the child has not returned home", where)


def visits(f: _Facts) -> Task:
    """003: visits "announced and unannounced"; child "seen alone each time"; intervals: reg. 28 table."""
    where = "case.yaml: visits[] (date, seen_alone, announced)"
    source = "003; " + "reg. 28 visiting table (reunify.toml)"
    if not f.returned:
        return _task("s5.visits", MISSING, "visits start when the child returns home", where, source=source)
    if f.case.case.outcome and f.case.case.outcome.status != "open":
        return _task("s5.visits", DONE, "monitoring ended with the case outcome", where, source=source)
    rules = f.settings.visiting_for(f.case.case.legal_status)
    reviews = [m.date for m in f.meetings_of("cic-review") if m.date >= f.returned]
    first_review = reviews[0] if reviews else None
    done = sorted((v for v in f.case.case.visits or [] if f.returned <= v.date <= f.as_of), key=lambda v: v.date)
    problems = []
    previous, allowed = f.returned, rules.first_within_days
    for v in done:
        if (v.date - previous).days > allowed:
            problems.append(f"visit of {v.date} came {(v.date - previous).days} days after the last (allowed {allowed})")
        previous = v.date
        allowed = rules.after_first_review_days if first_review and v.date >= first_review \
            else rules.until_first_review_days
    not_alone = [str(v.date) for v in done if v.seen_alone is not True]
    if not_alone:
        problems.append(f"child not recorded as seen alone on {', '.join(not_alone)}")
    if len(done) >= 2 and not any(v.announced is False for v in done):
        problems.append("no unannounced visit yet")
    due = previous + dt.timedelta(days=allowed)
    return _dated("s5.visits", due, f.as_of, f"{len(done)} visit(s) since return; next visit due", where,
                  warning="; ".join(problems) or None, source=source)


def rc3(f: _Facts) -> Task:
    where = "case.yaml: classifications[] (RC3, six months after return home)"
    if not f.returned:
        return _task("s5.rc3", MISSING, "RC3 is due six months after return home", where)
    due = add_months(f.returned, 6)
    later = [c for c in f.history if c.date >= due]
    if later:
        return _task("s5.rc3", DONE, f"{later[0].label}: {later[0].level} on {later[0].date}", where)
    return _dated("s5.rc3", due, f.as_of, "reclassify risk six months after return home (RC3)", where)


def support_12_months(f: _Facts) -> Task:
    """003: "Support services should continue for at least 12 months post reunification"."""
    where = "plan.yaml: support[].end (none, or at least 12 months after return home)"
    if not f.planned_return:
        return _task("s5.support-12-months", MISSING, "support must run at least 12 months after return home", where)
    until = add_months(f.planned_return, 12)
    services = f.case.plan.support or [] if f.case.plan else []
    lasting = [s for s in services if s.end is None or s.end >= until]
    short = [s.service for s in services if s.end is not None and s.end < until]
    warning = f"ends before {until}: {', '.join(short)}" if short else None
    if lasting:
        return _task("s5.support-12-months", DONE, f"support runs to at least {until}", where, warning=warning)
    return _task("s5.support-12-months", MISSING, f"no support service runs to {until}", where, warning=warning)


def team_around_child(f: _Facts) -> Task:
    """003: "Team around the Child meetings at three months between CIC reviews"."""
    where = "case.yaml: meetings[] kind: team-around-child"
    if not f.returned:
        return _task("s5.team-around-child", MISSING, "team around the child meetings start after return home", where)
    if f.case.case.outcome and f.case.case.outcome.status != "open":
        return _task("s5.team-around-child", DONE, "monitoring ended with the case outcome", where)
    held = [m.date for m in f.meetings_of("team-around-child") if m.date >= f.returned]
    last = held[-1] if held else f.returned
    return _dated("s5.team-around-child", add_months(last, 3), f.as_of,
                  f"{len(held)} meeting(s) since return; next due", where)


def closure(f: _Facts) -> Task:
    """003: "Social work involvement continues until parents have sustained low risk for at least six months"."""
    where = "case.yaml: outcome.status and date"
    outcome = f.case.case.outcome
    if outcome and outcome.status != "open" and (outcome.date is None or outcome.date <= f.as_of):
        if outcome.status == "reunified":
            closed = outcome.date or f.as_of
            low = table.recorded(f.case, closed)
            if not (low and low.level == "low" and add_months(low.since, 6) <= closed):
                return _task("s5.closure", MISSING, "closed as reunified without six months of sustained low risk",
                             where)
        return _task("s5.closure", DONE, f"outcome: {outcome.status}", where)
    if f.current and f.current.level == "low" and f.returned:
        may = add_months(f.current.since, 6)
        return _task("s5.closure", MISSING, f"case open; low risk since {f.current.since}, may close from {may} "
                     "if sustained", where)
    return _task("s5.closure", MISSING, "case open", where)


STAGE_1 = [decision_1, _meeting("s1.assessment-planning", "assessment-planning", "assessment planning meeting"),
           _meeting("s1.child-seen-alone", "child-seen-alone", "meeting with the child seen alone"),
           trusted_adult, chronology, genogram, police_checks,
           _meeting("s1.mid-point-supervision", "mid-point-supervision", "mid-point supervision"), assessment]
STAGE_3 = [_meeting("s3.reunification-planning", "reunification-planning", "reunification planning meeting"),
           agreement, goal_reviews, contingency, support, child_views]
STAGE_4 = [rc2, agreement_updated, decision_3, planning_review, reunification_plan, cpag]
STAGE_5 = [return_home, visits, rc3, support_12_months, team_around_child, closure]


def _prompts(f: _Facts) -> list[Prompt]:
    """Seed 004's trigger points for revisiting risk, where the record shows them."""
    out = []
    since = f.current.date if f.current else None
    if since:
        for m in f.meetings_of("cic-review"):
            if m.date > since:
                out.append(Prompt("cic-review", m.date, f"CIC review on {m.date} after {f.current.label}: "
                                  "revisit the risk classification"))
        factors = f.case.factors
        if factors and factors.assessed and since < factors.assessed <= f.as_of:
            out.append(Prompt("updated-assessment", factors.assessed,
                              f"factors reassessed on {factors.assessed}: revisit the classification"))
        for e in f.case.chronology.entries or [] if f.case.chronology else []:
            if e.significance == "high" and since < e.date <= f.as_of:
                out.append(Prompt("change-of-behaviour", e.date, f"significant event on {e.date} (change of "
                                  "behaviour, missing episode or incident): revisit risk"))
    child = f.people.get(f.case.case.child) if f.case.case else None
    if child and child.born:
        years, months = f.settings.leaving_care_prompt
        at = add_years_months(child.born, years, months)
        adult = add_years_months(child.born, 18)
        if at <= f.as_of < adult:
            out.append(Prompt("leaving-care-age", at, f"the child is {years}y{months}m or older (setting "
                              "leaving_care_prompt): plan for leaving care and revisit risk"))
    return out


def checklist(case: Case, as_of: dt.date, settings: Settings) -> Checklist:
    """Every task of every stage, the current stage, and trigger prompts."""
    f = _Facts(case, as_of, settings)
    pursued = f.pursued()
    tasks = [fn(f) for fn in STAGE_1] + [rc1(f), decision_2(f), classification_shared(f), permanence(f, pursued)]
    later = [fn(f) for fn in STAGE_3 + STAGE_4 + STAGE_5]
    if not pursued:
        later = [t._replace(status=NA, due=None, message=NOT_PURSUED, warning=None) for t in later]
    tasks += later
    # Moving past a stage (framework-rules §3): Decision 1 -> 2, Decision 2 -> 3, Decision 3 or return -> 5.
    floor = 1
    if tasks[0].status == DONE:  # s1.decision-1, which also counts an approved emergency placement
        floor = 2
    if f.decisions_of("2"):
        floor = 3
    if f.decisions_of("3") or f.returned:
        floor = 5
    open_stages = sorted({t.stage for t in tasks if t.status not in (DONE, NA) and t.stage >= floor})
    stage = open_stages[0] if open_stages else floor
    if not pursued:
        stage = min(stage, 2)
    return Checklist(stage, tasks, _prompts(f), pursued)


def next_actions(result: Checklist) -> list[Task]:
    """Open tasks, most pressing first: overdue by date, then due by date, then missing up to the current stage."""
    order = {OVERDUE: 0, DUE: 1, MISSING: 2}
    open_tasks = [t for t in result.tasks if t.status in order and (t.status != MISSING or t.stage <= result.stage)]
    return sorted(open_tasks, key=lambda t: (order[t.status], t.due or dt.date.max, t.stage))
