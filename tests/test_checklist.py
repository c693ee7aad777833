"""The workflow checklist (Reunification Practice Framework, Detailed Reunification Workflow, Revisiting Risk in an
Informed Way): every task id on both sides of its condition, stages, order checks.

Each test is named after the task id it checks (dots and hyphens as underscores) and cites its source document by title.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from reunify.case.settings import Settings
from reunify.framework.checklist import Task, checklist, next_actions
from tests.builders import FULL_LOW, GENOGRAM, ids, pf, rc, rf, smart_agreement
from tests.conftest import AS_OF, EXAMPLE_CASES, load, write_case

D = dt.date
JUNE_2026 = D(2026, 6, 1)
_names = itertools.count()


def result_of(tmp_path: Path, as_of: D = JUNE_2026, settings: Settings | None = None, **files):
    files.setdefault("genogram", GENOGRAM)
    folder = write_case(tmp_path / f"c{next(_names)}", **files)
    return checklist(load(folder), as_of, settings or Settings())


def task(tmp_path: Path, task_id: str, **kw) -> Task:
    return next(t for t in result_of(tmp_path, **kw).tasks if t.id == task_id)


def status(tmp_path: Path, task_id: str, **kw) -> tuple:
    t = task(tmp_path, task_id, **kw)
    return t.status, t.due


def decision(kind: str, date: D, by: str = "Alex", **extra) -> dict:
    return {"decision": kind, "date": date, "by": by, **extra}


def meeting(kind: str, date: D, *attendees: str, **extra) -> dict:
    return {"kind": kind, "date": date, **({"attendees": list(attendees)} if attendees else {}), **extra}


def test_every_task_is_listed_for_every_case(tmp_path: Path) -> None:
    assert [t.id for t in result_of(tmp_path).tasks] == ids("task")
    for case in EXAMPLE_CASES:
        assert [t.id for t in checklist(load(case), AS_OF, Settings()).tasks] == ids("task")


def test_example_cases_are_at_stages_1_3_and_5() -> None:
    stages = {c.name: checklist(load(c), AS_OF, Settings()).stage for c in EXAMPLE_CASES}
    assert stages == {"RU-2026-0311": 1, "RU-2025-0142": 3, "RU-2025-0087": 5}


# ---------------------------------------------------------------------------------------------- stage 1
def test_s1_decision_1_is_decision_1_only(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "TM records case decision on Mosaic that reunification framework to be followed"."""
    assert status(tmp_path, "s1.decision-1") == ("missing", None)
    assert status(tmp_path, "s1.decision-1", case={"decisions": [decision("1", D(2026, 1, 1))]}) == ("done", None)
    later = {"decisions": [decision("1", D(2026, 7, 1))]}  # after as-of: not done
    assert status(tmp_path, "s1.decision-1", case=later) == ("missing", None)
    emergency = {"decisions": [decision("emergency-placed-with-parents", D(2026, 1, 1), role="head-of-service")]}
    assert status(tmp_path, "s1.decision-1", case=emergency) == ("missing", None)


def test_s1_decision_1_by_another_role_is_a_warning(tmp_path: Path) -> None:
    got = task(tmp_path, "s1.decision-1", case={"decisions": [decision("1", D(2026, 1, 1), role="service-manager")]})
    assert got.status == "done" and "team manager" in got.warnings[0]
    tm = task(tmp_path, "s1.decision-1", case={"decisions": [decision("1", D(2026, 1, 1), role="team-manager")]})
    assert tm.warnings == ()


@pytest.mark.parametrize(("task_id", "kind"), [("s1.assessment-planning", "assessment-planning"),
                                               ("s1.child-seen-alone", "child-seen-alone"),
                                               ("s3.reunification-planning", "reunification-planning")])
def test_meeting_tasks(tmp_path: Path, task_id: str, kind: str) -> None:
    """Detailed Reunification Workflow names these meetings; one recorded on or before as-of is the evidence."""
    assert status(tmp_path, task_id)[0] == "missing"
    assert status(tmp_path, task_id, case={"meetings": [meeting(kind, D(2026, 2, 1))]})[0] == "done"
    assert status(tmp_path, task_id, case={"meetings": [meeting(kind, D(2026, 8, 1))]})[0] == "missing"


def test_s1_trusted_adult_and_s1_chronology(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "identify Trusted Adult"; Reunification Practice Framework: the analytical
    chronology analyses significant events."""
    assert status(tmp_path, "s1.trusted-adult") == ("missing", None)
    assert status(tmp_path, "s1.trusted-adult", case={"trusted_adult": "Aunt Jo"}) == ("done", None)
    entry = {"date": D(2025, 1, 1), "event": "x", "source": "police", "significance": "high"}
    assert status(tmp_path, "s1.chronology")[0] == "missing"
    assert status(tmp_path, "s1.chronology", chronology={"entries": [entry]})[0] == "missing"
    assert status(tmp_path, "s1.chronology", chronology={"entries": [{**entry, "analysis": "y"}]})[0] == "done"


def test_s1_genogram_needs_the_child_and_a_parent(tmp_path: Path) -> None:
    assert status(tmp_path, "s1.genogram")[0] == "done"
    assert status(tmp_path, "s1.genogram", genogram={"people": [{"id": "amy", "name": "Amy"}]})[0] == "missing"


def with_people(*people: dict) -> dict:
    return {**GENOGRAM, "people": [*GENOGRAM["people"], *people]}


@pytest.mark.parametrize(("as_of", "expected"), [(D(2026, 3, 13), "done"), (D(2026, 3, 14), "missing")])
def test_s1_police_checks_from_the_16th_birthday(tmp_path: Path, as_of: D, expected: str) -> None:
    """Detailed Reunification Workflow: "Carry out for all over 16s in the household"."""
    sam = {"id": "sam", "name": "Sam", "born": D(2010, 3, 14), "household": True}
    assert status(tmp_path, "s1.police-checks", genogram=with_people(sam), as_of=as_of)[0] == expected


def test_s1_police_checks_cover_extended_family_but_not_the_dead(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "all over 16s in the household, extended family members and regular visitors"."""
    uncle = {"id": "uncle", "name": "Uncle", "born": D(1970, 1, 1), "extended_family": True}
    got = task(tmp_path, "s1.police-checks", genogram=with_people(uncle))
    assert got.status == "missing" and "Uncle" in got.message
    assert status(tmp_path, "s1.police-checks", genogram=with_people({**uncle, "police_check": D(2026, 2, 1)}))[0] \
        == "done"
    dead = {**uncle, "died": D(2025, 1, 1)}
    assert status(tmp_path, "s1.police-checks", genogram=with_people(dead))[0] == "done"


def test_s1_police_checks_unknown_age_is_not_assumed_young(tmp_path: Path) -> None:
    got = task(tmp_path, "s1.police-checks", genogram=with_people({"id": "lodger", "name": "Lodger", "household": True}))
    assert got.status == "missing" and "age unknown for Lodger" in got.message


def test_s1_practical_checks(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Check housing, finances and school; highlight any issues early"."""
    checks = {"housing": D(2026, 2, 1), "finances": D(2026, 2, 1), "school": D(2026, 2, 2)}
    assert status(tmp_path, "s1.practical-checks", case={"assessment": {"checks": checks}}) == ("done", None)
    partial = task(tmp_path, "s1.practical-checks", case={"assessment": {"checks": {**checks, "school": None}}})
    assert partial.status == "missing" and partial.message.endswith("school")
    assert status(tmp_path, "s1.practical-checks")[0] == "missing"


def test_s1_mid_point_supervision_and_its_timing_warning(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Halfway through the development of the RHA - SW and TM meet for supervision"."""
    assessment = {"started": D(2026, 1, 1), "completed": D(2026, 3, 1)}
    assert status(tmp_path, "s1.mid-point-supervision")[0] == "missing"
    inside = task(tmp_path, "s1.mid-point-supervision", case={"assessment": assessment, "meetings": [
        meeting("mid-point-supervision", D(2026, 2, 1))]})
    assert inside.status == "done" and inside.warnings == ()
    after = task(tmp_path, "s1.mid-point-supervision", case={"assessment": assessment, "meetings": [
        meeting("mid-point-supervision", D(2026, 4, 1))]})
    assert after.status == "done" and "halfway" in after.warnings[0]


def test_s1_assessment(tmp_path: Path) -> None:
    assert status(tmp_path, "s1.assessment")[0] == "missing"
    done = {"assessment": {"completed": D(2026, 3, 1), "signed_off_by": "Jo"}}
    assert status(tmp_path, "s1.assessment", case=done, factors=FULL_LOW)[0] == "done"
    assert status(tmp_path, "s1.assessment", case=done)[0] == "missing"  # no factors


# ---------------------------------------------------------------------------------------------- stage 2
def test_s2_risk_classification_meeting_before_decision_2(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Risk Classification Meeting ... make recommendation about the level of risk"
    before Decision 2."""
    assert status(tmp_path, "s2.risk-classification-meeting")[0] == "missing"
    held = {"meetings": [meeting("risk-classification", D(2026, 2, 1))], "decisions": [decision("2", D(2026, 2, 5))]}
    assert status(tmp_path, "s2.risk-classification-meeting", case=held)[0] == "done"
    late = {**held, "meetings": [meeting("risk-classification", D(2026, 2, 10))]}
    got = task(tmp_path, "s2.risk-classification-meeting", case=late)
    assert got.status == "missing" and "after Decision 2" in got.message


def test_s2_rc1_and_s2_decision_2(tmp_path: Path) -> None:
    """Reunification Practice Framework/Detailed Reunification Workflow: RC1 recorded; Decision 2 by the service manager."""
    base = result_of(tmp_path)
    assert {t.id: t.status for t in base.tasks}["s2.rc1"] == "missing"
    case = {"classifications": [rc("RC1", D(2026, 2, 1), "high")],
            "decisions": [decision("2", D(2026, 2, 1), role="service-manager")]}
    assert status(tmp_path, "s2.rc1", case=case)[0] == "done"
    assert status(tmp_path, "s2.decision-2", case=case)[0] == "done"
    assert status(tmp_path, "s2.decision-2", case={"decisions": [decision("2", D(2026, 2, 1), role="team-manager")]}
                  )[0] == "missing"


SHARED_CASE = {"classifications": [rc("RC1", D(2026, 2, 1), "medium")],
               "placement": {"type": "foster", "carer": "carer"}}
SHARED_GENOGRAM = with_people({"id": "carer", "name": "Mrs Carer"})


def shared(tmp_path: Path, task_id: str, *meetings: dict, case: dict | None = None, **kw) -> Task:
    return task(tmp_path, task_id, case={**SHARED_CASE, **(case or {}), "meetings": list(meetings)},
                genogram=SHARED_GENOGRAM, **kw)


def test_s2_classification_shared_with_a_parent_the_carer_and_the_child(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Confirm the risk classification with the parents, child or young person and the
    care giver";
    attendees pooled over every meeting on or after RC1 (docs/practice-rules.md)."""
    got = shared(tmp_path, "s2.classification-shared", meeting("classification-shared", D(2026, 2, 10), "mum", "dad"))
    assert got.status == "missing" and "the carer" in got.message and "the child" in got.message
    pooled = shared(tmp_path, "s2.classification-shared",
                    meeting("classification-shared", D(2026, 2, 10), "mum", "dad", "Mrs Carer"),
                    meeting("classification-shared", D(2026, 2, 12), "amy"))
    assert pooled.status == "done" and pooled.warnings == ()
    early = shared(tmp_path, "s2.classification-shared",
                   meeting("classification-shared", D(2026, 1, 10), "mum", "dad", "carer", "amy"))
    assert early.status == "missing"


def test_s2_classification_shared_a_parent_absent_is_a_warning(tmp_path: Path) -> None:
    got = shared(tmp_path, "s2.classification-shared", meeting("classification-shared", D(2026, 2, 10), "mum",
                                                                "carer", "amy"))
    assert got.status == "done" and "Dad" in got.warnings[0]


def test_s2_classification_shared_a_child_too_young_need_not_attend(tmp_path: Path) -> None:
    factors = {**FULL_LOW, "wishes": {"parents": "wants-return", "child": "too-young"}}
    got = shared(tmp_path, "s2.classification-shared", meeting("classification-shared", D(2026, 2, 10), "mum", "dad",
                                                                "carer"), factors=factors)
    assert got.status == "done"


def test_s2_permanence(tmp_path: Path) -> None:
    """Reunification Practice Framework high column: "Begin concurrent planning for possibility of permanent separation"."""
    assert status(tmp_path, "s2.permanence")[0] == "not-applicable"
    high = {"classifications": [rc("RC1", D(2026, 2, 1), "high")]}
    assert status(tmp_path, "s2.permanence", case=high)[0] == "missing"
    assert status(tmp_path, "s2.permanence", case=high, contingency={"permanence": "SGO with aunt"})[0] == "done"


def test_s2_consider_proceedings_for_a_severe_section_20_case(tmp_path: Path) -> None:
    """Detailed Reunification Workflow (severe risk): "If child accommodated under s20 - consider proceedings"."""
    severe = {"legal_status": "section-20", "classifications": [rc("RC1", D(2026, 2, 1), "severe")]}
    assert status(tmp_path, "s2.consider-proceedings", case=severe)[0] == "missing"
    decided = {**severe, "decisions": [decision("proceedings", D(2026, 2, 20))]}
    assert status(tmp_path, "s2.consider-proceedings", case=decided)[0] == "done"
    before = {**severe, "decisions": [decision("proceedings", D(2026, 1, 20))]}
    assert status(tmp_path, "s2.consider-proceedings", case=before)[0] == "missing"
    wales = {**severe, "legal_status": "section-76"}
    assert status(tmp_path, "s2.consider-proceedings", case=wales)[0] == "missing"
    order = {**severe, "legal_status": "care-order"}
    assert status(tmp_path, "s2.consider-proceedings", case=order)[0] == "not-applicable"
    high = {**severe, "classifications": [rc("RC1", D(2026, 2, 1), "high")]}
    assert status(tmp_path, "s2.consider-proceedings", case=high)[0] == "not-applicable"


def test_not_pursued_makes_stages_3_to_5_not_applicable_but_sharing_and_closure(tmp_path: Path) -> None:
    """Reunification Practice Framework severe column; Detailed Reunification Workflow: "Work with child and parents about
    the decision"; the outcome is recorded."""
    case = {"decisions": [decision("1", D(2026, 1, 1)),
                          decision("2", D(2026, 2, 1), role="service-manager", outcome="do-not-proceed")]}
    result = result_of(tmp_path, case=case)
    later = {t.id: t for t in result.tasks if t.stage >= 3}
    assert {t.status for i, t in later.items() if i not in ("s4.decision-shared", "s5.closure")} == {"not-applicable"}
    assert later["s5.closure"].status == "missing" and "s5.closure" in [t.id for t in next_actions(result)]
    assert next(t for t in result.tasks if t.id == "s2.permanence").status == "missing"
    assert result.stage == 2 and not result.pursued


# ---------------------------------------------------------------------------------------------- stage 3
def test_s3_agreement_smart(tmp_path: Path) -> None:
    """Reunification Practice Framework: SMART goals "(Specific, Measurable, Agreed with parents, Realistic, Timely)"."""
    assert status(tmp_path, "s3.agreement")[0] == "missing"
    assert status(tmp_path, "s3.agreement", agreements=smart_agreement())[0] == "done"
    not_smart = smart_agreement(goals=[{"id": "g1", "goal": "Do better"}])
    assert status(tmp_path, "s3.agreement", agreements=not_smart)[0] == "missing"
    assert status(tmp_path, "s3.agreement", agreements=smart_agreement(signed=D(2026, 9, 1)))[0] == "missing"
    ownerless = smart_agreement(goals=[{**smart_agreement()["agreements"][0]["goals"][0], "owner": None}])
    assert task(tmp_path, "s3.agreement", agreements=ownerless).warnings


def test_s3_agreement_names_the_missing_smart_field_not_the_value_it_needs(tmp_path: Path) -> None:
    """"not SMART (realistic: true)" read as if `realistic: true` were the fault; a missing field is named missing,
    a field recorded false is named false."""
    goal = {"id": "g2", "goal": "Do better", "measure": "tests", "agreed": False, "due": D(2026, 4, 1)}
    message = task(tmp_path, "s3.agreement", agreements=smart_agreement(goals=[goal])).message
    assert "goal g2 not SMART (realistic missing, agreed: false)" in message


def test_s3_goal_reviews_every_review_every_weeks(tmp_path: Path) -> None:
    """Reunification Practice Framework: the agreement says "How the goals will be reviewed": every `review_every_weeks`
    from `made` or the
    last review, and every goal past due reviewed on or after it."""
    agreements = smart_agreement(goals=[{**smart_agreement()["agreements"][0]["goals"][0], "due": D(2026, 6, 1)}])
    assert status(tmp_path, "s3.goal-reviews", agreements=agreements, as_of=D(2026, 2, 1)) == ("due", D(2026, 2, 12))
    assert status(tmp_path, "s3.goal-reviews", agreements=agreements, as_of=D(2026, 2, 13)) == (
        "overdue", D(2026, 2, 12))
    goal = agreements["agreements"][0]["goals"][0]
    goal["reviews"] = [{"date": D(2026, 2, 10), "progress": "on-track"}]
    assert status(tmp_path, "s3.goal-reviews", agreements=agreements, as_of=D(2026, 2, 13)) == ("due", D(2026, 3, 24))


def test_s3_goal_reviews_past_due_needs_a_review_on_or_after_it(tmp_path: Path) -> None:
    agreements = smart_agreement(review_every_weeks=52)
    assert status(tmp_path, "s3.goal-reviews", agreements=agreements, as_of=D(2026, 3, 1)) == ("due", D(2026, 4, 1))
    assert status(tmp_path, "s3.goal-reviews", agreements=agreements, as_of=D(2026, 4, 2)) == ("overdue", D(2026, 4, 1))
    agreements["agreements"][0]["goals"][0]["reviews"] = [{"date": D(2026, 4, 1), "progress": "achieved"}]
    assert status(tmp_path, "s3.goal-reviews", agreements=agreements, as_of=D(2026, 4, 2)) == ("done", None)
    assert status(tmp_path, "s3.goal-reviews")[0] == "missing"


def test_s3_outcomes_tool_after_the_first_classification(tmp_path: Path) -> None:
    """Detailed Reunification Workflow (parental agreement): "complete the outcomes tool with them again"."""
    case = {"classifications": [rc("RC1", D(2026, 2, 1), "medium")]}
    assert status(tmp_path, "s3.outcomes-tool", case=case)[0] == "missing"
    used = {**case, "measures": [{"tool": "outcomes-tool", "date": D(2026, 3, 1)}]}
    assert status(tmp_path, "s3.outcomes-tool", case=used)[0] == "done"
    before = {**case, "measures": [{"tool": "outcomes-tool", "date": D(2026, 1, 1)}]}
    assert status(tmp_path, "s3.outcomes-tool", case=before)[0] == "missing"
    sdq = {**case, "measures": [{"tool": "sdq", "date": D(2026, 3, 1)}]}
    assert status(tmp_path, "s3.outcomes-tool", case=sdq)[0] == "missing"


PLAN = {"shared_with": ["mum"], "shared_on": D(2026, 2, 1), "permanence": "SGO",
        "stages": [{"stage": 1, "actions": [{"who": "SW", "what": "visit", "when": "24h"}]}]}


def test_s3_contingency_must_reach_the_parents(tmp_path: Path) -> None:
    """Reunification Practice Framework stage 3: "Create contingency plans and share them with the parents"."""
    assert status(tmp_path, "s3.contingency", contingency=PLAN)[0] == "missing"  # dad not told
    assert status(tmp_path, "s3.contingency", contingency={**PLAN, "shared_with": ["mum", "dad"]})[0] == "done"
    vague = {**PLAN, "shared_with": ["mum", "dad"], "stages": [{"stage": 1, "actions": [{"who": "SW"}]}]}
    assert status(tmp_path, "s3.contingency", contingency=vague)[0] == "missing"


def test_s3_contingency_a_parent_not_shared_with_a_reason_is_settled(tmp_path: Path) -> None:
    """docs/practice-rules.md, "The checklist, stage by stage": a parent in not_shared with a reason (the parent who poses
    the risk) counts as
    settled, shown as a note, never a gap."""
    settled = task(tmp_path, "s3.contingency", contingency={**PLAN, "not_shared": [
        {"person": "dad", "reason": "non-molestation order"}]})
    assert settled.status == "done" and "deliberately not shared with dad: non-molestation order" in settled.message
    assert settled.warnings == ()
    no_reason = {**PLAN, "not_shared": [{"person": "dad"}]}
    assert status(tmp_path, "s3.contingency", contingency=no_reason)[0] == "missing"


def test_s3_support(tmp_path: Path) -> None:
    assert status(tmp_path, "s3.support")[0] == "missing"
    assert status(tmp_path, "s3.support", plan={"support": [{"service": "X"}]})[0] == "done"


def test_s3_child_views_and_seen_alone_after_rc1(tmp_path: Path) -> None:
    """Detailed Reunification Workflow stage 3: "Agree who will see the child alone ... ask them about their hopes and fears"."""
    too_young = {**FULL_LOW, "wishes": {"parents": "wants-return", "child": "too-young"}}
    assert status(tmp_path, "s3.child-views", factors=too_young)[0] == "not-applicable"
    views = {**FULL_LOW, "wishes": {**FULL_LOW["wishes"], "child_views": "I want to go home"}}
    case = {"classifications": [rc("RC1", D(2026, 2, 1), "medium")]}
    assert status(tmp_path, "s3.child-views", factors=views, case=case)[0] == "missing"
    seen = {**case, "meetings": [meeting("child-seen-alone", D(2026, 3, 1))]}
    assert status(tmp_path, "s3.child-views", factors=views, case=seen)[0] == "done"
    assert status(tmp_path, "s3.child-views", factors=FULL_LOW, case=seen)[0] == "missing"
    early = {**case, "meetings": [meeting("child-seen-alone", D(2026, 1, 1))]}
    assert status(tmp_path, "s3.child-views", factors=views, case=early)[0] == "missing"


# ---------------------------------------------------------------------------------------------- stage 4
def test_s4_rc2_and_s4_agreement_updated(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Risk Classification 2 (if required – if previously medium or high)"; Reunification
    Practice Framework: "Update the parental
    agreements, goals and support plans"."""
    assert status(tmp_path, "s4.rc2")[0] == "not-applicable"  # no first classification: not yet known to be needed
    low = {"classifications": [rc("RC1", D(2026, 1, 1), "low")]}
    assert status(tmp_path, "s4.rc2", case=low)[0] == "not-applicable"
    assert status(tmp_path, "s4.agreement-updated", case=low)[0] == "not-applicable"
    medium = {"classifications": [rc("RC1", D(2026, 1, 1), "medium")]}
    assert status(tmp_path, "s4.rc2", case=medium)[0] == "missing"
    both = {"classifications": [*medium["classifications"], rc("RC2", D(2026, 4, 1), "low")]}
    assert status(tmp_path, "s4.rc2", case=both, agreements=smart_agreement())[0] == "done"
    assert status(tmp_path, "s4.agreement-updated", case=both, agreements=smart_agreement())[0] == "missing"
    assert status(tmp_path, "s4.agreement-updated", case=both, agreements=smart_agreement(made=D(2026, 4, 20)))[0] \
        == "done"


HIGH_THEN_MEDIUM = [rc("RC1", D(2025, 6, 1), "high"), rc("RC2", D(2025, 12, 1), "medium")]


def test_s4_decision_3_needs_ratification(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Decision 3 ... Decision ratified by Head of Locality/Service"."""
    d3 = decision("3", D(2026, 1, 10), outcome="proceed")
    assert status(tmp_path, "s4.decision-3")[0] == "missing"
    assert status(tmp_path, "s4.decision-3", case={"decisions": [d3]})[0] == "missing"
    assert status(tmp_path, "s4.decision-3", case={"decisions": [{**d3, "ratified_by": "Chris"}]})[0] == "done"
    later = {**d3, "ratified_by": "Chris", "ratified_on": D(2026, 7, 1)}  # ratified after as-of
    assert status(tmp_path, "s4.decision-3", case={"decisions": [later]})[0] == "missing"


@pytest.mark.parametrize(("decided", "warned"), [(D(2026, 5, 31), True), (D(2026, 6, 1), False)])
def test_s4_decision_3_warns_before_six_months_at_medium_or_low_after_high(tmp_path: Path, decided: D,
                                                                          warned: bool) -> None:
    """Detailed Reunification Workflow: "If previously assessed as high risk, look for ... that risk has remained medium or
    low for six
    months", counted from the first medium or low classification after the last high (docs/practice-rules.md)."""
    d3 = decision("3", decided, outcome="proceed", ratified_by="Chris")
    got = task(tmp_path, "s4.decision-3", case={"classifications": HIGH_THEN_MEDIUM, "decisions": [d3]},
               as_of=D(2026, 6, 2))
    assert got.status == "done" and bool(got.warnings) == warned


def test_s4_decision_shared_after_decision_3(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Communicate the risk classification and reunification decision to children and
    their parents and
    current care givers"."""
    assert shared(tmp_path, "s4.decision-shared").status == "not-applicable"
    d3 = {"decisions": [decision("3", D(2026, 3, 1), outcome="proceed", ratified_by="Chris")]}
    everyone = ("mum", "dad", "carer", "amy")
    assert shared(tmp_path, "s4.decision-shared", meeting("classification-shared", D(2026, 2, 10), *everyone),
                  case=d3).status == "missing"
    assert shared(tmp_path, "s4.decision-shared", meeting("classification-shared", D(2026, 3, 5), *everyone),
                  case=d3).status == "done"


PWP = {"placement": {"type": "placed-with-parents", "since": D(2026, 4, 1)},
       "assessment": {"completed": D(2026, 1, 15)}}


def test_s4_emergency_pwp_when_placed_with_parents_before_cpag(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Head of Locality/Service approval for Emergency Placed with Parents ... Documents
    needed are the
    RHA"; needed when placed with parents before the corporate director's CPAG agreement."""
    assert status(tmp_path, "s4.emergency-pwp")[0] == "not-applicable"
    d3 = decision("3", D(2026, 3, 1), outcome="proceed", ratified_by="Chris")
    assert status(tmp_path, "s4.emergency-pwp", case={**PWP, "decisions": [d3]})[0] == "missing"
    approved = [d3, decision("emergency-placed-with-parents", D(2026, 3, 20), role="head-of-service")]
    assert status(tmp_path, "s4.emergency-pwp", case={**PWP, "decisions": approved})[0] == "done"
    by_tm = [d3, decision("emergency-placed-with-parents", D(2026, 3, 20), role="team-manager")]
    assert status(tmp_path, "s4.emergency-pwp", case={**PWP, "decisions": by_tm})[0] == "missing"
    before_d3 = [decision("emergency-placed-with-parents", D(2026, 2, 20), role="head-of-service"), d3]
    assert status(tmp_path, "s4.emergency-pwp", case={**PWP, "decisions": before_d3})[0] == "missing"
    agreed_first = [d3, decision("cpag", D(2026, 3, 25), role="corporate-director", outcome="proceed")]
    assert status(tmp_path, "s4.emergency-pwp", case={**PWP, "decisions": agreed_first})[0] == "not-applicable"


@pytest.mark.parametrize(("as_of", "expected"), [(D(2026, 2, 28), "due"), (D(2026, 3, 1), "overdue")])
def test_s4_planning_review_three_months_clamped(tmp_path: Path, as_of: D, expected: str) -> None:
    """Detailed Reunification Workflow: "Reunification Planning Review – no longer than three months from the Reunification
    Planning
    Meeting"."""
    case = {"meetings": [meeting("reunification-planning", D(2025, 11, 30))]}
    assert status(tmp_path, "s4.planning-review", case=case, as_of=as_of) == (expected, D(2026, 2, 28))


def test_s4_planning_review_done_and_missing(tmp_path: Path) -> None:
    assert status(tmp_path, "s4.planning-review")[0] == "missing"
    case = {"meetings": [meeting("reunification-planning", D(2026, 1, 10)),
                         meeting("reunification-planning-review", D(2026, 3, 10))]}
    assert status(tmp_path, "s4.planning-review", case=case)[0] == "done"


def test_s4_planning_review_held_late_is_done_with_a_warning_naming_how_late(tmp_path: Path) -> None:
    """docs/practice-rules.md, "The checklist, stage by stage": a review after the three months is done (it happened), with
    the lateness on record;
    one within the three months has no warning."""
    late = {"meetings": [meeting("reunification-planning", D(2025, 11, 30)),
                         meeting("reunification-planning-review", D(2026, 3, 10))]}
    got = task(tmp_path, "s4.planning-review", case=late, as_of=D(2026, 4, 1))
    assert (got.status, got.due) == ("done", None)
    assert len(got.warnings) == 1 and "10 day(s) after the three months allowed (no later than 2026-02-28)" in \
        got.warnings[0]
    on_time = {"meetings": [meeting("reunification-planning", D(2025, 11, 30)),
                            meeting("reunification-planning-review", D(2026, 2, 28))]}
    assert task(tmp_path, "s4.planning-review", case=on_time, as_of=D(2026, 4, 1)).warnings == ()


def test_s4_cin_plan_for_section_20(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "If child was s20 before reunification, incorporate the goals within the Child in
    Need plan"."""
    assert status(tmp_path, "s4.cin-plan")[0] == "not-applicable"  # care order
    s20 = {"legal_status": "section-20"}
    assert status(tmp_path, "s4.cin-plan", case=s20)[0] == "missing"
    assert status(tmp_path, "s4.cin-plan", case=s20, plan={"cin_plan": D(2026, 5, 1)})[0] == "done"
    cin_home = {"legal_status": "child-in-need", "return_home": {"date": D(2026, 5, 1)}}
    assert status(tmp_path, "s4.cin-plan", case=cin_home)[0] == "missing"


def test_s4_reunification_plan(tmp_path: Path) -> None:
    assert status(tmp_path, "s4.reunification-plan", plan={"transition": "x"})[0] == "missing"
    plan = {"transition": "x", "contact": [{"from": D(2026, 1, 1), "pattern": "weekends"}]}
    assert status(tmp_path, "s4.reunification-plan", plan=plan)[0] == "done"


def test_s4_cpag_needs_the_panel_and_the_corporate_director(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Record if reunification plan recommended at CPAG and forward to Corporate Director
    for agreement"."""
    panel = meeting("cpag", D(2026, 2, 1))
    director = decision("cpag", D(2026, 2, 8), role="corporate-director", outcome="proceed")
    assert status(tmp_path, "s4.cpag")[0] == "missing"
    assert status(tmp_path, "s4.cpag", case={"meetings": [panel]})[0] == "missing"
    assert status(tmp_path, "s4.cpag", case={"decisions": [director]})[0] == "missing"
    assert status(tmp_path, "s4.cpag", case={"meetings": [panel], "decisions": [director]})[0] == "done"
    by_panel = {**director, "role": "panel"}
    assert status(tmp_path, "s4.cpag", case={"meetings": [panel], "decisions": [by_panel]})[0] == "missing"


def test_s4_cpag_warns_when_the_pack_is_incomplete(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Documents required are RHA; Chronology; Decisions from last CLA Review; Parental
    Agreement;
    Reunification Plan"."""
    case = {"meetings": [meeting("cic-review", D(2026, 1, 5)), meeting("cpag", D(2026, 2, 1))],
            "decisions": [decision("cpag", D(2026, 2, 8), role="corporate-director", outcome="proceed")],
            "assessment": {"completed": D(2026, 1, 1)}}
    full = task(tmp_path, "s4.cpag", case=case, agreements=smart_agreement(),
                chronology={"entries": [{"date": D(2025, 1, 1), "event": "x", "source": "police"}]},
                plan={"transition": "x", "contact": [{"from": D(2026, 1, 1), "pattern": "weekends"}]})
    assert full.status == "done" and full.warnings == ()
    thin = task(tmp_path, "s4.cpag", case=case)
    assert thin.status == "done" and "chronology" in thin.warnings[0] and "parental agreement" in thin.warnings[0]


# ---------------------------------------------------------------------------------------------- stage 5
def returned(**extra) -> dict:
    return {"return_home": {"date": D(2026, 1, 5)}, **extra}


def test_s5_return_home(tmp_path: Path) -> None:
    assert status(tmp_path, "s5.return-home")[0] == "missing"
    planned = {"return_home": {"date": D(2026, 7, 1)}}
    assert status(tmp_path, "s5.return-home", case=planned) == ("due", D(2026, 7, 1))
    assert status(tmp_path, "s5.return-home", case=planned, as_of=D(2026, 7, 1)) == ("done", None)


def test_s5_placement_status_after_return(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "At point of child return home, change legal status as required"; placement details
    updated."""
    assert status(tmp_path, "s5.placement-status")[0] == "missing"
    foster = returned(placement={"type": "foster"})
    assert status(tmp_path, "s5.placement-status", case=foster)[0] == "missing"
    home = returned(placement={"type": "placed-with-parents"})
    assert task(tmp_path, "s5.placement-status", case=home).warnings == ()
    s20 = task(tmp_path, "s5.placement-status", case={**returned(placement={"type": "home"}),
                                                      "legal_status": "section-20"})
    assert s20.status == "done" and "section-20" in s20.warnings[0]


def test_s5_visits_first_within_a_week_then_by_legal_status(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: visits "no less than statutory requirement" (reg. 28 table, reunify.toml)."""
    assert status(tmp_path, "s5.visits") == ("missing", None)
    assert status(tmp_path, "s5.visits", case=returned(), as_of=D(2026, 1, 12)) == ("due", D(2026, 1, 12))
    assert status(tmp_path, "s5.visits", case=returned(), as_of=D(2026, 1, 13)) == ("overdue", D(2026, 1, 12))
    visit = {"date": D(2026, 1, 9), "announced": False, "seen_alone": True}
    care_order = returned(visits=[visit])  # care-order: six weeks between visits
    assert status(tmp_path, "s5.visits", case=care_order) == ("overdue", D(2026, 2, 20))
    interim = {**care_order, "legal_status": "interim-care-order"}  # weekly until the first review
    assert status(tmp_path, "s5.visits", case=interim, as_of=D(2026, 1, 12)) == ("due", D(2026, 1, 16))


def test_s5_visits_seen_out_of_the_home_after_the_third_visit_is_a_warning(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Child must be seen alone each time and at times out of the home" (a warning,
    docs/practice-rules.md)."""
    visits = [{"date": D(2026, 1, d), "announced": d != 9, "seen_alone": True} for d in (7, 9, 11)]
    got = task(tmp_path, "s5.visits", case=returned(visits=visits), as_of=D(2026, 1, 12))
    assert got.status == "due" and any("out of the home" in w for w in got.warnings)
    visits[1]["out_of_home"] = True
    assert task(tmp_path, "s5.visits", case=returned(visits=visits), as_of=D(2026, 1, 12)).warnings == ()


def test_s5_visits_a_visit_not_seen_alone_does_not_count_toward_the_interval(tmp_path: Path) -> None:
    """docs/practice-rules.md, "The checklist, stage by stage" (Detailed Reunification Workflow: "Child must be seen alone
    each time"): the visit is listed
    with a warning and the
    interval runs from the last visit where the child was seen alone; seen alone, it counts."""
    alone = {"date": D(2026, 1, 9), "announced": False, "seen_alone": True}
    not_alone = {"date": D(2026, 2, 10), "announced": True, "seen_alone": False}
    got = task(tmp_path, "s5.visits", case=returned(visits=[alone, not_alone]), as_of=D(2026, 2, 15))
    assert (got.status, got.due) == ("due", D(2026, 2, 20))  # six weeks from 9 January, not from 10 February
    assert any("2026-02-10" in w and "not counted toward the interval" in w for w in got.warnings)
    assert "1 visit(s) with the child seen alone since return and 1 not seen alone" in got.message
    seen = {**not_alone, "seen_alone": True}
    got = task(tmp_path, "s5.visits", case=returned(visits=[alone, seen]), as_of=D(2026, 2, 15))
    assert (got.status, got.due) == ("due", D(2026, 3, 24)) and got.warnings == ()


@pytest.mark.parametrize(("legal_status", "looked_after"), [
    ("care-order", True), ("interim-care-order", True), ("section-20", True),
    ("child-protection-plan", False), ("child-in-need", False), ("supervision-order", False)])
def test_s5_visits_team_table_for_a_child_not_looked_after(tmp_path: Path, legal_status: str,
                                                           looked_after: bool) -> None:
    """docs/practice-rules.md, "The checklist, stage by stage": for a child not looked after after return (child protection
    plan, child in need) the
    intervals are the team's visiting table, a tool convention, never "statutory" or reg. 28."""
    got = task(tmp_path, "s5.visits", case={**returned(), "legal_status": legal_status}, as_of=D(2026, 1, 10))
    assert ("reg. 28" in got.message) is looked_after
    assert ("team's visiting table, a tool convention" in got.message) is not looked_after
    assert "statutory" not in got.message.lower()


def test_s5_visits_interval_from_settings(tmp_path: Path) -> None:
    from reunify.case.settings import Visiting

    custom = Settings(visiting={"default": Visiting(3, 14, 14), "care-order": Visiting(3, 14, 14)})
    assert status(tmp_path, "s5.visits", case=returned(), settings=custom, as_of=D(2026, 1, 6)) == ("due", D(2026, 1, 8))


def test_s5_cic_reviews_six_monthly_from_the_last_review_before_return(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "CIC reviews or Pathway Plan reviews which continue at every six months"."""
    assert status(tmp_path, "s5.cic-reviews")[0] == "missing"
    assert status(tmp_path, "s5.cic-reviews", case=returned()) == ("due", D(2026, 7, 5))
    before = returned(meetings=[meeting("cic-review", D(2025, 11, 20))])
    assert status(tmp_path, "s5.cic-reviews", case=before, as_of=D(2026, 5, 20)) == ("due", D(2026, 5, 20))
    assert status(tmp_path, "s5.cic-reviews", case=before, as_of=D(2026, 5, 21)) == ("overdue", D(2026, 5, 20))
    pathway = returned(meetings=[meeting("cic-review", D(2025, 11, 20)), meeting("pathway-plan-review",
                                                                                 D(2026, 5, 1))])
    assert status(tmp_path, "s5.cic-reviews", case=pathway, as_of=D(2026, 5, 21)) == ("due", D(2026, 11, 1))


def test_s5_team_around_child_three_months_after_each_review(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Team around the Child meetings at three months between CIC reviews"."""
    assert status(tmp_path, "s5.team-around-child")[0] == "missing"
    assert status(tmp_path, "s5.team-around-child", case=returned(), as_of=D(2026, 4, 6)) == (
        "overdue", D(2026, 4, 5))
    review = returned(meetings=[meeting("cic-review", D(2026, 3, 1))])
    assert status(tmp_path, "s5.team-around-child", case=review, as_of=D(2026, 4, 6)) == ("due", D(2026, 6, 1))
    held = returned(meetings=[meeting("cic-review", D(2026, 3, 1)), meeting("team-around-child", D(2026, 5, 28))])
    assert status(tmp_path, "s5.team-around-child", case=held, as_of=D(2026, 6, 6))[0] == "done"
    next_review = returned(meetings=[*held["meetings"], meeting("cic-review", D(2026, 8, 30))])
    assert status(tmp_path, "s5.team-around-child", case=next_review, as_of=D(2026, 9, 1)) == ("due", D(2026, 11, 30))


def test_s5_rc3_six_months_after_return(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "formally reclassify the risks again at six months; Record Risk Classification 3"."""
    assert status(tmp_path, "s5.rc3")[0] == "missing"
    assert status(tmp_path, "s5.rc3", case=returned(), as_of=D(2026, 7, 5)) == ("due", D(2026, 7, 5))
    assert status(tmp_path, "s5.rc3", case=returned(), as_of=D(2026, 7, 6)) == ("overdue", D(2026, 7, 5))
    rc3 = returned(classifications=[rc("RC3", D(2026, 7, 5), "low")])
    assert status(tmp_path, "s5.rc3", case=rc3, as_of=D(2026, 8, 1)) == ("done", None)


def test_s5_rc3_above_low_warns_until_a_team_around_the_child_meeting(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "If risks have increased discuss with SM"; "Hold a Team around the Child meeting to
    review parental
    goals and support"."""
    medium = returned(classifications=[rc("RC3", D(2026, 7, 5), "medium")])
    assert task(tmp_path, "s5.rc3", case=medium, as_of=D(2026, 8, 1)).warnings
    met = {**medium, "meetings": [meeting("team-around-child", D(2026, 7, 20))]}
    assert task(tmp_path, "s5.rc3", case=met, as_of=D(2026, 8, 1)).warnings == ()


def test_s5_outcomes_sdq_six_months_after_return(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Complete the outcomes tool and SDQ after the child has been back home for six months"."""
    assert status(tmp_path, "s5.outcomes-sdq")[0] == "missing"
    assert status(tmp_path, "s5.outcomes-sdq", case=returned(), as_of=D(2026, 7, 1)) == ("due", D(2026, 7, 5))
    one = returned(measures=[{"tool": "sdq", "date": D(2026, 7, 10)}])
    assert status(tmp_path, "s5.outcomes-sdq", case=one, as_of=D(2026, 7, 20)) == ("overdue", D(2026, 7, 5))
    both = returned(measures=[{"tool": "sdq", "date": D(2026, 7, 10)}, {"tool": "outcomes-tool", "date": D(2026, 7, 10)}])
    assert status(tmp_path, "s5.outcomes-sdq", case=both, as_of=D(2026, 7, 20)) == ("done", None)
    early = returned(measures=[{"tool": "sdq", "date": D(2026, 3, 1)}, {"tool": "outcomes-tool", "date": D(2026, 3, 1)}])
    assert status(tmp_path, "s5.outcomes-sdq", case=early, as_of=D(2026, 7, 20))[0] == "overdue"


def test_s5_reclassify_at_set_intervals_after_rc3(tmp_path: Path) -> None:
    """Reunification Practice Framework stage 5: "Reclassify risk at set intervals" (every reclassify_every_months, default
    6: ours)."""
    assert status(tmp_path, "s5.reclassify", case=returned(), as_of=D(2026, 8, 1))[0] == "not-applicable"
    rc3 = returned(classifications=[rc("RC3", D(2026, 7, 10), "low")])
    assert status(tmp_path, "s5.reclassify", case=rc3, as_of=D(2026, 8, 1)) == ("due", D(2027, 1, 10))
    assert status(tmp_path, "s5.reclassify", case=rc3, as_of=D(2027, 1, 11)) == ("overdue", D(2027, 1, 10))
    quarterly = Settings(reclassify_every_months=3)
    assert status(tmp_path, "s5.reclassify", case=rc3, as_of=D(2026, 8, 1), settings=quarterly) == ("due",
                                                                                                  D(2026, 10, 10))
    closed = {**rc3, "outcome": {"status": "reunified", "date": D(2026, 12, 1), "reason": "x"}}
    assert status(tmp_path, "s5.reclassify", case=closed, as_of=D(2027, 2, 1))[0] == "done"


def test_s5_support_12_months_after_return(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Support services should continue for at least 12 months post reunification"."""
    short = {"support": [{"service": "A", "end": D(2026, 12, 31)}]}
    assert status(tmp_path, "s5.support-12-months", case=returned(), plan=short)[0] == "missing"
    long = {"support": [{"service": "A", "end": D(2026, 12, 31)}, {"service": "B", "end": D(2027, 1, 5)}]}
    got = task(tmp_path, "s5.support-12-months", case=returned(), plan=long)
    assert got.status == "done" and got.warnings == ("ends before 2027-01-05: A",)


LOW_HOME = returned(classifications=[rc("RC1", D(2025, 6, 1), "medium"), rc("RC2", D(2025, 12, 1), "low")])
LOW_TO_CLOSE = D(2026, 7, 5)  # return 2026-01-05 + 6 months, later than the low run's 2026-06-01


def test_s5_care_order_discharge_possible_from_the_low_to_close_date_never_due(tmp_path: Path) -> None:
    """Detailed Reunification Workflow (Rescinding of care order): "Decision made about timescale for care order to be
    rescinded" sets no date;
    docs/practice-rules.md, "Minimums are not deadlines": missing until done, before and after the low-to-close date, which
    is shown as possible
    from."""
    for as_of in (D(2026, 7, 1), D(2026, 7, 6), D(2027, 7, 6)):
        got = task(tmp_path, "s5.care-order-discharge", case=LOW_HOME, factors=FULL_LOW, as_of=as_of)
        assert (got.status, got.due) == ("missing", None)
        assert f"possible from {LOW_TO_CLOSE}" in got.message and "overdue" not in got.message
    decided = {**LOW_HOME, "decisions": [decision("discharge-care-order", D(2026, 7, 6))]}
    assert status(tmp_path, "s5.care-order-discharge", case=decided, factors=FULL_LOW, as_of=D(2026, 7, 8))[0] == "done"
    no_date = task(tmp_path, "s5.care-order-discharge", case=LOW_HOME, as_of=D(2026, 7, 6))
    assert (no_date.status, no_date.due) == ("missing", None) and "possible from" not in no_date.message
    assert status(tmp_path, "s5.care-order-discharge", case={**LOW_HOME, "legal_status": "section-20"},
                  factors=FULL_LOW)[0] == "not-applicable"
    assert status(tmp_path, "s5.care-order-discharge")[0] == "not-applicable"  # not home yet


def test_s5_closure_possible_from_the_low_to_close_date_never_due(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "at least six months ... Any withdrawal of support should be tapered and gradual":
    a minimum, not a
    deadline (docs/practice-rules.md, "Minimums are not deadlines"). Missing until the outcome is recorded, on either side
    of the date."""
    assert status(tmp_path, "s5.closure", case=returned()) == ("missing", None)
    for as_of in (D(2026, 7, 1), D(2026, 7, 6)):
        got = task(tmp_path, "s5.closure", case=LOW_HOME, factors=FULL_LOW, as_of=as_of)
        assert (got.status, got.due) == ("missing", None)
        assert got.message.startswith(f"Closure possible from {LOW_TO_CLOSE} (at least six months at low; taper "
                                      "support)")
    closed = {**LOW_HOME, "outcome": {"status": "reunified", "date": D(2026, 7, 10), "reason": "low risk held"}}
    got = task(tmp_path, "s5.closure", case=closed, factors=FULL_LOW, as_of=D(2026, 8, 1))
    assert got.status == "done" and got.warnings == ()


def test_s5_closure_reunified_before_the_low_to_close_date_is_a_warning(tmp_path: Path) -> None:
    early = {**LOW_HOME, "outcome": {"status": "reunified", "date": D(2026, 5, 1), "reason": "x"}}
    got = task(tmp_path, "s5.closure", case=early, factors=FULL_LOW, as_of=D(2026, 8, 1))
    assert got.status == "done" and "before the low-to-close date" in got.warnings[0]
    no_reason = {**LOW_HOME, "outcome": {"status": "exited", "date": D(2026, 5, 1)}}
    assert status(tmp_path, "s5.closure", case=no_reason, as_of=D(2026, 8, 1))[0] == "missing"
    part_way = {**LOW_HOME, "outcome": {"status": "exited", "date": D(2026, 5, 1), "reason": "moved area"}}
    assert task(tmp_path, "s5.closure", case=part_way, as_of=D(2026, 8, 1)).warnings == ()


# ------------------------------------------------------------------------------------ stages and order
def test_current_stage_moves_past_by_decisions_and_return(tmp_path: Path) -> None:
    """docs/practice-rules.md, "The checklist, stage by stage": Decision 1 -> past stage 1; Decision 2 -> past 2; return ->
    5; Decision 3 is
    stage 4's first task, not its end."""
    def stage(**case) -> int:
        return result_of(tmp_path, case=case).stage

    assert stage() == 1
    assert stage(decisions=[decision("1", D(2026, 1, 1))]) == 2
    assert stage(decisions=[decision("2", D(2026, 1, 1))]) == 3
    d3 = decision("3", D(2026, 1, 1), outcome="proceed", ratified_by="Chris")
    assert stage(decisions=[decision("2", D(2025, 12, 1)), d3]) == 3
    assert stage(return_home={"date": D(2026, 1, 1)}) == 5
    assert stage(decisions=[decision("emergency-placed-with-parents", D(2026, 1, 1), role="head-of-service")]) == 1


def test_return_before_decision_3_and_cpag_are_order_alerts(tmp_path: Path) -> None:
    """Detailed Reunification Workflow's sequence: Decision 3 (ratified), CPAG and the corporate director's agreement, then
    return home."""
    alerts = result_of(tmp_path, case=returned()).alerts
    assert [a.id for a in alerts] == ["return-before-decision-3", "return-before-cpag"]
    assert alerts[0].date == D(2026, 1, 5)
    in_order = returned(decisions=[decision("3", D(2025, 12, 1), outcome="proceed", ratified_by="Chris"),
                                   decision("cpag", D(2025, 12, 20), role="corporate-director", outcome="proceed")])
    assert result_of(tmp_path, case=in_order).alerts == []
    assert result_of(tmp_path).alerts == []  # not home: nothing out of order yet


def test_return_before_decision_3_counts_from_its_ratification(tmp_path: Path) -> None:
    """docs/practice-rules.md: Decision 3 is complete on its ratified_on (or its date, ratified in the same entry)."""
    late = returned(decisions=[decision("3", D(2025, 12, 1), outcome="proceed", ratified_by="Chris",
                                        ratified_on=D(2026, 1, 10)),
                               decision("cpag", D(2025, 12, 20), role="corporate-director", outcome="proceed")])
    assert [a.id for a in result_of(tmp_path, case=late).alerts] == ["return-before-decision-3"]
    unratified = returned(decisions=[decision("3", D(2025, 12, 1), outcome="proceed"),
                                     decision("cpag", D(2025, 12, 20), role="corporate-director", outcome="proceed")])
    assert [a.id for a in result_of(tmp_path, case=unratified).alerts] == ["return-before-decision-3"]


def test_return_before_cpag_needs_the_corporate_director(tmp_path: Path) -> None:
    d3 = decision("3", D(2025, 12, 1), outcome="proceed", ratified_by="Chris")
    panel_only = returned(decisions=[d3], meetings=[meeting("cpag", D(2025, 12, 15))])
    assert [a.id for a in result_of(tmp_path, case=panel_only).alerts] == ["return-before-cpag"]
    after = returned(decisions=[d3, decision("cpag", D(2026, 1, 20), role="corporate-director", outcome="proceed")])
    assert [a.id for a in result_of(tmp_path, case=after).alerts] == ["return-before-cpag"]


def test_next_actions_put_overdue_first(tmp_path: Path) -> None:
    assert next_actions(result_of(tmp_path, case=returned(), as_of=D(2026, 8, 1)))[0].status == "overdue"


def test_trigger_prompts_in_the_checklist(tmp_path: Path) -> None:
    """Revisiting Risk in an Informed Way: "Specific trigger points: CLA review, Updated assessment, Change of behaviour,
    Missing episodes,
    Approaching leaving care age"."""
    genogram = {**GENOGRAM, "people": [{"id": "amy", "name": "Amy", "born": D(2008, 12, 1)}, *GENOGRAM["people"][1:]]}
    case = {"classifications": [rc("RC1", D(2026, 1, 1), "medium")],
            "meetings": [meeting("cic-review", D(2026, 3, 1))]}
    factors = {**FULL_LOW, "assessed": D(2026, 4, 1), "risk_factors": [rf("a", "re-emerged")],
               "protective_factors": [pf("p")]}
    result = result_of(tmp_path, case=case, factors=factors, genogram=genogram)
    assert {p.rule for p in result.prompts} == {"trigger-cla-review", "trigger-updated-assessment",
                                                "trigger-leaving-care-age"}
