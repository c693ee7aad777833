"""Scenarios for docs/practice-rules.md, "Audit questions" (the practice audit, Best Practice Guide/Multi-agency audit)
through `audit --format json`: for each
question a small
caseload whose cases meet it, fail it, or are left out of its share; a missing file is not met."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenario import OMIT, D, cli, make, profile, rc, risk

AS_OF = D(2025, 10, 1)
SM = {"by": "Alex Moore", "role": "service-manager"}
D2 = {"decision": "2", "date": D(2025, 3, 5), "outcome": "proceed", **SM}
RC1 = [rc("RC1", D(2025, 3, 1), "medium")]
ACTION = {"who": "SW", "what": "Visit", "when": "24 hours"}
HOME = {"return_home": {"date": D(2025, 9, 1)}}
BABY = {"people": [{"id": "amy", "name": "Amy", "born": D(2023, 10, 2)}, {"id": "mum", "name": "Mum"}],
        "unions": [{"partners": ["mum"], "children": ["amy"]}]}
THREE = {**BABY, "people": [{"id": "amy", "name": "Amy", "born": D(2022, 10, 1)}, {"id": "mum", "name": "Mum"}]}
PLANNING = {"kind": "reunification-planning", "date": D(2025, 5, 31), "attendees": ["mum"]}


def at_stage_3(files: dict) -> dict:
    """The files with Decision 2 added: contingency questions apply from stage 3 (docs/practice-rules.md, "Audit questions")."""
    case = files.get("case", {})
    return {**files, "case": {**case, "decisions": [*case.get("decisions", []), D2]}}


def meeting(kind: str, date: D, *attendees: str, **extra) -> dict:
    return {"kind": kind, "date": date, "attendees": list(attendees), **extra}


# question -> {case name: (files for `make`, expected: True met, False not met, None left out)}
SCENARIOS: dict[str, dict[str, tuple[dict, bool | None]]] = {
    "contingency-covers-risks": {
        "covered": ({"contingency": {"stages": [{"stage": 1, "factors": ["dv"], "actions": [ACTION]}]}}, True),
        "uncovered": ({"contingency": {"stages": [{"stage": 1, "actions": [ACTION]}]}}, False),
        "no-file": ({}, False),
        "no-risks": ({"factors": profile(risk_factors=[])}, None),
    },
    "contingency-who-what-when": {
        "complete": ({"contingency": {"stages": [{"stage": 1, "actions": [ACTION]}]}}, True),
        "no-when": ({"contingency": {"stages": [{"stage": 1, "actions": [{"who": "SW", "what": "Visit"}]}]}},
                    False),
        "no-file": ({}, False),
    },
    "alternative-care-viable": {
        "checked": ({"contingency": {"alternative_care": [{"carer": "Aunt", "viability_checked": D(2025, 4, 1)}]}},
                    True),
        "checked-later": ({"contingency": {"alternative_care": [
            {"carer": "Aunt", "viability_checked": D(2025, 10, 2)}]}}, False),
        "none-listed": ({"contingency": {"permanence": "Kinship"}}, False),
        "no-file": ({}, False),
        "not-pursued": ({"case": {"classifications": [rc("RC1", D(2025, 3, 1), "severe")]}}, None),
    },
    "historical-risks-in-plan": {
        "in-a-goal": ({"agreements": {"agreements": [{"id": "pa-1", "goals": [
            {"id": "g1", "goal": "Keep safe", "factors": ["dv"]}]}]}}, True),
        "in-support": ({"plan": {"support": [{"service": "DV service", "factors": ["dv"]}]}}, True),
        "dropped": ({"plan": {"support": [{"service": "Parenting"}]}}, False),
        "no-historical": ({"factors": profile(risk_factors=[risk("being-addressed")])}, None),
        "historical-flag": ({"factors": profile(risk_factors=[risk("not-addressed", historical=True)])}, False),
    },
    "baby-safety": {
        "baby-with-plan": ({"genogram": BABY, "plan": {"baby_safety": "Safe sleeping"}}, True),
        "baby-without": ({"genogram": BABY, "plan": {"support": []}}, False),
        "baby-no-plan-file": ({"genogram": BABY}, False),
        "third-birthday": ({"genogram": THREE}, None),
        "older": ({}, None),
    },
    "support-sustained": {
        "open-ended": ({"case": HOME, "plan": {"support": [{"service": "Family support"}]}}, True),
        "twelve-months": ({"case": HOME, "plan": {"support": [{"service": "Family support", "end": D(2026, 9, 1)}]}},
                          True),
        "short": ({"case": HOME, "plan": {"support": [{"service": "Family support", "end": D(2026, 8, 31)}]}}, False),
        "no-file": ({"case": HOME}, False),
        "not-home": ({}, None),
        "home-later": ({"case": {"return_home": {"date": D(2025, 10, 2)}}}, None),
    },
    "family-involved": {
        "parent-at-planning": ({"case": {"decisions": [D2], "meetings": [meeting(
            "reunification-planning", D(2025, 5, 1), "mum")]}}, True),
        "parent-at-fgc-by-name": ({"case": {"decisions": [D2], "meetings": [meeting("fgc", D(2025, 5, 1), "mum test")]}},
                                  True),
        "fgc-without-family": ({"case": {"decisions": [D2], "meetings": [meeting("fgc", D(2025, 5, 1), "SW")]}},
                               False),
        "no-decision-2": ({"case": {"meetings": [meeting("fgc", D(2025, 5, 1), "SW")]}}, None),
        "decision-2-not-proceed": ({"case": {"decisions": [{**D2, "outcome": "do-not-proceed"}]}}, None),
    },
    "agencies-involved": {
        "agencies": ({"case": {"decisions": [D2], "meetings": [meeting(
            "reunification-planning-review", D(2025, 5, 1), agencies=["police"])]}}, True),
        "none": ({"case": {"decisions": [D2], "meetings": [meeting("reunification-planning", D(2025, 5, 1))]}},
                 False),
        "no-decision-2": ({}, None),
    },
    # the first review is due 31 August (planning 31 May + 3 months)
    "plan-reviewed": {
        "reviewed": ({"case": {"meetings": [PLANNING, meeting("team-around-child", D(2025, 8, 15), "mum")]}}, True),
        "reviewed-by-fgc-review": ({"case": {"meetings": [PLANNING, meeting("fgc-review", D(2025, 8, 31), "Mum Test")]}},
                                   True),
        "never": ({"case": {"meetings": [PLANNING]}}, False),
        "review-without-a-parent": ({"case": {"meetings": [PLANNING, meeting("cic-review", D(2025, 8, 15), "SW")]}},
                                    False),
        "lapsed-since": ({"case": {"meetings": [{**PLANNING, "date": D(2025, 1, 31)},
                                                meeting("cic-review", D(2025, 4, 1), "mum")]}}, False),
        "not-yet-due": ({"case": {"meetings": [{**PLANNING, "date": D(2025, 7, 2)}]}}, None),
        "no-planning": ({}, None),
    },
    "criminal-investigation": {
        "complete": ({"contingency": {"criminal_investigation": {
            "open": True, "police_position_checked": D(2025, 5, 1), "rationale": "Bail conditions",
            "sustainability_plan": "Plan", "sustainability_oversight_by": "Jo Rivers"}}}, True),
        "no-plan": ({"contingency": {"criminal_investigation": {
            "open": True, "police_position_checked": D(2025, 5, 1), "rationale": "Bail conditions"}}}, False),
        "no-oversight": ({"contingency": {"criminal_investigation": {
            "open": True, "police_position_checked": D(2025, 5, 1), "rationale": "Bail conditions",
            "sustainability_plan": "Plan"}}}, False),
        "closed": ({"contingency": {"criminal_investigation": {"open": False}}}, None),
    },
    "child-voice": {
        "both": ({"case": {"trusted_adult": "Aunt Jo"}}, True),
        "no-trusted-adult": ({}, False),
        "no-views": ({"case": {"trusted_adult": "Aunt Jo"}, "factors": profile(
            wishes={"parents": "wants-return", "child": "wants-return"})}, False),
        "no-factors-file": ({"case": {"trusted_adult": "Aunt Jo"}, "factors": OMIT}, False),
    },
    "support-matches-risk": {
        "service": ({"factors": profile(risk_factors=[risk("not-addressed")]),
                     "plan": {"support": [{"service": "DV", "factors": ["dv"]}]}}, True),
        "goal": ({"factors": profile(risk_factors=[risk("re-emerged")]), "agreements": {"agreements": [
            {"id": "pa-1", "goals": [{"id": "g1", "goal": "Safety plan", "factors": ["dv"]}]}]}}, True),
        "bare": ({"factors": profile(risk_factors=[risk("being-addressed")])}, False),
        "all-addressed": ({}, None),
    },
    "contingency-reviewed": {
        "after": ({"case": {"classifications": RC1}, "contingency": {"reviewed": D(2025, 3, 2)}}, True),
        "before": ({"case": {"classifications": RC1}, "contingency": {"reviewed": D(2025, 2, 28)}}, False),
        "new-risk-since": ({"case": {"classifications": RC1}, "contingency": {"reviewed": D(2025, 3, 2)},
                            "factors": profile(risk_factors=[
                                risk("not-addressed", D(2025, 6, 1), identified=D(2025, 6, 1))])}, False),
        "no-file": ({"case": {"classifications": RC1}}, False),
        "no-classification": ({"contingency": {"reviewed": D(2025, 3, 2)}}, None),
    },
}


for _question in ("contingency-covers-risks", "contingency-who-what-when", "alternative-care-viable",
                  "contingency-reviewed"):
    SCENARIOS[_question] = {name: (at_stage_3(files), met) for name, (files, met) in SCENARIOS[_question].items()}


def audit(tmp_path: Path, cases: dict[str, tuple[dict, bool | None]]) -> dict:
    for name, (files, _) in cases.items():
        make(tmp_path / "load", name, **{**files, "case": {"reference": f"RU-{name}", **files.get("case", {})}})
    return cli("audit", str(tmp_path / "load"), "--as-of", AS_OF.isoformat())


@pytest.mark.parametrize("question", SCENARIOS)
def test_question(tmp_path: Path, question: str) -> None:
    cases = SCENARIOS[question]
    got = next(q for q in audit(tmp_path, cases)["questions"] if q["id"] == question)
    applicable = [n for n, (_, met) in cases.items() if met is not None]
    assert got["applicable"] == len(applicable)
    assert got["met"] == sum(1 for _, met in cases.values() if met)
    assert sorted(got["failing"]) == sorted(f"RU-{n}" for n, (_, met) in cases.items() if met is False)
    assert got["share"] == round(got["met"] / got["applicable"], 3)


def test_overall_is_the_mean_of_the_shares(tmp_path: Path) -> None:
    """docs/practice-rules.md, "Audit questions": the mean of the questions' shares (tool convention), leaving out
    questions that apply to no case."""
    got = audit(tmp_path, SCENARIOS["plan-reviewed"])
    assert {"as_of", "cases", "questions", "overall"} <= set(got) and got["cases"] == 7
    assert all({"id", "question", "source", "applicable", "met", "share", "failing"} <= set(q)
               for q in got["questions"])
    shares = [q["share"] for q in got["questions"] if q["applicable"]]
    assert any(q["share"] is None for q in got["questions"])
    assert got["overall"] == round(sum(shares) / len(shares), 3)
