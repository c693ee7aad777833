"""`reunify classify` end to end."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES, run_cli


def test_json_has_the_contract_keys() -> None:
    result = run_cli("classify", str(EXAMPLES / "RU-2025-0087"), "--as-of", "2026-11-24", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert {"case", "as_of", "suggested", "criteria", "recorded", "advice"} <= set(data)
    assert data["case"] == "RU-2025-0087" and data["as_of"] == "2026-11-24"
    assert set(data["criteria"]) == {"risk_factors", "protective_factors", "capacity_to_change", "wishes", "recurrence"}
    assert data["recorded"] == {"label": "RC2", "level": "low", "date": "2026-03-02", "since": "2026-03-02"}
    assert (data["mixed_profile"], data["warnings"]) == ([], [])
    rc3 = next(a for a in data["advice"] if a["rule"] == "rc3-due")
    assert rc3 == {**rc3, "date": "2026-11-11", "overdue": True, "level": None}
    assert rc3["source"].startswith("Reunification Process: Detailed Reunification Workflow") and rc3["message"]
    assert rc3["source_id"] == "la-workflow"
    for entry in data["advice"]:
        assert list(entry) == ["rule", "level", "date", "overdue", "message", "source", "source_id"]
    assert [a["rule"] for a in data["advice"]] == ["low-to-close", "stage4-outcome", "rc3-due", "trigger-cla-review"]


def test_json_names_the_mixed_profile_and_the_safeguarding_advice() -> None:
    """RU-2025-0142: recorded medium; domestic abuse re-emerged and recurrence is now strong (docs/practice-rules.md)."""
    result = run_cli("classify", str(EXAMPLES / "RU-2025-0142"), "--as-of", "2026-11-24", "--format", "json")
    data = json.loads(result.stdout)
    assert data["suggested"] == "high"
    assert data["mixed_profile"] == ["risk_factors", "capacity_to_change", "wishes"]
    advice = {a["rule"]: a for a in data["advice"]}
    assert list(advice) == ["new-risk", "reclassify-higher", "trigger-updated-assessment",
                            "trigger-change-of-behaviour"]
    assert (advice["reclassify-higher"]["level"], advice["reclassify-higher"]["date"]) == ("high", "2026-10-28")
    assert advice["new-risk"]["level"] is None  # medium column, capacity and protective factors hold: review


def test_incomplete_case_still_exits_0_with_not_assessed() -> None:
    result = run_cli("classify", str(EXAMPLES / "RU-2026-0311"), "--format", "json")
    data = json.loads(result.stdout)
    assert result.returncode == 0
    assert data["suggested"] == "incomplete" and data["recorded"] is None
    assert set(data["criteria"].values()) == {"not-assessed"}


def test_human_grid_reads_without_colour() -> None:
    out = run_cli("classify", str(EXAMPLES / "RU-2025-0142"), "--as-of", "2026-11-24").stdout
    assert "\x1b[" not in out
    assert "Suggested level: HIGH" in out
    assert "Mixed profile: risk factors, capacity to change, wishes lie outside the high column" in out
    assert "Recorded level:  MEDIUM (RC1 on 2026-03-27" in out
    assert "Manager's rationale (RC1, when the suggestion was medium): Risks being addressed" in out
    assert "What medium means for the plan (Reunification Practice Framework)" in out
    assert "OVERDUE [reclassify-higher]" in out and "[trigger-change-of-behaviour]" in out


def test_a_case_with_errors_gets_no_result(examples_copy: Path) -> None:
    case = examples_copy / "RU-2025-0142"
    (case / "factors.yaml").write_text("recurrence: maybe\n")
    result = run_cli("classify", str(case), "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["ok"] is False and "suggested" not in result.stdout  # validate's JSON, no result
    assert "factors.yaml:1:13: RU204" in result.stderr


def test_not_a_case_folder_is_exit_2(tmp_path: Path) -> None:
    result = run_cli("classify", str(tmp_path))
    assert result.returncode == 2 and "not a case folder" in result.stderr
    assert run_cli("classify", str(EXAMPLES / "RU-2025-0142"), "--as-of", "tomorrow").returncode == 2


def test_a_factor_list_left_out_says_which_key_to_write(tmp_path: Path) -> None:
    """"no risk factors recorded" read as "none found", which is low; a list left out is not assessed, so the
    reason names the key, and how to record that the assessment found none."""
    case = tmp_path / "c"
    assert run_cli("new", str(case), "--reference", "R-1", "--child-name", "Ann Lee").returncode == 0
    reasons = json.loads(run_cli("classify", str(case), "--as-of", "2026-11-24", "-f", "json").stdout)["reasons"]
    assert reasons["risk_factors"] == ("risk_factors not recorded in factors.yaml (write `risk_factors: []` when the "
                                       "assessment found none)")
    assert reasons["protective_factors"] == "protective_factors not recorded in factors.yaml"
    (case / "factors.yaml").write_text("assessed: 2026-01-01\nrisk_factors: []\n")
    data = json.loads(run_cli("classify", str(case), "--as-of", "2026-11-24", "-f", "json").stdout)
    assert data["criteria"]["risk_factors"] == "low"
