"""The practice audit questions (seeds 000, 001): when each applies and when it is met."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reunify.case.settings import Settings
from reunify.framework.audit import QUESTIONS, ask_all
from tests.conftest import load, write_case
from tests.test_checklist import GENOGRAM
from tests.test_classification import FULL_LOW, pf, rf

D = dt.date
AS_OF = D(2026, 6, 1)
IDS = [q.id for q in QUESTIONS]


def answers(tmp_path: Path, name: str = "c", **files) -> dict[str, tuple]:
    files.setdefault("genogram", GENOGRAM)
    case = load(write_case(tmp_path / name, **files))
    return {q.id: (a.applies, a.met) for q, a in zip(QUESTIONS, ask_all(case, AS_OF, Settings()), strict=True)}


def test_question_ids_are_stable_and_sourced() -> None:
    assert IDS == ["contingency-covers-risks", "contingency-who-what-when", "alternative-care-viable",
                   "historical-risks-in-plan", "baby-safety", "support-sustained", "family-involved",
                   "criminal-investigation", "child-voice", "support-matches-risk", "contingency-reviewed"]
    assert all(q.source and q.question.endswith("?") for q in QUESTIONS)


def test_an_empty_case_is_left_out_of_most_questions(tmp_path: Path) -> None:
    got = answers(tmp_path)
    applicable = [k for k, (applies, _) in got.items() if applies]
    assert applicable == ["child-voice"]


def test_contingency_covers_every_risk_of_any_status(tmp_path: Path) -> None:
    factors = {**FULL_LOW, "risk_factors": [rf("dv", "addressed"), rf("drugs", "being-addressed")]}
    partial = {"stages": [{"stage": 1, "factors": ["drugs"], "actions": [{"who": "SW", "what": "visit", "when": "1d"}]}]}
    assert answers(tmp_path, "a", factors=factors, contingency=partial)["contingency-covers-risks"] == (True, False)
    full = {"stages": [{**partial["stages"][0], "factors": ["drugs", "dv"]}]}
    assert answers(tmp_path, "b", factors=factors, contingency=full)["contingency-covers-risks"] == (True, True)
    assert answers(tmp_path, "c", factors=factors)["contingency-covers-risks"] == (True, False)


def test_who_what_when_and_viability(tmp_path: Path) -> None:
    vague = {"stages": [{"stage": 1, "actions": [{"who": "SW", "what": "visit"}]}],
             "alternative_care": [{"carer": "aunt", "viability_checked": D(2026, 9, 1)}]}  # checked after as-of
    got = answers(tmp_path, "a", contingency=vague)
    assert got["contingency-who-what-when"] == (True, False)
    assert got["alternative-care-viable"] == (True, False)
    clear = {"stages": [{"stage": 1, "actions": [{"who": "SW", "what": "visit", "when": "24h"}]}],
             "alternative_care": [{"carer": "aunt", "viability_checked": D(2026, 5, 1)}]}
    got = answers(tmp_path, "b", contingency=clear)
    assert got["contingency-who-what-when"] == (True, True) and got["alternative-care-viable"] == (True, True)


def test_historical_risks_stay_in_the_plan(tmp_path: Path) -> None:
    factors = {**FULL_LOW, "risk_factors": [rf("old", "addressed", historical=True)]}
    assert answers(tmp_path, "a", factors=factors)["historical-risks-in-plan"] == (True, False)
    plan = {"support": [{"service": "X", "factors": ["old"]}]}
    assert answers(tmp_path, "b", factors=factors, plan=plan)["historical-risks-in-plan"] == (True, True)


@pytest.mark.parametrize(("born", "applies"), [(D(2023, 6, 2), True), (D(2023, 6, 1), False)])
def test_baby_safety_applies_under_three(tmp_path: Path, born: D, applies: bool) -> None:
    genogram = {**GENOGRAM, "people": [{"id": "amy", "name": "Amy", "born": born}, *GENOGRAM["people"][1:]]}
    assert answers(tmp_path, genogram=genogram)["baby-safety"] == (applies, False)


def test_support_sustained_and_matching_risk(tmp_path: Path) -> None:
    case = {"return_home": {"date": D(2026, 1, 1)}}
    short = {"support": [{"service": "X", "end": D(2026, 12, 31), "factors": ["dv"]}]}
    factors = {**FULL_LOW, "risk_factors": [rf("dv", "being-addressed")]}
    got = answers(tmp_path, "a", case=case, plan=short, factors=factors)
    assert got["support-sustained"] == (True, False) and got["support-matches-risk"] == (True, True)
    got = answers(tmp_path, "b", case=case, plan={"support": [{"service": "X"}]}, factors=factors)
    assert got["support-sustained"] == (True, True) and got["support-matches-risk"] == (True, False)


def test_family_involved(tmp_path: Path) -> None:
    decided = {"decisions": [{"decision": "2", "date": D(2026, 2, 1), "by": "Al"}]}
    assert answers(tmp_path, "a", case=decided)["family-involved"] == (True, False)
    with_parents = {**decided, "meetings": [{"kind": "reunification-planning", "date": D(2026, 3, 1),
                                            "attendees": ["Sam", "mum"]}]}
    assert answers(tmp_path, "b", case=with_parents)["family-involved"] == (True, True)


def test_criminal_investigation(tmp_path: Path) -> None:
    open_case = {"criminal_investigation": {"open": True, "police_position_checked": D(2026, 5, 1)}}
    assert answers(tmp_path, "a", contingency=open_case)["criminal-investigation"] == (True, False)
    open_case["criminal_investigation"]["rationale"] = "Police content; no charge expected"
    assert answers(tmp_path, "b", contingency=open_case)["criminal-investigation"] == (True, True)


def test_contingency_reviewed_after_latest_classification(tmp_path: Path) -> None:
    case = {"classifications": [{"label": "RC1", "date": D(2026, 3, 1), "level": "medium"}]}
    stale = {"reviewed": D(2026, 2, 1)}
    assert answers(tmp_path, "a", case=case, contingency=stale)["contingency-reviewed"] == (True, False)
    assert answers(tmp_path, "b", case=case, contingency={"reviewed": D(2026, 3, 2)})["contingency-reviewed"] == (
        True, True)


def test_child_voice(tmp_path: Path) -> None:
    views = {**FULL_LOW, "wishes": {**FULL_LOW["wishes"], "child_views": "home please"}}
    assert answers(tmp_path, "a", factors=views)["child-voice"] == (True, False)  # no trusted adult
    assert answers(tmp_path, "b", factors=views, case={"trusted_adult": "Aunt"})["child-voice"] == (True, True)
    baby = {**FULL_LOW, "wishes": {"parents": "wants-return", "child": "too-young"},
            "protective_factors": [pf("nan")]}
    assert answers(tmp_path, "c", factors=baby)["child-voice"] == (False, False)
