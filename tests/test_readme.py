"""The README is what a newcomer follows from a fresh clone: its command table and session must match the CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reunify.cli.spec import COMMANDS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _table_rows(command: str) -> list[str]:
    """The first cells of the README's command table that show `reunify COMMAND ...`."""
    return [row for row in re.findall(r"^\| `(reunify [^|]*(?:\\\|[^|]*)*)` \|", README, re.M)
            if row.split()[1] == command]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_the_command_table_lists_every_command_with_its_flags(command) -> None:
    rows = _table_rows(command.name)
    assert rows, f"README's command table has no row for `reunify {command.name}`"
    shown = " ".join(rows)
    for option in command.options:
        if option.kind in ("positional", "positionals"):
            continue
        assert any(re.search(rf"\[?{re.escape(flag)}\b", shown) for flag in option.flags), \
            (command.name, option.flags[0])


def test_the_command_table_shows_the_version_flag() -> None:
    assert "| `reunify --version` |" in README


def test_the_session_runs_as_written(tmp_path: Path) -> None:
    """Every line of the README's session, in order, in a new folder, with `reunify` on PATH: each exits 0.
    The "edit the YAML files" line becomes a real edit (a chronology entry), as a practitioner would make."""
    [session] = re.findall(r"### A session, start to finish\n.*?```sh\n(.*?)```", README, re.S)
    edit = ("printf '  - date: 2026-01-05\\n    event: Referral from school\\n    source: education\\n' "
            ">> cases/mia/chronology.yaml")
    script = "\n".join(edit if line.startswith("# ... edit") else line for line in session.splitlines())
    env = {**os.environ, "NO_COLOR": "1", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    case = tmp_path / "team-cases" / "cases" / "mia"
    assert (case / "case.yaml").read_text().count("\n  - decision:") == 1
    assert (tmp_path / "to-share" / "young-person.md").exists()  # redacted copies: outside the repository
    untracked = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path / "team-cases",
                               capture_output=True, text=True, check=True).stdout
    assert ".md" not in untracked  # the reports in cases/mia/reports/ stay out of git
    log = subprocess.run(["git", "log", "--format=%s"], cwd=case, capture_output=True, text=True, check=True)
    assert log.stdout.splitlines()[:2] == ["Record classification RC1 (medium)", "Record Decision 1 (proceed)"]


CI_SNIPPETS = dict(re.findall(r"```yaml\n# \.(github|gitlab)[^\n]*\n(.*?)```", README, re.S))


@pytest.mark.parametrize("host", ["github", "gitlab"])
def test_the_ci_snippets_fetch_the_whole_history_and_verify_every_case(tmp_path: Path, host: str) -> None:
    """The README's CI jobs, as written: the fetch depth they set, then their script, in a clone made that deep.
    A shallow clone (what CI fetches by default) must fail with RU507, so the depth setting is what passes."""
    import yaml

    from tests.builders import FLAT_CASE, decision, git

    job = yaml.safe_load(CI_SNIPPETS[host])
    if host == "github":
        steps = job["jobs"]["trail"]["steps"]
        depth, script = steps[0]["with"]["fetch-depth"], steps[-1]["run"]
    else:
        depth, script = job["trail"]["variables"]["GIT_DEPTH"], job["trail"]["script"][-1]
    assert depth == 0  # 0: the whole history
    origin = tmp_path / "origin"
    (origin / "cases" / "amy").mkdir(parents=True)
    (origin / "cases" / "amy" / "case.yaml").write_text(FLAT_CASE)
    git(origin, "init", "-q")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "case opened")
    env = {**os.environ, "NO_COLOR": "1", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for n in (1, 2):
        subprocess.run(["reunify", "decide", "cases/amy", *decision(n)], cwd=origin, env=env, check=True,
                       capture_output=True)
    for name, extra, code in (("full", [], 0), ("shallow", ["--depth", "1"], 1)):
        git(tmp_path, "clone", "-q", *extra, f"file://{origin}", name)
        result = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=tmp_path / name, env=env,
                                capture_output=True, text=True)
        assert result.returncode == code, result.stdout + result.stderr
        assert ("RU507" in result.stdout + result.stderr) == (name == "shallow")


def test_the_pinned_hook_names_a_commit_of_this_repository_that_ships_the_hook() -> None:
    """`rev:` is a full commit hash (tags are not carried when the repository is copied), with the release it is
    in a comment, naming a commit whose .pre-commit-hooks.yaml defines the hook the snippet asks for."""
    [snippet] = [b for b in re.findall(r"```yaml\n(repos:\n.*?)```", README, re.S) if "rev: " in b]
    found = re.search(r"rev: ([0-9a-f]+) +# reunify (\d+\.\d+\.\d+)", snippet)
    assert found and len(found.group(1)) == 40, snippet
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist)")
    hooks = subprocess.run(["git", "show", f"{found.group(1)}:.pre-commit-hooks.yaml"], cwd=ROOT,
                           capture_output=True, text=True)
    assert hooks.returncode == 0, hooks.stderr
    assert "- id: reunify-validate" in hooks.stdout and "id: reunify-validate" in snippet
    version = subprocess.run(["git", "show", f"{found.group(1)}:pyproject.toml"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
    assert f'version = "{found.group(2)}"' in version
