"""The practice audit questions (Best Practice Guide, Multi-agency audit): when each applies and when it is met."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reunify.case.settings import Settings
from reunify.framework.audit import QUESTIONS, ask_all
from tests.builders import FULL_LOW, GENOGRAM, ids, pf, rf
from tests.conftest import load, write_case

D = dt.date
AS_OF = D(2026, 6, 1)
IDS = ids("audit")
# Decision 2 recorded: the case is at stage 3, where contingency planning begins (docs/practice-rules.md, "Audit questions").
STAGE_3 = {"decisions": [{"decision": "2", "date": D(2026, 1, 5), "by": "Alex", "role": "service-manager",
                          "outcome": "proceed"}]}


def answers(tmp_path: Path, name: str = "c", **files) -> dict[str, tuple]:
    files.setdefault("genogram", GENOGRAM)
    case = load(write_case(tmp_path / name, **files))
    return {q.id: (a.applies, a.met) for q, a in zip(QUESTIONS, ask_all(case, AS_OF, Settings()), strict=True)}


def test_question_ids_are_stable_and_sourced() -> None:
    assert IDS == ["contingency-covers-risks", "contingency-who-what-when", "alternative-care-viable",
                   "historical-risks-in-plan", "baby-safety", "support-sustained", "family-involved",
                   "agencies-involved", "plan-reviewed", "criminal-investigation", "child-voice",
                   "support-matches-risk", "contingency-reviewed"]
    assert all(q.source and q.question.endswith("?") for q in QUESTIONS)


def test_an_empty_case_is_left_out_of_most_questions_and_a_missing_file_is_not_met(tmp_path: Path) -> None:
    """docs/practice-rules.md, "Audit questions": a missing file is not met; applicability never rests on the file itself."""
    got = answers(tmp_path)
    assert {k: v for k, v in got.items() if v[0]} == {"child-voice": (True, False)}
    got = answers(tmp_path, "d2", case=STAGE_3)
    assert {k: v for k, v in got.items() if v[0]} == {
        "contingency-who-what-when": (True, False), "alternative-care-viable": (True, False),
        "child-voice": (True, False), "family-involved": (True, False), "agencies-involved": (True, False)}


def test_contingency_covers_risks_of_any_status(tmp_path: Path) -> None:
    """Multi-agency audit: plans "detail each identified risk alongside the specific actions necessary should those risks
    emerge"; no plan is not met."""
    factors = {**FULL_LOW, "risk_factors": [rf("dv", "addressed"), rf("drugs", "being-addressed")]}
    partial = {"stages": [{"stage": 1, "factors": ["drugs"], "actions": [{"who": "SW", "what": "visit", "when": "1d"}]}]}
    assert answers(tmp_path, "a", case=STAGE_3, factors=factors, contingency=partial)["contingency-covers-risks"] == (True, False)
    full = {"stages": [{**partial["stages"][0], "factors": ["drugs", "dv"]}]}
    assert answers(tmp_path, "b", case=STAGE_3, factors=factors, contingency=full)["contingency-covers-risks"] == (True, True)
    assert answers(tmp_path, "c", case=STAGE_3, factors=factors)["contingency-covers-risks"] == (True, False)


def test_contingency_who_what_when_and_alternative_care_viable(tmp_path: Path) -> None:
    """Multi-agency audit: plans say "who ... are responsible for which actions within defined timescales" and "detail viable
    options for alternative care arrangements"."""
    vague = {"stages": [{"stage": 1, "actions": [{"who": "SW", "what": "visit"}]}],
             "alternative_care": [{"carer": "aunt", "viability_checked": D(2026, 9, 1)}]}  # checked after as-of
    got = answers(tmp_path, "a", case=STAGE_3, contingency=vague)
    assert got["contingency-who-what-when"] == (True, False)
    assert got["alternative-care-viable"] == (True, False)
    clear = {"stages": [{"stage": 1, "actions": [{"who": "SW", "what": "visit", "when": "24h"}]}],
             "alternative_care": [{"carer": "aunt", "viability_checked": D(2026, 5, 1)}]}
    got = answers(tmp_path, "b", case=STAGE_3, contingency=clear)
    assert got["contingency-who-what-when"] == (True, True) and got["alternative-care-viable"] == (True, True)


def test_historical_risks_in_plan(tmp_path: Path) -> None:
    """Best Practice Guide: "Historical risks which may re-emerge are included in intervention and support plans"."""
    factors = {**FULL_LOW, "risk_factors": [rf("old", "addressed", historical=True)]}
    assert answers(tmp_path, "a", factors=factors)["historical-risks-in-plan"] == (True, False)
    plan = {"support": [{"service": "X", "factors": ["old"]}]}
    assert answers(tmp_path, "b", factors=factors, plan=plan)["historical-risks-in-plan"] == (True, True)


@pytest.mark.parametrize(("born", "applies"), [(D(2023, 6, 2), True), (D(2023, 6, 1), False)])
def test_baby_safety_applies_under_three(tmp_path: Path, born: D, applies: bool) -> None:
    """Best Practice Guide: safety plans detail "the specific risks and vulnerabilities surrounding babies and toddlers"."""
    genogram = {**GENOGRAM, "people": [{"id": "amy", "name": "Amy", "born": born}, *GENOGRAM["people"][1:]]}
    assert answers(tmp_path, genogram=genogram)["baby-safety"] == (applies, False)


def test_support_sustained_and_support_matches_risk(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Support services should continue for at least 12 months post reunification";
    Multi-agency audit: support
    "consistent with the level of risk identified"."""
    case = {"return_home": {"date": D(2026, 1, 1)}}
    short = {"support": [{"service": "X", "end": D(2026, 12, 31), "factors": ["dv"]}]}
    factors = {**FULL_LOW, "risk_factors": [rf("dv", "being-addressed")]}
    got = answers(tmp_path, "a", case=case, plan=short, factors=factors)
    assert got["support-sustained"] == (True, False) and got["support-matches-risk"] == (True, True)
    got = answers(tmp_path, "b", case=case, plan={"support": [{"service": "X"}]}, factors=factors)
    assert got["support-sustained"] == (True, True) and got["support-matches-risk"] == (True, False)
    planned = {"return_home": {"date": D(2026, 7, 1)}}  # after as-of: not home yet
    assert answers(tmp_path, "c", case=planned, plan=short)["support-sustained"] == (False, False)


DECIDED = {"decisions": [{"decision": "2", "date": D(2026, 2, 1), "by": "Al", "outcome": "proceed"}]}


def test_family_involved(tmp_path: Path) -> None:
    """Multi-agency audit: "The involvement of parents and children, family members ... in planning for reunification"; applies
    once Decision 2 to proceed is recorded; an FGC without a parent does not count."""
    assert answers(tmp_path, "a", case=DECIDED)["family-involved"] == (True, False)
    with_parents = {**DECIDED, "meetings": [{"kind": "reunification-planning", "date": D(2026, 3, 1),
                                            "attendees": ["Sam", "mum"]}]}
    assert answers(tmp_path, "b", case=with_parents)["family-involved"] == (True, True)
    by_name = {**DECIDED, "meetings": [{"kind": "fgc", "date": D(2026, 3, 1), "attendees": ["Dad"]}]}
    assert answers(tmp_path, "c", case=by_name)["family-involved"] == (True, True)
    without_family = {**DECIDED, "meetings": [{"kind": "fgc", "date": D(2026, 3, 1), "attendees": ["Coordinator"]}]}
    assert answers(tmp_path, "d", case=without_family)["family-involved"] == (True, False)
    not_yet = {"decisions": [{**DECIDED["decisions"][0], "outcome": "do-not-proceed"}]}
    assert answers(tmp_path, "e", case=not_yet)["family-involved"] == (False, False)


def test_agencies_involved(tmp_path: Path) -> None:
    """Multi-agency audit: "Involving all necessary agencies in reunification planning meetings"."""
    assert answers(tmp_path, "a", case=DECIDED)["agencies-involved"] == (True, False)
    met = {**DECIDED, "meetings": [{"kind": "reunification-planning-review", "date": D(2026, 3, 1),
                                   "agencies": ["health visitor"]}]}
    assert answers(tmp_path, "b", case=met)["agencies-involved"] == (True, True)
    other = {**DECIDED, "meetings": [{"kind": "cic-review", "date": D(2026, 3, 1), "agencies": ["school"]}]}
    assert answers(tmp_path, "c", case=other)["agencies-involved"] == (True, False)
    assert answers(tmp_path, "d")["agencies-involved"] == (False, False)


def planning(*reviews: D, **extra) -> dict:
    return {"meetings": [{"kind": "reunification-planning", "date": D(2026, 1, 10), "attendees": ["mum"]},
                         *({"kind": "team-around-child", "date": d, "attendees": ["mum"]} for d in reviews)], **extra}


def test_plan_reviewed_with_a_parent_every_three_months(tmp_path: Path) -> None:
    """Best Practice Guide: "There is active and regular review by practitioners, their managers and families"; every
    plan_review_every_months (default 3: ours), applying once the first review is due."""
    assert answers(tmp_path, "a", case=planning(D(2026, 4, 1), D(2026, 5, 20)))["plan-reviewed"] == (True, True)
    assert answers(tmp_path, "b", case=planning(D(2026, 4, 1)))["plan-reviewed"] == (True, True)
    assert answers(tmp_path, "c", case=planning(D(2026, 2, 1)))["plan-reviewed"] == (True, False)  # none since
    assert answers(tmp_path, "d", case=planning())["plan-reviewed"] == (True, False)
    no_parent = planning()
    no_parent["meetings"].append({"kind": "cic-review", "date": D(2026, 4, 1), "attendees": ["IRO"]})
    assert answers(tmp_path, "e", case=no_parent)["plan-reviewed"] == (True, False)
    recent = {"meetings": [{"kind": "reunification-planning", "date": D(2026, 3, 10)}]}
    assert answers(tmp_path, "f", case=recent)["plan-reviewed"] == (False, False)  # first review not yet due


def test_criminal_investigation(tmp_path: Path) -> None:
    """Best Practice Guide: police position, rationale, and "A sustainability plan is written, with oversight from a manager"."""
    open_case = {"criminal_investigation": {"open": True, "police_position_checked": D(2026, 5, 1),
                                            "rationale": "Police content; no charge expected"}}
    assert answers(tmp_path, "a", contingency=open_case)["criminal-investigation"] == (True, False)
    open_case["criminal_investigation"] |= {"sustainability_plan": "plan", "sustainability_oversight_by": "Jo"}
    assert answers(tmp_path, "b", contingency=open_case)["criminal-investigation"] == (True, True)
    closed = {"criminal_investigation": {"open": False}}
    assert answers(tmp_path, "c", contingency=closed)["criminal-investigation"] == (False, False)


def test_contingency_reviewed_after_latest_classification_and_new_risks(tmp_path: Path) -> None:
    """Best Practice Guide: reviewed "particularly when risk and vulnerability increases or decreases, when completely new
    concerns
    emerge"; no plan at all is not met."""
    case = {**STAGE_3, "classifications": [{"label": "RC1", "date": D(2026, 3, 1), "level": "medium"}]}
    stale = {"reviewed": D(2026, 2, 1)}
    assert answers(tmp_path, "a", case=case, contingency=stale)["contingency-reviewed"] == (True, False)
    assert answers(tmp_path, "b", case=case, contingency={"reviewed": D(2026, 3, 2)})["contingency-reviewed"] == (
        True, True)
    assert answers(tmp_path, "c", case=case)["contingency-reviewed"] == (True, False)
    new = {**FULL_LOW, "risk_factors": [rf("dv", "not-addressed", identified=D(2026, 4, 1))]}
    assert answers(tmp_path, "d", case=case, factors=new, contingency={"reviewed": D(2026, 3, 2)})[
        "contingency-reviewed"] == (True, False)
    assert answers(tmp_path, "e", case=case, factors=new, contingency={"reviewed": D(2026, 4, 2)})[
        "contingency-reviewed"] == (True, True)
    assert answers(tmp_path, "f")["contingency-reviewed"] == (False, False)


def test_contingency_reviewed_after_a_re_emerged_factor_and_the_return_home(tmp_path: Path) -> None:
    """docs/practice-rules.md, "Audit questions" (Best Practice Guide: "when risk and vulnerability increases ... or where
    there is a significant change
    in circumstances"): reviewed on or after the latest re-emerged factor and on or after return home; either side
    of each date."""
    case = {**STAGE_3, "classifications": [{"label": "RC1", "date": D(2026, 3, 1), "level": "medium"}]}
    back = {**FULL_LOW, "risk_factors": [rf("dv", "re-emerged", since=D(2026, 4, 10))]}
    assert answers(tmp_path, "a", case=case, factors=back, contingency={"reviewed": D(2026, 4, 9)})[
        "contingency-reviewed"] == (True, False)
    assert answers(tmp_path, "b", case=case, factors=back, contingency={"reviewed": D(2026, 4, 10)})[
        "contingency-reviewed"] == (True, True)
    home = {**case, "return_home": {"date": D(2026, 5, 1)}}
    assert answers(tmp_path, "c", case=home, contingency={"reviewed": D(2026, 4, 30)})["contingency-reviewed"] == (
        True, False)
    assert answers(tmp_path, "d", case=home, contingency={"reviewed": D(2026, 5, 1)})["contingency-reviewed"] == (
        True, True)


def test_contingency_questions_apply_from_stage_3(tmp_path: Path) -> None:
    """docs/practice-rules.md, "Audit questions" (Reunification Practice Framework: contingency planning is stage 3 task
    5): contingency-* and
    alternative-care-viable
    leave out a case at stage 1 or 2, and ask a case at stage 3."""
    ids = ("contingency-covers-risks", "contingency-who-what-when", "alternative-care-viable", "contingency-reviewed")
    factors = {**FULL_LOW, "risk_factors": [rf("dv", "being-addressed")]}
    rc1 = [{"label": "RC1", "date": D(2026, 1, 1), "level": "medium"}]
    early = answers(tmp_path, "a", case={"classifications": rc1}, factors=factors)
    assert [early[i][0] for i in ids] == [False] * 4
    later = answers(tmp_path, "b", case={**STAGE_3, "classifications": rc1}, factors=factors)
    assert [later[i] for i in ids] == [(True, False)] * 4



def test_overall_is_the_mean_of_shares_leaving_out_questions_applying_to_no_case() -> None:
    """docs/practice-rules.md, "Audit questions" (tool convention); Multi-agency audit's 98% is another measure."""
    from reunify.caseload.audit import summarise
    from reunify.caseload.spool import Spool

    rows = [{"case": "A", "path": "a", "error": None,
             "answers": [(i < 2, i == 0, "") for i in range(len(QUESTIONS))]}]
    with Spool(sections=True) as spool:
        report = summarise(rows, AS_OF, spool)
    assert report["overall"] == 0.5 and "98%" in report["overall_caveat"]
    with Spool(sections=True) as spool:
        assert summarise([], AS_OF, spool)["overall"] is None


@pytest.mark.parametrize("in_memory", [2 * 1024 * 1024, 100])
def test_the_summary_lists_failing_cases_by_reference_with_the_reason_each_fails(
        in_memory: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows come in folder order, not by reference; a reference given twice (a copied folder) is listed twice,
    with the reason its later row gave; the JSON and the views read the same lists, as often as they ask, whether
    the spool holds them or wrote them to its temporary file (a bound of 100 bytes: a run every row)."""
    from reunify.caseload import spool
    from reunify.caseload.audit import summarise
    from reunify.cli.common import json_text

    def row(case: str, why: str, fails: bool = True) -> dict:
        answers = [(True, not fails, why)] + [(False, False, "")] * (len(QUESTIONS) - 1)
        return {"case": case, "path": f"/cases/{case}-{why}", "error": None, "answers": answers}

    monkeypatch.setattr(spool, "IN_MEMORY", in_memory)
    rows = [row("RU-3", "three"), row("RU-1", "one"), row("RU-2", "", fails=False), row("RU-1", "one again"),
            {"case": "b\udcff", "path": "/cases/b\udcff", "error": "cannot read"}]
    with spool.Spool(sections=True) as kept:
        report = summarise(rows, AS_OF, kept)
        first = report["questions"][0]
        assert (first["applicable"], first["met"], first["share"]) == (4, 1, 0.25)
        assert list(first["failing"]) == ["RU-1", "RU-1", "RU-3"] == list(first["failing"])
        assert len(first["failing"]) == 3 and dict(first["reasons"]) == {"RU-1": "one again", "RU-3": "three"}
        assert list(first.each()) == [("RU-1", "one again"), ("RU-1", "one again"), ("RU-3", "three")]
        assert list(report["errors"]) == [{"case": "b\udcff", "path": "/cases/b\udcff", "error": "cannot read"}]
        assert (kept._file is not None) == (in_memory == 100)
        written = json.loads(json_text(report))
    assert written["questions"][0]["failing"] == ["RU-1", "RU-1", "RU-3"]
    assert written["questions"][0]["reasons"] == {"RU-1": "one again", "RU-3": "three"}
    assert list(written["questions"][0]) == list(first) and written["questions"][1]["failing"] == []
    assert written["questions"][1]["reasons"] == {} and written["cases"] == 5


def test_child_voice(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "identify Trusted Adult"; Reunification Practice Framework: communicate with
    children; a child too young is left out."""
    views = {**FULL_LOW, "wishes": {**FULL_LOW["wishes"], "child_views": "home please"}}
    assert answers(tmp_path, "a", factors=views)["child-voice"] == (True, False)  # no trusted adult
    assert answers(tmp_path, "b", factors=views, case={"trusted_adult": "Aunt"})["child-voice"] == (True, True)
    baby = {**FULL_LOW, "wishes": {"parents": "wants-return", "child": "too-young"},
            "protective_factors": [pf("nan")]}
    assert answers(tmp_path, "c", factors=baby)["child-voice"] == (False, False)
