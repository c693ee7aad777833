"""Movement rules (Reunification Practice Framework table rows 7-10 and stage 4, Detailed Reunification Workflow): each
rule on both sides of its condition, and its date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reunify.framework.facts import Facts
from reunify.framework.movement import RULES, advice, warnings
from tests.builders import FULL_LOW, pf, rf
from tests.conftest import load, write_case

D = dt.date
# FULL_LOW with capacity evidenced long before any date these tests use.
BASE = {**FULL_LOW, "capacity_to_change": {"evidence": "some", "sustained": True, "since": D(2024, 1, 1)}}


def rc(label: str, date: D, level: str, **extra) -> dict:
    return {"label": label, "date": date, "level": level, **extra}


def facts(tmp_path: Path, as_of: D, classifications: list[dict], name: str = "c", case: dict | None = None,
          **factors) -> Facts:
    merged = {k: v for k, v in {**BASE, **factors}.items() if v is not ...}
    folder = write_case(tmp_path / name, case={"classifications": classifications, **(case or {})}, factors=merged)
    return Facts(load(folder), as_of)


def rules_on(tmp_path: Path, as_of: D, classifications: list[dict], name: str = "c", case: dict | None = None,
             **factors) -> dict[str, tuple]:
    return {a.rule: (a.date, a.overdue, a.level) for a in advice(facts(tmp_path, as_of, classifications, name, case,
                                                                          **factors))}


def message(tmp_path: Path, rule: str, *args, **kw) -> str:
    return next(a.message for a in advice(facts(tmp_path, *args, **kw)) if a.rule == rule)


NOT_ADDRESSED = [rf("dv", "not-addressed")]
HOME = {"return_home": {"date": D(2025, 8, 31)}}


def test_no_classification_no_level_advice(tmp_path: Path) -> None:
    assert rules_on(tmp_path, D(2026, 6, 1), []) == {}


# ------------------------------------------------------------------ high-to-severe
def test_high_to_severe_six_months_after_the_high_run_began(tmp_path: Path) -> None:
    """Reunification Practice Framework: "If parents remain 'high risk' for six months without addressing risk factors the
    case should move to
    severe risk"; Detailed Reunification Workflow: "If risk remains high for six months → Severe Risk"."""
    history = [rc("RC1", D(2025, 8, 31), "high")]
    due = D(2026, 2, 28)  # 31 August + 6 months, clamped
    risks = {"risk_factors": NOT_ADDRESSED, "capacity_to_change": {"sustained": False}}
    assert rules_on(tmp_path, due, history, "a", **risks)["high-to-severe"] == (due, False, "severe")
    assert rules_on(tmp_path, D(2026, 3, 1), history, "b", **risks)["high-to-severe"] == (due, True, "severe")
    text = message(tmp_path, "high-to-severe", D(2026, 3, 1), history, "x", **risks)
    assert "should move to severe" in text and "If risk remains high for six months → Severe Risk" in text


def test_high_to_severe_fires_on_re_emerged_but_not_being_addressed_or_capacity_alone(tmp_path: Path) -> None:
    """docs/practice-rules.md, "Moving between levels": Reunification Practice Framework's "without addressing risk
    factors" covers a re-emerged factor
    (not being
    addressed); a factor being addressed, or capacity not sustained alone, does not fire it."""
    history = [rc("RC1", D(2025, 1, 1), "high")]
    assert "high-to-severe" in rules_on(tmp_path, D(2026, 3, 1), history, "a",
                                        risk_factors=[rf("dv", "re-emerged", since=D(2024, 12, 1))])
    assert "high-to-severe" not in rules_on(tmp_path, D(2026, 3, 1), history, "c",
                                            risk_factors=[rf("dv", "being-addressed", since=D(2024, 12, 1))],
                                            capacity_to_change={"sustained": False})
    assert "high-to-severe" not in rules_on(tmp_path, D(2026, 3, 1), history, "b",
                                            capacity_to_change={"sustained": False})


def test_high_to_severe_an_interrupted_run_restarts_the_clock(tmp_path: Path) -> None:
    """The clock runs from the run start: the first entry of the latest run of the recorded level."""
    history = [rc("RC1", D(2025, 1, 10), "high"), rc("RC2", D(2025, 4, 1), "medium"),
               rc("RC3", D(2025, 6, 1), "high"), rc("RC4", D(2025, 8, 1), "high")]
    got = rules_on(tmp_path, D(2025, 9, 1), history, risk_factors=NOT_ADDRESSED)
    assert got["high-to-severe"] == (D(2025, 12, 1), False, "severe")


# ------------------------------------------------------------------ high-to-medium
SUSTAINED = {"evidence": "some", "sustained": True, "since": D(2025, 8, 1)}


def test_high_to_medium_from_the_latest_start_of_the_change(tmp_path: Path) -> None:
    """Reunification Practice Framework: "If parents develop a capacity for actual change and begin to address risk
    factors, and protective
    factors remain apparent this should be sustained for at least six* months before the case can move to
    'medium risk'"; the clock is the latest of run start, capacity since, risk since, protective since."""
    got = rules_on(tmp_path, D(2026, 3, 1), [rc("RC1", D(2025, 6, 1), "high")],
                   risk_factors=[rf("dv", "being-addressed", since=D(2025, 9, 30))], capacity_to_change=SUSTAINED,
                   recurrence="some")
    assert got == {"high-to-medium": (D(2026, 3, 30), False, "medium")}


def test_high_to_medium_never_counts_from_before_the_run_start(tmp_path: Path) -> None:
    """docs/practice-rules.md, "Moving between levels" (Detailed Reunification Workflow: risk "has remained medium or low
    for six months"): the clock never starts
    before the level was recorded."""
    got = rules_on(tmp_path, D(2026, 3, 1), [rc("RC1", D(2025, 11, 15), "high")],
                   risk_factors=[rf("dv", "being-addressed", since=D(2025, 1, 1))],
                   capacity_to_change={**SUSTAINED, "since": D(2025, 2, 1)}, recurrence="some")
    assert got["high-to-medium"] == (D(2026, 5, 15), False, "medium")


def test_high_to_medium_waits_for_an_apparent_protective_factor_date(tmp_path: Path) -> None:
    got = rules_on(tmp_path, D(2026, 3, 1), [rc("RC1", D(2025, 6, 1), "high")],
                   risk_factors=[rf("dv", "being-addressed", since=D(2025, 7, 1))], capacity_to_change=SUSTAINED,
                   protective_factors=[pf("nan", since=D(2025, 12, 1)), pf("gran", since=D(2025, 10, 1))],
                   recurrence="some")
    assert got["high-to-medium"][0] == D(2026, 4, 1)  # the earliest apparent one: 1 October


@pytest.mark.parametrize("withheld", ["wishes", "recurrence", "capacity", "not-addressed", "re-emerged"])
def test_high_to_medium_not_while_the_suggestion_stays_high(tmp_path: Path, withheld: str) -> None:
    """Downward advice only when the suggestion is complete and below the recorded level: wishes or recurrence
    can withhold it (docs/practice-rules.md, "Moving between levels", tool convention)."""
    changes = {"risk_factors": [rf("dv", "being-addressed")], "capacity_to_change": SUSTAINED, "recurrence": "some"}
    if withheld == "wishes":
        changes["wishes"] = {"parents": "ambivalent", "child": "wants-return"}
    elif withheld == "recurrence":
        changes["recurrence"] = "strong"
    elif withheld == "capacity":
        changes["capacity_to_change"] = {"sustained": False}
    else:
        changes["risk_factors"] = [rf("dv", withheld)]
    assert "high-to-medium" not in rules_on(tmp_path, D(2026, 6, 1), [rc("RC1", D(2025, 6, 1), "high")], **changes)


# ------------------------------------------------------------ high-protective-lost
def test_high_protective_lost_moves_to_severe(tmp_path: Path) -> None:
    """Reunification Practice Framework: "If protective factors are no longer apparent the case should move to severe risk"."""
    got = rules_on(tmp_path, D(2026, 3, 1), [rc("RC1", D(2025, 6, 1), "high")],
                   risk_factors=[rf("dv", "being-addressed")],
                   protective_factors=[pf("nan", False, since=D(2026, 2, 1))])
    assert got["high-protective-lost"] == (D(2026, 2, 1), True, "severe")


def test_high_protective_lost_not_while_one_is_apparent_or_unassessed(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 6, 1), "high")]
    assert "high-protective-lost" not in rules_on(tmp_path, D(2026, 3, 1), history, "a")
    assert "high-protective-lost" not in rules_on(tmp_path, D(2026, 3, 1), history, "b", protective_factors=...)


# ------------------------------------------------------------------ medium-to-low
def test_medium_to_low_after_six_months_addressed(tmp_path: Path) -> None:
    """Reunification Practice Framework: "If parents address all risk factors and maintain the change for at least six
    months the case can
    move to 'low risk'"."""
    risks = [rf("a", "addressed", since=D(2025, 8, 31)), rf("b", "addressed", since=D(2025, 5, 1))]
    got = rules_on(tmp_path, D(2026, 1, 1), [rc("RC1", D(2025, 3, 1), "medium")], risk_factors=risks)
    assert got == {"medium-to-low": (D(2026, 2, 28), False, "low")}


def test_medium_to_low_counts_from_the_medium_run(tmp_path: Path) -> None:
    """Addressed before medium was recorded: six months run from the run start ("a further six months")."""
    history = [rc("RC1", D(2024, 6, 1), "high"), rc("RC2", D(2025, 3, 15), "medium")]
    got = rules_on(tmp_path, D(2025, 6, 1), history, risk_factors=[rf("a", "addressed", since=D(2025, 1, 1))])
    assert got["medium-to-low"] == (D(2025, 9, 15), False, "low")


def test_medium_to_low_not_while_a_risk_is_being_addressed_or_the_suggestion_is_not_low(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 3, 1), "medium")]
    assert rules_on(tmp_path, D(2026, 1, 1), history, "a",
                    risk_factors=[rf("a", "being-addressed", since=D(2025, 2, 1))]) == {}
    assert rules_on(tmp_path, D(2026, 1, 1), history, "b", recurrence="some") == {}


# ------------------------------------------------------------------ low-to-close
def test_low_to_close_from_return_plus_six_months_with_a_later_low_classification(tmp_path: Path) -> None:
    """Reunification Practice Framework: "If parents can maintain 'low risks' for a period of at least [six] months the
    case can close";
    Detailed Reunification Workflow: "Social work involvement continues until parents have sustained low risk for at least
    six months"
    (after return home). Closed only once a low classification is dated on or after that day (RC3)."""
    history = [rc("RC1", D(2025, 1, 1), "medium"), rc("RC2", D(2025, 3, 1), "low")]
    due = D(2026, 2, 28)  # return 2025-08-31 + 6 months, later than the low run's 2025-09-01
    assert rules_on(tmp_path, D(2026, 1, 1), history, "a", case=HOME)["low-to-close"] == (due, False, None)
    waiting = message(tmp_path, "low-to-close", D(2026, 3, 5), history, "b", case=HOME)
    assert "once a low classification dated on or after 2026-02-28 is recorded" in waiting
    rc3 = [*history, rc("RC3", D(2026, 3, 2), "low")]
    assert "the case can close" in message(tmp_path, "low-to-close", D(2026, 3, 5), rc3, "c", case=HOME)


def test_low_to_close_needs_a_return_home_and_a_low_suggestion(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 1, 1), "low")]
    assert "low-to-close" not in rules_on(tmp_path, D(2026, 3, 1), history, "a")
    assert "low-to-close" not in rules_on(tmp_path, D(2026, 3, 1), history, "b", case=HOME, recurrence="some")


def test_low_to_close_counts_from_the_low_run_when_later(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 1, 1), "medium"), rc("RC2", D(2025, 10, 1), "low")]
    assert rules_on(tmp_path, D(2026, 1, 1), history, case=HOME)["low-to-close"][0] == D(2026, 4, 1)


# ------------------------------------------------------------------ severe-to-high
def test_severe_to_high_from_the_earliest_sign_of_change(tmp_path: Path) -> None:
    """Reunification Practice Framework: "If protective factors become apparent and/or parents begin to address risk
    factors ... sustained
    for at least six months before moving to 'high risk'"."""
    got = rules_on(tmp_path, D(2026, 1, 1), [rc("RC1", D(2025, 1, 1), "severe")],
                   risk_factors=[rf("a", "being-addressed", since=D(2025, 9, 1)), rf("b", "not-addressed")],
                   protective_factors=[pf("nan", since=D(2025, 10, 1))])
    assert got["severe-to-high"] == (D(2026, 3, 1), False, "high")


def test_severe_to_high_never_before_the_severe_run(tmp_path: Path) -> None:
    got = rules_on(tmp_path, D(2026, 1, 1), [rc("RC1", D(2025, 11, 1), "severe")],
                   risk_factors=[rf("a", "being-addressed", since=D(2025, 2, 1))])
    assert got["severe-to-high"][0] == D(2026, 5, 1)


def test_severe_to_high_not_with_nothing_changing_or_the_severe_profile(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 1, 1), "severe")]
    assert rules_on(tmp_path, D(2026, 1, 1), history, "a", risk_factors=[rf("a", "not-addressed")],
                    protective_factors=[pf("nan", False)]) == {}
    severe_still = {"risk_factors": [rf("a", "not-addressed"), rf("b", "being-addressed")],
                    "protective_factors": [pf("nan", False)], "capacity_to_change": {"sustained": False}}
    assert "severe-to-high" not in rules_on(tmp_path, D(2026, 1, 1), history, "b", **severe_still)


# ------------------------------------------------------------------ new-risk
@pytest.mark.parametrize(
    ("recorded", "capacity", "protective", "destination"),
    [("low", True, True, "medium"), ("low", False, True, "high"), ("low", False, False, "severe"),
     ("low", True, False, None), ("medium", True, True, None), ("medium", False, True, "high"),
     ("medium", False, False, "severe"), ("medium", True, False, None)],
)
def test_new_risk_destination(tmp_path: Path, recorded: str, capacity: bool, protective: bool,
                              destination: str | None) -> None:
    """Reunification Practice Framework's low and medium columns: "If new risk factors emerge/ previous risk factor
    re-emerge and parents are
    able to show demonstrable capacity for change and protective factors are apparent the case will move to
    'medium risk'"...; never the recorded level or lower."""
    got = rules_on(tmp_path, D(2026, 5, 1), [rc("RC1", D(2026, 1, 1), recorded)],
                   risk_factors=[rf("a", "addressed"), rf("b", "re-emerged", since=D(2026, 4, 1))],
                   capacity_to_change={"evidence": "some", "sustained": capacity},
                   protective_factors=[pf("nan", protective)])
    assert got["new-risk"] == (D(2026, 4, 1), True, destination)


def test_new_risk_capacity_not_assessed_names_no_level(tmp_path: Path) -> None:
    got = rules_on(tmp_path, D(2026, 5, 1), [rc("RC1", D(2026, 1, 1), "low")],
                   risk_factors=[rf("b", "re-emerged", since=D(2026, 4, 1))], capacity_to_change=...)
    assert got["new-risk"][2] is None


def test_new_risk_not_at_high_or_severe(tmp_path: Path) -> None:
    """The high and severe columns have no new-risk row: advising medium for a high case would be a downgrade."""
    for level in ("high", "severe"):
        got = rules_on(tmp_path, D(2026, 5, 1), [rc("RC1", D(2026, 1, 1), level)], level,
                       risk_factors=[rf("b", "re-emerged", since=D(2026, 4, 1))])
        assert "new-risk" not in got


def test_new_risk_identified_after_the_latest_classification(tmp_path: Path) -> None:
    risks = [rf("a", "not-addressed", identified=D(2026, 2, 1))]
    history = [rc("RC1", D(2026, 1, 1), "medium")]
    assert rules_on(tmp_path, D(2026, 2, 1), history, "a", risk_factors=risks)["new-risk"][:2] == (D(2026, 2, 1), False)
    assert "new-risk" not in rules_on(tmp_path, D(2026, 1, 31), history, "b", risk_factors=risks)
    reclassified = [*history, rc("RC2", D(2026, 2, 10), "medium")]
    assert "new-risk" not in rules_on(tmp_path, D(2026, 3, 1), reclassified, "c", risk_factors=risks)


def test_new_risk_re_emerged_only_after_the_latest_classification(tmp_path: Path) -> None:
    """A factor that re-emerged before the latest classification was already classified."""
    history = [rc("RC1", D(2026, 1, 1), "medium")]
    assert "new-risk" not in rules_on(tmp_path, D(2026, 5, 1), history, risk_factors=[
        rf("b", "re-emerged", since=D(2025, 12, 1))])


def test_new_risk_without_identified_counts_from_since(tmp_path: Path) -> None:
    history = [rc("RC1", D(2026, 1, 1), "low")]
    got = rules_on(tmp_path, D(2026, 5, 1), history, risk_factors=[rf("b", "being-addressed", since=D(2026, 3, 1))],
                   capacity_to_change=SUSTAINED)
    assert got["new-risk"][0] == D(2026, 3, 1)


# ------------------------------------------------------------------ reclassify-higher
def test_reclassify_higher_when_the_factors_suggest_more_than_recorded(tmp_path: Path) -> None:
    """Tool convention; Detailed Reunification Workflow: "If risks have increased discuss with SM". Dated the later of
    factors assessed and
    the latest classification (docs/practice-rules.md)."""
    history = [rc("RC1", D(2025, 10, 1), "low")]
    got = rules_on(tmp_path, D(2026, 2, 1), history, "a", recurrence="strong")
    assert got["reclassify-higher"] == (D(2026, 1, 1), True, "high")  # FULL_LOW: assessed 2026-01-01
    later = [rc("RC1", D(2026, 1, 20), "medium")]
    assert rules_on(tmp_path, D(2026, 2, 1), later, "b", recurrence="strong")["reclassify-higher"][0] == D(2026, 1, 20)


def test_reclassify_higher_not_when_equal_lower_or_incomplete(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 10, 1), "medium")]
    assert "reclassify-higher" not in rules_on(tmp_path, D(2026, 2, 1), history, "a", recurrence="some")
    assert "reclassify-higher" not in rules_on(tmp_path, D(2026, 2, 1), history, "b")
    assert "reclassify-higher" not in rules_on(tmp_path, D(2026, 2, 1), history, "c", recurrence=...)


# ------------------------------------------------------------------ stage4-outcome
@pytest.mark.parametrize(
    ("pair", "words"),
    [(("high", "severe"), "No sufficient change"), (("high", "medium"), "Sufficient progress"),
     (("medium", "low"), "Sufficient evidence of change"), (("medium", "high"), "Worker to decide"),
     (("medium", "medium"), "allow more time")],
)
def test_stage4_outcome_prompts_the_stage_4_row(tmp_path: Path, pair: tuple[str, str], words: str) -> None:
    """Reunification Practice Framework stage 4: "Initial / Reclassification / Progress / Next steps"; medium then medium
    is "allow more time"
    (tool convention)."""
    history = [rc("RC1", D(2025, 6, 1), pair[0]), rc("RC2", D(2025, 12, 1), pair[1])]
    f = facts(tmp_path, D(2026, 1, 1), history)
    [prompt] = [a for a in advice(f) if a.rule == "stage4-outcome"]
    assert (prompt.date, prompt.overdue, prompt.level) == (D(2025, 12, 1), False, None) and words in prompt.message


def test_stage4_outcome_not_for_other_pairs_one_classification_or_after_return(tmp_path: Path) -> None:
    assert "stage4-outcome" not in rules_on(tmp_path, D(2026, 1, 1), [rc("RC1", D(2025, 6, 1), "low"),
                                                                         rc("RC2", D(2025, 12, 1), "medium")], "a")
    assert "stage4-outcome" not in rules_on(tmp_path, D(2026, 1, 1), [rc("RC1", D(2025, 6, 1), "high")], "b")
    after = [rc("RC1", D(2025, 6, 1), "medium"), rc("RC2", D(2025, 9, 1), "low")]
    assert "stage4-outcome" not in rules_on(tmp_path, D(2026, 1, 1), after, "c", case=HOME)


def test_stage4_outcome_medium_held_without_rationale_is_a_warning(tmp_path: Path) -> None:
    """docs/practice-rules.md: medium then medium always prompts, plus a warning when that classification has no
    rationale (Reunification Practice Framework: "Worker to decide whether to allow more time, or escalate the risk")."""
    bare = [rc("RC1", D(2025, 6, 1), "medium"), rc("RC2", D(2025, 12, 1), "medium")]
    assert len(warnings(facts(tmp_path, D(2026, 1, 1), bare, "a"))) == 1
    reasoned = [bare[0], rc("RC2", D(2025, 12, 1), "medium", rationale="dad's programme ends in March")]
    assert warnings(facts(tmp_path, D(2026, 1, 1), reasoned, "b")) == []


# ------------------------------------------------------------------ rc3-due
def test_rc3_due_six_months_after_return(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "TM and Social worker should formally reclassify the risks again at six months"."""
    history = [rc("RC1", D(2025, 1, 1), "low")]
    assert rules_on(tmp_path, D(2026, 2, 28), history, "a", case=HOME)["rc3-due"] == (D(2026, 2, 28), False, None)
    assert rules_on(tmp_path, D(2026, 3, 1), history, "b", case=HOME)["rc3-due"][1] is True
    done = [*history, rc("RC3", D(2026, 3, 2), "low")]
    assert "rc3-due" not in rules_on(tmp_path, D(2026, 4, 1), done, "c", case=HOME)


def test_every_rule_quotes_its_document() -> None:
    assert set(RULES) == {"high-to-severe", "high-to-medium", "medium-to-low", "low-to-close", "severe-to-high",
                          "high-protective-lost", "new-risk", "reclassify-higher", "stage4-outcome", "rc3-due"}
    assert all(rule.quote and rule.source_id in ("nspcc-framework", "la-workflow") for rule in RULES.values())
    assert [r.id for r in RULES.values() if r.convention] == ["reclassify-higher"]


def test_messages_say_whether_the_date_is_ahead_or_passed(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 1, 1), "medium")]
    risks = [rf("a", "addressed", since=D(2025, 1, 1))]
    ahead = message(tmp_path, "medium-to-low", D(2025, 3, 1), history, "a", risk_factors=risks)
    passed = message(tmp_path, "medium-to-low", D(2025, 9, 1), history, "b", risk_factors=risks)
    assert "on 2025-07-01 (in 122 days)" in ahead and "not before then" in ahead
    assert "since 2025-07-01 (62 days ago)" in passed and "may move now" in passed
    assert "maintain the change for at least six months the case can move" in passed
