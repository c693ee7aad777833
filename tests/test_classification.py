"""The traffic-light table (Reunification Practice Framework): every criterion in every column, most serious wins,
not-assessed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reunify.framework import classification as table
from reunify.framework.dates import add_months, age_on
from tests.builders import FULL_LOW, pf, rf
from tests.conftest import load, write_case

D = dt.date
AS_OF = D(2026, 6, 1)


def criteria_of(tmp_path: Path, **changes) -> dict[str, str]:
    factors = {**FULL_LOW, **changes}
    factors = {k: v for k, v in factors.items() if v is not ...}
    case = load(write_case(tmp_path / "c", factors=factors))
    return {c.id: c.level for c in table.criteria(case, AS_OF)}


@pytest.mark.parametrize(
    ("risks", "level"),
    [
        ([], "low"),
        ([rf("a", "addressed"), rf("b", "addressed")], "low"),
        ([rf("a", "addressed"), rf("b", "being-addressed")], "medium"),
        ([rf("a", "re-emerged")], "medium"),
        ([rf("a", "being-addressed"), rf("b", "not-addressed")], "high"),
        (..., "not-assessed"),
        ([rf("a", "addressed", since=D(2026, 7, 1))], "medium"),  # addressed only from a future date
        ([rf("a", "not-addressed", identified=D(2026, 9, 1))], "low"),  # not yet identified on as-of
    ],
)
def test_risk_factor_criterion(tmp_path: Path, risks, level: str) -> None:
    assert criteria_of(tmp_path, risk_factors=risks)["risk_factors"] == level


@pytest.mark.parametrize(
    ("protective", "level"),
    [([pf("a", False), pf("b")], "low"), ([pf("a", False)], "severe"), ([], "severe"), (..., "not-assessed"),
     ([pf("a", since=D(2026, 8, 1))], "severe")],
)
def test_protective_criterion(tmp_path: Path, protective, level: str) -> None:
    assert criteria_of(tmp_path, protective_factors=protective)["protective_factors"] == level


@pytest.mark.parametrize(
    ("capacity", "level"),
    [({"sustained": True}, "low"), ({"sustained": False}, "high"), ({"evidence": "some"}, "not-assessed"),
     (..., "not-assessed"), ({"sustained": True, "since": D(2026, 9, 1)}, "high")],
)
def test_capacity_criterion(tmp_path: Path, capacity, level: str) -> None:
    assert criteria_of(tmp_path, capacity_to_change=capacity)["capacity_to_change"] == level


@pytest.mark.parametrize(
    ("wishes", "level"),
    [
        ({"parents": "wants-return", "child": "wants-return"}, "low"),
        ({"parents": "wants-return", "child": "too-young"}, "low"),
        ({"parents": "ambivalent", "child": "wants-return"}, "high"),
        ({"parents": "wants-return", "child": "ambivalent"}, "high"),
        ({"parents": "opposes", "child": "wants-return"}, "high"),
        ({"parents": "wants-return", "child": "opposes"}, "high"),
        ({"parents": "wants-return"}, "not-assessed"),
        (..., "not-assessed"),
    ],
)
def test_wishes_criterion(tmp_path: Path, wishes, level: str) -> None:
    assert criteria_of(tmp_path, wishes=wishes)["wishes"] == level


@pytest.mark.parametrize(
    ("judgement", "level"),
    [("unlikely", "low"), ("some", "medium"), ("strong", "high"), ("very-strong", "severe"), (..., "not-assessed")],
)
def test_recurrence_criterion(tmp_path: Path, judgement, level: str) -> None:
    assert criteria_of(tmp_path, recurrence=judgement)["recurrence"] == level


def suggestion_of(tmp_path: Path, name: str = "c", **changes) -> table.Suggestion:
    return table.suggestion(load(write_case(tmp_path / name, factors={**FULL_LOW, **changes})), AS_OF)


def test_most_serious_criterion_wins(tmp_path: Path) -> None:
    """Reunification Practice Framework's columns, combined by the tool: the most serious level any criterion gives."""
    assert suggestion_of(tmp_path, "c", recurrence="some", capacity_to_change={"sustained": False}).level == "high"
    assert suggestion_of(tmp_path, "d", recurrence="some").level == "medium"
    assert suggestion_of(tmp_path, "e").level == "low"


SEVERE_PROFILE = {"risk_factors": [rf("dv", "not-addressed")], "protective_factors": [pf("nan", False)],
                  "capacity_to_change": {"evidence": "none", "sustained": False}}


def test_severe_profile_gives_severe(tmp_path: Path) -> None:
    """Reunification Practice Framework severe column: "No protective factors apparent", risk "not being addressed",
    parents "UNABLE to
    demonstrate sustained capacity for actual change"."""
    got = suggestion_of(tmp_path, "a", **SEVERE_PROFILE)
    assert (got.level, got.severe_profile, got.mixed_profile) == ("severe", True, ["wishes", "recurrence"])
    re_emerged = {**SEVERE_PROFILE, "risk_factors": [rf("dv", "re-emerged")]}
    assert suggestion_of(tmp_path, "b", **re_emerged).level == "severe"



def test_severe_profile_needs_no_protective_factor_apparent_even_with_very_strong_recurrence(tmp_path: Path) -> None:
    """docs/practice-rules.md, "How to read the traffic light" (Reunification Practice Framework: severe "No protective
    factors apparent"; "unable to show
    demonstrable capacity for
    change yet protective factors are apparent the case will move to 'high risk'"): recurrence very strong no longer
    stands in for it. With a protective factor apparent: at most high, recurrence named as a mixed profile; with
    none apparent: severe."""
    very_strong = {**SEVERE_PROFILE, "protective_factors": [pf("nan")], "recurrence": "very-strong"}
    got = suggestion_of(tmp_path, "a", **very_strong)
    assert (got.level, got.severe_profile) == ("high", False) and "recurrence" in got.mixed_profile
    none_apparent = {**very_strong, "protective_factors": [pf("nan", False)]}
    got = suggestion_of(tmp_path, "b", **none_apparent)
    assert (got.level, got.severe_profile) == ("severe", True)


@pytest.mark.parametrize("part", ["risk", "capacity", "protective"])
def test_severe_needs_the_whole_severe_profile_else_high_with_a_mixed_profile(tmp_path: Path, part: str) -> None:
    """One criterion alone (e.g. "No protective factors apparent") does not suggest permanence: high, whose plan
    already begins concurrent planning (Reunification Practice Framework), and the grid names the criterion as a mixed profile."""
    factors = dict(SEVERE_PROFILE)
    if part == "risk":
        factors["risk_factors"] = [rf("dv", "being-addressed")]
    elif part == "capacity":
        factors["capacity_to_change"] = {"evidence": "some", "sustained": True}
    else:
        factors["protective_factors"] = [pf("nan")]
    got = suggestion_of(tmp_path, **factors)
    assert got.level == "high" and not got.severe_profile
    assert ("protective_factors" in got.mixed_profile) == (part != "protective")


def test_capacity_not_assessed_is_not_unable_so_no_severe(tmp_path: Path) -> None:
    """docs/practice-rules.md: capacity "not sustained" means sustained: false; not assessed makes the suggestion
    incomplete."""
    got = suggestion_of(tmp_path, **{**SEVERE_PROFILE, "capacity_to_change": {"evidence": "none"}})
    assert got.level == "incomplete" and got.mixed_profile == []


def test_mixed_profile_names_criteria_outside_the_suggested_column(tmp_path: Path) -> None:
    """Criteria fit the columns listed in docs/practice-rules.md, "How to read the traffic light": protective apparent fits
    low to high; risk all
    addressed fits low only; recurrence fits its own column."""
    got = suggestion_of(tmp_path, recurrence="strong")
    assert got.level == "high"
    assert got.mixed_profile == ["risk_factors", "capacity_to_change", "wishes"]
    assert suggestion_of(tmp_path, "d").mixed_profile == []


def test_sustained_with_evidence_none_is_not_assessed_with_a_warning(tmp_path: Path) -> None:
    """Reunification Practice Framework: "no evidence / some evidence / substantial evidence"; parents "ABLE to demonstrate
    sustained capacity"
    cannot rest on no evidence (docs/practice-rules.md, "How to read the traffic light")."""
    got = suggestion_of(tmp_path, capacity_to_change={"evidence": "none", "sustained": True})
    criterion = next(c for c in got.criteria if c.id == "capacity_to_change")
    assert criterion.level == "not-assessed" and got.level == "incomplete"
    assert len(got.warnings) == 1 and "evidence 'none'" in got.warnings[0]
    some = suggestion_of(tmp_path, "d", capacity_to_change={"evidence": "some", "sustained": True})
    assert some.level == "low" and some.warnings == []


def test_any_criterion_not_assessed_makes_the_suggestion_incomplete(tmp_path: Path) -> None:
    factors = {k: v for k, v in FULL_LOW.items() if k != "recurrence"}
    factors["capacity_to_change"] = {"sustained": False}
    case = load(write_case(tmp_path / "c", factors=factors))
    assert table.suggested_level(case, AS_OF) == "incomplete"
    no_file = load(write_case(tmp_path / "d"))
    assert table.suggested_level(no_file, AS_OF) == "incomplete"
    assert all(c.level == "not-assessed" for c in table.criteria(no_file, AS_OF))


def test_recorded_level_and_the_start_of_its_run(tmp_path: Path) -> None:
    history = [
        {"label": "RC1", "date": D(2025, 1, 1), "level": "high"},
        {"label": "RC2", "date": D(2025, 3, 1), "level": "medium"},
        {"label": "RC3", "date": D(2025, 5, 1), "level": "high"},  # the run restarts here
        {"label": "RC4", "date": D(2025, 8, 1), "level": "high"},
        {"label": "RC5", "date": D(2026, 9, 1), "level": "low"},  # after as-of: not happened yet
    ]
    case = load(write_case(tmp_path / "c", case={"classifications": history}))
    assert table.recorded(case, AS_OF) == table.Recorded("RC4", "high", D(2025, 8, 1), D(2025, 5, 1))
    assert table.recorded(case, D(2024, 12, 31)) is None


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [(D(2025, 8, 31), 6, D(2026, 2, 28)), (D(2023, 8, 31), 6, D(2024, 2, 29)), (D(2025, 1, 15), 6, D(2025, 7, 15)),
     (D(2025, 10, 31), 3, D(2026, 1, 31)), (D(2025, 11, 30), 3, D(2026, 2, 28)), (D(2025, 9, 1), 12, D(2026, 9, 1))],
)
def test_calendar_months_clamp_to_month_end(start: D, months: int, end: D) -> None:
    assert add_months(start, months) == end


def test_age_counts_the_birthday_itself() -> None:
    assert age_on(D(2010, 6, 1), D(2026, 6, 1)) == 16
    assert age_on(D(2010, 6, 1), D(2026, 5, 31)) == 15
    assert age_on(D(2008, 2, 29), D(2024, 2, 28)) == 15
    assert age_on(D(2008, 2, 29), D(2024, 2, 29)) == 16
