"""The trail against git's own machinery: objects replaced or grafted, hooks that commit, repository states in
which a commit would be lost, user settings that change git's output, and index flags that hide a file.

Each was found by a hostile review and each test fails on the code before its fix. Every repository is real git.
"""

from __future__ import annotations

import stat
from pathlib import Path

from tests.builders import FLAT_CASE, decision_3, flat_repo, git, verify_json
from tests.conftest import run_cli

repo = flat_repo  # a case with a panel met, committed

DECISION_1 = ["--decision", "1", "--by", "Jo Rivers", "--role", "team-manager", "--outcome", "proceed",
              "--rationale", "Explore a return home", "--date", "2026-01-05"]
DECISION_1_AGAIN = [*DECISION_1[:-1], "2026-02-05"]


def decide(case: Path, *args: str) -> None:
    result = run_cli("decide", str(case), *args)
    assert result.returncode == 0, result.stderr


def codes(case: Path) -> list[str]:
    code, data = verify_json(case)
    assert code == (1 if data["diagnostics"] else 0), data
    return [d["code"] for d in data["diagnostics"]]


def _erase_first_decision(repo: Path) -> tuple[str, str]:
    """Two decisions recorded, then the first erased by a hand commit. Returns the two decision commits."""
    case = repo / "amy"
    decide(case, *DECISION_1)
    first = git(repo, "rev-parse", "HEAD").strip()
    decide(case, *DECISION_1_AGAIN)
    second = git(repo, "rev-parse", "HEAD").strip()
    text = (case / "case.yaml").read_text()
    start = text.index("  - decision: \"1\"\n    date: 2026-01-05")
    end = text.index("  - decision: \"1\"\n    date: 2026-02-05")
    (case / "case.yaml").write_text(text[:start] + text[end:])
    git(repo, "commit", "-qam", "Tidy")
    return first, second


def test_a_graft_cannot_cut_an_erased_decision_out_of_the_trail(repo: Path) -> None:
    """`git replace --graft` (a replace ref) and `.git/info/grafts` rewrite a commit's parents without changing
    its id: the commit that recorded the erased decision drops out of `git log`, and --verify passed."""
    first, second = _erase_first_decision(repo)
    assert codes(repo / "amy") == ["RU503"]
    git(repo, "replace", "--graft", second, f"{first}^")
    assert codes(repo / "amy") == ["RU503"]
    git(repo, "replace", "-d", second)
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "grafts").write_text(f"{second} {git(repo, 'rev-parse', f'{first}^').strip()}\n")
    assert codes(repo / "amy") == ["RU503"]


def test_a_replaced_decision_commit_is_read_as_it_was_made(repo: Path) -> None:
    """`git replace` shows another commit's content under a recorded commit's id: forged trailers and file under
    the real id would verify clean. The trail reads the real commit; the forged file is RU502."""
    case = repo / "amy"
    decide(case, *DECISION_1)
    real = git(repo, "rev-parse", "HEAD").strip()
    text = (case / "case.yaml").read_text()
    (case / "case.yaml").write_text(text.replace("by: Jo Rivers", "by: Eve Intruder"))
    message = git(repo, "log", "-1", "--format=%B").replace("Decided-By: Jo Rivers", "Decided-By: Eve Intruder")
    git(repo, "add", "amy/case.yaml")
    fake = git(repo, "commit-tree", git(repo, "write-tree").strip(), "-p", f"{real}^", "-m", message).strip()
    git(repo, "replace", real, fake)
    git(repo, "reset", "-q", "--hard")
    assert "Eve Intruder" in (case / "case.yaml").read_text()
    shown = run_cli("history", str(case), "--format", "json").stdout
    assert "Jo Rivers" in shown and "Eve Intruder" not in shown
    assert codes(case) == ["RU502"]


def test_decide_returns_its_own_commit_when_a_post_commit_hook_commits_again(repo: Path) -> None:
    """The hook's commit lands on top of the decision's: decide took that one for its own, found no trailers,
    "took it back" and removed the entry from case.yaml while the decision stayed committed."""
    hooks = repo / "hooks"
    hooks.mkdir()
    hook = hooks / "post-commit"
    hook.write_text("#!/bin/sh\n[ -n \"$IN_HOOK\" ] && exit 0\ndate > log.txt\ngit add log.txt\n"
                    "IN_HOOK=1 git commit -qm changelog -- log.txt\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    git(repo, "config", "core.hooksPath", str(hooks))
    result = run_cli("decide", str(repo / "amy"), *DECISION_1)
    assert result.returncode == 0, result.stderr
    decision = git(repo, "rev-parse", "HEAD~1").strip()
    assert decision[:7] in result.stdout
    assert git(repo, "status", "--porcelain", "--", "amy").strip() == ""
    assert "Jo Rivers" in (repo / "amy" / "case.yaml").read_text()
    assert codes(repo / "amy") == []


def test_decide_refuses_during_a_rebase_and_on_a_detached_head(repo: Path) -> None:
    """A decision committed mid-rebase is dropped by `git rebase --abort`; one on a detached HEAD belongs to no
    branch. Both were recorded with exit 0."""
    case = repo / "amy"
    before = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "--detach")
    result = run_cli("decide", str(case), *DECISION_1)
    assert result.returncode == 1 and "detached HEAD" in result.stderr and "nothing was written" in result.stderr
    main = git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/").split()[0]
    git(repo, "checkout", "-q", main)
    (repo / ".git" / "rebase-merge").mkdir()  # what `git rebase` leaves while it stops for a conflict or an edit
    result = run_cli("decide", str(case), *DECISION_1)
    assert result.returncode == 1 and "rebase is in progress" in result.stderr
    assert git(repo, "rev-parse", "HEAD").strip() == before and "Jo Rivers" not in (case / "case.yaml").read_text()


def test_a_case_moved_with_git_mv_keeps_its_trail_whatever_diff_relative_says(repo: Path) -> None:
    """With `diff.relative` set, git printed paths relative to the case folder and the move was not followed:
    every earlier decision read as a hand edit (RU501)."""
    decide(repo / "amy", *DECISION_1)
    git(repo, "mv", "amy", "amy-moved")
    git(repo, "commit", "-qm", "Move the case")
    git(repo, "config", "diff.relative", "true")
    assert codes(repo / "amy-moved") == []


def test_verify_says_when_an_index_flag_hides_case_yaml_from_git(repo: Path) -> None:
    """An erasure committed under `--skip-worktree` leaves `git status` clean and the decision on disk: the file
    --verify reads is not the one committed."""
    case = repo / "amy"
    decide(case, *DECISION_1)
    git(repo, "update-index", "--cacheinfo", f"100644,{git(repo, 'rev-parse', 'HEAD~1:amy/case.yaml').strip()},"
        "amy/case.yaml")
    git(repo, "update-index", "--skip-worktree", "amy/case.yaml")
    git(repo, "commit", "-qm", "Tidy")
    assert git(repo, "status", "--porcelain").strip() == "" and "Jo Rivers" in (case / "case.yaml").read_text()
    assert codes(case) == ["RU508"]
    git(repo, "update-index", "--no-skip-worktree", "amy/case.yaml")
    git(repo, "update-index", "--assume-unchanged", "amy/case.yaml")
    _, data = verify_json(case)
    assert "--assume-unchanged" in data["diagnostics"][0]["message"]
    git(repo, "update-index", "--no-assume-unchanged", "amy/case.yaml")
    assert codes(case) == []


def test_a_corrected_reference_is_named_as_why_the_entries_have_no_record(repo: Path) -> None:
    """The trail is judged by the case's own reference: after `reference:` was corrected every entry had no
    record (RU501), and nothing said the commits had recorded them under the old one."""
    case = repo / "amy"
    decide(case, *DECISION_1)
    text = (case / "case.yaml").read_text()
    old = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("reference:"))
    (case / "case.yaml").write_text(text.replace(f"reference: {old}", "reference: RU-2026-0999", 1))
    git(repo, "commit", "-qam", "Correct the reference")
    code, data = verify_json(case)
    assert code == 1 and [d["code"] for d in data["diagnostics"]] == ["RU501"]
    assert f"under the reference {old}, not RU-2026-0999" in data["diagnostics"][0]["hint"]
    (case / "case.yaml").write_text(text)
    git(repo, "commit", "-qam", "Put the reference back")
    assert codes(case) == []


BROKEN = "oops: [not closed\n"


def _without_first(text: str) -> str:
    start = text.index("  - decision: \"1\"\n    date: 2026-01-05")
    end = text.index("  - decision: \"1\"\n    date: 2026-02-05")
    return text[:start] + text[end:]


def _commit(repo: Path, message: str) -> str:
    git(repo, "commit", "-qam", message)
    return git(repo, "rev-parse", "--short=7", "HEAD").strip()


def _named(case: Path) -> str:
    _, data = verify_json(case)
    (found,) = data["diagnostics"]
    assert found["code"] == "RU503", found
    return found["message"]


def test_a_removal_behind_an_unreadable_version_names_the_commit_that_repaired_the_file(repo: Path) -> None:
    """A commit left case.yaml unreadable and the next repaired it without the first decision: RU503 named the
    commit that broke the file, as if an unreadable version held no entries."""
    case = repo / "amy"
    decide(case, *DECISION_1)
    decide(case, *DECISION_1_AGAIN)
    good = (case / "case.yaml").read_text()
    (case / "case.yaml").write_text(good + BROKEN)
    _commit(repo, "Break the file")
    (case / "case.yaml").write_text(_without_first(good))
    repair = _commit(repo, "Repair it, and take the first decision out")
    assert f"taken out by commit {repair} (" in _named(case)
    git(repo, "reset", "-q", "--soft", "HEAD~1")  # the repair is back in the working copy, not committed
    assert _named(case).endswith(": the committed case.yaml cannot be read, so which commit took it out "
                                 "cannot be told")


def test_the_same_broken_text_made_twice_or_moved_still_names_the_repair(repo: Path) -> None:
    """Found by a hostile review of a look-back by blob id: a revert that brings a broken version back, the same
    broken text written twice, or a `git mv` of a broken case made RU503 name nothing, or a removal since undone."""
    case = repo / "amy"
    decide(case, *DECISION_1)
    decide(case, *DECISION_1_AGAIN)
    good = (case / "case.yaml").read_text()
    (case / "case.yaml").write_text(_without_first(good))
    _commit(repo, "Take it out")
    git(repo, "revert", "--no-edit", "HEAD")  # undone: not to be named
    (case / "case.yaml").write_text(good + BROKEN)
    _commit(repo, "Break the file")
    git(repo, "mv", "amy", "bob")
    _commit(repo, "Move the case while it is broken")
    case = repo / "bob"
    (case / "case.yaml").write_text(_without_first(good))
    repair = _commit(repo, "Repair it without the first decision")
    git(repo, "revert", "--no-edit", "HEAD")  # the broken version again
    git(repo, "revert", "--no-edit", "HEAD")  # and the repaired one
    assert f"taken out by commit {repair} (" in _named(case)
    (case / "case.yaml").write_text(good + BROKEN)  # the same broken text a second time, then repaired again
    _commit(repo, "Break it again")
    (case / "case.yaml").write_text(_without_first(good))
    _commit(repo, "Repair it again")
    assert f"taken out by commit {repair} (" in _named(case)


def test_thousands_of_unreadable_versions_in_a_row_are_looked_through() -> None:
    """A trail a hostile hand filled with broken versions must still name the remover, without a traceback."""
    from reunify.trail.verify import Change, Versions, removed_by

    entry = b"reference: RU-1\ndecisions:\n  - decision: '1'\n    date: 2026-01-05\n"
    texts = {"held": entry, "empty": b"reference: RU-1\n", "broken": b"a: [", "garbage": b"\xff"}
    commits = [f"{i:040x}" for i in range(3002)]  # commits[0] holds the entry; 3,000 broken versions; a repair
    changes = [Change(commits[i], "Hand", "2026-02-01T00:00:00Z", ["held" if i == 1 else "broken"],
                      "broken" if i % 2 else "garbage", 1) for i in range(1, 3001)]
    changes = [Change(commits[3001], "Fixer", "2026-03-01T00:00:00Z", ["garbage"], "empty", 1), *changes[::-1],
               Change(commits[0], "Jo", "2026-01-05T00:00:00Z", [""], "held", 0)]
    graph = {commits[i]: (commits[i - 1],) if i else () for i in range(3002)}
    key = ("decision", ("1", "2026-01-05"))
    found = removed_by([key], changes, Versions(texts), b"reference: RU-1\n", lambda: graph)
    assert found == {key: f": taken out by commit {commits[3001][:7]} (Fixer, 2026-03-01)"}


def test_an_erased_decision_names_the_commit_that_took_it_out(repo: Path) -> None:
    """RU503 said only that the entry was gone: a reviewer then had to search the log for who removed it."""
    _erase_first_decision(repo)
    tidy = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    author = git(repo, "log", "-1", "--format=%an").strip()
    _, data = verify_json(repo / "amy")
    (found,) = data["diagnostics"]
    assert found["code"] == "RU503" and f"taken out by commit {tidy} ({author}," in found["message"]
    case = repo / "amy" / "case.yaml"
    git(repo, "revert", "--no-edit", "HEAD")  # the decision is back, committed
    text = case.read_text()
    start = text.index("  - decision: \"1\"\n    date: 2026-01-05")
    end = text.index("  - decision: \"1\"\n    date: 2026-02-05")
    case.write_text(text[:start] + text[end:])  # and taken out again, not committed
    _, data = verify_json(repo / "amy")
    (found,) = data["diagnostics"]
    assert found["code"] == "RU503" and "not committed" in found["message"]


def test_a_case_moved_away_and_back_names_the_removal_not_the_move(repo: Path) -> None:
    """Found by a hostile review: `git mv amy bob`, a decision taken out at bob, `git mv bob amy`. The walks of
    each path were read one after another, not as one history, and the first move read as a deletion: RU503
    named the move, which took nothing out."""
    case = repo / "amy"
    decide(case, *DECISION_1)
    decide(case, *DECISION_1_AGAIN)
    good = (case / "case.yaml").read_text()
    git(repo, "mv", "amy", "bob")
    _commit(repo, "Move the case")
    (repo / "bob" / "case.yaml").write_text(_without_first(good))
    removal = _commit(repo, "Take the first decision out")
    git(repo, "mv", "bob", "amy")
    _commit(repo, "Move it back")
    assert f"taken out by commit {removal} (" in _named(case)
    (case / "case.yaml").write_text(good + BROKEN)  # and behind a broken version, moved away and back
    _commit(repo, "Break the file")
    git(repo, "mv", "amy", "bob")
    _commit(repo, "Move the broken case")
    (repo / "bob" / "case.yaml").write_text(_without_first(good))
    _commit(repo, "Repair it")
    git(repo, "mv", "bob", "amy")
    _commit(repo, "Move it back again")
    assert f"taken out by commit {removal} (" in _named(case)


def test_a_ratification_recorded_while_the_case_was_moved_away_comes_after_its_decision(repo: Path) -> None:
    """The walk of each path the case has lived at was read one after another, so a case moved away and back had
    the commits made while it was away read as older than those before the move: a ratification came before
    the decision it ratifies, and --verify called the decision rewritten (RU504) and the file changed (RU502)."""
    case = decision_3(repo)
    git(repo, "mv", "amy", "bob")
    _commit(repo, "Move the case")
    decide(repo / "bob", "--ratify", "3", "--by", "Chris Lane", "--date", "2026-02-10")
    git(repo, "mv", "bob", "amy")
    _commit(repo, "Move it back")
    code, data = verify_json(case)
    assert (code, data["diagnostics"]) == (0, [])
    assert [e["ratification"] for e in data["entries"]] == [False, True]


def test_a_folder_another_case_lived_in_lends_the_moved_case_none_of_its_history(repo: Path) -> None:
    """Found by a hostile review: siblings amy (RU-T) and carol (RU-X) had Decision 1 of the same day recorded; amy's
    was taken out; carol's case was closed; amy moved into carol/ and back. The walk of carol/ went on past the
    move into carol's own life: RU503 named the closing of carol's case, and `history` headed the trail RU-X."""
    carol = repo / "carol"
    carol.mkdir()
    (carol / "case.yaml").write_text(FLAT_CASE.replace("RU-T", "RU-X").replace("child: amy", "child: carol"))
    git(repo, "add", "carol")
    _commit(repo, "A sibling's case")
    for case in (repo / "amy", carol):
        decide(case, *DECISION_1)
    (repo / "amy" / "case.yaml").write_text(FLAT_CASE)
    removal = _commit(repo, "Take amy's Decision 1 out")
    decide(carol, *[*DECISION_1_AGAIN[:-1], "2026-01-07"])
    git(repo, "rm", "-rq", "carol")
    _commit(repo, "Close carol's case")
    git(repo, "mv", "amy", "carol")
    _commit(repo, "Move amy's case")
    git(repo, "mv", "carol", "amy")
    _commit(repo, "Move it back")
    assert f"taken out by commit {removal} (" in _named(repo / "amy")
    trail = run_cli("history", str(repo / "amy")).stdout
    assert "Audit trail of RU-T" in trail and "2026-01-07" not in trail


def test_a_merge_that_recorded_a_decision_stays_clean_after_the_case_is_moved(repo: Path) -> None:
    """Found by a hostile review: joining a moved case's walks dropped a merge's second change to case.yaml
    (the same on both sides), so the merge looked as if it already held the decision it records (RU505)."""
    case = repo / "amy"
    decide(case, *DECISION_1)  # what decide writes and records, to be made again by a merge
    recorded = (case / "case.yaml").read_text()
    trailers = git(repo, "log", "-1", "--format=%(trailers:only,unfold)").strip().splitlines()
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    git(repo, "checkout", "-q", "-b", "side")
    (case / "notes.md").write_text("side\n")
    git(repo, "add", "amy/notes.md")
    _commit(repo, "Side notes")
    git(repo, "checkout", "-q", "-")
    (case / "other.md").write_text("main\n")
    git(repo, "add", "amy/other.md")
    _commit(repo, "Main notes")
    git(repo, "merge", "-q", "--no-commit", "side")
    (case / "case.yaml").write_text(recorded)
    git(repo, "commit", "-qam", "Merge side; Record Decision 1", *[a for t in trailers for a in ("--trailer", t)])
    assert codes(case) == []
    git(repo, "mv", "amy", "bob")
    _commit(repo, "Move the case")
    assert codes(repo / "bob") == []


def test_a_branch_made_before_a_move_and_merged_after_it_hides_nothing_at_the_new_folder(repo: Path) -> None:
    """Found by a hostile review: after merging a branch made before `git mv amy bob`, bob/case.yaml is byte for
    byte the branch's amy/case.yaml, so the merge reads as a move against that parent; taking it as a move
    against every parent dropped the case's whole life at bob: a decision recorded there and taken out by hand
    vanished from the trail, and --verify passed."""
    case = repo / "amy"
    decide(case, *DECISION_1)
    git(repo, "checkout", "-q", "-b", "feat")
    (repo / "README").write_text("notes\n")
    git(repo, "add", "README")
    _commit(repo, "Feature work")
    git(repo, "checkout", "-q", "-")
    git(repo, "mv", "amy", "bob")
    _commit(repo, "Move the case")
    bob = repo / "bob" / "case.yaml"
    before = bob.read_text()
    decide(repo / "bob", *DECISION_1_AGAIN)
    bob.write_text(before)
    removal = _commit(repo, "Take the second decision out")
    git(repo, "merge", "-q", "--no-edit", "feat")
    assert f"taken out by commit {removal} (" in _named(repo / "bob")
    _, data = verify_json(repo / "bob")
    assert [e["date"] for e in data["entries"]] == ["2026-01-05", "2026-02-05"]


def test_a_removal_at_the_old_folder_merged_into_a_moved_case_is_said_to_come_from_that_side(repo: Path) -> None:
    """Found by a hostile review: one branch moves the case (amy -> bob) and edits it, the other takes a decision
    out at amy; merged without a conflict, the merge is named, and must say that a side had already lost it:
    the other side's file is at another folder there, which the trail does not follow."""
    case = repo / "amy"
    decide(case, *DECISION_1)
    main = git(repo, "branch", "--show-current").strip()
    git(repo, "checkout", "-q", "-b", "mover")
    git(repo, "mv", "amy", "bob")
    _commit(repo, "Move the case")
    bob = repo / "bob" / "case.yaml"
    bob.write_text("# Moved when the team was renamed\n" + bob.read_text())
    _commit(repo, "Note why")
    git(repo, "checkout", "-q", main)
    (case / "case.yaml").write_text(FLAT_CASE)
    _commit(repo, "Take the decision out")
    git(repo, "checkout", "-q", "mover")
    git(repo, "merge", "-q", "--no-edit", main)
    assert "(a merge: one side had already lost it; see that side's commits)" in _named(repo / "bob")
