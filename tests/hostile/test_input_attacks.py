"""Reading under attack: folders inside case folders, paths longer than the system allows, settings
broken every way, a caseload cache holding FIFOs, devices and links out of the repository.

Part of an adversarial review (issue 13), written from docs/command-line.md's contract: each test is an attack that broke
the tool before the fix beside it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import decision
from tests.conftest import EXAMPLES, run_cli
from tests.hostile import lily, no_traceback


# ----------------------------------------------------------------------------- reading and walks
def test_walks_look_inside_case_folders(tmp_path: Path) -> None:
    """A case nested in a case folder and an orphan folder inside one were skipped by validate, status and
    audit, while the pre-commit hook (given their files) checked them."""
    caseload = tmp_path / "load"
    outer = lily(caseload / "lily")
    shutil.copytree(EXAMPLES / "RU-2025-0087", outer / "brother")
    (outer / "old").mkdir()
    shutil.copy(outer / "genogram.yaml", outer / "old" / "genogram.yaml")
    result = run_cli("validate", str(caseload), "--as-of", "2026-11-24", "--format", "json")
    data = json.loads(result.stdout)
    assert data["cases"] == 3 and [d["code"] for d in data["diagnostics"]] == ["RU113"], data
    rows = json.loads(run_cli("status", str(caseload), "--as-of", "2026-11-24", "--format", "json").stdout)
    assert sorted(r["case"] for r in rows) == ["RU-2025-0087", "RU-2025-0142", "old"]


COMMANDS = [("validate",), ("classify",), ("checklist",), ("render",), ("supervise",), ("history",), ("status",),
            ("audit",), ("decide", *decision(1)), ("new", "--reference", "R-1", "--child-name", "Amy")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_path_longer_than_the_system_allows_is_a_clear_error(tmp_path: Path, command: tuple[str, ...]) -> None:
    too_long = tmp_path / "cases" / ("x" * 300)
    (tmp_path / "cases").mkdir()
    result = no_traceback(run_cli(command[0], str(too_long), *command[1:]))
    assert result.returncode in (1, 2) and "x" * 40 in result.stderr + result.stdout
    assert list((tmp_path / "cases").iterdir()) == []


def test_new_leaves_no_half_built_parents(tmp_path: Path) -> None:
    result = no_traceback(run_cli("new", str(tmp_path / "team" / "2026" / ("x" * 300)), "--reference", "R-1",
                                  "--child-name", "Amy"))
    assert result.returncode == 1 and not (tmp_path / "team").exists()


# ------------------------------------------------------------------------------------- settings
@pytest.mark.parametrize("text", ["x = " + "[" * 5000, "x = " + "{a = " * 3000 + "1" + "}" * 3000])
def test_settings_nested_past_any_use_are_an_error_not_a_crash(tmp_path: Path, text: str) -> None:
    case = lily(tmp_path / "lily")
    (tmp_path / "reunify.toml").write_text(text)
    for args in (["validate", str(case)], ["checklist", str(case)], ["rules"]):
        result = no_traceback(run_cli(*args, cwd=tmp_path))
        assert result.returncode == 2 and "reunify.toml" in result.stdout + result.stderr


def test_settings_not_utf8_point_at_the_byte(tmp_path: Path) -> None:
    case = lily(tmp_path / "lily")
    (tmp_path / "reunify.toml").write_bytes(b"baby_age_years = 3\n\n# caf\xe9 notes\n")
    result = run_cli("validate", str(case))
    assert result.returncode == 2 and "reunify.toml:3:6: RU211" in result.stdout, result.stdout


@pytest.mark.parametrize("where", ["no-such-folder", "lily/case.yaml"])
@pytest.mark.parametrize("command", [("render", "-r", "chronology"), ("supervise", "--format", "markdown")],
                         ids=lambda c: c[0])
def test_a_templates_setting_that_is_not_a_folder_is_never_silently_ignored(tmp_path: Path, where: str,
                                                                             command: tuple[str, ...]) -> None:
    case = lily(tmp_path / "lily")
    (tmp_path / "reunify.toml").write_text(f'# the team\'s own look\ntemplates = "{where}"\n')
    result = no_traceback(run_cli(command[0], str(case), *command[1:], "--as-of", "2026-11-24", "-o",
                                  str(tmp_path / "out.md" if command[0] == "supervise" else tmp_path / "out")))
    assert result.returncode == 2 and "reunify.toml" in result.stderr and "templates" in result.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.md").exists()


# ---------------------------------------------------------------------------------------- cache
def _caseload(tmp_path: Path) -> Path:
    caseload = tmp_path / "load"
    for name in ("RU-2025-0142", "RU-2025-0087"):
        shutil.copytree(EXAMPLES / name, caseload / name)
    for path in caseload.rglob("*.yaml"):
        os.utime(path, (1_600_000_000, 1_600_000_000))  # old enough to be cached
    return caseload


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the OS cannot make a FIFO")
def test_a_cache_entry_that_is_a_fifo_or_a_device_is_ignored(tmp_path: Path) -> None:
    caseload = _caseload(tmp_path)
    args = ("status", str(caseload), "--as-of", "2026-11-24", "--format", "json")
    expected = run_cli(*args).stdout
    entries = sorted((caseload / ".reunify-cache" / "cases").iterdir())
    assert len(entries) == 2
    entries[0].unlink()
    os.mkfifo(entries[0])
    entries[1].unlink()
    entries[1].symlink_to("/dev/zero")
    result = subprocess.run([sys.executable, "-m", "reunify", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == expected


def test_a_symlinked_cache_never_takes_case_data_out_of_the_repository(tmp_path: Path) -> None:
    caseload = _caseload(tmp_path)
    args = ("status", str(caseload), "--as-of", "2026-11-24", "--format", "json")
    expected = run_cli(*args, "--no-cache").stdout
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (caseload / ".reunify-cache").symlink_to(elsewhere, target_is_directory=True)
    assert run_cli(*args).stdout == expected
    assert list(elsewhere.iterdir()) == []
    (caseload / ".reunify-cache").unlink()
    (caseload / ".reunify-cache").mkdir()
    (caseload / ".reunify-cache" / "cases").symlink_to(elsewhere, target_is_directory=True)
    assert run_cli(*args).stdout == expected
    assert list(elsewhere.iterdir()) == []


def test_links_passed_by_the_hook_are_their_cases_problem(tmp_path: Path) -> None:
    """pre-commit passes staged files: a dangling or looping link was 'no such file or folder' (exit 2, as a
    usage error) rather than its case's RU110; a loop was called a link out of the repository."""
    case = lily(tmp_path / "lily")
    (case / "genogram.yaml").unlink()
    (case / "genogram.yaml").symlink_to("chronology-old.yaml")
    (case / "chronology-old.yaml").symlink_to("genogram.yaml")
    (case / "plan.yaml").unlink()
    (case / "plan.yaml").symlink_to(tmp_path / "gone.yaml")
    result = no_traceback(run_cli("validate", str(case / "genogram.yaml"), str(case / "plan.yaml")))
    assert result.returncode == 1 and "genogram.yaml: RU110 it is a symbolic link that leads round in a loop" \
        in result.stdout and "plan.yaml: RU110" in result.stdout, result.stdout + result.stderr


def test_a_file_name_that_looks_like_an_option_is_echoed_escaped(tmp_path: Path) -> None:
    """The hook passes file names as arguments; argparse quoted an unknown `-x<ESC>[2J.yaml` raw."""
    result = run_cli("validate", "-x\x1b[2J.yaml")
    assert result.returncode == 2 and "\x1b" not in result.stderr and "-x\\x1b[2J.yaml" in result.stderr


def test_settings_linked_out_of_the_repository_are_never_shown(tmp_path: Path) -> None:
    """A reunify.toml linked to a file elsewhere was read, and its first line printed under 'not valid TOML'."""
    repo = tmp_path / "repo"
    case = lily(repo / "lily")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    secret = tmp_path / "shadow"
    secret.write_text("root:THE-SECRET-HASH:19000:0:99999:7:::\n")
    (repo / "reunify.toml").symlink_to(secret)
    for args in (["validate", str(case)], ["rules"], ["history", str(case)]):
        result = no_traceback(run_cli(*args, cwd=repo))
        assert result.returncode == 2 and "outside the repository" in result.stdout + result.stderr
        assert "THE-SECRET" not in result.stdout + result.stderr
