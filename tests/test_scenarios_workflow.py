"""Scenarios for the workflow as a whole: the current stage, not proceeding, the order checks (docs/practice-rules.md, "The
checklist, stage by stage"), the trigger
prompts (docs/practice-rules.md, "Trigger points to revisit risk"), `status` and `supervise`, and `decide`'s order guard
(docs/command-line.md), all through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.builders import ids
from tests.runner import invoke
from tests.scenario import D, advice, checklist, classify, cli, make, profile, rc, risk, rules, task

AS_OF = D(2025, 10, 1)
TM = {"by": "Jo Rivers", "role": "team-manager"}
SM = {"by": "Alex Moore", "role": "service-manager"}
D1 = {"decision": "1", "date": D(2025, 1, 10), "outcome": "proceed", **TM}
D2 = {"decision": "2", "date": D(2025, 3, 5), "outcome": "proceed", **SM}
D3 = {"decision": "3", "date": D(2025, 8, 1), "outcome": "proceed", "ratified_by": "Chris Lane", **SM}
CPAG = {"decision": "cpag", "date": D(2025, 8, 20), "outcome": "proceed", "by": "Dana Cole",
        "role": "corporate-director"}
RC1 = [rc("RC1", D(2025, 3, 1), "medium")]
HOME = {"return_home": {"date": D(2025, 9, 1)}, "placement": {"type": "placed-with-parents"}}


# ---------------------------------------------------------------- the current stage (docs/practice-rules.md, checklist)
@pytest.mark.parametrize(("case", "stage"), [
    ({}, 1),
    ({"decisions": [D1]}, 2),  # Decision 1 -> past stage 1, its gaps still listed as missing
    ({"decisions": [D1, D2], "classifications": RC1}, 3),
    # Decision 3 is stage 4's first task, not its end: with stage 3's gaps open the case stays at stage 3.
    ({"decisions": [D1, D2, D3], "classifications": RC1, "placement": {"type": "foster"}}, 3),
    ({"decisions": [D1], **HOME}, 5),  # return home -> stage 5
    ({"decisions": [D1, D2], "classifications": RC1, "return_home": {"date": D(2025, 10, 2)}}, 3),  # a plan only
], ids=["nothing", "decision-1", "decision-2", "decision-3-in-foster-care", "returned", "return-planned"])
def test_current_stage(tmp_path: Path, case: dict, stage: int) -> None:
    got = checklist(make(tmp_path, "c", case=case), AS_OF)
    assert got["stage"] == stage
    if stage > 1:
        assert task(got, "s1.assessment-planning")["status"] == "missing"


def young_person(folder: Path, out: Path, as_of: D) -> str:
    rendered = invoke("render", str(folder), "--report", "young-person", "-o", str(out), "--as-of", as_of.isoformat())
    assert rendered.returncode == 0, rendered.stderr
    return (out / "young-person.md").read_text(encoding="utf-8")


def test_decision_3_in_foster_care_is_not_back_home(tmp_path: Path) -> None:
    """The issue's case: `decide --decision 3` on a child still in foster care (no RC2, no agreement, no contingency
    plan) must not put her at stage 5, and her report speaks of being home only after `return_home.date`."""
    case = {"decisions": [D1, D2, D3], "classifications": RC1, "placement": {"type": "foster"},
            "return_home": {"date": D(2025, 10, 2)}}
    folder = make(tmp_path, "c", case=case)
    got = checklist(folder, AS_OF)
    assert got["stage"] < 5 and task(got, "s5.return-home")["status"] == "due"
    assert "You are back home" not in young_person(folder, tmp_path / "before", AS_OF)
    assert "You are back home" in young_person(folder, tmp_path / "after", D(2025, 10, 2))


def rationale_line(tmp_path: Path, name: str, entry: dict, **factors) -> str:
    folder = make(tmp_path, name, case={"classifications": [entry]}, factors=profile(**factors))
    out = tmp_path / f"{name}-out"
    done = invoke("render", str(folder), "--report", "risk-classification", "-o", str(out), "--as-of", "2025-10-01")
    assert done.returncode == 0, done.stderr
    text = (out / "risk-classification.md").read_text(encoding="utf-8")
    return next((line for line in text.splitlines() if line.startswith(("The manager recorded", "The suggestion today"))),
                "")


def test_reports_say_which_suggestion_the_manager_departed_from(tmp_path: Path) -> None:
    """Issue 12, point 7: where the recorded level differs from the suggestion, the manager's rationale, and the
    truth of the record: a level recorded as the tool then suggested is not shown as overriding today's suggestion."""
    entry = rc("RC1", D(2025, 3, 1), "low", suggested="low", rationale="Settled at home")
    assert rationale_line(tmp_path, "then-same", entry, recurrence="strong") == (
        "The suggestion today, **high**, differs from the recorded level, **low**; when RC1 was recorded (2025-03-01) "
        "the suggestion was **low**.")
    assert rationale_line(tmp_path, "then-other", {**entry, "suggested": "medium"}) == (
        "The manager recorded **low** where the suggestion was **medium**.")
    assert rationale_line(tmp_path, "unknown", rc("RC1", D(2025, 3, 1), "low"), recurrence="some") == (
        "The suggestion today, **medium**, differs from the recorded level, **low**.")
    assert rationale_line(tmp_path, "agree", entry) == ""


# ---------------------------------------------------------------- not proceeding
@pytest.mark.parametrize("case", [
    {"classifications": [rc("RC1", D(2025, 3, 1), "severe")]},
    {"classifications": RC1, "decisions": [{**D2, "outcome": "do-not-proceed"}]},
    {"classifications": RC1, "decisions": [D2, {**D3, "outcome": "permanence"}]},
], ids=["severe", "decision-2-do-not-proceed", "decision-3-permanence"])
def test_not_proceeding(tmp_path: Path, case: dict) -> None:
    """docs/practice-rules.md, "The checklist, stage by stage": stages 3-5 are not-applicable except s4.decision-shared and
    s5.closure; s2.permanence is required."""
    got = checklist(make(tmp_path, "c", case=case), AS_OF)
    late = {t["id"]: t["status"] for t in got["tasks"] if t["stage"] >= 3}
    assert {i for i, s in late.items() if s != "not-applicable"} <= {"s4.decision-shared", "s5.closure"}
    assert late["s5.closure"] == "missing"
    assert task(got, "s2.permanence")["status"] == "missing"


def test_a_later_decision_to_proceed_resumes(tmp_path: Path) -> None:
    """"the latest Decision 2 or 3" decides: a later Decision 2 to proceed brings stages 3-5 back."""
    case = {"classifications": RC1, "decisions": [{**D2, "outcome": "do-not-proceed"},
                                                  {**D2, "date": D(2025, 6, 1)}]}
    got = checklist(make(tmp_path, "c", case=case), AS_OF)
    assert task(got, "s3.agreement")["status"] == "missing"


# ---------------------------------------------------------------- order checks
@pytest.mark.parametrize(("decisions", "alerts"), [
    ([D3, CPAG], []),
    ([{**D3, "ratified_on": D(2025, 9, 1)}, CPAG], []),  # ratified the day of return: not before it
    ([{**D3, "ratified_on": D(2025, 9, 2)}, CPAG], ["return-before-decision-3"]),
    ([{**D3, "ratified_by": None}, CPAG], ["return-before-decision-3"]),
    ([{**D3, "outcome": "do-not-proceed"}, CPAG], ["return-before-decision-3"]),
    ([D3, {**CPAG, "role": "panel"}], ["return-before-cpag"]),
    ([D3, {**CPAG, "date": D(2025, 9, 2)}], ["return-before-cpag"]),
    ([D1], ["return-before-decision-3", "return-before-cpag"]),
], ids=["in-order", "ratified-on-return-day", "ratified-after-return", "unratified", "not-proceed",
        "cpag-by-panel", "cpag-after-return", "neither"])
def test_order_checks(tmp_path: Path, decisions: list, alerts: list) -> None:
    """docs/practice-rules.md, "The checklist, stage by stage" order checks (Detailed Reunification Workflow's sequence) in
    checklist's `alerts`, dated the return home
    (docs/practice-rules.md:
    Decision 3 is complete on its `ratified_on`, or its date when ratified in the same entry)."""
    clean = [{k: v for k, v in d.items() if v is not None} for d in decisions]
    got = checklist(make(tmp_path, "c", case={"decisions": clean, **HOME}), AS_OF)["alerts"]
    assert [a["id"] for a in got] == alerts
    assert all(a["date"] == "2025-09-01" and a["message"] for a in got)


def test_no_order_check_before_return_home(tmp_path: Path) -> None:
    for name, case in {"none": {}, "planned": {"return_home": {"date": D(2025, 10, 2)}}}.items():
        assert checklist(make(tmp_path, name, case=case), AS_OF)["alerts"] == []


# ---------------------------------------------------------------- trigger prompts (docs/practice-rules.md, triggers)
@pytest.mark.parametrize(("files", "trigger", "date"), [
    ({"case": {"meetings": [{"kind": "cic-review", "date": D(2025, 4, 1)}]}}, "trigger-cla-review", "2025-04-01"),
    ({"factors": profile(assessed=D(2025, 5, 1))}, "trigger-updated-assessment", "2025-05-01"),
    ({"case": {"assessment": {"completed": D(2025, 6, 1)}}}, "trigger-updated-assessment", "2025-06-01"),
    ({"chronology": {"entries": [{"date": D(2025, 7, 1), "event": "Excluded", "source": "education",
                                  "trigger": "change-of-behaviour"}]}}, "trigger-change-of-behaviour", "2025-07-01"),
    ({"chronology": {"entries": [{"date": D(2025, 7, 2), "event": "Missing", "source": "police",
                                  "trigger": "missing-episode"}]}}, "trigger-missing-episode", "2025-07-02"),
], ids=["cla-review", "factors-assessed", "assessment-completed", "change-of-behaviour", "missing-episode"])
def test_trigger_after_the_latest_classification(tmp_path: Path, files: dict, trigger: str, date: str) -> None:
    """Revisiting Risk in an Informed Way's trigger points: after the latest classification a prompt fires (classify
    `advice` and `status`); on or
    before it, none."""
    case = {"classifications": RC1, **files.pop("case", {})}
    after = make(tmp_path, "after", case=case, **files)
    got = advice(classify(after, AS_OF), trigger)
    assert got is not None and got["date"] == date and got["overdue"] is False
    [row] = cli("status", str(after), "--as-of", AS_OF.isoformat())
    assert trigger in {a["rule"] for a in row["advice"]}
    later = {**case, "classifications": [*RC1, rc("RC2", D(2025, 7, 2), "medium")]}
    assert trigger not in rules(classify(make(tmp_path, "before", case=later, **files), AS_OF))


def test_trigger_on_the_classification_day_does_not_fire(tmp_path: Path) -> None:
    folder = make(tmp_path, "c", case={"classifications": RC1,
                                       "meetings": [{"kind": "cic-review", "date": D(2025, 3, 1)}]},
                  factors=profile(assessed=D(2025, 3, 1)))
    assert not set(rules(classify(folder, AS_OF))) & set(ids("trigger"))


@pytest.mark.parametrize(("as_of", "fires"), [(D(2025, 9, 30), False), (D(2025, 10, 1), True)])
def test_trigger_leaving_care_age(tmp_path: Path, as_of: D, fires: bool) -> None:
    """Default 17 years 6 months (reunify.toml `leaving_care_prompt`, not in the source documents): born 1 April 2008."""
    genogram = {"people": [{"id": "amy", "name": "Amy", "born": D(2008, 4, 1)}, {"id": "mum", "name": "Mum"}],
                "unions": [{"partners": ["mum"], "children": ["amy"]}]}
    folder = make(tmp_path, "c", case={"classifications": RC1}, genogram=genogram)
    got = advice(classify(folder, as_of), "trigger-leaving-care-age")
    assert (got is not None) is fires
    assert not fires or got["date"] == "2025-10-01"


# ---------------------------------------------------------------- status and supervise
def test_status_most_urgent_first(tmp_path: Path) -> None:
    """docs/command-line.md: order checks, then safeguarding alerts (`reclassify-higher`, `new-risk`), then most overdue tasks."""
    caseload = tmp_path / "load"
    make(caseload, "a-overdue", case={"reference": "RU-A", "decisions": [D1, D2], "classifications": RC1,
                                      "meetings": [{"kind": "reunification-planning", "date": D(2025, 1, 1)}]},
         factors=profile(risk_factors=[risk("being-addressed")], recurrence="some"))
    make(caseload, "b-higher", case={"reference": "RU-B", "classifications": RC1},
         factors=profile(risk_factors=[risk("not-addressed")]))
    make(caseload, "c-order", case={"reference": "RU-C", "classifications": RC1, **HOME},
         factors=profile(risk_factors=[risk("being-addressed")], recurrence="some"))
    rows = cli("status", str(caseload), "--as-of", AS_OF.isoformat())
    assert [r["case"] for r in rows] == ["RU-C", "RU-B", "RU-A"]
    assert rows[0]["alerts"][:2] == ["return-before-decision-3", "return-before-cpag"]
    assert rows[1]["alerts"] == ["reclassify-higher"]
    keys = {"case", "path", "worker", "stage", "level", "suggested", "next_action", "next_due", "overdue", "alerts",
            "advice", "error"}
    assert all(keys <= set(r) for r in rows)
    assert rows[1]["level"] == "medium" and rows[1]["suggested"] == "high" and rows[1]["error"] is None


def test_supervise_json_shapes(tmp_path: Path) -> None:
    """docs/command-line.md: `alerts` shaped as checklist's, `advice` as classify's, `tasks` as checklist's, and `changes`."""
    folder = make(tmp_path, "c", case={"classifications": RC1, **HOME},
                  factors=profile(risk_factors=[risk("not-addressed")]))
    got = cli("supervise", str(folder), "--as-of", AS_OF.isoformat())
    assert {"alerts", "advice", "tasks", "changes"} <= set(got)
    assert [a["id"] for a in got["alerts"]][:2] == ["return-before-decision-3", "return-before-cpag"]
    assert all(set(a) == {"id", "date", "message", "source", "source_id"} for a in got["alerts"])
    assert "reclassify-higher" in {a["rule"] for a in got["advice"]}
    assert all({"id", "stage", "status", "due", "message", "warnings"} <= set(t) for t in got["tasks"])
    assert all(set(c) == {"date", "kind", "summary"} for c in got["changes"])


# ---------------------------------------------------------------- decide's order guard (docs/command-line.md)
AGREEMENTS = {"agreements": [{"id": "pa-1", "made": D(2025, 4, 1), "goals": [{"id": "g1", "goal": "Course"}]}]}
STAGES = {"stages": [{"stage": 1, "actions": [{"who": "SW", "what": "Visit", "when": "24 hours"}]}]}


def decide(folder: Path, kind: str, day: D, *extra: str):
    return invoke("decide", str(folder), "--decision", kind, "--by", "Alex Moore", "--role", "service-manager",
                  "--outcome", "proceed", "--rationale", "Scenario", "--date", day.isoformat(), "--no-commit", *extra)


@pytest.mark.parametrize(("kind", "files", "missing"), [
    ("2", {"case": {"classifications": [rc("RC1", D(2025, 3, 2), "medium")]}}, ["no risk classification"]),
    ("3", {"case": {"classifications": RC1, "placement": {"type": "foster"}}}, ["agreement", "contingency", "RC2"]),
    ("3", {"case": {"classifications": [rc("RC1", D(2025, 3, 1), "high")]}, "agreements": AGREEMENTS,
           "contingency": STAGES}, ["RC2"]),
    ("cpag", {"case": {"meetings": [{"kind": "cpag", "date": D(2025, 3, 2)}]}}, ["CPAG"]),
    ("closure", {"case": {"classifications": [rc("RC1", D(2025, 1, 15), "low")],
                          "return_home": {"date": D(2025, 2, 28)}}}, ["2025-08-28"]),
    ("closure", {"case": {"classifications": [rc("RC1", D(2025, 1, 15), "low")]}}, ["low-to-close"]),
], ids=["d2-classification-later", "d3-nothing", "d3-no-rc2-after-high", "cpag-panel-later", "closure-early",
        "closure-never-home"])
def test_decide_refuses_out_of_order(tmp_path: Path, kind: str, files: dict, missing: list) -> None:
    """docs/command-line.md, "decide": refused (exit 1, nothing written) naming what is missing, unless --despite."""
    folder = make(tmp_path, "c", **files)
    before = (folder / "case.yaml").read_text()
    refused = decide(folder, kind, D(2025, 3, 1))
    assert refused.returncode == 1
    assert all(m in refused.stderr for m in missing), refused.stderr
    assert (folder / "case.yaml").read_text() == before
    forced = decide(folder, kind, D(2025, 3, 1), "--despite", "Agreed at the panel on paper")
    assert forced.returncode == 0, forced.stderr
    assert "despite: Agreed at the panel on paper" in (folder / "case.yaml").read_text()


@pytest.mark.parametrize(("kind", "files"), [
    ("2", {"case": {"classifications": RC1}}),
    ("3", {"case": {"classifications": [*RC1, rc("RC2", D(2025, 4, 15), "medium")]}, "agreements": AGREEMENTS,
           "contingency": STAGES}),
    ("3", {"case": {"classifications": [rc("RC1", D(2025, 2, 1), "low")]}, "agreements": AGREEMENTS,
           "contingency": STAGES}),
    ("cpag", {"case": {"meetings": [{"kind": "cpag", "date": D(2025, 3, 1)}]}}),
    ("closure", {"case": {"classifications": [rc("RC1", D(2024, 1, 15), "low")],
                          "return_home": {"date": D(2024, 8, 31)}}}),
    ("closure", {"case": {"classifications": [rc("RC1", D(2025, 1, 15), "severe")]}}),
], ids=["d2", "d3", "d3-after-low", "cpag", "closure-after-low-to-close", "closure-not-pursued"])
def test_decide_in_order_is_recorded(tmp_path: Path, kind: str, files: dict) -> None:
    folder = make(tmp_path, "c", **files)
    done = decide(folder, kind, D(2025, 5, 1))
    assert done.returncode == 0, done.stderr
    assert "despite" not in (folder / "case.yaml").read_text()


def test_rules_mark_the_conventions_the_contract_names() -> None:
    """Issue 12, point 8: the parts docs/practice-rules.md calls ours are flagged: the decide guard's override
    (docs/practice-rules.md, "Moving between levels" tool
    conventions), the goal-owner warning of `s3.agreement` ("no `owner`: a warning (ours)")."""
    listed = json.loads(invoke("rules", "--format", "json").stdout)
    tasks = {row["id"]: row for row in listed["checklist"]}
    assert tasks["s3.agreement"]["convention_note"] and "owner" in tasks["s3.agreement"]["convention_note"]
    assert any("--despite" in c for c in listed["conventions"])
