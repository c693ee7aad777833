"""Hostile and broken input (docs/command-line.md): reading, output escaping, dates at the calendar's end, strict values,
team templates. Each test is something a careless or malicious case folder did to an earlier version."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reunify.case.load import load_case
from reunify.case.settings import Settings
from reunify.reports.render import ReportError, render
from tests.conftest import AS_OF, EXAMPLES, run_cli, write_case

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def run(*args: str, timeout: float = 60, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reunify", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1"}, cwd=cwd)


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "amy"
    shutil.copytree(EXAMPLES / "RU-2025-0142", folder)
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    return folder


# ------------------------------------------------------------------ 5. reading
def test_symlink_to_dev_zero_is_refused_quickly(case: Path) -> None:
    (case / "chronology.yaml").unlink()
    (case / "chronology.yaml").symlink_to("/dev/zero")
    result = run("validate", str(case), "--as-of", "2026-11-24", timeout=30)
    assert result.returncode == 1 and "RU110" in result.stdout and "outside the repository" in result.stdout
    from reunify.case.yamlread import read_limited

    assert read_limited(Path("/dev/zero"), 5 * 1024 * 1024) == (None, "it is a device, not a regular file")
    big = case / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    assert read_limited(big, 5 * 1024 * 1024) == (None, "too large")


def test_a_file_holding_more_than_its_size_says_is_read_to_its_end_within_the_limit(tmp_path: Path) -> None:
    """The first read is sized by what the file says it holds; a file that holds more (one being appended to, or
    a system file that says 0 bytes) is still read to its end, and refused past the limit."""
    from reunify.case.yamlread import read_limited

    status = Path("/proc/self/status")
    if not status.is_file() or status.stat().st_size:
        pytest.skip("needs a regular file that says it holds 0 bytes (Linux's /proc)")
    data, problem = read_limited(status, 5 * 1024 * 1024)
    assert problem is None and b"Name:" in data and data.endswith(b"\n")
    assert read_limited(status, 10) == (None, "too large")
    exact = tmp_path / "exact.yaml"
    exact.write_bytes(b"x" * 100)
    assert read_limited(exact, 100) == (b"x" * 100, None)
    assert read_limited(exact, 99) == (None, "too large")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the OS cannot make a FIFO")
@pytest.mark.parametrize("command", ["validate", "checklist", "classify", "render"])
def test_a_fifo_never_hangs(case: Path, command: str, tmp_path: Path) -> None:
    (case / "chronology.yaml").unlink()
    os.mkfifo(case / "chronology.yaml")
    extra = ["-o", str(tmp_path / "out")] if command == "render" else []
    result = run(command, str(case), "--as-of", "2026-11-24", *extra, timeout=30)
    assert result.returncode == 1 and "FIFO" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_symlink_out_of_the_repository_is_refused_and_never_printed(case: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("entries:\n  - date: 2025-01-01\n    event: THE-SECRET-LINE\n    bad_key: x\n")
    (case / "chronology.yaml").unlink()
    (case / "chronology.yaml").symlink_to(secret)
    for args in (["validate", str(case)], ["render", str(case), "-o", str(tmp_path / "out")],
                 ["checklist", str(case)]):
        result = run(*args, "--as-of", "2026-11-24")
        assert result.returncode == 1 and "outside the repository" in result.stdout + result.stderr
        assert "THE-SECRET-LINE" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()
    inside = case / "notes"
    inside.mkdir()
    # (named so the folder is not a case file's orphan, which walks now report: tests/hostile/test_input_attacks.py)
    (inside / "chronology-draft.yaml").write_text("entries: []\n")
    (case / "chronology.yaml").unlink()
    (case / "chronology.yaml").symlink_to(inside / "chronology-draft.yaml")  # inside the repository: fine
    assert run("validate", str(case), "--as-of", "2026-11-24").returncode == 0


def test_walks_report_orphans_and_do_not_follow_symlinked_folders(tmp_path: Path) -> None:
    caseload = tmp_path / "caseload"
    shutil.copytree(EXAMPLES / "RU-2025-0142", caseload / "lily")
    (caseload / "orphan").mkdir()
    shutil.copy(EXAMPLES / "RU-2025-0142" / "genogram.yaml", caseload / "orphan")
    outside = tmp_path / "elsewhere"
    shutil.copytree(EXAMPLES / "RU-2025-0087", outside / "other")
    (caseload / "link").symlink_to(outside, target_is_directory=True)
    validate = run("validate", str(caseload), "--as-of", "2026-11-24", "--format", "json")
    assert validate.returncode == 1
    codes = [(d["code"], Path(d["file"]).name) for d in json.loads(validate.stdout)["diagnostics"]]
    assert ("RU113", "orphan") in codes and not any(f == "other" for _, f in codes)
    status = json.loads(run("status", str(caseload), "--as-of", "2026-11-24", "--format", "json").stdout)
    assert sorted((r["case"], r["error"] is None) for r in status) == [("RU-2025-0142", True), ("orphan", False)]
    audit = json.loads(run("audit", str(caseload), "--as-of", "2026-11-24", "--format", "json").stdout)
    assert [e["case"] for e in audit["errors"]] == ["orphan"]
    hook = run("validate", str(caseload / "orphan" / "genogram.yaml"))  # as pre-commit passes files
    assert hook.returncode == 1 and "RU113" in hook.stdout


def test_unreadable_folders_are_reported(tmp_path: Path) -> None:
    caseload = tmp_path / "caseload"
    shutil.copytree(EXAMPLES / "RU-2025-0142", caseload / "lily")
    if os.geteuid() != 0:
        (caseload / "locked").mkdir()
        (caseload / "locked").chmod(0)
    else:  # root reads any folder: make one whose path is longer than the system allows
        fd = os.open(caseload, os.O_RDONLY)
        for _ in range(17):
            os.mkdir("d" * 250, dir_fd=fd)
            deeper = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = deeper
        os.close(fd)
    try:
        result = run("validate", str(caseload), "--as-of", "2026-11-24")
        assert result.returncode == 1 and "RU114" in result.stdout and "Traceback" not in result.stderr
        status = json.loads(run("status", str(caseload), "--as-of", "2026-11-24", "--format", "json").stdout)
        assert any(r["error"] and "cannot read the folder" in r["error"] for r in status)
    finally:
        if os.geteuid() != 0:
            (caseload / "locked").chmod(0o755)


def test_a_folder_tree_1100_levels_deep(tmp_path: Path) -> None:
    caseload = tmp_path / "deep"
    here = str(caseload)
    for _ in range(1101):
        os.mkdir(here)
        here += "/a"
    here = Path(here)
    shutil.copytree(EXAMPLES / "RU-2025-0142", here / "lily")
    try:
        for command in ("validate", "status", "audit"):
            result = run(command, str(caseload), "--as-of", "2026-11-24")
            assert result.returncode in (0, 1) and "Traceback" not in result.stderr, (command, result.stderr[-500:])
            assert "RU-2025-0142" in result.stdout or command != "status"
        assert "1 case" in run("audit", str(caseload), "--as-of", "2026-11-24").stdout
    finally:  # shutil.rmtree (and so pytest's clean-up) recurses once a level
        shutil.rmtree(here / "lily")
        shutil.rmtree(caseload / ".reunify-cache", ignore_errors=True)  # status and audit keep their cache here
        while here != caseload.parent:
            os.rmdir(here)
            here = here.parent


def test_schema_writes_into_a_folder_1100_levels_deep(tmp_path: Path) -> None:
    """`reunify schema -o DIR` makes the missing folders as `new` and `render` do, without recursion."""
    output = tmp_path / "/".join(["a"] * 1100)
    try:
        result = run("schema", "-o", str(output))
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-500:]
        assert (output / "case.schema.json").is_file()
    finally:  # shutil.rmtree (and so pytest's clean-up) recurses once a level
        shutil.rmtree(output, ignore_errors=True)
        here = output.parent
        while here != tmp_path and here.is_dir():
            os.rmdir(here)
            here = here.parent


# ------------------------------------------------------------------ 6. escaping
HOSTILE_KEY = 'x\x1b[31m\x07\rred\n::error file=evil.yaml,line=1::forged'


def test_control_characters_and_newlines_never_reach_the_terminal(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "c", case={HOSTILE_KEY: 1, "team": {"social_worker": "Sam\x1b]0;title\x07 Patel"}},
                        genogram={"people": [{"id": "amy", "name": "Amy\x9b2J Test"}]})
    text = run("validate", str(folder), "--as-of", "2026-11-24")
    assert text.returncode == 1 and "\\x1b" in text.stdout
    assert not CONTROL.search(text.stdout) and not any(line.startswith("::") for line in text.stdout.splitlines())
    github = run("validate", str(folder), "--as-of", "2026-11-24", "--format", "github")
    lines = github.stdout.splitlines()
    assert len(lines) == len([d for d in json.loads(run("validate", str(folder), "--format", "json").stdout)
                              ["diagnostics"]]) and all(line.startswith("::error ") for line in lines)
    assert not CONTROL.search(github.stdout) and "forged" in github.stdout
    gitlab = run("validate", str(folder), "--as-of", "2026-11-24", "--format", "gitlab")
    assert not CONTROL.search("".join(i["description"] for i in json.loads(gitlab.stdout)))


def test_tables_escape_case_text(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "load" / "c", case={"team": {"social_worker": "Sam\x1b[2J\x85 Patel"}},
                        genogram={"people": [{"id": "amy", "name": "Amy Test"}]})
    for args in (["status", str(tmp_path / "load")], ["audit", str(tmp_path / "load")], ["checklist", str(folder)],
                 ["classify", str(folder)]):
        result = run(*args, "--as-of", "2026-11-24")
        assert result.returncode == 0, result.stderr
        assert not CONTROL.search(result.stdout), args
    assert "\\x1b[2J" in run("status", str(tmp_path / "load"), "--as-of", "2026-11-24").stdout


# ------------------------------------------------------ 8. dates and strict values
def test_dates_at_the_end_of_the_calendar(tmp_path: Path) -> None:
    folder = tmp_path / "load" / "big"
    shutil.copytree(EXAMPLES / "RU-2025-0142", folder)
    for path in folder.glob("*.yaml"):
        path.write_text(re.sub(r"\b20[0-9]{2}-[0-9]{2}-[0-9]{2}\b", "9999-12-31", path.read_text()))
    seen = ""
    for args in (["checklist", str(folder)], ["classify", str(folder)], ["status", str(folder.parent)],
                 ["audit", str(folder.parent)], ["render", str(folder), "-o", str(tmp_path / "out")],
                 ["checklist", str(folder), "--format", "json"]):
        result = run(*args, "--as-of", "9999-12-31")
        assert result.returncode == 0 and "Traceback" not in result.stderr, (args, result.stderr[-800:])
        seen += result.stdout
    assert "after 9999-12-31" in seen


@pytest.mark.parametrize("text", ["20250101", "2025-W01-1", "2025-1-1", "2025-01-01T00:00", " 2025-01-01", "２０２５-01-01"])
def test_as_of_is_exactly_yyyy_mm_dd(text: str) -> None:
    result = run_cli("classify", str(EXAMPLES / "RU-2025-0142"), "--as-of", text)
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_block_scalar_reference_and_explicit_str(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "case.yaml").write_text("reference: |\n  RU-1\nchild: amy\nlegal_status: other\n")
    result = run_cli("validate", str(folder), "--format", "json")
    assert result.returncode == 1 and [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["RU205"]
    (folder / "case.yaml").write_text("reference: !!str 123\nchild: amy\nlegal_status: other\n")
    assert run_cli("validate", str(folder)).returncode == 0


def test_new_refuses_a_name_it_cannot_write(tmp_path: Path) -> None:
    name = os.fsdecode(b"Am\xffy")
    result = run("new", str(tmp_path / "c1"), "--reference", "R-1", "--child-name", name)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "c1").exists()


def test_a_folder_name_that_is_not_utf8_is_shown_under_a_strict_utf8_locale(tmp_path: Path) -> None:
    """en_GB.UTF-8 makes Python's stdout refuse lone surrogates: every format still prints, the name's byte as \\xff."""
    shutil.copytree(EXAMPLES / "RU-2025-0142", tmp_path / os.fsdecode(b"Am\xffy"))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "NO_COLOR": "1"}
    day = ["--as-of", "2026-11-24"]
    for args in (["status", *day, "--format", "json"], ["status", *day, "--format", "csv"], ["status", *day],
                 ["validate"], ["validate", "--format", "json"]):
        result = subprocess.run([sys.executable, "-m", "reunify", args[0], str(tmp_path), *args[1:]],
                                capture_output=True, env=env)
        assert result.returncode == 0 and b"Traceback" not in result.stderr, (args, result.stderr[-300:])
        if args[0] == "status":
            text = result.stdout.decode("utf-8")  # valid UTF-8: the name shown as `ls -b` shows it
            if "json" in args:
                assert json.loads(text)[0]["path"].endswith("Am\\xffy")
            elif "csv" in args:
                assert "Am\\xffy" in text


# ------------------------------------------------------------------ 9. templates
@pytest.mark.parametrize(("body", "words"), [
    ("{{ 1 // 0 }}", "ZeroDivisionError"),
    ("{{ child.nonexistent.deeper }}", "UndefinedError"),
    ("{{ case.decisions.append(1) }}", "SecurityError"),
    ("{{ 'x' * 100000000 }}", "SecurityError"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursed"),
    ("{% for x in %}", "TemplateSyntaxError"),
])
def test_any_template_error_names_the_template(tmp_path: Path, body: str, words: str) -> None:
    overrides = tmp_path / "templates" / "body"
    overrides.mkdir(parents=True)
    (overrides / "chronology.md.j2").write_text(body)
    with pytest.raises(ReportError) as caught:
        render(load_case(EXAMPLES / "RU-2025-0142"), AS_OF, Settings(), ["chronology"], templates=overrides.parent,
               commit="x")
    assert "chronology.md.j2" in str(caught.value) and words in str(caught.value)
    result = run_cli("render", str(EXAMPLES / "RU-2025-0142"), "--templates", str(overrides.parent), "-r", "chronology",
                     "-o", str(tmp_path / "out"), "--as-of", "2026-11-24")
    assert result.returncode == 1 and "chronology.md.j2" in result.stderr and "Traceback" not in result.stderr


def test_a_template_running_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reunify.reports import render as module

    monkeypatch.setattr(module, "TIME_LIMIT", 0.5)
    overrides = tmp_path / "templates" / "body"
    overrides.mkdir(parents=True)
    (overrides / "chronology.md.j2").write_text("{% for i in range(100000) %}{% for j in range(100000) %}"
                                                "{% endfor %}{% endfor %}")
    with pytest.raises(ReportError, match=r"chronology.md.j2 ran for more than 0.5 s"):
        render(load_case(EXAMPLES / "RU-2025-0142"), AS_OF, Settings(), ["chronology"], templates=overrides.parent,
               commit="x")


def test_a_template_cannot_change_what_other_reports_see(tmp_path: Path) -> None:
    overrides = tmp_path / "templates" / "body"
    overrides.mkdir(parents=True)
    (overrides / "checklist.md.j2").write_text("{% set _ = people.pop('lily', None) %}{{ child.name }}")
    with pytest.raises(ReportError, match="SecurityError"):
        render(load_case(EXAMPLES / "RU-2025-0142"), AS_OF, Settings(), ["checklist"], templates=overrides.parent,
               commit="x")
