"""Output under attack: control characters in CSV, Markdown in the audit report, a path printed by
`schema`, and output paths that are links, FIFOs or devices.

Part of an adversarial review (issue 13), written from docs/command-line.md's contract: each test is an attack that broke
the tool before the fix beside it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli
from tests.hostile import CONTROL, lily


# --------------------------------------------------------------------------------------- output
def test_csv_shows_control_characters_escaped(tmp_path: Path) -> None:
    caseload = tmp_path / "load"
    case = lily(caseload / "esc\x1b[31m")
    text = (case / "case.yaml").read_text().replace("social_worker: Sam Patel", 'social_worker: "Sam\\e[2J\\a Patel"')
    (case / "case.yaml").write_text(text)
    for command in ("status", "audit"):
        result = run_cli(command, str(caseload), "--as-of", "2026-11-24", "--format", "csv")
        assert result.returncode == 0 and not CONTROL.search(result.stdout.replace("\n", "")), result.stdout
    assert "Sam\\x1b[2J\\x07 Patel" in run_cli("status", str(caseload), "--as-of", "2026-11-24",
                                                 "--format", "csv").stdout


def test_audit_markdown_escapes_folder_names_and_case_text(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    caseload = tmp_path / "load"
    broken = lily(caseload / "<img src=x onerror=alert(1)>")
    with open(broken / "case.yaml", "a") as handle:
        handle.write('"<script>alert(1)</script>": 1\n')
    orphan = caseload / "*bold* [link](https:"
    orphan.mkdir()
    (orphan / "genogram.yaml").write_text("people: []\n")
    text = run_cli("audit", str(caseload), "--as-of", "2026-11-24", "--format", "markdown").stdout
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<img" not in html and "<script" not in html and "<em>" not in html and "<a " not in html, html
    assert "&lt;img src=x" in html


def test_schema_prints_the_path_it_was_given_escaped(tmp_path: Path) -> None:
    result = run_cli("schema", "-o", str(tmp_path / "s\x1b[31m"))
    assert result.returncode == 0 and "\x1b" not in result.stdout and "s\\x1b[31m" in result.stdout


# --------------------------------------------------------------------------------------- writing
@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_output_never_replaces_a_link_or_a_special_file(tmp_path: Path, kind: str) -> None:
    """`-o /dev/null` once replaced /dev/null by a regular file (run as root); a report path that is a link
    was replaced by a file. Writing refuses what is not a regular file."""
    case = lily(tmp_path / "lily")
    target = tmp_path / "agenda.md"
    kept = tmp_path / "kept.md"
    kept.write_text("kept")
    (case / "reports").mkdir()
    report = case / "reports" / "chronology.md"
    if kind == "symlink":
        target.symlink_to(kept)
        report.symlink_to(kept)
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("the OS cannot make a FIFO")
        os.mkfifo(target)
        os.mkfifo(report)
    for args in (["supervise", str(case), "-o", str(target)], ["render", str(case), "-r", "chronology"]):
        result = subprocess.run([sys.executable, "-m", "reunify", *args, "--as-of", "2026-11-24"], capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 1 and "not a regular file" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert kept.read_text() == "kept"
    assert (target.is_symlink() and report.is_symlink()) if kind == "symlink" else target.is_fifo()


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=60))
def test_any_csv_cell_is_neutralised_and_escaped(text: str) -> None:
    from reunify.cli.views.caseload import FORMULA_START, safe_cell

    cell = safe_cell(text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]", cell)
    assert not cell.startswith(FORMULA_START)


def test_reports_are_never_written_out_of_the_repository_through_a_link(tmp_path: Path) -> None:
    """A case folder whose reports/ is a link to a folder elsewhere had every report, names and all, written
    there by a plain `render`."""
    repo = tmp_path / "repo"
    case = lily(repo / "lily")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (case / "reports").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("render", str(case), "--as-of", "2026-11-24")
    assert result.returncode == 1 and "out of the repository" in result.stderr
    assert list(elsewhere.iterdir()) == []
    assert run_cli("render", str(case), "--as-of", "2026-11-24", "-o", str(elsewhere)).returncode == 0  # asked
