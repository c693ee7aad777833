"""Trail integrity II (issue 22): a merge must not hide or erase a decision.

Every test builds a real repository and merges with real git: forgery and erasure through a merge, the
merge strategies teams use (with and without signing), a shallow clone, a case folder moved with `git mv`,
hooks that rewrite trailers, and edits git was told to ignore.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import builders
from tests.builders import FLAT_CASE, decision, decision_3, flat_repo, git, verify_json
from tests.conftest import run_cli

repo = flat_repo  # a case with a panel met, committed
ssh_signing = builders.ssh_signing

DECISION_1 = ["--decision", "1", "--by", "Jo Rivers", "--role", "team-manager", "--outcome", "proceed",
              "--rationale", "Explore a return home", "--date", "2026-01-05"]


def branch(repo: Path) -> str:
    return git(repo, "branch", "--show-current").strip()


def codes(data: dict) -> list[str]:
    return [d["code"] for d in data["diagnostics"]]


def decide(case: Path, *args: str) -> None:
    result = run_cli("decide", str(case), *args)
    assert result.returncode == 0, result.stderr


def entries(case: Path) -> list[dict]:
    result = run_cli("history", str(case), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["entries"]


def forge_on_a_branch(repo: Path, main: str) -> str:
    """On a branch made before Decision 1: a hand commit writing Decision 1 as Eve's do-not-proceed, its
    trailers copied from the real one's and changed. Returns the forged commit."""
    git(repo, "checkout", "-q", "side")
    message = git(repo, "log", "-1", "--format=%B", main)
    text = git(repo, "show", f"{main}:amy/case.yaml").replace("by: Jo Rivers", "by: Eve Intruder").replace(
        "outcome: proceed", "outcome: do-not-proceed")
    (repo / "amy" / "case.yaml").write_text(text)
    forged = message.replace("Decided-By: Jo Rivers", "Decided-By: Eve Intruder").replace(
        "Reunify-Outcome: proceed", "Reunify-Outcome: do-not-proceed")
    git(repo, "commit", "-qam", forged)
    commit = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", main)
    return commit


# ------------------------------------------------------------------ 1. forgery through a merge
def test_a_forged_decision_merged_with_x_theirs_is_rewritten_not_hidden(repo: Path) -> None:
    case = repo / "amy"
    main = branch(repo)
    git(repo, "branch", "side")
    decide(case, *DECISION_1)
    real = git(repo, "rev-parse", "HEAD").strip()
    forged = forge_on_a_branch(repo, main)
    git(repo, "merge", "-q", "-X", "theirs", "side", "-m", "Merge side")
    assert "Eve Intruder" in (case / "case.yaml").read_text()  # the merge kept the forgery
    assert {e["commit"] for e in entries(case)} == {real, forged}  # both sides are shown, not only the kept one
    code, data = verify_json(case)
    assert code == 1 and codes(data) == ["RU504"], data["diagnostics"]
    assert real[:7] in data["diagnostics"][0]["message"] and forged[:7] in data["diagnostics"][0]["message"]


def test_a_forged_decision_merged_with_x_ours_is_rewritten_too(repo: Path) -> None:
    """Whichever side the merge kept: the record disagrees with the other side's."""
    case = repo / "amy"
    main = branch(repo)
    git(repo, "branch", "side")
    decide(case, *DECISION_1)
    forge_on_a_branch(repo, main)
    git(repo, "merge", "-q", "-X", "ours", "side", "-m", "Merge side")
    assert "Jo Rivers" in (case / "case.yaml").read_text()
    code, data = verify_json(case)
    assert code == 1 and codes(data) == ["RU504"], data["diagnostics"]


# ------------------------------------------------------------------ 2. erasure through a merge
@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
def test_a_merge_that_keeps_the_side_without_the_decision_is_an_erasure(repo: Path, signed: bool,
                                                                      request: pytest.FixtureRequest) -> None:
    if signed:
        request.getfixturevalue("ssh_signing")
    case = repo / "amy"
    main = branch(repo)
    git(repo, "branch", "side")
    decide(case, *DECISION_1, *(["--sign"] if signed else []))
    git(repo, "checkout", "-q", "side")
    (case / "case.yaml").write_text(FLAT_CASE + "trusted_adult: Aunt\n")
    git(repo, "commit", "-qam", "Trusted adult")
    git(repo, "checkout", "-q", main)
    conflict = subprocess.run(["git", "merge", "side"], cwd=repo, capture_output=True, text=True)
    assert conflict.returncode == 1  # both added lines at the end of case.yaml
    git(repo, "checkout", "--theirs", "amy/case.yaml")  # "ordinary" resolution: take theirs
    git(repo, "commit", "-qam", "Merge side")
    assert "decision" not in (case / "case.yaml").read_text()
    assert [e["decision"] for e in entries(case)] == ["1"]
    code, data = verify_json(case, *(["--signed"] if signed else []))
    assert code == 1 and codes(data) == ["RU503"], data["diagnostics"]
    merge = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert f"taken out by commit {merge} " in data["diagnostics"][0]["message"]  # the merge that dropped it


def test_signed_judges_a_decision_commit_on_the_side_a_merge_dropped(repo: Path, ssh_signing: Path) -> None:
    case = repo / "amy"
    main = branch(repo)
    decide(case, *decision(1), "--sign")
    git(repo, "checkout", "-q", "-b", "side")
    decide(case, *decision(2))  # not signed
    git(repo, "checkout", "-q", main)
    git(repo, "commit", "-q", "--allow-empty", "-m", "elsewhere")
    git(repo, "merge", "-q", "-s", "ours", "side", "-m", "Merge side, keeping ours")
    code, data = verify_json(case, "--signed")
    assert code == 1 and sorted(codes(data)) == ["RU503", "RU506"], data["diagnostics"]


# ------------------------------------------------------------------ 8. the merges teams make
TWO_LISTS = FLAT_CASE + ("decisions: []\nteam:\n  social_worker: Sam Patel\n  team_manager: Jo Rivers\n"
                         "  service_manager: Alex Moore\n  qaro: Kim Lee\nclassifications: []\n")


def two_sides(repo: Path, sign: bool) -> tuple[Path, str]:
    """main records Decision cpag of day 2, side (made before it) the classification RC1: different hunks."""
    case = repo / "amy"
    (case / "case.yaml").write_text(TWO_LISTS)
    git(repo, "commit", "-qam", "lists")
    main = branch(repo)
    flag = ["--sign"] if sign else []
    decide(case, *decision(1), *flag)
    git(repo, "checkout", "-q", "-b", "side")
    decide(case, "--classification", "RC1", "--level", "medium", "--by", "Alex Moore", "--rationale", "As discussed",
           "--date", "2026-01-03", *flag)
    git(repo, "checkout", "-q", main)
    decide(case, *decision(2), *flag)
    return case, main


@pytest.mark.parametrize("sign", [False, True], ids=["unsigned", "signed"])
@pytest.mark.parametrize("how", ["merge", "x-ours", "x-theirs", "fast-forward", "by-hand"])
def test_honest_merges_verify_clean(repo: Path, sign: bool, how: str, request: pytest.FixtureRequest) -> None:
    if sign:
        request.getfixturevalue("ssh_signing")
    case = repo / "amy"
    main = branch(repo)
    flag = ["--sign"] if sign else []
    if how == "fast-forward":
        decide(case, *decision(1), *flag)
        git(repo, "checkout", "-q", "-b", "side")
        decide(case, *decision(2), *flag)
        git(repo, "checkout", "-q", main)
        git(repo, "merge", "-q", "--ff-only", "side")
        expected = 2
    elif how == "by-hand":  # both sides add a decision at the same place: a conflict, resolved keeping both
        decide(case, *decision(1), *flag)
        git(repo, "checkout", "-q", "-b", "side")
        decide(case, *decision(3), *flag)
        git(repo, "checkout", "-q", main)
        decide(case, *decision(2), *flag)
        assert subprocess.run(["git", "merge", "side"], cwd=repo, capture_output=True).returncode == 1
        base = git(repo, "show", f"{git(repo, 'merge-base', 'HEAD', 'side').strip()}:amy/case.yaml")
        theirs = git(repo, "show", "side:amy/case.yaml")  # their decision is appended at the end of the file
        (case / "case.yaml").write_text(git(repo, "show", "HEAD:amy/case.yaml") + theirs[len(base):])
        git(repo, "commit", "-qam", "Merge side: both decisions kept")
        expected = 3
    else:
        case, main = two_sides(repo, sign)
        options = {"merge": [], "x-ours": ["-X", "ours"], "x-theirs": ["-X", "theirs"]}[how]
        git(repo, "merge", "-q", *options, "side", "-m", "Merge side")
        expected = 3
    code, data = verify_json(case, *(["--signed"] if sign else []))
    assert code == 0, data["diagnostics"]
    assert len(data["entries"]) == expected


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_a_conflict_settled_with_x_ours_or_theirs_reports_the_decision_it_dropped(repo: Path, side: str) -> None:
    case = repo / "amy"
    main = branch(repo)
    decide(case, *decision(1))
    git(repo, "checkout", "-q", "-b", "side")
    decide(case, *decision(3))
    git(repo, "checkout", "-q", main)
    decide(case, *decision(2))
    git(repo, "merge", "-q", "-X", side, "side", "-m", "Merge side")
    code, data = verify_json(case)
    assert code == 1 and codes(data) == ["RU503"], data["diagnostics"]
    dropped = "2026-01-03" if side == "ours" else "2026-01-02"
    assert dropped in data["diagnostics"][0]["message"]


def test_a_squash_merge_leaves_the_sides_decisions_unrecorded(repo: Path) -> None:
    """A squash merge drops the commits that recorded the side's decisions: they read as hand edits (RU501),
    which is why the README says to merge case branches with a merge commit or to rebase them."""
    case = repo / "amy"
    main = branch(repo)
    decide(case, *decision(1))
    git(repo, "checkout", "-q", "-b", "side")
    decide(case, *decision(2))
    git(repo, "checkout", "-q", main)
    git(repo, "merge", "-q", "--squash", "side")
    git(repo, "commit", "-qm", "Squashed side")
    code, data = verify_json(case)
    assert code == 1 and codes(data) == ["RU501"], data["diagnostics"]
    assert "2026-01-02" in data["diagnostics"][0]["message"]


# ------------------------------------------------------------------ 3. a shallow clone
def test_verify_in_a_shallow_clone_says_so_once(repo: Path, tmp_path: Path) -> None:
    case = repo / "amy"
    for n in (1, 2, 3):
        decide(case, *decision(n))
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    code, data = verify_json(clone / "amy")
    assert code == 1 and codes(data) == ["RU507"], data["diagnostics"]
    assert "fetch-depth: 0" in data["diagnostics"][0]["hint"]
    git(clone, "fetch", "-q", "--unshallow")
    code, data = verify_json(clone / "amy")
    assert code == 0, data["diagnostics"]


# ------------------------------------------------------------------ 4. git mv
def test_a_case_folder_moved_with_git_mv_keeps_its_trail(repo: Path) -> None:
    decide(repo / "amy", *decision(1))
    git(repo, "mv", "amy", "amy-smith")
    git(repo, "commit", "-qm", "Rename the case folder")
    case = repo / "amy-smith"
    decide(case, *decision(2))
    assert [e["date"] for e in entries(case)] == ["2026-01-01", "2026-01-02"]
    code, data = verify_json(case)
    assert code == 0, data["diagnostics"]


def move_and_edit(repo: Path, old: str, new: str, edit: Callable[[str], str], author: str = "") -> str:
    """`git mv old new` and an edit of new/case.yaml in one commit (git cannot pair the two files then);
    returns the commit."""
    git(repo, "mv", old, new)
    path = repo / new / "case.yaml"
    path.write_text(edit(path.read_text()))
    git(repo, "commit", "-qam", "Move and tidy the case", *(["--author", author] if author else []))
    return git(repo, "rev-parse", "--short=7", "HEAD").strip()


def test_a_case_folder_moved_and_edited_in_one_commit_keeps_its_trail(repo: Path) -> None:
    """The file that left amy/ holds the same `reference:` as the one that came to amy-smith/: the same case."""
    decide(repo / "amy", *decision(1))
    move_and_edit(repo, "amy", "amy-smith", lambda text: text.replace("legal_status: care-order", "legal_status: section-20"))
    case = repo / "amy-smith"
    decide(case, *decision(2))
    assert [e["date"] for e in entries(case)] == ["2026-01-01", "2026-01-02"]
    code, data = verify_json(case)
    assert code == 0, data["diagnostics"]


def test_a_move_that_also_takes_a_decision_out_is_named_for_it(repo: Path) -> None:
    decide(repo / "amy", *decision(1))
    commit = move_and_edit(repo, "amy", "amy-smith", lambda text: text.split("decisions:")[0],
                           "Mallory <m@example.org>")
    code, data = verify_json(repo / "amy-smith")
    assert code == 1 and codes(data) == ["RU503"], data["diagnostics"]
    assert f"taken out by commit {commit} " in data["diagnostics"][0]["message"]


def test_another_case_deleted_as_this_one_is_made_lends_it_no_trail(repo: Path) -> None:
    """A commit that closes one case and opens another: the new file names another reference, so amy's
    decisions are not the new case's."""
    decide(repo / "amy", *decision(1))
    move_and_edit(repo, "amy", "ben", lambda text: text.replace("reference: RU-T", "reference: RU-B"))
    assert entries(repo / "ben") == []


def test_a_rename_on_one_side_and_a_decision_on_the_other_merge_clean(repo: Path) -> None:
    main = branch(repo)
    decide(repo / "amy", *decision(1))
    git(repo, "checkout", "-q", "-b", "side")
    decide(repo / "amy", *decision(2))
    git(repo, "checkout", "-q", main)
    git(repo, "mv", "amy", "amy-smith")
    git(repo, "commit", "-qm", "Rename the case folder")
    git(repo, "merge", "-q", "side", "-m", "Merge side")
    case = repo / "amy-smith"
    assert "2026-01-02" in (case / "case.yaml").read_text()
    assert sorted(e["date"] for e in entries(case)) == ["2026-01-01", "2026-01-02"]
    code, data = verify_json(case)
    assert code == 0, data["diagnostics"]


def test_a_branch_that_went_on_working_in_the_old_folder_is_followed_after_the_merge(repo: Path) -> None:
    """main moved the case and went on editing it in its new folder; a branch made before the move recorded a
    decision in the old folder. git's merge carries the branch's change across the move: the merged file
    matches neither side, and the one the merge took away on the branch's side holds the case's reference."""
    main = branch(repo)
    decide(repo / "amy", *decision(1))
    git(repo, "branch", "side")
    git(repo, "mv", "amy", "amy-smith")
    git(repo, "commit", "-qm", "Rename the case folder")
    path = repo / "amy-smith" / "case.yaml"
    path.write_text(path.read_text().replace("legal_status: care-order", "legal_status: section-20"))
    git(repo, "commit", "-qam", "Legal status")
    git(repo, "checkout", "-q", "side")
    decide(repo / "amy", *decision(2))
    git(repo, "checkout", "-q", main)
    git(repo, "merge", "-q", "--no-edit", "side")
    case = repo / "amy-smith"
    assert "2026-01-02" in path.read_text() and "section-20" in path.read_text()
    assert sorted(e["date"] for e in entries(case)) == ["2026-01-01", "2026-01-02"]
    code, data = verify_json(case)
    assert code == 0, data["diagnostics"]


# ------------------------------------------------------------------ 5. hooks that rewrite trailers
HOOKS = {
    "commit-msg": "#!/bin/sh\nsed -i 's/^Decided-By: .*/Decided-By: Someone Else/' \"$1\"\n",
    "prepare-commit-msg": "#!/bin/sh\nsed -i '/^Reunify-Outcome:/d' \"$1\"\n",
}


@pytest.mark.parametrize("hook", HOOKS)
def test_a_hook_that_rewrites_trailers_makes_decide_take_its_commit_back(repo: Path, hook: str) -> None:
    case = repo / "amy"
    path = repo / ".git" / "hooks" / hook
    path.write_text(HOOKS[hook])
    path.chmod(0o755)
    head = git(repo, "rev-parse", "HEAD")
    result = run_cli("decide", str(case), *decision(1))
    assert result.returncode == 1 and hook in result.stderr and "taken back" in result.stderr, result.stderr
    assert git(repo, "rev-parse", "HEAD") == head
    assert (case / "case.yaml").read_text() == FLAT_CASE
    assert git(repo, "status", "--porcelain") == ""


# ------------------------------------------------------------------ 6. edits git was told to ignore
@pytest.mark.parametrize("flag", ["--assume-unchanged", "--skip-worktree"])
def test_decide_sees_an_edit_hidden_by_index_flags(repo: Path, flag: str) -> None:
    case = repo / "amy"
    edited = FLAT_CASE + "trusted_adult: Aunt\n"
    (case / "case.yaml").write_text(edited)
    git(repo, "update-index", flag, "amy/case.yaml")
    assert git(repo, "status", "--porcelain") == ""  # git itself no longer shows the edit
    head = git(repo, "rev-parse", "HEAD")
    result = run_cli("decide", str(case), *decision(1))
    assert result.returncode == 1 and "differs from its last commit" in result.stderr, result.stderr
    assert git(repo, "rev-parse", "HEAD") == head and (case / "case.yaml").read_text() == edited


# ------------------------------------------------------------------ 7. a duplicate points at the file on disk
def test_a_refused_duplicate_points_at_the_entry_on_disk(repo: Path) -> None:
    case = repo / "amy"
    decide(case, *decision(1))
    lines = (case / "case.yaml").read_text().splitlines()
    on_disk = lines.index("  - decision: cpag") + 1
    result = run_cli("decide", str(case), *decision(1))
    assert result.returncode == 1 and "RU207" in result.stderr
    assert f"case.yaml:{on_disk}:5: RU207" in result.stderr, result.stderr
    assert len(lines) < 14  # the old message pointed past the file's end, into the text never written


def test_a_ratification_dated_before_its_decision_by_a_wrong_clock_still_follows_it(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """history reads git log in commit-date order (so it can parse while git walks) and orders by the graph: a
    ratification made on a branch by a machine whose clock was years behind is still read after its decision."""
    case = decision_3(repo)
    main = branch(repo)
    git(repo, "checkout", "-q", "-b", "side")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2001-01-01T00:00:00Z")
    decide(case, "--ratify", "3", "--by", "Chris Lane", "--date", "2026-02-10")
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    git(repo, "checkout", "-q", main)
    (repo / "notes.md").write_text("supervision notes\n")
    git(repo, "add", "notes.md")
    git(repo, "commit", "-qm", "notes")  # main moves on, so the merge has two parents
    git(repo, "merge", "-q", "--no-ff", "side", "-m", "Merge side")
    code, data = verify_json(case)
    assert code == 0, data["diagnostics"]
    assert [e["ratification"] for e in data["entries"]] == [False, True]


def test_an_entry_taken_out_on_a_branch_names_the_merge_as_bringing_it_in(repo: Path) -> None:
    """A clean merge brings the removal in: the merge is named and said to have taken a side that had already
    lost it (an older commit is not blamed: its removal may have been undone since)."""
    case = repo / "amy"
    main = branch(repo)
    decide(case, *DECISION_1)
    git(repo, "checkout", "-q", "-b", "side")
    (case / "case.yaml").write_text(FLAT_CASE)  # the decision taken out by hand
    git(repo, "commit", "-qam", "Tidy", "--author", "Mallory <m@example.org>")
    git(repo, "checkout", "-q", main)
    (case / "plan.yaml").write_text("# notes\n")
    git(repo, "add", "amy/plan.yaml")
    git(repo, "commit", "-qm", "Plan")
    git(repo, "merge", "-q", "--no-edit", "side")
    code, data = verify_json(case)
    assert code == 1 and codes(data) == ["RU503"], data["diagnostics"]
    merge = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert f"taken out by commit {merge} " in data["diagnostics"][0]["message"]
    assert "a merge: one side had already lost it" in data["diagnostics"][0]["message"]


def test_a_side_that_held_an_entry_without_its_record_and_lost_it_is_named_by_the_merge(repo: Path) -> None:
    """A side can hold a decision whose recording commit is not among its ancestors (a squash merge brings the
    file, not the commits): when it takes it out and a merge keeps that side's file, the merge is still said to
    have brought in a side that had already lost it."""
    case = repo / "amy"
    main = branch(repo)
    git(repo, "checkout", "-q", "-b", "side")
    (case / "notes.md").write_text("side\n")
    git(repo, "add", "amy/notes.md")
    git(repo, "commit", "-qm", "Side notes")
    git(repo, "checkout", "-q", main)
    decide(case, *DECISION_1)
    git(repo, "checkout", "-q", "side")
    git(repo, "merge", "-q", "--squash", main)
    git(repo, "commit", "-qm", "Bring main's work in (squash)")
    (case / "case.yaml").write_text(FLAT_CASE)
    git(repo, "commit", "-qam", "Take Decision 1 out")
    git(repo, "checkout", "-q", main)
    git(repo, "merge", "-q", "--no-commit", "-s", "ours", "side")
    git(repo, "checkout", "side", "--", "amy/case.yaml")
    git(repo, "commit", "-qm", "Merge side, keeping its case.yaml")
    code, data = verify_json(case)
    assert code == 1 and codes(data) == ["RU503"], data["diagnostics"]
    merge = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    message = data["diagnostics"][0]["message"]
    assert f"taken out by commit {merge} " in message and "a merge: one side had already lost it" in message


@pytest.mark.parametrize("orphan", [False, True], ids=["branched-before-the-decision", "orphan-branch"])
def test_a_merge_that_drops_an_entry_its_other_side_never_held_is_named_as_taking_it_out(repo: Path,
                                                                                         orphan: bool) -> None:
    """Found by a hostile review: a merge resolved by taking the case.yaml of a side that never held the
    decision (a branch made before it was recorded, or an orphan branch) was said to bring in a side that "had
    already lost it", sending a reviewer to look for a removal on that side that never happened."""
    case = repo / "amy"
    main = branch(repo)
    if orphan:
        git(repo, "checkout", "-q", "--orphan", "side")
        case.joinpath("notes.md").write_text("a second start\n")
        git(repo, "add", "amy/case.yaml", "amy/notes.md")
    else:
        git(repo, "checkout", "-q", "-b", "side")
    (case / "case.yaml").write_text(FLAT_CASE + "# side's copy\n")
    git(repo, "commit", "-qam", "Side's copy")
    git(repo, "checkout", "-q", main)
    decide(case, *DECISION_1)
    git(repo, "merge", "-q", "--no-commit", *(["--allow-unrelated-histories"] if orphan else []), "-s", "ours", "side")
    git(repo, "checkout", "side", "--", "amy/case.yaml")
    git(repo, "commit", "-qm", "Merge side, taking its case.yaml", "--author", "Mallory <m@example.org>")
    code, data = verify_json(case)
    assert code == 1 and codes(data) == ["RU503"], data["diagnostics"]
    merge = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert data["diagnostics"][0]["message"].endswith(f"taken out by commit {merge} (Mallory, "
                                                      f"{git(repo, 'log', '-1', '--format=%as').strip()})")
