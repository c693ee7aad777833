"""`reunify supervise` and the team manager's view in `status` (issue 16; docs/practice-rules.md, "Trigger points to
revisit risk", Revisiting Risk in an Informed Way)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLE_CASES, run_cli, write_case

DATES = ("2025-09-01", "2026-03-01", "2026-06-15", "2026-11-24")


def _json(*args: str) -> dict:
    result = run_cli(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("as_of", DATES)
@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda p: p.name)
def test_the_agenda_agrees_with_classify_and_checklist(case: Path, as_of: str) -> None:
    """The agenda is built from the same results: it can never disagree with classify or checklist."""
    agenda = _json("supervise", str(case), "--as-of", as_of)
    classified = _json("classify", str(case), "--as-of", as_of)
    listed = _json("checklist", str(case), "--as-of", as_of)
    assert agenda["advice"] == classified["advice"]
    assert agenda["alerts"][:len(listed["alerts"])] == listed["alerts"]
    safeguarding = agenda["alerts"][len(listed["alerts"]):]
    assert {a["id"] for a in safeguarding} <= {"reclassify-higher", "new-risk", "high-to-severe", "high-protective-lost"}
    assert all(a in [{"id": x["rule"], "date": x["date"], "message": x["message"], "source": x["source"],
                      "source_id": x["source_id"]}
                     for x in classified["advice"]]
               for a in safeguarding)
    by_id = {t["id"]: t for t in listed["tasks"]}
    assert agenda["tasks"] == [by_id[i] for i in listed["next_actions"]]
    assert (agenda["stage"], agenda["stage_name"]) == (listed["stage"], listed["stage_name"])
    assert agenda["questions"] == ["Narrative questions", "Emotional questions", "Analytical questions",
                                   "Planning questions"]


def test_status_alert_ids_match_the_agenda(examples_copy: Path) -> None:
    rows = _json("status", str(examples_copy), "--as-of", "2026-11-24")
    for row in rows:
        agenda = _json("supervise", row["path"], "--as-of", "2026-11-24")
        assert row["alerts"] == list(dict.fromkeys(a["id"] for a in agenda["alerts"])), row["case"]


def _high_for_months(folder: Path, *, supervised: dt.date | None = None) -> Path:
    """A case recorded high since 2026-01-10 with a risk not addressed: high-to-severe falls due on 2026-07-10."""
    meetings = [{"kind": "supervision", "date": supervised}] if supervised else []
    return write_case(
        folder,
        case={"reference": folder.name.upper(), "meetings": meetings,
              "classifications": [{"label": "RC1", "date": dt.date(2026, 1, 10), "level": "high", "suggested": "high"}]},
        genogram={"people": [{"id": "amy", "name": "Amy Test"}]},
        factors={"assessed": dt.date(2026, 1, 5),
                 "risk_factors": [{"id": "drink", "name": "Drinking", "status": "not-addressed",
                                   "since": dt.date(2025, 6, 1)}],
                 "protective_factors": [{"id": "nan", "name": "Nan", "apparent": True}],
                 "capacity_to_change": {"sustained": False, "evidence": "some"},
                 "wishes": {"parents": "wants-return", "child": "wants-return"}, "recurrence": "strong"})


def test_high_past_six_months_comes_first_in_status_with_the_severe_advice(examples_copy: Path) -> None:
    """Reunification Practice Framework: "If parents remain 'high risk' for six months without addressing risk factors the
    case should move to
    severe risk": overdue, it is a safeguarding alert and heads the caseload."""
    case = _high_for_months(examples_copy / "ru-high")
    before = _json("status", str(examples_copy), "--as-of", "2026-07-09")
    assert "high-to-severe" not in next(r for r in before if r["case"] == "RU-HIGH")["alerts"]  # not yet due
    rows = _json("status", str(examples_copy), "--as-of", "2026-11-24")
    order = [r["case"] for r in rows]
    high = rows[order.index("RU-HIGH")]
    assert high["alerts"] == ["high-to-severe"]
    assert high["advice"][0]["rule"] == "high-to-severe" and high["advice"][0]["overdue"] is True
    assert high["advice"][0]["level"] == "severe"
    # Only an order check (RU-2025-0087) or another safeguarding alert (RU-2025-0142) may stand before it;
    # RU-2026-0311, with neither, comes after however much is overdue there.
    assert order.index("RU-HIGH") < order.index("RU-2026-0311")
    assert all(r["alerts"] for r in rows[:order.index("RU-HIGH")])
    alone = _json("status", str(examples_copy), "--as-of", "2026-11-24", "--level", "high")
    assert [r["case"] for r in alone] == ["RU-HIGH"]
    agenda = _json("supervise", str(case), "--as-of", "2026-11-24")
    assert agenda["alerts"][0]["id"] == "high-to-severe"


def test_status_supervision_lists_the_cases_whose_supervision_is_due(tmp_path: Path) -> None:
    """Due when the latest supervision is older than supervision_every_weeks (default 4, a tool convention)."""
    caseload = tmp_path / "cases"
    _high_for_months(caseload / "ru-recent", supervised=dt.date(2026, 11, 10))
    _high_for_months(caseload / "ru-stale", supervised=dt.date(2026, 10, 1))
    _high_for_months(caseload / "ru-never")
    due = [r["case"] for r in _json("status", str(caseload), "--as-of", "2026-11-24", "--supervision")]
    assert sorted(due) == ["RU-NEVER", "RU-STALE"]
    (tmp_path / "reunify.toml").write_text("supervision_every_weeks = 2\n")
    due = [r["case"] for r in _json("status", str(caseload), "--as-of", "2026-11-25", "--supervision")]
    assert sorted(due) == ["RU-NEVER", "RU-RECENT", "RU-STALE"]


def test_changes_since_the_last_supervision_are_listed_with_dates(tmp_path: Path) -> None:
    case = _high_for_months(tmp_path / "ru-changes", supervised=dt.date(2026, 1, 8))
    (case / "chronology.yaml").write_text(
        "entries:\n  - date: 2026-01-02\n    event: Before the supervision\n    source: police\n"
        "  - date: 2026-02-03\n    event: Missed contact\n    source: family\n")
    agenda = _json("supervise", str(case), "--as-of", "2026-11-24")
    assert agenda["supervision"]["last"] == "2026-01-08" and agenda["supervision"]["due"] is True
    assert agenda["changes"] == [
        {"date": "2026-01-10", "kind": "classification", "summary": "RC1 recorded high"},
        {"date": "2026-02-03", "kind": "chronology", "summary": "Missed contact"}]


def test_changes_include_factor_reassessments_goal_reviews_and_every_dated_kind(tmp_path: Path) -> None:
    """Issue 25, point 7: what changed since the last supervision includes the factors reassessed (each factor's
    since and identified), a goal reviewed, visits, agreements, contingency reviews, meetings; nothing on or before
    the last supervision, nothing after as-of."""
    case = _high_for_months(tmp_path / "ru-all", supervised=dt.date(2026, 1, 8))
    factors = yaml.safe_load((case / "factors.yaml").read_text())
    factors["assessed"] = dt.date(2026, 3, 2)
    factors["risk_factors"].append({"id": "dv", "name": "Domestic abuse", "status": "re-emerged",
                                    "since": dt.date(2026, 3, 1), "identified": dt.date(2025, 1, 1)})
    factors["protective_factors"][0]["since"] = dt.date(2026, 2, 20)
    (case / "factors.yaml").write_text(yaml.safe_dump(factors))
    goal = {"id": "g1", "goal": "No drinking at home", "reviews": [
        {"date": dt.date(2026, 1, 5), "progress": "on-track"}, {"date": dt.date(2026, 4, 1), "progress": "partly-met"},
        {"date": dt.date(2026, 12, 1), "progress": "achieved"}]}
    (case / "agreements.yaml").write_text(yaml.safe_dump({"agreements": [
        {"id": "pa-1", "made": dt.date(2026, 2, 1), "signed": dt.date(2026, 2, 2), "goals": [goal]}]}))
    (case / "contingency.yaml").write_text(yaml.safe_dump({"reviewed": dt.date(2026, 3, 5)}))
    agenda = _json("supervise", str(case), "--as-of", "2026-11-24")
    got = [(c["date"], c["kind"], c["summary"]) for c in agenda["changes"]]
    assert got == [
        ("2026-01-10", "classification", "RC1 recorded high"),
        ("2026-02-01", "agreement", "agreement pa-1 made"),
        ("2026-02-02", "agreement", "agreement pa-1 signed"),
        ("2026-02-20", "protective-factor", "protective factor apparent: Nan"),
        ("2026-03-01", "risk-factor", "risk factor re-emerged: Domestic abuse"),
        ("2026-03-02", "factors", "factors assessed"),
        ("2026-03-05", "contingency", "contingency plan reviewed"),
        ("2026-04-01", "goal-review", "goal reviewed (partly met): No drinking at home")]


def test_the_agenda_as_markdown_and_text_to_a_file(tmp_path: Path) -> None:
    case = EXAMPLE_CASES[1]
    out = tmp_path / "agenda.md"
    result = run_cli("supervise", str(case), "--as-of", "2026-11-24", "--format", "markdown", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert text.startswith("# Supervision agenda: RU-2025-0142")
    assert "## 1. Alerts" in text and "**reclassify-higher**" in text
    assert text.index("## 1. Alerts") < text.index("## 2. Movement advice") < text.index("## 4. Tasks")
    assert "### Narrative questions" in text and "### Planning questions" in text
    shown = run_cli("supervise", str(case), "--as-of", "2026-11-24", "-o", str(tmp_path / "agenda.txt"))
    assert shown.returncode == 0 and "\x1b[" not in (tmp_path / "agenda.txt").read_text()
    assert "6. Reflective questions" in (tmp_path / "agenda.txt").read_text()


def test_a_safeguarding_alert_is_told_once_and_pointed_to_from_the_advice(tmp_path: Path) -> None:
    """RU-2025-0142's new-risk and reclassify-higher are alerts (section 1) and advice (section 2): the agenda
    gives each message once, and section 2 points back to it, in text and in Markdown."""
    case = EXAMPLE_CASES[1]
    for form in ("text", "markdown"):
        result = run_cli("supervise", str(case), "--as-of", "2026-11-24", "--format", form)
        assert result.returncode == 0, result.stderr
        flat = " ".join(result.stdout.split())
        assert flat.count("re-emerged on 2026-10-20, after RC1: review the classification") == 1, form
        assert flat.count("above the recorded medium (RC1): reclassify") == 1, form
        movement = flat[flat.index("2. Movement advice"):flat.index("3. Revisit risk")]
        assert "new-risk" in movement and "see 1. Alerts" in movement, form
    data = _json("supervise", str(case), "--as-of", "2026-11-24")  # JSON keeps both lists whole
    assert {"new-risk", "reclassify-higher"} <= {a["rule"] for a in data["advice"]} & {a["id"] for a in data["alerts"]}


def test_free_text_in_the_agenda_is_escaped(tmp_path: Path) -> None:
    case = _high_for_months(tmp_path / "ru-hostile", supervised=dt.date(2026, 1, 8))
    (case / "chronology.yaml").write_text(
        'entries:\n  - date: 2026-02-03\n    event: "<script>x</script> **loud** \\u001b[2J"\n    source: family\n')
    text = run_cli("supervise", str(case), "--as-of", "2026-11-24", "--format", "markdown").stdout
    assert "<script>" not in text and "**loud**" not in text and "\x1b" not in text
    shown = run_cli("supervise", str(case), "--as-of", "2026-11-24").stdout
    assert "\x1b" not in shown and "\\x1b" in shown


def test_a_case_with_errors_gets_no_agenda(tmp_path: Path) -> None:
    case = tmp_path / "broken"
    case.mkdir()
    (case / "case.yaml").write_text("reference: RU-1\nchild: amy\nlegal_status: nonsense\n")
    result = run_cli("supervise", str(case), "--as-of", "2026-11-24")
    assert result.returncode == 1 and "RU204" in result.stderr and "Traceback" not in result.stderr


def test_rules_name_the_supervision_interval_a_tool_convention() -> None:
    data = json.loads(run_cli("rules", "--format", "json").stdout)
    assert any("supervision_every_weeks" in line for line in data["conventions"])
    assert data["settings"]["supervision_every_weeks"] == 4
