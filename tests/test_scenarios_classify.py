"""Scenarios for docs/practice-rules.md, "How to read the traffic light" (the Risk Classification Table, Reunification
Practice Framework/Detailed Reunification Workflow) read
through `classify --format json`.

Expected values come from docs/practice-rules.md, "How to read the traffic light": each criterion
gives a level and fits
the framework's columns (risk: addressed low (low), being-addressed/re-emerged medium (medium), not-addressed high
(high, severe); protective apparent low (low, medium, high), none severe (severe); capacity sustained low (low,
medium), not sustained high (high, severe); wishes likewise; recurrence its own column only). Severe needs the
severe profile; a criterion outside the suggestion's columns is a *mixed profile*.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.runner import invoke
from tests.scenario import OMIT, D, classify, make, profile, protective, rc, risk

AS_OF = D(2025, 10, 1)
CRITERIA = ("risk_factors", "protective_factors", "capacity_to_change", "wishes", "recurrence")
NOT_SUSTAINED = {"evidence": "some", "sustained": False}
NONE_APPARENT = [protective(False)]

# name: (factors, expected criteria in CRITERIA order, suggested, mixed profile)
TABLE = {
    "all-low": (profile(), ("low",) * 5, "low", []),
    "being-addressed-recurrence-unlikely": (
        profile(risk_factors=[risk("being-addressed")]),
        ("medium", "low", "low", "low", "low"), "medium", ["recurrence"]),
    "being-addressed-recurrence-some": (
        profile(risk_factors=[risk("being-addressed")], recurrence="some"),
        ("medium", "low", "low", "low", "medium"), "medium", []),
    "re-emerged-is-medium": (
        profile(risk_factors=[risk("addressed", id_="drink"), risk("re-emerged")], recurrence="some"),
        ("medium", "low", "low", "low", "medium"), "medium", []),
    "not-addressed-is-high": (
        profile(risk_factors=[risk("not-addressed"), risk("being-addressed", id_="drink")]),
        ("high", "low", "low", "low", "low"), "high", ["capacity_to_change", "wishes", "recurrence"]),
    # One criterion alone ("no protective factors") never suggests permanence: high, every criterion mixed.
    "no-protective-alone-is-high": (
        profile(protective_factors=NONE_APPARENT),
        ("low", "severe", "low", "low", "low"), "high", list(CRITERIA)),
    "severe-profile-no-protective": (
        profile(protective_factors=NONE_APPARENT, risk_factors=[risk("not-addressed")],
                capacity_to_change=NOT_SUSTAINED),
        ("high", "severe", "high", "low", "low"), "severe", ["wishes", "recurrence"]),
    "very-strong-re-emerged-with-a-protective-factor-is-high": (  # docs/practice-rules.md, "How to read the traffic light"
        profile(risk_factors=[risk("re-emerged")], capacity_to_change=NOT_SUSTAINED,
                wishes={"parents": "ambivalent", "child": "wants-return"}, recurrence="very-strong"),
        ("medium", "low", "high", "high", "severe"), "high", ["risk_factors", "recurrence"]),
    "very-strong-with-sustained-capacity-is-high": (
        profile(risk_factors=[risk("not-addressed")], recurrence="very-strong"),
        ("high", "low", "low", "low", "severe"), "high", ["capacity_to_change", "wishes", "recurrence"]),
    "no-protective-not-addressed-but-capacity-sustained-is-high": (
        profile(protective_factors=NONE_APPARENT, risk_factors=[risk("not-addressed")]),
        ("high", "severe", "low", "low", "low"), "high",
        ["protective_factors", "capacity_to_change", "wishes", "recurrence"]),
    "no-protective-being-addressed-not-sustained-is-high": (
        profile(protective_factors=NONE_APPARENT, risk_factors=[risk("being-addressed")],
                capacity_to_change=NOT_SUSTAINED),
        ("medium", "severe", "high", "low", "low"), "high",
        ["risk_factors", "protective_factors", "wishes", "recurrence"]),
    "capacity-not-sustained-evidence-none-is-high": (
        profile(capacity_to_change={"evidence": "none", "sustained": False}),
        ("low", "low", "high", "low", "low"), "high", ["risk_factors", "wishes", "recurrence"]),
    "parents-oppose-is-high": (
        profile(wishes={"parents": "opposes", "child": "wants-return"}),
        ("low", "low", "low", "high", "low"), "high", ["risk_factors", "capacity_to_change", "recurrence"]),
    "child-ambivalent-is-high": (
        profile(wishes={"parents": "wants-return", "child": "ambivalent"}),
        ("low", "low", "low", "high", "low"), "high", ["risk_factors", "capacity_to_change", "recurrence"]),
    "child-too-young-is-no-objection": (
        profile(wishes={"parents": "wants-return", "child": "too-young"}), ("low",) * 5, "low", []),
    "recurrence-strong-is-high": (
        profile(recurrence="strong"),
        ("low", "low", "low", "low", "high"), "high", ["risk_factors", "capacity_to_change", "wishes"]),
    "empty-risk-list-is-none-recorded": (profile(risk_factors=[]), ("low",) * 5, "low", []),
}


@pytest.mark.parametrize("name", TABLE)
def test_suggestion_criteria_and_mixed_profile(tmp_path: Path, name: str) -> None:
    """Reunification Practice Framework's Risk Classification Table, criterion by criterion (docs/practice-rules.md, "How
    to read the traffic light")."""
    factors, criteria, suggested, mixed = TABLE[name]
    got = classify(make(tmp_path, name, factors=factors), AS_OF)
    assert tuple(got["criteria"][c] for c in CRITERIA) == criteria
    assert got["suggested"] == suggested
    assert sorted(got["mixed_profile"]) == sorted(mixed)


# name: (factors, the criteria not assessed)
INCOMPLETE = {
    "capacity-missing": (profile(capacity_to_change=None, protective_factors=NONE_APPARENT,
                                 risk_factors=[risk("not-addressed")]), {"capacity_to_change"}),
    "sustained-with-evidence-none": (profile(capacity_to_change={"evidence": "none", "sustained": True}),
                                     {"capacity_to_change"}),
    "risk-factors-absent": (profile(risk_factors=None), {"risk_factors"}),
    "protective-absent": (profile(protective_factors=None), {"protective_factors"}),
    "child-wish-missing": (profile(wishes={"parents": "wants-return"}), {"wishes"}),
    "recurrence-missing": (profile(recurrence=None), {"recurrence"}),
    "factors-file-missing": (OMIT, set(CRITERIA)),
}


@pytest.mark.parametrize("name", INCOMPLETE)
def test_missing_input_is_not_assessed_and_incomplete(tmp_path: Path, name: str) -> None:
    """"A missing input is *not assessed*, never low; with any criterion not assessed the suggestion is
    `incomplete`" (docs/practice-rules.md, "How to read the traffic light"); `sustained: true` with evidence `none` is not
    assessed (docs/practice-rules.md, "Tool conventions in full")."""
    factors, missing = INCOMPLETE[name]
    got = classify(make(tmp_path, name, factors=factors), AS_OF)
    assert {c for c, level in got["criteria"].items() if level == "not-assessed"} == missing
    assert got["suggested"] == "incomplete"
    assert got["mixed_profile"] == []


def test_sustained_with_evidence_none_warns_in_classify_and_validate(tmp_path: Path) -> None:
    """docs/practice-rules.md, "How to read the traffic light": `sustained: true` with evidence `none` is not assessed,
    "RU4xx warning"; docs/command-line.md: classify's
    `warnings` carries it."""
    folder = make(tmp_path, "c", factors=profile(capacity_to_change={"evidence": "none", "sustained": True}))
    assert any("none" in w for w in classify(folder, AS_OF)["warnings"])
    checked = invoke("validate", str(folder), "--format", "json", "--as-of", AS_OF.isoformat())
    assert checked.returncode == 0 and "RU407" in checked.stdout
    assert classify(make(tmp_path, "d"), AS_OF)["warnings"] == []


def test_empty_risk_list_warns(tmp_path: Path) -> None:
    """docs/practice-rules.md, "Tool conventions in full": `risk_factors` present and empty = none recorded (low), with an
    RU4xx warning."""
    checked = invoke("validate", str(make(tmp_path, "c", factors=profile(risk_factors=[]))), "--format", "json")
    assert checked.returncode == 0 and "RU404" in checked.stdout


def test_evidence_dated_after_as_of_is_a_plan(tmp_path: Path) -> None:
    """docs/practice-rules.md, "Tool conventions in full": evidence dated after as-of never counts: a factor `addressed`
    from a later date is still
    being addressed, a risk identified later is not yet known, a protective factor apparent later is not yet."""
    later = D(2025, 11, 1)
    addressed_later = make(tmp_path, "a", factors=profile(risk_factors=[risk("addressed", since=later)],
                                                          recurrence="some"))
    assert classify(addressed_later, AS_OF)["criteria"]["risk_factors"] == "medium"
    assert classify(addressed_later, later)["criteria"]["risk_factors"] == "low"
    known_later = make(tmp_path, "b", factors=profile(risk_factors=[
        risk("addressed"), risk("not-addressed", since=later, id_="drink", identified=later)]))
    assert classify(known_later, AS_OF)["criteria"]["risk_factors"] == "low"
    assert classify(known_later, later)["criteria"]["risk_factors"] == "high"
    apparent_later = make(tmp_path, "c", factors=profile(protective_factors=[protective(True, since=later)]))
    assert classify(apparent_later, AS_OF)["criteria"]["protective_factors"] == "severe"
    assert classify(apparent_later, later)["criteria"]["protective_factors"] == "low"


def test_recorded_level_and_its_run_start(tmp_path: Path) -> None:
    """docs/practice-rules.md, "Moving between levels": the recorded level is the latest classification; it has held since
    the first entry of its latest run.
    A classification dated after as-of has not happened yet; with none, `recorded` is null (docs/command-line.md)."""
    history = [rc("RC1", D(2025, 1, 10), "medium"), rc("RC2", D(2025, 3, 1), "high"),
               rc("RC3", D(2025, 5, 1), "medium"), rc("RC4", D(2025, 8, 1), "medium"),
               rc("RC5", D(2025, 12, 1), "low")]
    folder = make(tmp_path, "c", case={"classifications": history},
                  factors=profile(risk_factors=[risk("being-addressed")], recurrence="some"))
    assert classify(folder, AS_OF)["recorded"] == {"label": "RC4", "level": "medium", "date": "2025-08-01",
                                                   "since": "2025-05-01"}
    assert classify(folder, D(2025, 1, 9))["recorded"] is None
    assert classify(make(tmp_path, "d"), AS_OF)["recorded"] is None


def test_classify_json_keys(tmp_path: Path) -> None:
    """docs/command-line.md, "classify": the keys classify must print, and each advice entry's keys."""
    folder = make(tmp_path, "c", case={"classifications": [rc("RC1", D(2025, 1, 10), "high")]},
                  factors=profile(risk_factors=[risk("not-addressed")]))
    got = classify(folder, AS_OF)
    assert {"case", "as_of", "suggested", "criteria", "recorded", "advice", "mixed_profile", "warnings"} <= set(got)
    assert got["case"] == "RU-T" and got["as_of"] == "2025-10-01"
    assert set(got["criteria"]) == set(CRITERIA)
    assert got["advice"] and all({"rule", "date", "overdue", "message", "level", "source"} <= set(a)
                                 for a in got["advice"])
