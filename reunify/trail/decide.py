"""`reunify decide`: add a decision, classification or ratification to case.yaml and commit it, or refuse.

Refusing means nothing written and nothing committed: the edit is checked in
memory first, written atomically, and put back if the commit fails — but only
if the file still holds what this run wrote (docs/command-line.md: never restore or rewrite
a file this run did not write). The read-write-commit runs under an exclusive
lock on the repository (and one on the case folder, which decides that do not
commit take too), so two decides at once both land, one after the other, or
the second refuses cleanly; after committing, the commit's own case.yaml is
read back and must hold the new entry.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reunify.case.write import EditError, amend_entry, append_entry, atomic_write
from reunify.diagnostics.record import Diagnostic, errors
from reunify.trail import git
from reunify.trail.history import entry_fields, entry_key, trailers_for

if TYPE_CHECKING:
    from reunify.case.settings import Settings

LOCK_NAME = "reunify-decide.lock"
LOCK_WAIT = 10.0  # seconds (docs/command-line.md); REUNIFY_LOCK_TIMEOUT shortens it in tests
GIT_LINES = 40  # the last lines git and its hooks printed when a commit fails: enough for a hook's report


class Refused(Exception):
    """The decision was not recorded; the message says why and what to do."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None,
                 output: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []
        self.output = output  # what git and its hooks printed, shown under the message


class Edit(NamedTuple):
    """What one run changes: the new text, the entry it records, the commit subject, and the ratify trailer."""

    text: str
    kind: str
    key: tuple[str, ...]
    subject: str
    ratified: str | None = None


def _judge(folder: Path, text: str, kind: str, fields: dict[str, object], on: dt.date, settings: Settings,
           despite: str | None) -> list[str]:
    """What the tool adds to an entry before it is written, from case.yaml as it is under the lock.

    A classification gets the suggestion on its date (`suggested`); one that departs from it needs a
    rationale (Reunification Practice Framework: managers decide, the reasons are recorded). A decision out of the
    workflow's order
    (docs/command-line.md, "decide") is refused unless `despite` says why, which is then kept on the entry.
    Returns what the order guard found missing (empty when in order).
    """
    from reunify.framework.facts import Facts
    from reunify.framework.order import missing_before
    from reunify.pipeline import check_case

    what = "a classification" if kind == "classification" else "a decision"
    case, diags = check_case(folder, on, overrides={"case": text})
    problems = errors(diags)
    if problems:
        raise Refused(f"the case has validation errors: fix them before recording {what}", problems)
    facts = Facts(case, on, settings)
    if kind == "classification":
        fields["suggested"] = facts.suggestion.level
        if fields["suggested"] != fields["level"] and not str(fields.get("rationale") or "").strip():
            raise Refused(f"the tool suggests {fields['suggested']} on {on}; recording {fields['level']} needs "
                          "--rationale saying why (the NSPCC Reunification Practice Framework: managers decide, the reasons "
                          "are recorded)")
        return []
    skipped = missing_before(facts, str(fields["decision"]), on, fields.get("outcome"))
    if skipped and despite is None:
        raise Refused(f"Decision {fields['decision']} is out of the workflow's order: {'; '.join(skipped)}. "
                      "To record it anyway, say why with --despite \"REASON\" (kept in the entry and its commit)")
    if skipped:
        fields["despite"] = " ".join(despite.split())
    return skipped


@contextmanager
def _exclusive(fd: int, what: Path) -> Iterator[None]:
    """flock `fd`, waiting up to LOCK_WAIT seconds; released by the kernel if the process dies (no stale lock)."""
    import fcntl
    import time

    wait = float(os.environ.get("REUNIFY_LOCK_TIMEOUT", LOCK_WAIT))
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise Refused(f"another decide is running on this case (waited {wait:g} s for {what}): try again "
                              "when it has finished") from None
            time.sleep(0.02)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def _opened(path: Path, flags: int) -> Iterator[int]:
    try:
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0), 0o644)
    except OSError as exc:  # a FIFO without a reader, a link, a read-only .git: no hang, no traceback
        raise Refused(f"cannot lock {path}: {exc.strerror}") from None
    try:
        yield fd
    finally:
        os.close(fd)


@contextmanager
def repository_lock(root: Path) -> Iterator[None]:
    """An exclusive lock file under .git, held while one decide reads, writes and commits."""
    path = git.git_dir(root) / LOCK_NAME
    with _opened(path, os.O_WRONLY | os.O_CREAT) as fd, _exclusive(fd, path):
        yield


@contextmanager
def case_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the case folder itself (no file is made), held by every decide, committing or not:
    two `decide --no-commit` runs outside git otherwise both read the old case.yaml and one entry is lost."""
    real = folder.resolve()  # the folder itself, however it was named (a link to it included)
    with _opened(real, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) as fd, _exclusive(fd, real):
        yield


def _read(path: Path, folder: Path) -> str:
    """case.yaml as text with every byte kept, or Refused: a link, read-only, not UTF-8, not a regular file."""
    import stat

    from reunify.case.folders import boundary
    from reunify.case.yamlread import read_bytes

    if path.is_symlink():
        raise Refused(f"{path} is a symbolic link: recording here would replace the link by a file (and commit "
                      "a change its target never got); record the decision in the file it points to")
    text, diags = read_bytes(path, str(path), boundary(folder), keep_bom=True)
    if text is None:
        raise Refused(f"cannot read {path}: nothing was written", diags)
    mode = path.stat().st_mode
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise Refused(f"{path} is read-only: make it writable (chmod u+w) if this decision should be recorded there")
    return text


def _write(path: Path, text: str) -> None:
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise Refused(f"cannot write {path}: {exc.strerror}; nothing was written") from None


def _apply(folder: Path, make: Callable[[str], Edit], *, today: dt.date, commit: bool, sign: bool) -> str | None:
    """Lock, read, edit, check, write, commit, check the commit. Returns the commit hash (None with commit=False)."""
    from reunify.pipeline import check_case

    path = folder / "case.yaml"
    root = None
    if commit:
        try:
            root = git.repo_root(folder)
        except git.GitError as exc:
            raise Refused(str(exc)) from None
        if root is None:
            raise Refused(f"{folder} is not in a git repository: use --no-commit to write without the audit trail")
    with repository_lock(root) if root else nullcontext(), case_lock(folder):
        busy = git.in_progress(root) if root is not None else None
        if busy:  # the commit would land on no branch, or be dropped by `git rebase --abort`
            raise Refused(f"a decision committed now could be lost: {busy}; nothing was written")
        state = git.uncommitted(path, root) if root is not None else None
        if state == "untracked":
            raise Refused(f"{path} is not in git yet: add and commit the case first (git add {path.parent} && "
                          "git commit), so its trail starts with the case as written")
        if state == "changed":
            raise Refused(f"{path} has uncommitted changes: commit or discard them first, so the decision's "
                          "commit holds only the decision")
        old = _read(path, folder)
        if root is not None and git.differs_from_head(folder, old.encode("utf-8")):
            raise Refused(f"{path} differs from its last commit although `git status` may not show it (git can be "
                          "told to ignore a file's edits with --assume-unchanged or --skip-worktree): commit or discard "
                          "the changes first, so the decision's commit holds only the decision")
        try:
            edit = make(old)
        except EditError as exc:
            raise Refused(str(exc)) from None
        case, diags = check_case(folder, today, overrides={"case": edit.text})
        problems = errors(diags)
        if problems:
            raise Refused("the new entry would not validate; nothing was written", _on_disk(problems, case, edit, old))
        if case.case is None:  # pragma: no cover - errors above would have said why
            raise Refused("case.yaml could not be read back")
        entries = case.case.decisions if edit.kind == "decision" else case.case.classifications
        entry = next((e for e in reversed(entries or []) if entry_key(edit.kind, entry_fields(edit.kind, e)) == edit.key),
                     None)
        if entry is None:
            raise Refused("the new entry cannot be found when case.yaml is read back; nothing was written")
        fields = entry_fields(edit.kind, entry)  # as read back, so the trailers say what the file says
        _write(path, edit.text)
        if root is None:
            return None
        trailers = trailers_for(case.case.reference, edit.kind, fields, ratified=edit.ratified)
        try:
            sha = git.commit_file(path, root, edit.subject, trailers, sign=sign)
        except git.GitError as exc:
            mine = path.read_bytes() == edit.text.encode("utf-8")
            if mine:
                _write(path, old)
            undo = "case.yaml was put back as it was" if mine else \
                "case.yaml was changed by someone else meanwhile, so it was left as it is"
            said = exc.output[-GIT_LINES:]
            why = f"git did not commit; {undo}. What git printed:" if said else f"git did not commit ({exc}); {undo}"
            raise Refused(why, output=said) from None
        _check_trailers(root, path, sha, trailers, edit, old)
        _check_commit(path, sha, edit, fields)
        return sha


def _on_disk(problems: list[Diagnostic], case: object, edit: Edit, old: str) -> list[Diagnostic]:
    """The findings on the text that would have been written, pointing at the file as it is on disk.

    The edit inserts lines and changes nothing else: lines before them keep their number, lines after move
    back. A finding inside the new entry points where it would have gone, or, for an entry already recorded
    under the same key (a duplicate), at that entry.
    """
    before, after = old.splitlines(keepends=True), edit.text.splitlines(keepends=True)
    start = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), len(before)) + 1
    added = len(after) - len(before)
    key = "decisions" if edit.kind == "decision" else "classifications"
    data = case.case  # type: ignore[attr-defined]
    same = [i for i, e in enumerate(getattr(data, key, None) or []) if entry_key(edit.kind, entry_fields(edit.kind, e))
            == edit.key]
    file = case.file("case")  # type: ignore[attr-defined]
    out = []
    for d in problems:
        if d.file != file or d.line is None or d.line < start:
            out.append(d)
        elif d.line >= start + added:
            out.append(d._replace(line=d.line - added))
        elif len(same) > 1:
            line, column = case.pos("case", (key, same[0]))  # type: ignore[attr-defined]
            out.append(d._replace(line=line, column=column, message=f"{d.message}: already recorded here"))
        else:
            out.append(d._replace(line=min(start, max(len(before), 1)), column=None,
                                  message=f"{d.message} (in the entry being added here)"))
    return out


def _check_trailers(root: Path, path: Path, sha: str, trailers: list[tuple[str, str]], edit: Edit, old: str) -> None:
    """The commit must carry the trailers decide gave it. A prepare-commit-msg or commit-msg hook (or git's
    trailer.* settings) can rewrite or drop them, and the trail would then say something else than the file:
    this run's commit is taken back and case.yaml put back as it was, and the hook is named."""
    from reunify.trail.history import trailers_of

    found, clash = trailers_of(git.trailer_block(path.parent, sha))
    wanted = dict(trailers)
    if found == wanted and not clash:
        return
    changes = [f"{k}: {v!r} became {found[k]!r}" for k, v in wanted.items() if k in found and found[k] != v]
    changes += [f"{k} removed" for k in wanted if k not in found]
    changes += [f"{k} added" for k in found if k not in wanted] + [f"{k} given twice" for k in clash]
    undone = git.undo_commit(root, sha, path)
    if undone and path.read_bytes() == edit.text.encode("utf-8"):
        _write(path, old)
    hooks = git.message_hooks(root)
    who = " and ".join(f"the {Path(h).name} hook ({h})" for h in hooks) if hooks else \
        "a hook or git's trailer settings (trailer.*)"
    what = "the commit was taken back and case.yaml put back as it was" if undone else \
        f"the commit {sha[:7]} could not be taken back (HEAD moved meanwhile): run `reunify history --verify`"
    raise Refused(f"{who} changed the trailers of the decision's commit ({'; '.join(changes)}): {what}. "
                  "Make the hook leave Reunify-* and Decided-By trailers alone")


def _check_commit(path: Path, sha: str, edit: Edit, fields: dict[str, str]) -> None:
    """The commit's own case.yaml must hold the new entry exactly as its trailers say."""
    from reunify.trail.verify import file_entries

    [committed] = git.show_file(path.parent, [sha], path.name)
    if file_entries(committed).get((edit.kind, edit.key)) != fields:
        raise Refused(f"commit {sha[:7]} was made but its case.yaml does not hold the new entry: run "
                      "`reunify history --verify` and ask whoever changed case.yaml meanwhile")


def record(folder: Path, kind: str, fields: dict[str, object], *, today: dt.date, commit: bool, settings: Settings,
           despite: str | None = None, sign: bool = False) -> tuple[str | None, list[str]]:
    """Append a decision or classification and commit it.

    The suggestion and the order guard are worked out inside the lock, on the very text that is
    edited, so a decide running at the same moment cannot change what they saw. Returns the commit
    hash (None with commit=False) and what the order guard found missing (recorded `despite`).
    """
    key = "decisions" if kind == "decision" else "classifications"
    skipped: list[str] = []

    def make(old: str) -> Edit:
        skipped.extend(_judge(folder, old, kind, fields, fields["date"], settings, despite))  # type: ignore[arg-type]
        new = append_entry(old, key, fields)
        as_text = {k: (v.isoformat() if isinstance(v, dt.date) else str(v)) for k, v in fields.items() if v is not None}
        if kind == "decision":
            subject = f"Record Decision {fields['decision']} ({fields['outcome']})"
        else:
            subject = f"Record classification {fields['label']} ({fields['level']})"
        return Edit(new, kind, entry_key(kind, as_text), subject)

    return _apply(folder, make, today=today, commit=commit, sign=sign), skipped


def ratify(folder: Path, decision: str, by: str, on: dt.date, *, today: dt.date, commit: bool,
           sign: bool = False) -> tuple[str | None, str]:
    """Record the ratification of a recorded decision (`ratified_by`, `ratified_on`) as an amendment.

    Amends the latest Decision `decision` not yet ratified; returns (commit hash, the decision's date).
    """
    from reunify.case.yamlread import parse_text

    found: list[str] = []

    def make(old: str) -> Edit:
        data, _, diags = parse_text(old, "case.yaml", "ruamel")
        if diags or not isinstance(data, dict):
            raise Refused("case.yaml has errors: run `reunify validate` and fix them first", diags)
        items = data.get("decisions") if isinstance(data.get("decisions"), list) else []
        ours = [(i, d) for i, d in enumerate(items) if isinstance(d, dict) and str(d.get("decision")) == decision]
        if not ours:
            raise Refused(f"no Decision {decision} is recorded in case.yaml: record it first with --decision {decision}")
        open_ = [(i, d) for i, d in ours if not d.get("ratified_by")]
        if not open_:
            d = ours[-1][1]
            raise Refused(f"Decision {decision} of {d.get('date')} is already ratified by {d.get('ratified_by')}")
        index, entry = max(open_, key=lambda pair: str(pair[1].get("date")))
        date = entry.get("date")
        if isinstance(date, dt.date) and on < date:
            raise Refused(f"--date {on} is before Decision {decision} of {date}: a ratification follows the decision")
        found.append(str(date))
        new = amend_entry(old, "decisions", index, {"ratified_by": by, "ratified_on": on})
        return Edit(new, "decision", (decision, str(date)), f"Ratify Decision {decision} of {date}", ratified=decision)

    sha = _apply(folder, make, today=today, commit=commit, sign=sign)
    return sha, found[-1]
