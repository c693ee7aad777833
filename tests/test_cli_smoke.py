"""Subprocess smoke tests: one real `python -m reunify` a command family, each compared with the same command
run in-process by `invoke`, so the many tests that use `invoke` are known to see what a user would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.runner import SUBPROCESS_ENV, invoke, run_cli

LILY = EXAMPLES / "RU-2025-0142"  # every file present


@pytest.mark.parametrize("args", [
    ["validate", str(EXAMPLES), "--as-of", "2026-11-24"],
    ["validate", str(EXAMPLES), "--format", "json", "--as-of", "2026-11-24"],
    ["classify", str(LILY), "--as-of", "2026-11-24"],
    ["checklist", str(LILY), "--as-of", "2026-11-24", "--format", "json"],
    ["status", str(EXAMPLES), "--as-of", "2026-11-24", "--no-cache"],
    ["status", str(EXAMPLES), "--as-of", "2026-11-24", "--format", "csv", "--no-cache"],
    ["classify", str(LILY), "--as-of", "tomorrow"],  # a usage error: exit 2, message on stderr
], ids=["validate", "validate-json", "classify", "checklist-json", "status", "status-csv", "usage-error"])
def test_a_process_prints_what_invoke_returns(args: list[str]) -> None:
    real, inside = run_cli(*args), invoke(*args)
    assert (real.returncode, real.stdout, real.stderr) == (inside.returncode, inside.stdout, inside.stderr)
    assert real.stdout or real.stderr


def test_render_writes_the_same_files_from_a_process(tmp_path: Path) -> None:
    outputs = []
    for runner, name in ((run_cli, "process"), (invoke, "inside")):
        out = tmp_path / name
        result = runner("render", str(LILY), "--as-of", "2026-11-24", "--to", "markdown", "-o", str(out))
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1] and outputs[0]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


SMOKE_DECISION = ("--decision", "cpag", "--by", "Alex Moore", "--role", "corporate-director", "--outcome", "proceed",
                  "--rationale", "Smoke", "--date", "2026-11-20", "--despite", "smoke test")


def _lily_repo(repo: Path) -> Path:
    """A repository holding the example case lily/, committed."""
    shutil.copytree(LILY, repo / "lily")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "case opened")
    return repo


def test_decide_commits_the_same_from_a_process(tmp_path: Path) -> None:
    recorded = []
    for runner, name in ((run_cli, "process"), (invoke, "inside")):
        repo = _lily_repo(tmp_path / name)
        result = runner("decide", str(repo / "lily"), *SMOKE_DECISION)
        assert result.returncode == 0, result.stderr
        message = _git(repo, "log", "-1", "--format=%B")
        said = (result.stdout + result.stderr).replace(str(repo), "<repo>")
        recorded.append((re.sub(r"\b[0-9a-f]{7,40}\b", "<commit>", said),
                         (repo / "lily" / "case.yaml").read_text(encoding="utf-8"), message))
    assert recorded[0] == recorded[1]
    assert "Reunify-Despite: smoke test" in recorded[0][2]


def test_validate_of_one_case_imports_neither_typer_nor_typing_extensions() -> None:
    """What a pre-commit hook's `validate` of one case does not need is not imported (start-up time); msgspec's
    optional typing_extensions stays importable for whatever needs it after."""
    probe = (f"import sys; from reunify.cli import run; code = run(['validate', {str(LILY)!r}, '--as-of', "
             "'2026-11-24']); loaded = [m for m in ('typer', 'pydantic', 'typing_extensions') if m in sys.modules]; "
             "import typing_extensions; sys.stderr.write(f'{code} {loaded}')")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stderr.endswith("0 []"), result.stderr


@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["--verify"]], ids=["table", "json", "verify"])
def test_history_from_a_process_prints_what_invoke_returns(tmp_path: Path, extra: list[str]) -> None:
    """A `history` process ends without the interpreter's teardown (reunify.cli._leave): its table, its exit code
    (1 when --verify finds entries with no commit) and its messages still all arrive."""
    repo = _lily_repo(tmp_path / "repo")
    recorded = invoke("decide", str(repo / "lily"), *SMOKE_DECISION, cwd=repo)
    assert recorded.returncode == 0, recorded.stderr
    # stdout buffered, as it is unless PYTHONUNBUFFERED is set: what is still in the buffer at the end must be written
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}, **SUBPROCESS_ENV}
    real = subprocess.run([sys.executable, "-m", "reunify", "history", str(repo / "lily"), *extra], capture_output=True,
                          text=True, env=env)
    inside = invoke("history", str(repo / "lily"), *extra)
    assert (real.returncode, real.stdout, real.stderr) == (inside.returncode, inside.stdout, inside.stderr)
    assert "cpag" in real.stdout and real.returncode == (1 if extra == ["--verify"] else 0)
