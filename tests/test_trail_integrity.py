"""The trail as evidence (docs/command-line.md, "Integrity of the trail"): locking, hostile git output, rewritten and
unsupported entries, ratification, signatures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import builders
from tests.builders import FLAT_CASE, decision, decision_3, flat_repo, git, verify_json
from tests.conftest import run_cli
from tests.runner import invoke

repo = flat_repo  # a case with a panel met, committed
ssh_signing = builders.ssh_signing


# ------------------------------------------------------------------ 1. the lock
def test_concurrent_decides_all_land_or_refuse_cleanly(repo: Path) -> None:
    """Real processes started together, many rounds, no sleeps: every entry that says 'recorded' is in
    its own commit with its own trailers, and --verify passes after every round."""
    case = repo / "amy"
    started = time.monotonic()
    landed = 0
    env = {**os.environ, "NO_COLOR": "1"}
    for round_ in range(6):
        days = [round_ * 4 + k + 1 for k in range(4)]
        procs = [subprocess.Popen([sys.executable, "-m", "reunify", "decide", str(case), *decision(d)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for d in days]
        results = [(p.returncode, *p.communicate()) for p in procs]
        results = [(p.returncode, out, err) for p, (_, out, err) in zip(procs, results, strict=True)]
        for code, _, err in results:
            assert "Traceback" not in err
            assert code == 0 or (code == 1 and "refused" in err), err
            landed += code == 0
        code, data = verify_json(case)
        assert code == 0, data["diagnostics"]
        text = (case / "case.yaml").read_text()
        for (code_, _, _), d in zip(results, days, strict=True):
            assert (f"date: 2026-01-{d:02d}" in text) == (code_ == 0)
        assert git(repo, "status", "--porcelain") == ""
    print(f"\nconcurrency: 6 rounds of 4 decides in {time.monotonic() - started:.1f} s")
    assert landed >= 6  # the lock makes them wait their turn rather than refuse


def test_a_held_lock_makes_decide_refuse_after_waiting(repo: Path) -> None:
    import fcntl

    lock = repo / ".git" / "reunify-decide.lock"
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        env = {**os.environ, "NO_COLOR": "1", "REUNIFY_LOCK_TIMEOUT": "0.5"}
        result = subprocess.run([sys.executable, "-m", "reunify", "decide", str(repo / "amy"), *decision(1)],
                                capture_output=True, text=True, env=env)
    assert result.returncode == 1 and "another decide is running" in result.stderr
    assert (repo / "amy" / "case.yaml").read_text() == FLAT_CASE


def test_a_failed_commit_never_restores_what_this_run_did_not_write(repo: Path) -> None:
    """A hook that edits case.yaml and then fails: decide must not put back its own old copy over that edit."""
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nprintf 'trusted_adult: Aunt\\n' >> amy/case.yaml\nexit 1\n")
    hook.chmod(0o755)
    result = run_cli("decide", str(repo / "amy"), *decision(1))
    assert result.returncode == 1 and "left as it is" in result.stderr
    assert (repo / "amy" / "case.yaml").read_text().endswith("trusted_adult: Aunt\n")


# ---------------------------------------------------------------- 2. hostile names
HOSTILE = ["Eve\x1f\x1cReunify-Decision\x1c3\x1d", "Eve\x1e1234567\x1fMallory\x1fMallory\x1f2026\x1fReunify-Case\x1cRU-T",
           "Eve\x1b[2J\x07\r"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_author_names_forge_nothing_and_print_escaped(repo: Path, name: str) -> None:
    case = repo / "amy"
    (case / "case.yaml").write_text(FLAT_CASE + "trusted_adult: Aunt\n")
    subprocess.run(["git", "-c", f"user.name={name}", "-c", "user.email=eve@example.invalid", "commit", "-qam",
                    "edit\n\nnot a trailer"], cwd=repo, check=True,
                   env={k: v for k, v in os.environ.items() if not k.startswith("GIT_")})
    assert run_cli("decide", str(case), *decision(2)).returncode == 0
    data = json.loads(run_cli("history", str(case), "--format", "json").stdout)
    assert [e.get("decision") for e in data["entries"]] == ["cpag"]
    text = run_cli("history", str(case)).stdout
    assert "Decision 3" not in text and "\x1b" not in text and "\x1f" not in text and "\r" not in text
    subprocess.run(["git", "-c", f"user.name={name}", "-c", "user.email=eve@example.invalid", "commit", "-q",
                    "--allow-empty", "--amend", "--no-edit", "--reset-author"], cwd=repo, check=True,
                   env={k: v for k, v in os.environ.items() if not k.startswith("GIT_")})
    text = run_cli("history", str(case)).stdout
    assert "\\x1" in text and "\x1b" not in text and "Decision 3" not in text
    assert [e["decision"] for e in json.loads(run_cli("history", str(case), "--format", "json").stdout)["entries"]] \
        == ["cpag"]


def test_names_and_folders_that_are_not_utf8_read_the_same_however_git_output_is_cut(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git prints bytes: an author's name that is not UTF-8 shows as U+FFFD, a folder whose name is not UTF-8 is
    followed through `git mv` with its bytes kept, and neither depends on where a read from git's pipe ends."""
    from reunify.trail import git as trail_git
    from reunify.trail.history import FIELDS, FORMAT

    folder = os.fsdecode(b"am\xffy")
    git(repo, "mv", "amy", folder)
    git(repo, "commit", "-qm", "moved")
    case = repo / folder
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):  # the environment decide's `git commit` runs in
        monkeypatch.setitem(trail_git.ENV, name, os.fsdecode(b"Zo\xeb"))
    assert invoke("decide", str(case), *decision(1)).returncode == 0
    named = subprocess.run(["git", "log", "-1", "--encoding=UTF-8", "--format=%an"], cwd=repo, capture_output=True,
                           check=True).stdout.strip()  # git may read such a name as Latin-1
    data = json.loads(invoke("history", str(case), "--format", "json").stdout)
    assert [(e["decision"], e["author"]) for e in data["entries"]] == [("cpag", named.decode("utf-8", "replace"))]
    assert verify_json(case)[0] == 0
    printed = subprocess.run(trail_git.graph_command(FORMAT, trail_git.literal("case.yaml")), cwd=case,
                             capture_output=True, check=True).stdout
    whole = list(trail_git._touches(trail_git._tokens(iter([printed])), FIELDS))
    assert [c[2] for t in whole for c in t.changes] == [f"{folder}/case.yaml"] * 2  # the decision, the move
    for cut in range(1, len(printed)):
        assert list(trail_git._touches(trail_git._tokens(iter([printed[:cut], printed[cut:]])), FIELDS)) == whole


# ------------------------------------------------------- 3. rewritten and unsupported
def test_a_later_commit_rewriting_a_recorded_decision_fails_verify(repo: Path) -> None:
    case = repo / "amy"
    assert run_cli("decide", str(case), *decision(1)).returncode == 0
    rationale = json.loads(run_cli("history", str(case), "--format", "json").stdout)["entries"][0]["rationale"]
    text = (case / "case.yaml").read_text().replace("by: Manager 1", "by: Someone Else").replace(
        "outcome: proceed", "outcome: do-not-proceed")
    (case / "case.yaml").write_text(text)
    git(repo, "commit", "-qam", "tidy", "--trailer", "Reunify-Case: RU-T", "--trailer", "Reunify-Decision: cpag",
        "--trailer", "Reunify-Date: 2026-01-01", "--trailer", "Reunify-Outcome: do-not-proceed",
        "--trailer", "Reunify-Role: corporate-director", "--trailer", "Decided-By: Someone Else",
        "--trailer", f"Reunify-Rationale: {rationale}")
    code, data = verify_json(case)
    assert code == 1
    assert "RU504" in [d["code"] for d in data["diagnostics"]]
    assert any("by" in d["message"] and "outcome" in d["message"] for d in data["diagnostics"] if d["code"] == "RU504")


def test_trailers_claiming_an_entry_the_commit_does_not_add_fail_verify(repo: Path) -> None:
    case = repo / "amy"
    assert run_cli("decide", str(case), *decision(1)).returncode == 0
    recorded = json.loads(run_cli("history", str(case), "--format", "json").stdout)["entries"][0]
    git(repo, "commit", "-q", "--allow-empty", "-m", "claims", "--trailer", "Reunify-Case: RU-T",
        "--trailer", "Reunify-Classification: RC1", "--trailer", "Reunify-Date: 2026-01-01",
        "--trailer", "Reunify-Level: low", "--trailer", "Decided-By: Eve")
    (case / "notes.txt").write_text("x")
    # a commit touching case.yaml that repeats Decision cpag's trailers without adding it
    (case / "case.yaml").write_text((case / "case.yaml").read_text() + "# a comment\n")
    git(repo, "add", ".")
    trailers = ["--trailer", "Reunify-Case: RU-T", "--trailer", "Reunify-Decision: cpag", "--trailer",
                "Reunify-Date: 2026-01-01", "--trailer", "Reunify-Outcome: proceed", "--trailer",
                "Reunify-Role: corporate-director", "--trailer", "Decided-By: Manager 1", "--trailer",
                f"Reunify-Rationale: {recorded['rationale']}"]
    git(repo, "commit", "-qm", "again", *trailers)
    code, data = verify_json(case)
    assert code == 1
    messages = [d["message"] for d in data["diagnostics"] if d["code"] == "RU505"]
    assert any("does not add it" in m for m in messages), data["diagnostics"]


def test_classification_label_with_a_space_is_refused(repo: Path) -> None:
    result = run_cli("decide", str(repo / "amy"), "--classification", "RC1 ", "--level", "medium", "--by", "A",
                     "--rationale", "x", "--date", "2026-01-01")
    assert result.returncode == 2 and "--classification" in result.stderr
    assert (repo / "amy" / "case.yaml").read_text() == FLAT_CASE


# --------------------------------------------------------------------- ratify
def test_ratify_records_an_amendment_that_verify_accepts(repo: Path) -> None:
    case = decision_3(repo)
    again = run_cli("decide", str(case), "--ratify", "3", "--by", "Chris Lane", "--date", "2026-02-10")
    assert again.returncode == 0, again.stderr
    text = (case / "case.yaml").read_text()
    assert "    ratified_by: Chris Lane\n    ratified_on: 2026-02-10\n" in text
    assert "Reunify-Ratified: 3" in git(repo, "log", "-1", "--format=%B")
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == ["amy/case.yaml"]
    code, data = verify_json(case)
    assert code == 0, data["diagnostics"]
    assert [e["ratification"] for e in data["entries"]] == [False, True]
    twice = run_cli("decide", str(case), "--ratify", "3", "--by", "Chris Lane", "--date", "2026-02-11")
    assert twice.returncode == 1 and "already ratified" in twice.stderr


def test_ratify_before_the_decision_or_without_one_is_refused(repo: Path) -> None:
    none = run_cli("decide", str(repo / "amy"), "--ratify", "3", "--by", "Chris Lane", "--date", "2026-02-10")
    assert none.returncode == 1 and "no Decision 3" in none.stderr
    case = decision_3(repo)
    early = run_cli("decide", str(case), "--ratify", "3", "--by", "Chris Lane", "--date", "2026-01-10")
    assert early.returncode == 1 and "before Decision 3" in early.stderr
    mixed = run_cli("decide", str(case), "--ratify", "3", "--by", "Chris Lane", "--outcome", "proceed")
    assert mixed.returncode == 2


def test_a_ratification_that_also_changes_the_decision_fails_verify(repo: Path) -> None:
    case = decision_3(repo)
    assert run_cli("decide", str(case), "--ratify", "3", "--by", "Chris Lane", "--date", "2026-02-10").returncode == 0
    message = git(repo, "log", "-1", "--format=%B").replace("Reunify-Outcome: proceed", "Reunify-Outcome: permanence")
    text = (case / "case.yaml").read_text().replace("outcome: proceed", "outcome: permanence")
    (case / "case.yaml").write_text(text)
    git(repo, "commit", "-qa", "--amend", "-m", message)
    code, data = verify_json(case)
    assert code == 1 and any(d["code"] == "RU504" and "outcome" in d["message"] for d in data["diagnostics"])


# ------------------------------------------------------------------- 4. signing
def test_signed_decisions_verify_and_show_the_signer(repo: Path, ssh_signing: Path) -> None:
    case = repo / "amy"
    result = run_cli("decide", str(case), *decision(1), "--sign")
    assert result.returncode == 0, result.stderr
    code, data = verify_json(case, "--signed")
    assert code == 0, data["diagnostics"]
    assert data["entries"][0]["signature"] == {"good": True, "signer": "alex@example.invalid"}
    assert "alex@example.invalid" in run_cli("history", str(case), "--verify", "--signed").stdout
    assert run_cli("decide", str(case), *decision(2)).returncode == 0  # not signed
    code, data = verify_json(case, "--signed")
    assert code == 1 and [d["code"] for d in data["diagnostics"]] == ["RU506"]
    assert data["entries"][1]["signature"]["good"] is False


def test_sign_without_a_key_is_refused_and_nothing_is_left_written(repo: Path) -> None:
    git(repo, "config", "gpg.format", "ssh")
    git(repo, "config", "user.signingkey", str(repo / "no-such-key"))
    result = run_cli("decide", str(repo / "amy"), *decision(1), "--sign")
    assert result.returncode == 1 and "refused" in result.stderr
    assert (repo / "amy" / "case.yaml").read_text() == FLAT_CASE


def test_missing_git_is_a_clear_error(repo: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {**os.environ, "PATH": str(bare), "NO_COLOR": "1"}
    for args in (["decide", str(repo / "amy"), *decision(1)], ["history", str(repo / "amy")]):
        result = subprocess.run([sys.executable, "-m", "reunify", *args], capture_output=True, text=True, env=env)
        assert result.returncode == 1 and "git is not installed" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert (repo / "amy" / "case.yaml").read_text() == FLAT_CASE
    render = subprocess.run([sys.executable, "-m", "reunify", "render", str(repo / "amy"), "--as-of", "2026-11-24",
                             "-r", "checklist", "-o", str(tmp_path / "out")], capture_output=True, text=True, env=env)
    assert render.returncode == 0, render.stderr


def test_decide_refuses_a_read_only_or_non_utf8_case_yaml(repo: Path) -> None:
    case = repo / "amy"
    path = case / "case.yaml"
    path.chmod(0o444)
    result = run_cli("decide", str(case), *decision(1))
    assert result.returncode == 1 and "read-only" in result.stderr
    assert path.read_text() == FLAT_CASE
    path.chmod(0o644)
    for data in ((FLAT_CASE + "team:\n  social_worker: Zoë\n").encode("latin-1"), FLAT_CASE.encode("utf-16")):
        path.write_bytes(data)
        git(repo, "commit", "-qam", "encoding")
        result = run_cli("decide", str(case), *decision(1))
        assert result.returncode == 1 and "RU104" in result.stderr and "case.yaml" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and path.read_bytes() == data
