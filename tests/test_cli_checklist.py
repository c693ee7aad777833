"""`reunify checklist` end to end, and reunify.toml settings."""

from __future__ import annotations

import json
from pathlib import Path

from tests.builders import ids
from tests.conftest import EXAMPLES, run_cli


def test_json_shape() -> None:
    result = run_cli("checklist", str(EXAMPLES / "RU-2025-0087"), "--as-of", "2026-11-24", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert (data["case"], data["as_of"], data["stage"]) == ("RU-2025-0087", "2026-11-24", 5)
    assert [t["id"] for t in data["tasks"]] == ids("task")
    for task in data["tasks"]:
        assert {"id", "stage", "status", "due", "message", "warnings"} <= set(task)
        assert (task["due"] is not None) == (task["status"] in ("due", "overdue"))
        assert isinstance(task["warnings"], list)
    assert [list(a) for a in data["alerts"]] == [["id", "date", "message", "source", "source_id"]]
    assert (data["alerts"][0]["id"], data["alerts"][0]["date"]) == ("return-before-cpag", "2026-05-11")
    rc3 = next(t for t in data["tasks"] if t["id"] == "s5.rc3")
    assert (rc3["status"], rc3["due"]) == ("overdue", "2026-11-11")
    assert data["next_actions"][0] == "s5.rc3"


def test_strict_exits_1_only_when_something_is_overdue() -> None:
    case = str(EXAMPLES / "RU-2025-0087")
    assert run_cli("checklist", case, "--as-of", "2026-11-24", "--strict").returncode == 1
    assert run_cli("checklist", case, "--as-of", "2026-11-10", "--strict").returncode == 0
    assert run_cli("checklist", case, "--as-of", "2026-11-24").returncode == 0


def test_human_view_names_the_file_to_fill_in() -> None:
    out = run_cli("checklist", str(EXAMPLES / "RU-2026-0311"), "--as-of", "2026-11-24").stdout
    assert "stage 1 of 5" in out
    assert "fill in: case.yaml: decisions[]" in out


def test_settings_change_the_visiting_interval(examples_copy: Path) -> None:
    (examples_copy / "reunify.toml").write_text("[visiting.care-order]\nafter_first_review_days = 14\n")
    data = json.loads(run_cli("checklist", str(examples_copy / "RU-2025-0087"), "--as-of", "2026-11-24",
                              "--format", "json").stdout)
    visits = next(t for t in data["tasks"] if t["id"] == "s5.visits")
    assert (visits["status"], visits["due"]) == ("overdue", "2026-11-11")


def test_unknown_setting_is_an_error(examples_copy: Path) -> None:
    (examples_copy / "reunify.toml").write_text("# team settings\n\nbaby_age_year = 2\n")
    result = run_cli("validate", str(examples_copy), "--format", "json")
    assert result.returncode == 2  # docs/command-line.md: invalid settings are exit 2 for every command
    [diag] = json.loads(result.stdout)["diagnostics"]
    assert diag["code"] == "RU211" and "did you mean 'baby_age_years'?" in diag["message"]
    assert diag["file"].endswith("reunify.toml") and diag["line"] == 3
