"""The trail under attack: folder names git reads as patterns, the user's log settings, hand-made
ratifications, concurrent decides without commits, a linked case.yaml, odd --date and --despite.

Part of an adversarial review (issue 13), written from docs/command-line.md's contract: each test is an attack that broke
the tool before the fix beside it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import builders
from tests.builders import FLAT_CASE, decision, git, verify_json
from tests.conftest import run_cli
from tests.hostile import no_traceback

repo = builders.flat_repo  # the fixtures of the trail's own tests: a case with a panel met, and ssh signing
ssh_signing = builders.ssh_signing


# --------------------------------------------------------------------------------------- the trail
@pytest.mark.parametrize("name", ["a\nb", "*", "[ab]", ":(top)x"])
def test_decide_and_verify_in_a_folder_whose_name_git_would_read_as_a_pattern(repo: Path, name: str) -> None:
    """git reads `rev:path` requests a line at a time and pathspecs as patterns: a case folder named with a
    newline, `*` or `:(magic)` must still be committed alone, checked against its own commit and verified."""
    case = repo / name
    case.mkdir()
    (case / "case.yaml").write_text(FLAT_CASE.replace("RU-T", "RU-X"))
    (repo / "b").mkdir()
    (repo / "b" / "case.yaml").write_text(FLAT_CASE.replace("RU-T", "RU-B"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "more cases")
    (repo / "b" / "case.yaml").write_text(FLAT_CASE.replace("RU-T", "RU-B") + "# being edited\n")  # another case
    result = no_traceback(run_cli("decide", str(case), *decision(1)))
    assert result.returncode == 0, result.stderr
    assert git(repo, "show", "--name-only", "-z", "--format=", "HEAD").split("\0")[:-1] == [f"{name}/case.yaml"]
    code, data = verify_json(case)
    assert code == 0, data["diagnostics"]


def test_history_reads_the_same_whatever_the_users_log_settings(repo: Path, ssh_signing: Path) -> None:
    """Teams that sign often set log.showSignature; others log.follow or a log output encoding. None of them
    may change what `history` reads: the signature text once became the commit hash and failed --verify."""
    case = repo / "amy"
    assert run_cli("decide", str(case), *decision(1), "--sign").returncode == 0
    for name, value in (("log.showSignature", "true"), ("log.follow", "true"), ("i18n.logOutputEncoding", "latin1")):
        git(repo, "config", name, value)
    code, data = verify_json(case, "--signed")
    assert code == 0, data["diagnostics"]
    assert re.fullmatch("[0-9a-f]{40}", data["entries"][0]["commit"])
    assert data["entries"][0]["signature"] == {"good": True, "signer": "alex@example.invalid"}


def _decision_3_ratified(repo: Path) -> Path:
    case = repo / "amy"
    (case / "agreements.yaml").write_text("agreements:\n  - id: pa-1\n    made: 2026-01-10\n")
    (case / "contingency.yaml").write_text("stages:\n  - stage: 1\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "agreement and contingency plan")
    assert run_cli("decide", str(case), "--decision", "3", "--by", "Alex Moore", "--role", "service-manager",
                   "--outcome", "proceed", "--rationale", "Ready", "--date", "2026-02-01").returncode == 0
    assert run_cli("decide", str(case), "--ratify", "3", "--by", "Chris Lane", "--date", "2026-02-10").returncode == 0
    return case


@pytest.mark.parametrize("how", ["rewrite", "remove"])
def test_a_hand_made_ratification_that_rewrites_or_removes_one_fails_verify(repo: Path, how: str) -> None:
    """`decide --ratify` only ratifies a decision nobody ratified yet; a commit carrying its trailer that changes
    who ratified, or takes the ratification away, is a rewritten decision (RU504)."""
    case = _decision_3_ratified(repo)
    message = git(repo, "log", "-1", "--format=%B")
    text = (case / "case.yaml").read_text()
    if how == "rewrite":
        text = text.replace("ratified_by: Chris Lane", "ratified_by: Eve Forger")
        message = message.replace("Ratified-By: Chris Lane", "Ratified-By: Eve Forger")
    else:
        text = re.sub(r"    ratified_(by|on): .*\n", "", text)
        message = re.sub(r"(Ratified-By|Reunify-Ratified-On): .*\n", "", message)
    (case / "case.yaml").write_text(text)
    git(repo, "commit", "-qam", message)
    code, data = verify_json(case)
    assert code == 1 and any(d["code"] == "RU504" and "ratified_by" in d["message"] for d in data["diagnostics"]), \
        data["diagnostics"]


def test_concurrent_decides_without_commits_lose_nothing(tmp_path: Path) -> None:
    """`decide --no-commit` (outside git) at the same moment, real processes, several rounds, no sleeps: every
    run that says "recorded" has its entry in case.yaml."""
    case = tmp_path / "amy"
    case.mkdir()
    (case / "case.yaml").write_text(FLAT_CASE)
    env = {**os.environ, "NO_COLOR": "1"}
    said = []
    for round_ in range(3):
        days = [round_ * 4 + k + 1 for k in range(4)]
        procs = [subprocess.Popen([sys.executable, "-m", "reunify", "decide", str(case), *decision(d), "--no-commit"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for d in days]
        for day, proc in zip(days, procs, strict=True):
            _, err = proc.communicate()
            assert "Traceback" not in err
            assert proc.returncode == 0 or "another decide is running" in err, err
            if proc.returncode == 0:
                said.append(day)
    text = (case / "case.yaml").read_text()
    assert [d for d in said if f"date: 2026-01-{d:02d}" not in text] == []
    assert len(said) == 12


def test_decide_refuses_a_symlinked_case_yaml(repo: Path) -> None:
    """Writing would replace the link by a file and commit a change the link's target never got."""
    case = repo / "amy"
    (repo / "shared").mkdir()
    (case / "case.yaml").rename(repo / "shared" / "case.yaml")
    (case / "case.yaml").symlink_to("../shared/case.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "linked")
    result = no_traceback(run_cli("decide", str(case), *decision(1)))
    assert result.returncode == 1 and "symbolic link" in result.stderr
    assert (case / "case.yaml").is_symlink() and (repo / "shared" / "case.yaml").read_text() == FLAT_CASE


@pytest.mark.parametrize("args", [("--date", ""), ("--despite", "Panel\x1b[2J agreed")])
def test_decide_refuses_an_empty_date_and_control_characters_in_despite(repo: Path, args: tuple[str, str]) -> None:
    result = run_cli("decide", str(repo / "amy"), *decision(1)[:-2], *args)
    assert result.returncode == 2, result.stderr
    assert (repo / "amy" / "case.yaml").read_text() == FLAT_CASE
