"""`reunify status` and `reunify audit` over a caseload, including cases that fail to load."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import run_cli

COLUMNS = ["case", "path", "worker", "stage", "level", "suggested", "next_action", "next_due", "overdue", "alerts",
           "advice", "error"]


def status(folder: Path, *args: str) -> list[dict]:
    result = run_cli("status", str(folder), "--as-of", "2026-11-24", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_rows_most_urgent_first(examples_copy: Path) -> None:
    rows = status(examples_copy)
    assert [r["case"] for r in rows] == ["RU-2025-0087", "RU-2025-0142", "RU-2026-0311"]
    assert all(list(r) == COLUMNS for r in rows)
    first = rows[0]
    assert (first["stage"], first["level"], first["suggested"], first["overdue"], first["next_due"]) == (
        5, "low", "low", 4, "2026-11-11")
    assert first["next_action"].startswith("s5.rc3:")


def test_a_broken_case_is_a_row_not_an_abort(examples_copy: Path) -> None:
    (examples_copy / "RU-2025-0087" / "factors.yaml").write_text("recurrence: [\n")
    rows = status(examples_copy)
    broken = rows[0]  # failed cases come first: nobody can see their tasks
    assert broken["path"].endswith("RU-2025-0087") and broken["stage"] is None
    assert "factors.yaml:2 RU101" in broken["error"]
    assert run_cli("status", str(examples_copy), "--strict", "--format", "json").returncode == 1
    report = json.loads(run_cli("audit", str(examples_copy), "--format", "json").stdout)
    assert report["cases"] == 3 and [e["case"] for e in report["errors"]] == ["RU-2025-0087"]


def test_filters(examples_copy: Path) -> None:
    assert [r["case"] for r in status(examples_copy, "--worker", "Grace Mensah")] == ["RU-2025-0087"]
    assert [r["case"] for r in status(examples_copy, "--stage", "1")] == ["RU-2026-0311"]
    assert [r["case"] for r in status(examples_copy, "--level", "low")] == ["RU-2025-0087"]
    assert [r["case"] for r in status(examples_copy, "--overdue")] == ["RU-2025-0087", "RU-2025-0142"]


def test_csv_has_the_json_columns(examples_copy: Path) -> None:
    out = run_cli("status", str(examples_copy), "--as-of", "2026-11-24", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == COLUMNS and rows[0]["case"] == "RU-2025-0087" and rows[2]["level"] == ""


def test_audit_shares_and_failing_cases(examples_copy: Path) -> None:
    report = json.loads(run_cli("audit", str(examples_copy), "--as-of", "2026-11-24", "--format", "json").stdout)
    assert (report["as_of"], report["cases"]) == ("2026-11-24", 3)
    voice = next(q for q in report["questions"] if q["id"] == "child-voice")
    assert (voice["applicable"], voice["met"], voice["share"], voice["failing"]) == (2, 1, 0.5, ["RU-2026-0311"])
    for q in report["questions"]:
        assert {"id", "question", "source", "applicable", "met", "share", "failing"} <= set(q)


def test_audit_markdown_escapes_table_cells(examples_copy: Path) -> None:
    out = run_cli("audit", str(examples_copy), "--as-of", "2026-11-24", "--format", "markdown").stdout
    assert out.startswith("# Practice audit, 2026-11-24")
    assert "| Are the child's views recorded and a trusted adult named? (`child-voice`) | 002; 003 | 1 | 2 | 50% |" in out


def test_not_a_caseload_is_exit_2(tmp_path: Path) -> None:
    result = run_cli("status", str(tmp_path))
    assert result.returncode == 2 and "not a case folder" in result.stderr
