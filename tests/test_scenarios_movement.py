"""Scenarios for docs/practice-rules.md, "Moving between levels" (movement rules over time, Reunification Practice
Framework table rows 7-10 and stage 4; Detailed
Reunification Workflow) through `classify`'s JSON.

Expected dates are worked out by hand from docs/practice-rules.md, "Moving between levels" ("date carried"), with six
calendar months
clamped to the month's end (docs/case-format.md); `overdue` is true only once the date has passed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenario import D, advice, classify, make, profile, protective, rc, risk, rules

NOT_SUSTAINED = {"evidence": "some", "sustained": False}
NONE_APPARENT = [protective(False, since=None)]


def entry(tmp_path: Path, name: str, as_of: D, rule: str, history: list, case: dict | None = None,
          **changes) -> dict | None:
    folder = make(tmp_path, name, case={"classifications": history, **(case or {})}, factors=profile(**changes))
    return advice(classify(folder, as_of), rule)


def fired(tmp_path: Path, name: str, as_of: D, history: list, case: dict | None = None, **changes) -> set[str]:
    folder = make(tmp_path, name, case={"classifications": history, **(case or {})}, factors=profile(**changes))
    return rules(classify(folder, as_of))


# ---------------------------------------------------------------- high-to-severe: run start + 6m
HIGH_AUG = [rc("RC1", D(2025, 8, 31), "high")]


@pytest.mark.parametrize(("as_of", "overdue"), [(D(2026, 2, 27), False), (D(2026, 2, 28), False),
                                                (D(2026, 3, 1), True)])
def test_high_to_severe_at_the_six_month_boundary(tmp_path: Path, as_of: D, overdue: bool) -> None:
    """Reunification Practice Framework: "If parents remain 'high risk' for six months without addressing risk factors the
    case should move to
    severe risk"; 31 August + 6 months is 28 February (clamped)."""
    got = entry(tmp_path, "c", as_of, "high-to-severe", HIGH_AUG, risk_factors=[risk("not-addressed")])
    assert got is not None
    assert (got["date"], got["overdue"], got["level"]) == ("2026-02-28", overdue, "severe")


def test_high_to_severe_needs_a_factor_not_addressed_or_re_emerged(tmp_path: Path) -> None:
    """docs/practice-rules.md, "Moving between levels": a re-emerged factor fires it (it is not being addressed); capacity
    not sustained with
    every factor being addressed does not."""
    assert "high-to-severe" in fired(tmp_path, "a", D(2026, 6, 1), HIGH_AUG, risk_factors=[risk("re-emerged")])
    assert "high-to-severe" not in fired(tmp_path, "c", D(2026, 6, 1), HIGH_AUG, capacity_to_change=NOT_SUSTAINED,
                                         risk_factors=[risk("being-addressed")])


def test_high_to_severe_clock_restarts_with_the_run(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 1, 10), "high"), rc("RC2", D(2025, 4, 1), "medium"), rc("RC3", D(2025, 6, 1), "high"),
               rc("RC4", D(2025, 8, 1), "high")]
    got = entry(tmp_path, "c", D(2025, 9, 1), "high-to-severe", history, risk_factors=[risk("not-addressed")])
    assert got["date"] == "2025-12-01" and got["overdue"] is False


# ---------------------------------------------------------------- high-to-medium
# Latest of run start (31 Jan), capacity since (15 Mar), latest risk since (10 Feb) and the EARLIEST apparent
# protective since (20 Apr, not 1 May) is 20 April; + 6 months = 20 October.
TOWARDS_MEDIUM = {
    "risk_factors": [risk("being-addressed", since=D(2025, 2, 10)), risk("addressed", D(2024, 1, 1), "drink")],
    "protective_factors": [protective(True, D(2025, 5, 1), "aunt"), protective(True, D(2025, 4, 20)),
                           protective(False, D(2025, 9, 1), "school")],
    "capacity_to_change": {"evidence": "some", "sustained": True, "since": D(2025, 3, 15)},
    "recurrence": "some",
}
HIGH_JAN = [rc("RC1", D(2025, 1, 31), "high")]


@pytest.mark.parametrize(("as_of", "overdue"), [(D(2025, 10, 19), False), (D(2025, 10, 20), False),
                                                (D(2025, 10, 21), True)])
def test_high_to_medium_date(tmp_path: Path, as_of: D, overdue: bool) -> None:
    """Reunification Practice Framework: "this should be sustained for at least six* months before the case can move to
    "medium risk""."""
    got = entry(tmp_path, "c", as_of, "high-to-medium", HIGH_JAN, **TOWARDS_MEDIUM)
    assert got is not None
    assert (got["date"], got["overdue"], got["level"]) == ("2025-10-20", overdue, "medium")
    assert "must" not in got["message"]


@pytest.mark.parametrize("changes", [
    {"recurrence": "strong"},  # the suggestion stays high: no downward advice
    {"capacity_to_change": NOT_SUSTAINED},
    {"protective_factors": NONE_APPARENT},
    {"risk_factors": [risk("re-emerged")]},
    {"capacity_to_change": {"evidence": "none", "sustained": True}},  # incomplete suggestion
], ids=["suggestion-high", "capacity-not-sustained", "no-protective", "re-emerged", "incomplete"])
def test_high_to_medium_withheld(tmp_path: Path, changes: dict) -> None:
    """docs/practice-rules.md, "Moving between levels": every risk factor being addressed or addressed, a protective factor
    apparent, capacity sustained, and the
    suggestion complete and below high."""
    assert "high-to-medium" not in fired(tmp_path, "c", D(2026, 6, 1), HIGH_JAN, **{**TOWARDS_MEDIUM, **changes})


def test_high_to_medium_clock_never_before_the_run_start(tmp_path: Path) -> None:
    history = [rc("RC1", D(2024, 6, 1), "medium"), rc("RC2", D(2025, 5, 31), "high")]
    got = entry(tmp_path, "c", D(2025, 12, 1), "high-to-medium", history,
                **{**TOWARDS_MEDIUM, "protective_factors": [protective(True)],
                   "capacity_to_change": {"evidence": "some", "sustained": True, "since": D(2024, 1, 1)},
                   "risk_factors": [risk("being-addressed", since=D(2024, 2, 1))]})
    assert got["date"] == "2025-11-30"


# ---------------------------------------------------------------- medium-to-low
MEDIUM_MAR = [rc("RC1", D(2025, 3, 31), "medium")]


@pytest.mark.parametrize(("as_of", "overdue"), [(D(2025, 9, 29), False), (D(2025, 9, 30), False),
                                                (D(2025, 10, 1), True)])
def test_medium_to_low_date_from_the_run_start(tmp_path: Path, as_of: D, overdue: bool) -> None:
    """Reunification Practice Framework: "If parents address all risk factors and maintain the change for at least six
    months the case can move
    to 'low risk'": later of run start (31 March) and the latest risk since (1 Dec 2024), + 6 months, clamped."""
    got = entry(tmp_path, "c", as_of, "medium-to-low", MEDIUM_MAR)
    assert (got["date"], got["overdue"], got["level"]) == ("2025-09-30", overdue, "low")


def test_medium_to_low_date_from_the_latest_risk_addressed(tmp_path: Path) -> None:
    got = entry(tmp_path, "c", D(2025, 10, 1), "medium-to-low", MEDIUM_MAR,
                risk_factors=[risk("addressed"), risk("addressed", D(2025, 5, 15), "drink")])
    assert got["date"] == "2025-11-15" and got["overdue"] is False


@pytest.mark.parametrize("changes", [
    {"recurrence": "some"},  # the suggestion is medium, not below the recorded level
    {"risk_factors": [risk("addressed"), risk("being-addressed", id_="drink")]},
    {"wishes": {"parents": "ambivalent", "child": "wants-return"}},
], ids=["suggestion-medium", "one-being-addressed", "wishes-withhold"])
def test_medium_to_low_withheld(tmp_path: Path, changes: dict) -> None:
    assert "medium-to-low" not in fired(tmp_path, "c", D(2026, 6, 1), MEDIUM_MAR, **changes)


# ---------------------------------------------------------------- low-to-close
HOME_MAR = {"return_home": {"date": D(2025, 3, 31)}}


def test_low_to_close_from_return_plus_six_months(tmp_path: Path) -> None:
    """Later of run start + 6m (15 July) and return + 6m (30 September); can close only once a low classification
    dated on or after it exists; level null (docs/practice-rules.md, "Moving between levels")."""
    history = [rc("RC1", D(2025, 1, 15), "low")]
    ahead = entry(tmp_path, "a", D(2025, 9, 29), "low-to-close", history, HOME_MAR)
    assert (ahead["date"], ahead["overdue"], ahead["level"]) == ("2025-09-30", False, None)
    passed = entry(tmp_path, "b", D(2025, 10, 1), "low-to-close", history, HOME_MAR)
    assert passed["date"] == "2025-09-30" and "2025-09-30" in passed["message"]
    confirmed = entry(tmp_path, "c", D(2025, 10, 1), "low-to-close", [*history, rc("RC2", D(2025, 9, 30), "low")],
                      HOME_MAR)
    assert confirmed["date"] == "2025-09-30"
    assert confirmed["message"] != passed["message"]


def test_low_to_close_from_the_low_run(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 1, 15), "medium"), rc("RC2", D(2025, 6, 15), "low")]
    assert entry(tmp_path, "c", D(2025, 10, 1), "low-to-close", history, HOME_MAR)["date"] == "2025-12-15"


def test_low_to_close_month_end_clamping(tmp_path: Path) -> None:
    got = entry(tmp_path, "c", D(2025, 10, 1), "low-to-close", [rc("RC1", D(2025, 1, 15), "low")],
                {"return_home": {"date": D(2025, 8, 31)}})
    assert got["date"] == "2026-02-28"


@pytest.mark.parametrize(("case", "changes"), [
    ({}, {}),  # never returned home
    ({"return_home": {"date": D(2025, 10, 2)}}, {}),  # return dated after as-of: a plan
    (HOME_MAR, {"recurrence": "some"}),  # the suggestion is not low
], ids=["no-return", "return-after-as-of", "suggestion-medium"])
def test_low_to_close_withheld(tmp_path: Path, case: dict, changes: dict) -> None:
    assert "low-to-close" not in fired(tmp_path, "c", D(2025, 10, 1), [rc("RC1", D(2025, 1, 15), "low")], case,
                                       **changes)


# ---------------------------------------------------------------- severe-to-high
SEVERE_FEB = [rc("RC1", D(2025, 2, 28), "severe")]
TOWARDS_HIGH = {"risk_factors": [risk("not-addressed")], "capacity_to_change": NOT_SUSTAINED, "recurrence": "strong",
                "protective_factors": [protective(True, D(2025, 5, 31))]}


def test_severe_to_high_from_the_protective_factor(tmp_path: Path) -> None:
    """Reunification Practice Framework: "If protective factors become apparent and/or parents begin to address risk
    factors ... sustained for
    at least six months before moving to 'high risk'": later of run start and that since, + 6 months."""
    got = entry(tmp_path, "c", D(2025, 11, 29), "severe-to-high", SEVERE_FEB, **TOWARDS_HIGH)
    assert (got["date"], got["overdue"], got["level"]) == ("2025-11-30", False, "high")


def test_severe_to_high_never_before_the_run_start(tmp_path: Path) -> None:
    got = entry(tmp_path, "c", D(2025, 11, 29), "severe-to-high", SEVERE_FEB,
                **{**TOWARDS_HIGH, "protective_factors": [protective(True, D(2024, 6, 1))]})
    assert got["date"] == "2025-08-28" and got["overdue"] is True


def test_severe_to_high_from_a_risk_being_addressed(tmp_path: Path) -> None:
    got = entry(tmp_path, "c", D(2025, 11, 29), "severe-to-high", SEVERE_FEB,
                **{**TOWARDS_HIGH, "protective_factors": NONE_APPARENT,
                   "risk_factors": [risk("being-addressed", D(2025, 4, 30))]})
    assert got["date"] == "2025-10-30"


def test_severe_to_high_withheld_while_the_suggestion_is_severe(tmp_path: Path) -> None:
    """One risk being addressed, another not, no protective factor: the severe profile holds (docs/practice-rules.md)."""
    risks = [risk("not-addressed"), risk("being-addressed", D(2025, 4, 30), "drink")]
    assert "severe-to-high" not in fired(tmp_path, "c", D(2026, 6, 1), SEVERE_FEB,
                                         **{**TOWARDS_HIGH, "protective_factors": NONE_APPARENT,
                                            "risk_factors": risks})


# ---------------------------------------------------------------- high-protective-lost
def test_high_protective_lost(tmp_path: Path) -> None:
    """Reunification Practice Framework: "If protective factors are no longer apparent the case should move to severe
    risk": dated the latest
    protective since, else factors `assessed`; overdue once passed."""
    history = [rc("RC1", D(2025, 1, 10), "high")]
    lost = entry(tmp_path, "a", D(2025, 10, 1), "high-protective-lost", history,
                 protective_factors=[protective(False, D(2025, 6, 10)), protective(False, D(2025, 2, 1), "aunt")])
    assert (lost["date"], lost["overdue"], lost["level"]) == ("2025-06-10", True, "severe")
    undated = entry(tmp_path, "b", D(2025, 10, 1), "high-protective-lost", history, protective_factors=NONE_APPARENT)
    assert undated["date"] == "2025-03-01"
    assert "high-protective-lost" not in fired(tmp_path, "c", D(2025, 10, 1), history)


# ---------------------------------------------------------------- new-risk and its destination table
LOW_JUN = [rc("RC1", D(2025, 6, 1), "low")]
MEDIUM_JUN = [rc("RC1", D(2025, 6, 1), "medium")]
NEW = risk("being-addressed", D(2025, 7, 1), "drink", identified=D(2025, 7, 1))
DESTINATIONS = {
    # (recorded, capacity, protective) -> level
    ("low", "sustained", "apparent"): "medium",
    ("low", "not", "apparent"): "high",
    ("low", "not", "none"): "severe",
    ("low", "sustained", "none"): None,
    ("low", "unassessed", "apparent"): None,
    ("medium", "sustained", "apparent"): None,
    ("medium", "not", "apparent"): "high",
    ("medium", "not", "none"): "severe",
    ("medium", "sustained", "none"): None,
}


@pytest.mark.parametrize("key", DESTINATIONS, ids=["-".join(k) for k in DESTINATIONS])
def test_new_risk_destination(tmp_path: Path, key: tuple) -> None:
    """the "Moving between levels" section's `new-risk` destination table (Reunification Practice Framework, low and medium
    columns), never the recorded
    level or lower."""
    recorded, capacity, apparent = key
    capacities = {"sustained": {"evidence": "some", "sustained": True, "since": D(2024, 1, 1)},
                  "not": NOT_SUSTAINED, "unassessed": {"evidence": "some"}}
    history = LOW_JUN if recorded == "low" else MEDIUM_JUN
    got = entry(tmp_path, "c", D(2025, 10, 1), "new-risk", history,
                risk_factors=[risk("addressed"), NEW], capacity_to_change=capacities[capacity],
                protective_factors=[protective(True)] if apparent == "apparent" else NONE_APPARENT)
    assert got is not None
    assert (got["date"], got["level"]) == ("2025-07-01", DESTINATIONS[key])


@pytest.mark.parametrize(("factor", "fires"), [
    (risk("not-addressed", D(2025, 6, 1), "drink", identified=D(2025, 6, 1)), False),  # on the RC date: not after
    (risk("not-addressed", D(2025, 6, 2), "drink", identified=D(2025, 6, 2)), True),
    (risk("not-addressed", D(2025, 6, 2), "drink"), True),  # no `identified`: its `since`
    (risk("not-addressed", D(2025, 7, 1), "drink", identified=D(2025, 1, 1)), False),  # known before RC1
    (risk("addressed", D(2025, 7, 1), "drink", identified=D(2025, 7, 1)), False),  # new but addressed
    (risk("re-emerged", D(2025, 7, 1), "drink", identified=D(2024, 1, 1)), True),
    (risk("re-emerged", D(2025, 5, 1), "drink", identified=D(2024, 1, 1)), False),  # re-emerged before RC1
    (risk("not-addressed", D(2025, 10, 2), "drink", identified=D(2025, 10, 2)), False),  # after as-of
], ids=["on-rc-date", "day-after", "since-when-no-identified", "known-before", "addressed", "re-emerged-after",
        "re-emerged-before", "after-as-of"])
def test_new_risk_fires_only_after_the_latest_classification(tmp_path: Path, factor: dict, fires: bool) -> None:
    got = entry(tmp_path, "c", D(2025, 10, 1), "new-risk", LOW_JUN, risk_factors=[risk("addressed"), factor])
    assert (got is not None) is fires


def test_new_risk_not_at_high_or_severe(tmp_path: Path) -> None:
    """"the high and severe columns have no such row"."""
    for level in ("high", "severe"):
        assert "new-risk" not in fired(tmp_path, level, D(2025, 10, 1), [rc("RC1", D(2025, 6, 1), level)],
                                       risk_factors=[risk("addressed"), NEW])


# ---------------------------------------------------------------- reclassify-higher
def test_reclassify_higher_dated_the_later_of_assessed_and_the_classification(tmp_path: Path) -> None:
    """Tool convention; Detailed Reunification Workflow "If risks have increased discuss with SM"; docs/practice-rules.md:
    dated the later of factors
    `assessed` and the latest classification's date; level is the suggestion."""
    not_addressed = [risk("not-addressed")]
    after = entry(tmp_path, "a", D(2025, 10, 1), "reclassify-higher", LOW_JUN, risk_factors=not_addressed,
                  assessed=D(2025, 7, 15))
    assert (after["date"], after["overdue"], after["level"]) == ("2025-07-15", True, "high")
    before = entry(tmp_path, "b", D(2025, 10, 1), "reclassify-higher", LOW_JUN, risk_factors=not_addressed)
    assert before["date"] == "2025-06-01"
    for name, changes in {"equal": {"risk_factors": [risk("being-addressed")], "recurrence": "some"},
                          "lower": {}, "incomplete": {"recurrence": None}}.items():
        assert "reclassify-higher" not in fired(tmp_path, name, D(2025, 10, 1), MEDIUM_JUN, **changes)


# ---------------------------------------------------------------- stage4-outcome
@pytest.mark.parametrize(("pair", "words"), [
    (("high", "severe"), "No sufficient change"),
    (("high", "medium"), "Sufficient progress"),
    (("medium", "low"), "Sufficient evidence of change"),
    (("medium", "high"), "Not sufficient evidence of change"),
    (("medium", "medium"), "allow more time"),
])
def test_stage4_outcome_rows(tmp_path: Path, pair: tuple, words: str) -> None:
    """Reunification Practice Framework's stage 4 table for (previous, latest); medium then medium is the last row's "allow
    more time"."""
    history = [rc("RC1", D(2025, 3, 1), pair[0]), rc("RC2", D(2025, 9, 1), pair[1])]
    got = entry(tmp_path, "c", D(2025, 10, 1), "stage4-outcome", history)
    assert got is not None and got["date"] == "2025-09-01" and words in got["message"]


@pytest.mark.parametrize("history", [
    [rc("RC1", D(2025, 3, 1), "low"), rc("RC2", D(2025, 9, 1), "medium")],
    [rc("RC1", D(2025, 3, 1), "high"), rc("RC2", D(2025, 9, 1), "high")],
    [rc("RC1", D(2025, 3, 1), "medium")],
], ids=["low-medium", "high-high", "single"])
def test_stage4_outcome_other_pairs_no_prompt(tmp_path: Path, history: list) -> None:
    assert "stage4-outcome" not in fired(tmp_path, "c", D(2025, 10, 1), history)


def test_stage4_outcome_only_before_return_home(tmp_path: Path) -> None:
    history = [rc("RC1", D(2025, 3, 1), "medium"), rc("RC2", D(2025, 9, 1), "low")]
    assert "stage4-outcome" not in fired(tmp_path, "a", D(2025, 10, 1), history,
                                         {"return_home": {"date": D(2025, 9, 1)}})
    assert "stage4-outcome" in fired(tmp_path, "b", D(2025, 10, 1), history, {"return_home": {"date": D(2025, 9, 2)}})


def test_medium_held_again_warns_without_rationale(tmp_path: Path) -> None:
    """docs/practice-rules.md: medium then medium, the prompt always, plus a warning when it has no `rationale`."""
    history = [rc("RC1", D(2025, 3, 1), "medium"), rc("RC2", D(2025, 9, 1), "medium")]
    bare = make(tmp_path, "a", case={"classifications": history}, factors=profile(recurrence="some"))
    assert classify(bare, D(2025, 10, 1))["warnings"]
    reasoned = [history[0], rc("RC2", D(2025, 9, 1), "medium", rationale="Mum started a course in August")]
    assert classify(make(tmp_path, "b", case={"classifications": reasoned}), D(2025, 10, 1))["warnings"] == []


# ---------------------------------------------------------------- rc3-due
@pytest.mark.parametrize(("extra", "as_of", "expect"), [
    ([], D(2026, 2, 28), ("2026-02-28", False)),
    ([], D(2026, 3, 1), ("2026-02-28", True)),
    ([rc("RC2", D(2026, 2, 27), "low")], D(2026, 3, 1), ("2026-02-28", True)),
    ([rc("RC2", D(2026, 2, 28), "low")], D(2026, 3, 1), None),
], ids=["on-the-day", "day-after", "classified-a-day-early", "classified-on-the-day"])
def test_rc3_due(tmp_path: Path, extra: list, as_of: D, expect: tuple | None) -> None:
    """Detailed Reunification Workflow: "formally reclassify the risks again at six months": return (31 Aug) + 6 months =
    28 Feb."""
    got = entry(tmp_path, "c", as_of, "rc3-due", [rc("RC1", D(2025, 5, 1), "low"), *extra],
                {"return_home": {"date": D(2025, 8, 31)}})
    assert (got and (got["date"], got["overdue"])) == expect if expect else got is None
