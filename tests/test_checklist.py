"""The workflow checklist (002, 003, 004): each task in its statuses, stages, timings, not-applicable branches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reunify.case.settings import Settings
from reunify.framework.checklist import checklist, next_actions
from tests.conftest import AS_OF, EXAMPLE_CASES, load, write_case
from tests.test_classification import FULL_LOW, pf, rf

D = dt.date
JUNE_2026 = D(2026, 6, 1)
ALL_IDS = [
    "s1.decision-1", "s1.assessment-planning", "s1.child-seen-alone", "s1.trusted-adult", "s1.chronology",
    "s1.genogram", "s1.police-checks", "s1.mid-point-supervision", "s1.assessment",
    "s2.rc1", "s2.decision-2", "s2.classification-shared", "s2.permanence",
    "s3.reunification-planning", "s3.agreement", "s3.goal-reviews", "s3.contingency", "s3.support", "s3.child-views",
    "s4.rc2", "s4.agreement-updated", "s4.decision-3", "s4.planning-review", "s4.reunification-plan", "s4.cpag",
    "s5.return-home", "s5.visits", "s5.rc3", "s5.support-12-months", "s5.team-around-child", "s5.closure",
]
GENOGRAM = {
    "people": [{"id": "amy", "name": "Amy", "born": D(2015, 1, 1), "household": True},
               {"id": "mum", "name": "Mum", "born": D(1990, 1, 1), "household": True, "police_check": D(2025, 1, 1)},
               {"id": "dad", "name": "Dad", "born": D(1988, 1, 1)}],
    "unions": [{"partners": ["mum", "dad"], "children": ["amy"]}],
}


def tasks(tmp_path: Path, as_of: D = JUNE_2026, settings: Settings | None = None, name: str = "c",
          **files) -> dict[str, tuple]:
    files.setdefault("genogram", GENOGRAM)
    result = checklist(load(write_case(tmp_path / name, **files)), as_of, settings or Settings())
    return {t.id: (t.status, t.due) for t in result.tasks}


def status(tmp_path: Path, task: str, **kw) -> tuple:
    return tasks(tmp_path, **kw)[task]


def test_every_task_is_listed_for_every_case(tmp_path: Path) -> None:
    assert list(tasks(tmp_path)) == ALL_IDS
    for case in EXAMPLE_CASES:
        assert [t.id for t in checklist(load(case), AS_OF, Settings()).tasks] == ALL_IDS


def test_example_cases_are_at_stages_1_3_and_5() -> None:
    stages = {c.name: checklist(load(c), AS_OF, Settings()).stage for c in EXAMPLE_CASES}
    assert stages == {"RU-2026-0311": 1, "RU-2025-0142": 3, "RU-2025-0087": 5}


def test_decision_1(tmp_path: Path) -> None:
    assert status(tmp_path, "s1.decision-1", name="a") == ("missing", None)
    d1 = {"decisions": [{"decision": "1", "date": D(2026, 1, 1), "by": "Jo"}]}
    assert status(tmp_path, "s1.decision-1", name="b", case=d1) == ("done", None)
    later = {"decisions": [{"decision": "1", "date": D(2026, 7, 1), "by": "Jo"}]}  # after as-of: not done
    assert status(tmp_path, "s1.decision-1", name="c", case=later) == ("missing", None)
    emergency = {"decisions": [{"decision": "emergency-placed-with-parents", "date": D(2026, 1, 1), "by": "Chris",
                                "role": "head-of-service"}]}
    assert status(tmp_path, "s1.decision-1", name="d", case=emergency) == ("done", None)
    emergency["decisions"][0]["role"] = "team-manager"
    assert status(tmp_path, "s1.decision-1", name="e", case=emergency) == ("missing", None)


@pytest.mark.parametrize(("task", "kind"), [("s1.assessment-planning", "assessment-planning"),
                                            ("s1.child-seen-alone", "child-seen-alone"),
                                            ("s1.mid-point-supervision", "mid-point-supervision"),
                                            ("s3.reunification-planning", "reunification-planning")])
def test_meeting_tasks(tmp_path: Path, task: str, kind: str) -> None:
    assert status(tmp_path, task, name="a")[0] == "missing"
    meeting = {"meetings": [{"kind": kind, "date": D(2026, 2, 1)}]}
    assert status(tmp_path, task, name="b", case=meeting)[0] == "done"


def test_trusted_adult_and_chronology(tmp_path: Path) -> None:
    assert status(tmp_path, "s1.trusted-adult", name="a") == ("missing", None)
    assert status(tmp_path, "s1.trusted-adult", name="b", case={"trusted_adult": "Aunt Jo"}) == ("done", None)
    entry = {"date": D(2025, 1, 1), "event": "x", "source": "police", "significance": "high"}
    assert status(tmp_path, "s1.chronology", name="c")[0] == "missing"
    assert status(tmp_path, "s1.chronology", name="d", chronology={"entries": [entry]})[0] == "missing"
    assert status(tmp_path, "s1.chronology", name="e", chronology={"entries": [{**entry, "analysis": "y"}]})[0] == "done"


def test_genogram_needs_the_child_and_a_parent(tmp_path: Path) -> None:
    assert status(tmp_path, "s1.genogram", name="a")[0] == "done"
    orphan = {"people": [{"id": "amy", "name": "Amy"}]}
    assert status(tmp_path, "s1.genogram", name="b", genogram=orphan)[0] == "missing"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(D(2026, 3, 13), "done"), (D(2026, 3, 14), "missing")],  # Sam turns 16 on 2026-03-14
)
def test_police_checks_from_the_16th_birthday(tmp_path: Path, as_of: D, expected: str) -> None:
    genogram = {**GENOGRAM, "people": [*GENOGRAM["people"],
                                       {"id": "sam", "name": "Sam", "born": D(2010, 3, 14), "household": True}]}
    assert status(tmp_path, "s1.police-checks", genogram=genogram, as_of=as_of)[0] == expected


def test_police_checks_unknown_age_is_not_assumed_young(tmp_path: Path) -> None:
    genogram = {**GENOGRAM, "people": [*GENOGRAM["people"], {"id": "lodger", "name": "Lodger", "household": True}]}
    result = checklist(load(write_case(tmp_path / "c", genogram=genogram)), D(2026, 6, 1), Settings())
    task = next(t for t in result.tasks if t.id == "s1.police-checks")
    assert task.status == "missing" and "age unknown for Lodger" in task.message


def test_assessment(tmp_path: Path) -> None:
    assert status(tmp_path, "s1.assessment", name="a")[0] == "missing"
    done = {"assessment": {"completed": D(2026, 3, 1), "signed_off_by": "Jo"}}
    assert status(tmp_path, "s1.assessment", name="b", case=done, factors=FULL_LOW)[0] == "done"
    assert status(tmp_path, "s1.assessment", name="c", case=done)[0] == "missing"  # no factors


def test_stage_2_tasks(tmp_path: Path) -> None:
    base = tasks(tmp_path, name="a")
    assert base["s2.rc1"][0] == base["s2.decision-2"][0] == base["s2.classification-shared"][0] == "missing"
    assert base["s2.permanence"][0] == "not-applicable"
    case = {"classifications": [{"label": "RC1", "date": D(2026, 2, 1), "level": "high"}],
            "decisions": [{"decision": "2", "date": D(2026, 2, 1), "by": "Alex", "role": "service-manager"}],
            "meetings": [{"kind": "classification-shared", "date": D(2026, 2, 10)}]}
    got = tasks(tmp_path, name="b", case=case)
    assert got["s2.rc1"][0] == got["s2.decision-2"][0] == got["s2.classification-shared"][0] == "done"
    assert got["s2.permanence"][0] == "missing"  # high: begin concurrent planning
    assert tasks(tmp_path, name="c", case=case, contingency={"permanence": "SGO with aunt"})["s2.permanence"][0] == \
        "done"
    early = {**case, "meetings": [{"kind": "classification-shared", "date": D(2026, 1, 10)}]}
    assert tasks(tmp_path, name="d", case=early)["s2.classification-shared"][0] == "missing"


def test_not_pursued_makes_stages_3_to_5_not_applicable(tmp_path: Path) -> None:
    case = {"decisions": [{"decision": "1", "date": D(2026, 1, 1), "by": "Jo"},
                          {"decision": "2", "date": D(2026, 2, 1), "by": "Alex", "role": "service-manager",
                           "outcome": "do-not-proceed"}]}
    result = checklist(load(write_case(tmp_path / "c", case=case, genogram=GENOGRAM)), D(2026, 6, 1), Settings())
    later = [t for t in result.tasks if t.stage >= 3]
    assert {t.status for t in later} == {"not-applicable"}
    assert all(t.message == "reunification not being pursued" for t in later)
    assert next(t for t in result.tasks if t.id == "s2.permanence").status == "missing"
    assert result.stage == 2 and not result.pursued


def smart_agreement(**changes) -> dict:
    goal = {"id": "g1", "goal": "Stop drinking", "measure": "tests", "agreed": True, "realistic": True,
            "due": D(2026, 4, 1), "owner": "mum"}
    agreement = {"id": "pa", "made": D(2026, 1, 1), "objectives": ["home"], "goals": [goal],
                 "review_every_weeks": 6, "consequences": "plan paused", "signed": D(2026, 1, 1)}
    return {"agreements": [{**agreement, **changes}]}


def test_agreement_smart(tmp_path: Path) -> None:
    assert status(tmp_path, "s3.agreement", name="a")[0] == "missing"
    assert status(tmp_path, "s3.agreement", name="b", agreements=smart_agreement())[0] == "done"
    not_smart = smart_agreement(goals=[{"id": "g1", "goal": "Do better"}])
    assert status(tmp_path, "s3.agreement", name="c", agreements=not_smart)[0] == "missing"
    unsigned = smart_agreement(signed=D(2026, 9, 1))
    assert status(tmp_path, "s3.agreement", name="d", agreements=unsigned)[0] == "missing"


def test_goal_reviews(tmp_path: Path) -> None:
    agreements = smart_agreement()
    assert status(tmp_path, "s3.goal-reviews", name="a", agreements=agreements, as_of=D(2026, 3, 1)) == (
        "due", D(2026, 4, 1))
    assert status(tmp_path, "s3.goal-reviews", name="b", agreements=agreements, as_of=D(2026, 4, 2)) == (
        "overdue", D(2026, 4, 1))
    agreements["agreements"][0]["goals"][0]["reviews"] = [{"date": D(2026, 4, 1), "progress": "achieved"}]
    assert status(tmp_path, "s3.goal-reviews", name="c", agreements=agreements, as_of=D(2026, 4, 2)) == ("done", None)


def test_contingency_must_reach_the_parents(tmp_path: Path) -> None:
    plan = {"shared_with": ["mum"], "shared_on": D(2026, 2, 1), "permanence": "SGO",
            "stages": [{"stage": 1, "actions": [{"who": "SW", "what": "visit", "when": "24h"}]}]}
    assert status(tmp_path, "s3.contingency", name="a", contingency=plan)[0] == "missing"  # dad not told
    assert status(tmp_path, "s3.contingency", name="b", contingency={**plan, "shared_with": ["mum", "dad"]})[0] == "done"
    vague = {**plan, "shared_with": ["mum", "dad"], "stages": [{"stage": 1, "actions": [{"who": "SW"}]}]}
    assert status(tmp_path, "s3.contingency", name="c", contingency=vague)[0] == "missing"


def test_support_and_child_views(tmp_path: Path) -> None:
    assert status(tmp_path, "s3.support", name="a")[0] == "missing"
    assert status(tmp_path, "s3.support", name="b", plan={"support": [{"service": "X"}]})[0] == "done"
    too_young = {**FULL_LOW, "wishes": {"parents": "wants-return", "child": "too-young"}}
    assert status(tmp_path, "s3.child-views", name="c", factors=too_young)[0] == "not-applicable"
    assert status(tmp_path, "s3.child-views", name="d", factors=FULL_LOW)[0] == "missing"
    views = {**FULL_LOW, "wishes": {**FULL_LOW["wishes"], "child_views": "I want to go home"}}
    assert status(tmp_path, "s3.child-views", name="e", factors=views)[0] == "done"


def test_rc2_not_applicable_after_a_low_rc1(tmp_path: Path) -> None:
    low = {"classifications": [{"label": "RC1", "date": D(2026, 1, 1), "level": "low"}]}
    got = tasks(tmp_path, name="a", case=low)
    assert got["s4.rc2"][0] == "not-applicable" and got["s4.agreement-updated"][0] == "not-applicable"
    medium = {"classifications": [{"label": "RC1", "date": D(2026, 1, 1), "level": "medium"}]}
    assert tasks(tmp_path, name="b", case=medium)["s4.rc2"][0] == "missing"
    both = {"classifications": [*medium["classifications"], {"label": "RC2", "date": D(2026, 4, 1), "level": "low"}]}
    got = tasks(tmp_path, name="c", case=both, agreements=smart_agreement())
    assert got["s4.rc2"][0] == "done" and got["s4.agreement-updated"][0] == "missing"
    updated = smart_agreement(made=D(2026, 4, 20))
    assert tasks(tmp_path, name="d", case=both, agreements=updated)["s4.agreement-updated"][0] == "done"


def test_decision_3_needs_ratification_and_warns_after_high(tmp_path: Path) -> None:
    history = [{"label": "RC1", "date": D(2025, 6, 1), "level": "high"},
               {"label": "RC2", "date": D(2025, 12, 1), "level": "medium"}]
    d3 = {"decision": "3", "date": D(2026, 1, 10), "by": "Alex", "outcome": "proceed"}
    got = checklist(load(write_case(tmp_path / "a", case={"classifications": history, "decisions": [d3]},
                                    genogram=GENOGRAM)), D(2026, 6, 1), Settings())
    assert next(t for t in got.tasks if t.id == "s4.decision-3").status == "missing"
    ratified = {**d3, "ratified_by": "Chris"}
    got = checklist(load(write_case(tmp_path / "b", case={"classifications": history, "decisions": [ratified]},
                                    genogram=GENOGRAM)), D(2026, 6, 1), Settings())
    task = next(t for t in got.tasks if t.id == "s4.decision-3")
    assert task.status == "done" and "six months" in task.warning


@pytest.mark.parametrize(("as_of", "expected"), [(D(2026, 2, 28), "due"), (D(2026, 3, 1), "overdue")])
def test_planning_review_three_months_clamped(tmp_path: Path, as_of: D, expected: str) -> None:
    case = {"meetings": [{"kind": "reunification-planning", "date": D(2025, 11, 30)}]}
    assert status(tmp_path, "s4.planning-review", case=case, as_of=as_of) == (expected, D(2026, 2, 28))


def test_planning_review_done_and_missing(tmp_path: Path) -> None:
    assert status(tmp_path, "s4.planning-review", name="a")[0] == "missing"
    case = {"meetings": [{"kind": "reunification-planning", "date": D(2026, 1, 10)},
                         {"kind": "reunification-planning-review", "date": D(2026, 3, 10)}]}
    assert status(tmp_path, "s4.planning-review", name="b", case=case)[0] == "done"


def test_reunification_plan_and_cpag(tmp_path: Path) -> None:
    assert status(tmp_path, "s4.reunification-plan", name="a", plan={"transition": "x"})[0] == "missing"
    plan = {"transition": "x", "contact": [{"from": D(2026, 1, 1), "pattern": "weekends"}]}
    assert status(tmp_path, "s4.reunification-plan", name="b", plan=plan)[0] == "done"
    assert status(tmp_path, "s4.cpag", name="c")[0] == "missing"
    cpag = {"decisions": [{"decision": "cpag", "date": D(2026, 2, 1), "by": "Dir", "role": "corporate-director"}]}
    assert status(tmp_path, "s4.cpag", name="d", case=cpag)[0] == "done"


def test_return_home(tmp_path: Path) -> None:
    assert status(tmp_path, "s5.return-home", name="a")[0] == "missing"
    planned = {"return_home": {"date": D(2026, 7, 1)}}
    assert status(tmp_path, "s5.return-home", name="b", case=planned) == ("due", D(2026, 7, 1))
    assert status(tmp_path, "s5.return-home", name="c", case=planned, as_of=D(2026, 7, 1)) == ("done", None)


def returned(**extra) -> dict:
    return {"return_home": {"date": D(2026, 1, 5)}, **extra}


def test_visits_first_within_a_week_then_by_legal_status(tmp_path: Path) -> None:
    assert status(tmp_path, "s5.visits", name="a") == ("missing", None)
    assert status(tmp_path, "s5.visits", name="b", case=returned(), as_of=D(2026, 1, 12)) == ("due", D(2026, 1, 12))
    assert status(tmp_path, "s5.visits", name="c", case=returned(), as_of=D(2026, 1, 13)) == (
        "overdue", D(2026, 1, 12))
    visit = {"date": D(2026, 1, 9), "announced": False, "seen_alone": True}
    care_order = returned(visits=[visit])  # care-order: six weeks between visits
    assert status(tmp_path, "s5.visits", name="d", case=care_order) == ("overdue", D(2026, 2, 20))
    interim = {**care_order, "legal_status": "interim-care-order"}  # weekly until the first review
    assert status(tmp_path, "s5.visits", name="e", case=interim, as_of=D(2026, 1, 12)) == ("due", D(2026, 1, 16))


def test_visit_interval_from_settings(tmp_path: Path) -> None:
    from reunify.case.settings import Visiting

    custom = Settings(visiting={"default": Visiting(3, 14, 14), "care-order": Visiting(3, 14, 14)})
    got = status(tmp_path, "s5.visits", case=returned(), settings=custom, as_of=D(2026, 1, 6))
    assert got == ("due", D(2026, 1, 8))


def test_rc3_and_team_around_child(tmp_path: Path) -> None:
    assert status(tmp_path, "s5.rc3", name="a", case=returned(), as_of=D(2026, 7, 5)) == ("due", D(2026, 7, 5))
    assert status(tmp_path, "s5.rc3", name="b", case=returned(), as_of=D(2026, 7, 6)) == ("overdue", D(2026, 7, 5))
    rc3 = returned(classifications=[{"label": "RC3", "date": D(2026, 7, 5), "level": "low"}])
    assert status(tmp_path, "s5.rc3", name="c", case=rc3, as_of=D(2026, 8, 1)) == ("done", None)
    assert status(tmp_path, "s5.team-around-child", name="d", case=returned(), as_of=D(2026, 4, 6)) == (
        "overdue", D(2026, 4, 5))
    tac = returned(meetings=[{"kind": "team-around-child", "date": D(2026, 3, 31)}])
    assert status(tmp_path, "s5.team-around-child", name="e", case=tac, as_of=D(2026, 4, 6)) == ("due", D(2026, 6, 30))


def test_support_twelve_months_after_return(tmp_path: Path) -> None:
    short = {"support": [{"service": "A", "end": D(2026, 12, 31)}]}
    assert status(tmp_path, "s5.support-12-months", name="a", case=returned(), plan=short)[0] == "missing"
    long = {"support": [{"service": "A", "end": D(2026, 12, 31)}, {"service": "B", "end": D(2027, 1, 5)}]}
    result = checklist(load(write_case(tmp_path / "b", case=returned(), plan=long, genogram=GENOGRAM)),
                       D(2026, 6, 1), Settings())
    task = next(t for t in result.tasks if t.id == "s5.support-12-months")
    assert task.status == "done" and task.warning == "ends before 2027-01-05: A"


def test_closure_needs_six_months_of_low(tmp_path: Path) -> None:
    history = [{"label": "RC1", "date": D(2026, 1, 1), "level": "low"}]
    early = returned(classifications=history, outcome={"status": "reunified", "date": D(2026, 5, 1)})
    assert status(tmp_path, "s5.closure", name="a", case=early)[0] == "missing"
    ok = returned(classifications=history, outcome={"status": "reunified", "date": D(2026, 7, 1)})
    assert status(tmp_path, "s5.closure", name="b", case=ok, as_of=D(2026, 7, 1))[0] == "done"
    assert status(tmp_path, "s5.closure", name="c", case=returned())[0] == "missing"


def test_current_stage_moves_past_by_decisions(tmp_path: Path) -> None:
    def stage(name: str, **case) -> int:
        return checklist(load(write_case(tmp_path / name, case=case, genogram=GENOGRAM)), D(2026, 6, 1),
                         Settings()).stage

    assert stage("a") == 1
    assert stage("b", decisions=[{"decision": "1", "date": D(2026, 1, 1), "by": "Jo"}]) == 2
    assert stage("c", decisions=[{"decision": "2", "date": D(2026, 1, 1), "by": "Al"}]) == 3
    assert stage("d", decisions=[{"decision": "3", "date": D(2026, 1, 1), "by": "Al"}]) == 5
    assert stage("e", return_home={"date": D(2026, 1, 1)}) == 5


def test_next_actions_put_overdue_first(tmp_path: Path) -> None:
    result = checklist(load(write_case(tmp_path / "c", case=returned(), genogram=GENOGRAM)), D(2026, 8, 1), Settings())
    first = next_actions(result)[0]
    assert first.status == "overdue"


def test_trigger_prompts(tmp_path: Path) -> None:
    genogram = {**GENOGRAM, "people": [{"id": "amy", "name": "Amy", "born": D(2008, 12, 1)}, *GENOGRAM["people"][1:]]}
    case = {"classifications": [{"label": "RC1", "date": D(2026, 1, 1), "level": "medium"}],
            "meetings": [{"kind": "cic-review", "date": D(2026, 3, 1)}]}
    factors = {**FULL_LOW, "assessed": D(2026, 4, 1), "risk_factors": [rf("a", "re-emerged")],
               "protective_factors": [pf("p")]}
    result = checklist(load(write_case(tmp_path / "c", case=case, factors=factors, genogram=genogram)),
                       D(2026, 6, 1), Settings())
    assert {p.trigger for p in result.prompts} == {"cic-review", "updated-assessment", "leaving-care-age"}
