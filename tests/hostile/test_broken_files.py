"""Broken input: every kind gets exit 1, a diagnostic with the file and line, and no traceback."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.builders import BAD_INPUTS, HEAD
from tests.conftest import run_cli


@pytest.mark.parametrize(("name", "content", "code", "line"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_case_yaml_is_reported_with_file_and_line(minimal_case: Path, name: str, content: bytes,
                                                      code: str, line: int | None) -> None:
    (minimal_case / "case.yaml").write_bytes(content)
    started = time.perf_counter()
    result = run_cli("validate", str(minimal_case), "--format", "json", "--as-of", "2026-11-24")
    elapsed = time.perf_counter() - started
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    first = report["diagnostics"][0]
    assert first["code"] == code
    assert first["file"] == str(minimal_case / "case.yaml")
    assert first["line"] == line
    assert first["severity"] == "error"
    assert first["message"]
    assert elapsed < 3.0  # an alias bomb or a huge file is refused, not expanded


@pytest.mark.parametrize("depth", [990, 1500, 100_000])
def test_absurd_nesting_is_refused_without_a_traceback(minimal_case: Path, depth: int) -> None:
    for style in ("flow", "block"):
        nested = (b"[" * depth + b"]" * depth if style == "flow" else
                  b"\n" + b"".join(b"  " * i + b"- x:\n" for i in range(1, min(depth, 3000))))
        (minimal_case / "case.yaml").write_bytes(HEAD + b"team: " + nested + b"\n")
        result = run_cli("validate", str(minimal_case), "--format", "json")
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert json.loads(result.stdout)["diagnostics"][0]["code"] in ("RU112", "RU101", "RU108")


def test_five_mistakes_give_five_diagnostics_in_one_run(minimal_case: Path) -> None:
    (minimal_case / "case.yaml").write_text(
        "reference: RU 1\nchild: amy\nlegal_status: other\nplacement:\n  type: fostr\n  since: 2025-02-30\n"
        "meetings:\n  - kind: fgc\n  - date: 2025-01-01\n    kind: cpag\n    atendees: [x]\n",
        encoding="utf-8",
    )
    result = run_cli("validate", str(minimal_case), "--format", "json")
    codes = [(d["code"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert codes == [("RU205", 1), ("RU204", 5), ("RU206", 6), ("RU202", 8), ("RU201", 11)]


def test_unknown_key_suggests_the_right_one(minimal_case: Path) -> None:
    (minimal_case / "case.yaml").write_bytes(HEAD + b"trusted_adlt: Aunt Jo\n")
    result = run_cli("validate", str(minimal_case))
    assert "did you mean 'trusted_adult'?" in result.stdout
    assert f"{minimal_case / 'case.yaml'}:4:1: RU201" in result.stdout
    assert "  4 | trusted_adlt: Aunt Jo" in result.stdout  # the offending line, with a caret under it


def test_broken_genogram_is_reported_in_its_own_file(minimal_case: Path) -> None:
    (minimal_case / "genogram.yaml").write_text("people:\n  - id: amy\n    name: Amy\n    born: soon\n")
    result = run_cli("validate", str(minimal_case), "--format", "json")
    [diag] = json.loads(result.stdout)["diagnostics"]
    assert (diag["file"], diag["line"], diag["column"], diag["code"]) == (
        str(minimal_case / "genogram.yaml"), 4, 11, "RU203")


def test_a_long_offending_line_is_shown_around_the_column(minimal_case: Path) -> None:
    notes = "x" * 400
    (minimal_case / "case.yaml").write_text("reference: RU-1\nchild: amy\nlegal_status: other\n"
                                            f"meetings: [{{kind: fgc, date: 2025-01-01, notes: {notes}, kindd: 1}}]\n")
    out = run_cli("validate", str(minimal_case)).stdout
    source, caret = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(source) < 120 and "kindd: 1" in source
    assert source[caret.index("^")] == "k"  # the caret still points at the unknown key


def test_a_byte_order_mark_is_tolerated(minimal_case: Path) -> None:
    (minimal_case / "case.yaml").write_bytes(b"\xef\xbb\xbf" + HEAD)
    assert run_cli("validate", str(minimal_case)).returncode == 0


@pytest.mark.parametrize("command", ["validate", "classify", "checklist", "render"])
def test_a_number_too_long_to_convert_is_reported_by_every_command(minimal_case: Path, tmp_path: Path,
                                                                  command: str) -> None:
    """Python converts at most 4,300 digits; a longer number is RU203 at its line, never a traceback."""
    (minimal_case / "case.yaml").write_bytes(HEAD + b"visits:\n  - date: " + b"1" * 4400 + b"\n")
    extra = ["-o", str(tmp_path / "out")] if command == "render" else []
    result = run_cli(command, str(minimal_case), "--as-of", "2026-11-24", *extra)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{minimal_case / 'case.yaml'}:5:11: RU203 a number of 4400 digits is too long to read" in (
        result.stdout + result.stderr)


def test_a_flood_of_findings_is_bounded_to_100_a_file_then_a_count(minimal_case: Path) -> None:
    (minimal_case / "case.yaml").write_bytes(HEAD + b"".join(b"key_%d: x\n" % i for i in range(250)))
    result = run_cli("validate", str(minimal_case), "--format", "json", "--as-of", "2026-11-24")
    assert result.returncode == 1
    diags = json.loads(result.stdout)["diagnostics"]
    assert [d["code"] for d in diags] == ["RU201"] * 100 + ["RU115"]
    assert diags[-1]["message"] == "and 150 more problem(s) in this file (150 error(s)), not listed"
    assert diags[-1]["severity"] == "error"


def test_a_count_of_warnings_alone_is_a_warning(minimal_case: Path) -> None:
    """The count keeps the worst severity of what it hides: warnings alone do not fail `validate`."""
    visits = b"visits:\n" + b"".join(b"  - date: 2027-01-%02d\n" % (1 + i % 28) for i in range(120))
    (minimal_case / "case.yaml").write_bytes(HEAD + visits)
    result = run_cli("validate", str(minimal_case), "--format", "json", "--as-of", "2026-11-24")
    diags = json.loads(result.stdout)["diagnostics"]
    assert result.returncode == 0 and len(diags) == 101
    assert (diags[-1]["code"], diags[-1]["severity"]) == ("RU115", "warning")
