"""Integration: the real pre-commit framework (try-repo, and the README's two snippets as written), and the
installed wheel (templates shipped inside)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.integration


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_pre_commit_try_repo_passes_then_fails_on_a_broken_file(tmp_path: Path) -> None:
    repo = tmp_path / "caserepo"
    shutil.copytree(EXAMPLES, repo / "cases")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "reunify-validate", "--all-files"]
    ok = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "reunify validate" in ok.stdout and "Passed" in ok.stdout

    (repo / "cases" / "RU-2025-0142" / "plan.yaml").write_text("support:\n  - service: X\n    factors: [nope]\n")
    git(repo, "add", ".")
    bad = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "plan.yaml:3:15: RU303" in bad.stdout


def test_installed_wheel_ships_its_templates(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    target = tmp_path / "site"
    [wheel] = wheels.glob("reunify-*.whl")
    import zipfile

    shipped = zipfile.ZipFile(wheel).namelist()
    for template in (ROOT / "templates").rglob("*.*"):  # the top-level templates/, every file, inside the package
        assert f"reunify/templates/{template.relative_to(ROOT / 'templates').as_posix()}" in shipped
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import reunify; print(reunify.__file__, reunify.templates_dir())"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    module, templates = where.stdout.split()
    assert module.startswith(str(target)) and templates == str(target / "reunify" / "templates")
    made = subprocess.run([sys.executable, "-m", "reunify", "new", "c1", "--reference", "R-1",
                           "--child-name", "Ann Lee"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    check = subprocess.run([sys.executable, "-m", "reunify", "validate", "c1"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    shutil.copytree(EXAMPLES / "RU-2025-0142", tmp_path / "lily")
    rendered = subprocess.run([sys.executable, "-m", "reunify", "render", "lily", "-o", "out", "--as-of", "2026-11-24"],
                              cwd=tmp_path, env=env, capture_output=True, text=True)
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "out" / "young-person.md").read_text().count("\n") > 20
    assert (tmp_path / "out" / "genogram.dot").exists()


def _readme_hook_config(marker: str) -> str:
    """The README's `.pre-commit-config.yaml` snippet containing `marker`, exactly as written there."""
    import re

    blocks = re.findall(r"```yaml\n(repos:\n.*?)```", (ROOT / "README.md").read_text(), re.S)
    [block] = [b for b in blocks if marker in b]
    return block


def _case_repository(tmp_path: Path, config: str) -> Path:
    repo = tmp_path / "caserepo"
    shutil.copytree(EXAMPLES, repo / "cases")
    (repo / ".pre-commit-config.yaml").write_text(config)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


def _break_a_file(repo: Path) -> None:
    (repo / "cases" / "RU-2025-0142" / "plan.yaml").write_text("support:\n  - service: X\n    factors: [nope]\n")
    git(repo, "add", ".")


def test_readme_local_hook_blocks_a_bad_commit(tmp_path: Path) -> None:
    """`repo: local` as the README writes it, with reunify put on PATH (here: this environment's bin folder)."""
    repo = _case_repository(tmp_path, _readme_hook_config("repo: local"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True, capture_output=True)
    good = subprocess.run(["git", "commit", "-qm", "cases"], cwd=repo, env=env, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "reunify validate" in good.stdout + good.stderr and "Passed" in good.stdout + good.stderr
    _break_a_file(repo)
    bad = subprocess.run(["git", "commit", "-qm", "broken"], cwd=repo, env=env, capture_output=True, text=True)
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1 and "Failed" in output and "plan.yaml:3:15: RU303" in output
    log = subprocess.run(["git", "log", "--oneline"], cwd=repo, capture_output=True, text=True, check=True)
    assert len(log.stdout.splitlines()) == 1  # the bad commit was blocked


def test_readme_remote_hook_pinned_to_a_commit(tmp_path: Path) -> None:
    """The pinned form as the README writes it, with nothing changed but `repo:` (a file:// clone of this
    project): its `rev:` must name a commit the clone holds, as it must in a team's copy, where no tag is carried."""
    import re

    config = _readme_hook_config("rev: ")
    rev = re.search(r"rev: (\S+)", config).group(1)
    clone = tmp_path / "reunify"
    git(tmp_path, "clone", "-q", "--no-tags", ROOT.as_uri(), str(clone))
    git(clone, "cat-file", "-e", f"{rev}^{{commit}}")
    config = re.sub(r"repo: \S+", f"repo: {clone.as_uri()}", config, count=1)
    repo = _case_repository(tmp_path, config)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    ok = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "reunify validate" in ok.stdout and "Passed" in ok.stdout
    _break_a_file(repo)
    bad = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert bad.returncode == 1 and "plan.yaml:3:15: RU303" in bad.stdout
