"""`validate` over a caseload: checked in worker processes, printed exactly as a serial run prints it."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reunify.case.folders import resolve
from reunify.caseload.validate import validate_many
from reunify.cli.commands.validate import PARALLEL_FROM
from reunify.diagnostics.output import WRITERS
from reunify.pipeline import exit_code, validate_folders
from tests.builders import on_a_terminal as _on_a_terminal
from tests.conftest import EXAMPLE_CASES, run_cli

AS_OF = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def caseload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More cases than PARALLEL_FROM: copies of the examples, some broken, two sharing a reference."""
    root = tmp_path_factory.mktemp("caseload")
    (root / "reunify.toml").write_text("baby_age_years = 3\n")
    for i in range(PARALLEL_FROM + 6):
        source = EXAMPLE_CASES[i % len(EXAMPLE_CASES)]
        case = root / f"team-{i % 3}" / f"case-{i:03d}"
        shutil.copytree(source, case)
        reference = "RU-T-001" if i == 7 else f"RU-T-{i:03d}"  # case-007 takes case-001's reference: RU305
        text = (case / "case.yaml").read_text()
        (case / "case.yaml").write_text(text.replace(f"reference: {source.name}", f"reference: {reference}"))
        if i % 5 == 0:
            (case / "genogram.yaml").write_text("people:\n  - id: Amy\n    name: x\n")
        if i % 7 == 0:
            (case / "plan.yaml").write_text("support: [\n")
        if i % 4 == 0:
            (case / "chronology.yaml").write_text("entries:\n  - date: '2025-01-01'\n    event: Home visit #2 today\n"
                                                  "    source: police\n")
    return root


def _serial(paths: list[str], fmt: str) -> tuple[str, int]:
    folders, _ = resolve(paths)
    diags = validate_folders(folders, AS_OF)
    out = io.StringIO()
    code = exit_code(diags, False)
    WRITERS[fmt](diags, len(folders), code == 0, out)
    return out.getvalue(), code


def test_workers_give_the_serial_diagnostics_in_the_serial_order(caseload: Path) -> None:
    folders, _ = resolve([str(caseload)])
    serial = validate_folders(folders, AS_OF)
    assert {d.code for d in serial} >= {"RU101", "RU203", "RU205", "RU120", "RU305"}
    assert validate_many(folders, AS_OF, lambda rows: rows, workers=2) == serial


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_the_command_prints_what_a_serial_run_prints(caseload: Path, fmt: str) -> None:
    result = run_cli("validate", str(caseload), "--as-of", AS_OF.isoformat(), "--format", fmt)
    expected, code = _serial([str(caseload)], fmt)
    assert result.returncode == code == 1
    assert result.stdout == expected and result.stderr == ""


def _terminal_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PRE_COMMIT")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "100", **extra}


def test_a_progress_bar_on_a_terminal_only(caseload: Path) -> None:
    args = ["validate", str(caseload), "--as-of", AS_OF.isoformat()]
    assert b"checking cases" in _on_a_terminal(args, _terminal_env())
    for quiet in ({"PRE_COMMIT": "1"}, {"NO_COLOR": "1"}):
        out = _on_a_terminal(args, _terminal_env(**quiet))
        assert b"checking cases" not in out and b"\x1b[" not in out, quiet
        assert out.replace(b"\r\n", b"\n").decode().endswith("in 30 cases\n")


def test_one_case_never_starts_worker_processes() -> None:
    """The pre-commit path: one case is checked in the command's own process, importing nothing heavy."""
    probe = ("import sys; from reunify.cli import run; code = run(sys.argv[1:]); "
             "print(code, sorted(m for m in ('multiprocessing', 'rich', 'jinja2', 'git') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, "validate", str(EXAMPLE_CASES[1]), "--as-of", "2026-11-24"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "0 []"
