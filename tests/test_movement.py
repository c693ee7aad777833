"""Movement rules (002 rows 7-10, 003): each rule, its date, and its boundaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reunify.framework.movement import RULES, advice
from tests.conftest import load, write_case
from tests.test_classification import FULL_LOW, pf, rf

D = dt.date


def rc(label: str, date: D, level: str) -> dict:
    return {"label": label, "date": date, "level": level}


def rules_on(tmp_path: Path, as_of: D, classifications: list[dict], name: str = "c", case: dict | None = None,
             **factors) -> dict[str, tuple]:
    folder = write_case(tmp_path / name, case={"classifications": classifications, **(case or {})},
                        factors={**FULL_LOW, **factors})
    return {a.rule: (a.date, a.overdue, a.level) for a in advice(load(folder), as_of)}


def test_no_classification_no_level_advice(tmp_path: Path) -> None:
    assert rules_on(tmp_path, D(2026, 6, 1), []) == {}


def test_high_to_severe_six_months_after_the_high_run_began(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 8, 31), "high")]
    risks = [rf("dv", "not-addressed")]
    due = D(2026, 2, 28)  # 31 August + 6 months, clamped
    assert rules_on(tmp_path, due, history, "a", risk_factors=risks)["high-to-severe"] == (due, False, "severe")
    assert rules_on(tmp_path, D(2026, 3, 1), history, "b", risk_factors=risks)["high-to-severe"] == (
        due, True, "severe")
    assert rules_on(tmp_path, D(2026, 2, 27), history, "c", risk_factors=risks)["high-to-severe"][1] is False


def test_an_interrupted_run_restarts_the_clock(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 1, 10), "high"), rc("RC2", D(2025, 4, 1), "medium"),
               rc("RC3", D(2025, 6, 1), "high")]
    got = rules_on(tmp_path, D(2025, 9, 1), history, risk_factors=[rf("dv", "not-addressed")])
    assert got["high-to-severe"] == (D(2025, 12, 1), False, "severe")


def test_high_to_medium_when_capacity_sustained(tmp_path: Path) -> None:
    got = rules_on(tmp_path, D(2026, 3, 1), [rc("RC1", D(2025, 6, 1), "high")],
                   risk_factors=[rf("dv", "being-addressed", since=D(2025, 9, 30))],
                   capacity_to_change={"sustained": True, "since": D(2025, 8, 1)})
    assert got == {"high-to-medium": (D(2026, 3, 30), False, "medium")}


def test_high_protective_lost_moves_to_severe(tmp_path: Path) -> None:
    got = rules_on(tmp_path, D(2026, 3, 1), [rc("RC1", D(2025, 6, 1), "high")],
                   risk_factors=[rf("dv", "being-addressed")],
                   protective_factors=[pf("nan", False, since=D(2026, 2, 1))])
    assert got["high-protective-lost"] == (D(2026, 2, 1), True, "severe")


def test_medium_to_low_after_six_months_addressed(tmp_path: Path) -> None:
    risks = [rf("a", "addressed", since=D(2025, 8, 31)), rf("b", "addressed", since=D(2025, 5, 1))]
    got = rules_on(tmp_path, D(2026, 1, 1), [rc("RC1", D(2025, 3, 1), "medium")], risk_factors=risks)
    assert got == {"medium-to-low": (D(2026, 2, 28), False, "low")}


def test_medium_after_high_holds_a_further_six_months(tmp_path: Path) -> None:
    risks = [rf("a", "addressed", since=D(2025, 1, 1))]
    history = [rc("RC1", D(2024, 6, 1), "high"), rc("RC2", D(2025, 3, 15), "medium")]
    got = rules_on(tmp_path, D(2025, 6, 1), history, risk_factors=risks)
    assert got["medium-to-low"] == (D(2025, 9, 15), False, "low")


def test_medium_with_risks_still_being_addressed_stays(tmp_path: Path) -> None:
    got = rules_on(tmp_path, D(2026, 1, 1), [rc("RC1", D(2025, 3, 1), "medium")],
                   risk_factors=[rf("a", "being-addressed")])
    assert got == {}


def test_low_to_close(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 1, 1), "medium"), rc("RC2", D(2025, 8, 31), "low"), rc("RC3", D(2025, 10, 1), "low")]
    assert rules_on(tmp_path, D(2026, 3, 1), history)["low-to-close"] == (D(2026, 2, 28), True, None)


def test_severe_to_high_from_the_earliest_sign_of_change(tmp_path: Path) -> None:
    got = rules_on(tmp_path, D(2026, 1, 1), [rc("RC1", D(2025, 1, 1), "severe")],
                   risk_factors=[rf("a", "being-addressed", since=D(2025, 9, 1)), rf("b", "not-addressed")],
                   protective_factors=[pf("nan", since=D(2025, 10, 1))])
    assert got["severe-to-high"] == (D(2026, 3, 1), False, "high")


def test_severe_with_nothing_changing_gets_no_advice(tmp_path: Path) -> None:
    got = rules_on(tmp_path, D(2026, 1, 1), [rc("RC1", D(2025, 1, 1), "severe")],
                   risk_factors=[rf("a", "not-addressed")], protective_factors=[pf("nan", False)])
    assert got == {}


@pytest.mark.parametrize(
    ("capacity", "protective", "destination"),
    [(True, True, "medium"), (False, True, "high"), (False, False, "severe"), (True, False, "severe")],
)
def test_new_risk_destination(tmp_path: Path, capacity: bool, protective: bool, destination: str) -> None:
    got = rules_on(tmp_path, D(2026, 5, 1), [rc("RC1", D(2026, 1, 1), "low")],
                   risk_factors=[rf("a", "addressed"), rf("b", "re-emerged", since=D(2026, 4, 1))],
                   capacity_to_change={"sustained": capacity},
                   protective_factors=[pf("nan", protective)])
    assert got["new-risk"] == (D(2026, 4, 1), True, destination)


def test_new_risk_identified_after_the_latest_classification(tmp_path: Path) -> None:
    risks = [rf("a", "not-addressed", identified=D(2026, 2, 1))]
    history = [rc("RC1", D(2026, 1, 1), "medium")]
    assert rules_on(tmp_path, D(2026, 2, 1), history, "a", risk_factors=risks)["new-risk"][:2] == (D(2026, 2, 1), False)
    assert "new-risk" not in rules_on(tmp_path, D(2026, 1, 31), history, "b", risk_factors=risks)
    reclassified = [*history, rc("RC2", D(2026, 2, 10), "high")]
    assert "new-risk" not in rules_on(tmp_path, D(2026, 3, 1), reclassified, "c", risk_factors=risks)


def test_rc3_due_six_months_after_return(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 1, 1), "low")]
    home = {"return_home": {"date": D(2025, 8, 31)}}
    assert rules_on(tmp_path, D(2026, 2, 28), history, "a", case=home)["rc3-due"] == (D(2026, 2, 28), False, None)
    assert rules_on(tmp_path, D(2026, 3, 1), history, "b", case=home)["rc3-due"][1] is True
    done = [*history, rc("RC3", D(2026, 3, 2), "low")]
    assert "rc3-due" not in rules_on(tmp_path, D(2026, 4, 1), done, "c", case=home)


def test_every_rule_quotes_its_seed() -> None:
    assert set(RULES) == {"high-to-severe", "high-to-medium", "medium-to-low", "low-to-close", "severe-to-high",
                          "high-protective-lost", "new-risk", "rc3-due"}
    assert all(rule.quote and rule.source[:3] in ("002", "003") for rule in RULES.values())


def test_messages_say_whether_the_date_is_ahead_or_passed(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "c", case={"classifications": [rc("RC1", D(2025, 1, 1), "low")]}, factors=FULL_LOW)
    [ahead] = advice(load(folder), D(2025, 3, 1))
    [passed] = advice(load(folder), D(2025, 9, 1))
    assert "on 2025-07-01 (in 122 days)" in ahead.message and "not before then" in ahead.message
    assert "since 2025-07-01 (62 days ago)" in passed.message and "may move now" in passed.message
    assert "at least six months the case can close" in passed.message
