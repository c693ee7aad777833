"""`reunify decide` and `reunify history` on real temporary git repositories."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.builders import git
from tests.conftest import EXAMPLES, run_cli

CASE_WITH_COMMENTS = """\
# Case record for RU-T: keep this header
reference: RU-T   # the council's number
child: amy
legal_status: 'care-order'
decisions:
  - decision: "1"   # taken in supervision
    date: 2026-01-05
    by: Jo Rivers
    role: team-manager
    outcome: proceed
  # Decision 2 expected in March
classifications: []   # none yet

# --- notes kept by the practitioner ---
team:
    social_worker: Sam Patel
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    case = root / "cases" / "amy"
    case.mkdir(parents=True)
    (case / "case.yaml").write_text(CASE_WITH_COMMENTS, encoding="utf-8")
    (case / "genogram.yaml").write_text("people:\n  - {id: amy, name: Amy}\n  - {id: mum, name: Mum}\n"
                                        "unions:\n  - {partners: [mum], children: [amy]}\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "case opened")
    return root


def decide(*args: str) -> subprocess.CompletedProcess:
    return run_cli("decide", *args)


DESPITE = "RC1 agreed on paper at the risk classification meeting"
# The fixture has no classification yet, so Decision 2 is out of order: recorded with --despite.
DECISION_2 = ("--decision", "2", "--by", "Alex Moore", "--role", "service-manager", "--outcome", "proceed",
              "--rationale", "Risk medium; proceed to agreements", "--despite", DESPITE, "--date", "2026-03-27")


def test_decision_is_inserted_as_text_and_committed_alone(repo: Path) -> None:
    case = repo / "cases" / "amy"
    (case / "notes.txt").write_text("staged, not part of the decision\n")
    git(repo, "add", "cases/amy/notes.txt")
    result = decide(str(case), *DECISION_2)
    assert result.returncode == 0, result.stderr
    new = (case / "case.yaml").read_text()
    inserted = ('  - decision: "2"\n    date: 2026-03-27\n    by: Alex Moore\n    role: service-manager\n'
                "    outcome: proceed\n    rationale: Risk medium; proceed to agreements\n"
                f"    despite: {DESPITE}\n")
    assert new == CASE_WITH_COMMENTS.replace("  # Decision 2 expected", inserted + "  # Decision 2 expected")
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == ["cases/amy/case.yaml"]
    assert git(repo, "diff", "--cached", "--name-only").split() == ["cases/amy/notes.txt"]  # still staged
    message = git(repo, "log", "-1", "--format=%B")
    for trailer in ("Reunify-Case: RU-T", "Reunify-Decision: 2", "Reunify-Outcome: proceed",
                    "Reunify-Role: service-manager", "Decided-By: Alex Moore", "Reunify-Date: 2026-03-27",
                    f"Reunify-Despite: {DESPITE}"):
        assert trailer in message


def test_classification_fills_suggested_and_needs_rationale_to_differ(repo: Path) -> None:
    case = repo / "cases" / "amy"
    refused = decide(str(case), "--classification", "RC1", "--level", "medium", "--by", "Alex", "--date", "2026-03-01")
    assert refused.returncode == 1 and "needs --rationale" in refused.stderr
    assert (case / "case.yaml").read_text() == CASE_WITH_COMMENTS
    ok = decide(str(case), "--classification", "RC1", "--level", "medium", "--by", "Alex", "--date", "2026-03-01",
                "--rationale", "Factors not yet assessed; interim view")
    assert ok.returncode == 0, ok.stderr
    text = (case / "case.yaml").read_text()
    assert "classifications:   # none yet\n  - label: RC1\n" in text
    assert "    suggested: incomplete\n" in text
    assert "Reunify-Suggested: incomplete" in git(repo, "log", "-1", "--format=%B")


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (("--decision", "2", "--by", "A", "--role", "service-manager", "--outcome", "proceed", "--rationale", "x",
          "--classification", "RC9", "--despite", "y", "--date", "2026-03-01"), "RU304"),
        (("--decision", "1", "--by", "A", "--role", "team-manager", "--outcome", "proceed", "--rationale", "x",
          "--date", "2026-01-05"), "RU207"),
    ],
)
def test_refuses_an_entry_that_would_not_validate(repo: Path, args: tuple, why: str) -> None:
    case = repo / "cases" / "amy"
    head = git(repo, "rev-parse", "HEAD")
    result = decide(str(case), *args)
    assert result.returncode == 1 and why in result.stderr and "refused" in result.stderr
    assert (case / "case.yaml").read_text() == CASE_WITH_COMMENTS
    assert git(repo, "rev-parse", "HEAD") == head


def test_refuses_with_uncommitted_edits(repo: Path) -> None:
    case = repo / "cases" / "amy"
    edited = CASE_WITH_COMMENTS + "trusted_adult: Aunt Jo\n"
    (case / "case.yaml").write_text(edited)
    result = decide(str(case), *DECISION_2)
    assert result.returncode == 1 and "uncommitted changes" in result.stderr
    assert (case / "case.yaml").read_text() == edited


def test_outside_git_needs_no_commit(tmp_path: Path) -> None:
    case = tmp_path / "amy"
    shutil.copytree(EXAMPLES / "RU-2025-0142", case)
    before = (case / "case.yaml").read_bytes()
    result = decide(str(case), *DECISION_2[:-2], "--date", "2026-11-01")
    assert result.returncode == 1 and "not in a git repository" in result.stderr
    assert (case / "case.yaml").read_bytes() == before
    ok = decide(str(case), *DECISION_2[:-2], "--date", "2026-11-01", "--no-commit")
    assert ok.returncode == 0 and "(not committed)" in ok.stdout
    after = (case / "case.yaml").read_bytes()
    assert len(after) > len(before) and b"    date: 2026-11-01\n" in after


def test_a_failed_commit_puts_the_file_back(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'team hook says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    case = repo / "cases" / "amy"
    result = decide(str(case), *DECISION_2)
    assert result.returncode == 1 and "put back" in result.stderr
    assert (case / "case.yaml").read_text() == CASE_WITH_COMMENTS


def test_a_refusing_hook_is_quoted_line_by_line(repo: Path) -> None:
    """The team's hook says why it refused: the user reads its report as it printed it, never quoted again."""
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'trim trailing whitespace....Failed'\necho '- files were modified: notes.md'\n"
                    "printf 'it\\047s \\033[31mred\\033[0m\\n' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = decide(str(repo / "cases" / "amy"), *DECISION_2)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "reunify: decide: refused: git did not commit; case.yaml was put back as it was. What git printed:",
        "  trim trailing whitespace....Failed",
        "  - files were modified: notes.md",
        "  it's \\x1b[31mred\\x1b[0m",
    ]


def test_a_case_never_committed_is_named_as_such(tmp_path: Path) -> None:
    """`reunify new` then `decide` at once: say to add and commit the case, not that it has "changes"."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    case = tmp_path / "cases" / "mia"
    assert run_cli("new", str(case), "--reference", "RU-1", "--child-name", "Mia Carter").returncode == 0
    result = decide(str(case), "--decision", "1", "--by", "Tom", "--role", "team-manager", "--outcome", "proceed",
                    "--rationale", "Explore a return home")
    assert result.returncode == 1
    assert f"{case / 'case.yaml'} is not in git yet: add and commit the case first (git add {case} && git commit)" \
        in result.stderr
    assert "uncommitted changes" not in result.stderr


@pytest.mark.parametrize("args", [("--decision", "2"), ("--level", "high", "--by", "A"),
                                  ("--decision", "4", "--by", "A", "--role", "x", "--outcome", "y", "--rationale", "z"),
                                  ("--decision", "2", "--by", "A", "--role", "team-manager", "--outcome", "proceed",
                                   "--rationale", "z", "--date", "2999-01-01")])
def test_usage_errors_exit_2(repo: Path, args: tuple) -> None:
    assert decide(str(repo / "cases" / "amy"), *args).returncode == 2


def test_history_lists_and_verifies(repo: Path) -> None:
    case = repo / "cases" / "amy"
    assert decide(str(case), *DECISION_2).returncode == 0
    assert decide(str(case), "--classification", "RC1", "--level", "high", "--by", "Alex", "--date", "2026-03-27",
                  "--rationale", "Interim").returncode == 0
    data = json.loads(run_cli("history", str(case), "--format", "json").stdout)
    assert [(e["kind"], e.get("decision") or e.get("label")) for e in data["entries"]] == [
        ("decision", "2"), ("classification", "RC1")]
    assert data["entries"][0]["by"] == "Alex Moore" and data["entries"][0]["committer"] == "Test Committer"
    text = run_cli("history", str(case)).stdout
    assert "2026-03-27  Decision 2" in text

    verify = run_cli("history", str(case), "--verify", "--format", "json")
    assert verify.returncode == 1  # Decision 1 was written by hand
    assert [p["code"] for p in json.loads(verify.stdout)["diagnostics"]] == ["RU501"]  # unrecorded

    edited = (case / "case.yaml").read_text().replace("level: high", "level: medium")
    edited = edited.replace("  - decision: \"2\"\n    date: 2026-03-27\n    by: Alex Moore\n    role: service-manager\n"
                            "    outcome: proceed\n    rationale: Risk medium; proceed to agreements\n"
                            f"    despite: {DESPITE}\n", "")
    (case / "case.yaml").write_text(edited)
    problems = json.loads(run_cli("history", str(case), "--verify", "--format", "json").stdout)["diagnostics"]
    assert sorted(p["code"] for p in problems) == ["RU501", "RU502", "RU503"]  # unrecorded, changed, deleted
    changed = next(p for p in problems if p["code"] == "RU502")
    assert "level" in changed["message"]


def test_history_reads_the_git_log_it_began_before_parsing_and_ends_one_it_did_not_read(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`history` starts its `git log` before its options are parsed (start-up time): the handler reads that one, not
    a second; a command line refused after it began (--format github needs --verify) leaves no git running."""
    from reunify.trail import launch

    case = repo / "cases" / "amy"
    assert decide(str(case), *DECISION_2).returncode == 0
    spawned: list[int] = []
    real = launch.spawn
    monkeypatch.setattr(launch, "spawn", lambda command, cwd: spawned.append((r := real(command, cwd))[0]) or r)
    assert "Decision 2" in run_cli("history", str(case)).stdout
    assert len(spawned) == 1
    assert run_cli("history", str(case), "--format", "github").returncode == 2
    assert len(spawned) == 2 and not launch._started
    with pytest.raises(ChildProcessError):  # reaped, not left as a zombie
        os.waitpid(spawned[1], os.WNOHANG)


def test_history_begins_its_git_log_before_importing_more_than_it_needs(repo: Path) -> None:
    """`history` is timed against the `git log` it wraps, which walks every commit before printing: git is started
    before the modules history's reading needs (collections, ~2 ms; typing; subprocess, ~10 ms) are imported, so
    their import runs during git's walk. A module-level import added on that path fails this."""
    import sys

    case = repo / "cases" / "amy"
    assert decide(str(case), *DECISION_2).returncode == 0
    probe = ("import sys\nseen = []\n"
             "def hook(event, args):\n"
             "    if event == 'os.posix_spawn' and not seen:\n"
             "        seen.append([m for m in ('collections', 'typing', 'subprocess', 'pathlib', 're') if m in sys.modules])\n"
             "sys.addaudithook(hook)\n"
             f"from reunify.cli import run\ncode = run(['history', {str(case)!r}])\n"
             "sys.stderr.write(f'{code} {seen}')")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stderr.endswith("0 [[]]"), result.stderr
    assert "Decision 2" in result.stdout


def test_history_outside_git_is_exit_2(tmp_path: Path) -> None:
    case = tmp_path / "c"
    shutil.copytree(EXAMPLES / "RU-2025-0142", case)
    result = run_cli("history", str(case))
    assert result.returncode == 2 and "not in a git repository" in result.stderr


def test_verify_agrees_with_decide_on_spacing(repo: Path) -> None:
    case = repo / "cases" / "amy"
    result = decide(str(case), "--decision", "2", "--by", "Alex  Moore", "--role", "service-manager", "--outcome",
                    "proceed", "--rationale", "Risk  medium", "--despite", "RC1  on paper", "--date", "2026-03-27")
    assert result.returncode == 0, result.stderr
    problems = json.loads(run_cli("history", str(case), "--verify", "--format", "json").stdout)["diagnostics"]
    assert [p["code"] for p in problems] == ["RU501"]  # only the hand-written Decision 1 is unrecorded


def test_report_header_names_the_case_commit(repo: Path) -> None:
    from reunify.trail.git import case_commit

    case = repo / "cases" / "amy"
    head = git(repo, "rev-parse", "--short", "HEAD").strip()
    assert case_commit(case) == head
    (case / "reports").mkdir()
    (case / "reports" / "x.md").write_text("rendered\n")
    assert case_commit(case) == head  # its own reports do not make the case dirty
    (case / "case.yaml").write_text(CASE_WITH_COMMENTS + "trusted_adult: Aunt\n")
    assert case_commit(case) == f"{head} + uncommitted changes"


def test_decide_order_guard_refuses_naming_what_is_missing(repo: Path) -> None:
    """docs/command-line.md, "decide": Decision 2 with no classification on or before its date is refused, nothing written."""
    case = repo / "cases" / "amy"
    head = git(repo, "rev-parse", "HEAD")
    refused = decide(str(case), *DECISION_2[:10], "--date", "2026-03-27")
    assert refused.returncode == 1
    assert "out of the workflow's order" in refused.stderr and "no risk classification" in refused.stderr
    assert "--despite" in refused.stderr
    assert (case / "case.yaml").read_text() == CASE_WITH_COMMENTS and git(repo, "rev-parse", "HEAD") == head


def test_decide_despite_records_the_reason_and_history_reads_it_back(repo: Path) -> None:
    """`--despite REASON` records the decision anyway, with `despite:` and a `Reunify-Despite:` trailer; --verify
    compares it like any recorded field."""
    case = repo / "cases" / "amy"
    result = decide(str(case), *DECISION_2)
    assert result.returncode == 0 and "despite: no risk classification" in result.stdout
    [entry] = [e for e in json.loads(run_cli("history", str(case), "--format", "json").stdout)["entries"]]
    assert entry["despite"] == DESPITE
    assert f"proceed (despite: {DESPITE})" in run_cli("history", str(case)).stdout
    edited = (case / "case.yaml").read_text().replace(DESPITE, "changed afterwards")
    (case / "case.yaml").write_text(edited)
    problems = json.loads(run_cli("history", str(case), "--verify", "--format", "json").stdout)["diagnostics"]
    assert any(p["code"] == "RU502" and "despite" in p["message"] for p in problems)


def test_decide_despite_is_not_recorded_when_nothing_is_out_of_order(repo: Path) -> None:
    case = repo / "cases" / "amy"
    assert decide(str(case), "--classification", "RC1", "--level", "medium", "--by", "Alex", "--date", "2026-03-01",
                  "--rationale", "Interim").returncode == 0
    result = decide(str(case), *DECISION_2)
    assert result.returncode == 0 and "nothing is out of order" in result.stderr
    assert "despite:" not in (case / "case.yaml").read_text()


def test_decide_despite_needs_a_reason_and_a_decision(repo: Path) -> None:
    case = repo / "cases" / "amy"
    assert decide(str(case), *DECISION_2[:10], "--despite", " ", "--date", "2026-03-27").returncode == 2
    assert decide(str(case), "--classification", "RC1", "--level", "medium", "--by", "Alex", "--despite", "x",
                  "--rationale", "y", "--date", "2026-03-01").returncode == 2
