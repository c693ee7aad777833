"""The audit trail: decisions and classifications as git commits with trailers.

The only code that talks to git. Writing goes through GitPython's porcelain
(`repo.git.commit` with `--trailer`, never the index API); reading is one
`git log` call in a subprocess, because history must start fast and per-commit
objects spawn a process each (pitfalls.md). User text reaches git only as
option *values* and trailer values, never as options or URLs.
"""

from __future__ import annotations

import os
import subprocess
from collections import namedtuple
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pathlib and typing cost ~5 ms at start-up; history must start fast
    from pathlib import Path

CASE = "Reunify-Case"
DECISION_KEYS = {  # trailer -> field of a decision entry
    "Reunify-Decision": "decision", "Reunify-Date": "date", "Reunify-Outcome": "outcome", "Reunify-Role": "role",
    "Decided-By": "by", "Ratified-By": "ratified_by", "Reunify-Confirms": "classification",
    "Reunify-Rationale": "rationale",
}
CLASSIFICATION_KEYS = {  # trailer -> field of a classification entry
    "Reunify-Classification": "label", "Reunify-Date": "date", "Reunify-Level": "level",
    "Reunify-Suggested": "suggested", "Decided-By": "by", "Reunify-Rationale": "rationale",
}


class GitError(Exception):
    """git refused or is not available; the message is git's own first line."""


# One commit that recorded an entry: kind is "decision" or "classification"; key is ("2", "2026-03-27") or
# ("RC1",); fields are the entry's fields as the trailers recorded them; case is the Reunify-Case trailer.
Recorded = namedtuple("Recorded", "commit author committer committed kind key fields case")


def fingerprint(text: str | None) -> str | None:
    """Rationales stay out of trailers (free text); a digest still shows a later edit."""
    if not text:
        return None
    import hashlib

    return "sha256:" + hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def entry_fields(kind: str, entry: object) -> dict[str, str]:
    """The fields of a file entry as the trailers record them: one-line strings, rationale as a digest.

    `decide` writes its trailers from this and `history --verify` compares with it, so the two agree.
    """
    names = DECISION_KEYS if kind == "decision" else CLASSIFICATION_KEYS
    out = {}
    for field in names.values():
        value = getattr(entry, field, None)
        if field == "rationale":
            value = fingerprint(value)
        if value is not None:
            out[field] = " ".join(str(value).split())  # a trailer is one line
    return out


def trailers_for(reference: str, kind: str, fields: dict[str, str]) -> list[tuple[str, str]]:
    names = DECISION_KEYS if kind == "decision" else CLASSIFICATION_KEYS
    by_field = {field: trailer for trailer, field in names.items()}
    return [(CASE, reference)] + [(by_field[field], value) for field, value in fields.items()]


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None


def case_commit(folder: Path) -> str:
    """For a report's first line: `abc1234`, `abc1234 + uncommitted changes`, `not committed` or
    `not in a git repository` (the case's own reports/ folder does not count as a change)."""
    try:
        log = _git(folder, "log", "-1", "--format=%h", "--", ".")
    except GitError:
        return "not in a git repository"
    if log.returncode != 0:
        return "not in a git repository" if "not a git repository" in log.stderr else "not committed"
    commit = log.stdout.strip()
    if not commit:
        return "not committed"
    dirty = _git(folder, "status", "--porcelain", "--", ".", ":(exclude)reports")
    return f"{commit} + uncommitted changes" if dirty.stdout.strip() else commit


def repo_root(folder: Path) -> Path | None:
    from pathlib import Path

    result = _git(folder, "rev-parse", "--show-toplevel")
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def has_uncommitted_changes(path: Path, root: Path) -> bool:
    """Staged, unstaged or untracked changes to one file."""
    result = _git(root, "status", "--porcelain", "--", str(path.resolve().relative_to(root.resolve())))
    return bool(result.stdout.strip())


def commit_file(path: Path, root: Path, message: str, trailers: list[tuple[str, str]]) -> str:
    """Commit only `path` (anything else staged stays staged); returns the new commit's hash."""
    from git import GitCommandError, Repo

    relative = str(path.resolve().relative_to(root.resolve()))
    args = ["--only", "-m", message]
    for key, value in trailers:
        args += ["--trailer", f"{key}: {value}"]
    try:
        with Repo(root) as repo:
            repo.git.commit(*args, "--", relative)
            return repo.head.commit.hexsha
    except GitCommandError as exc:
        detail = (exc.stderr or exc.stdout or "").strip().splitlines()
        raise GitError(detail[-1] if detail else "git commit failed") from None


_FORMAT = "%H%x1f%an%x1f%cn%x1f%cI%x1f%(trailers:only,unfold,separator=%x1d,key_value_separator=%x1c)%x1e"


class NotARepository(GitError):
    """The case folder is not inside a git work tree."""


def _parse(block: str, reference: str | None, out: list[Recorded]) -> None:
    for record in block.split("\x1e"):
        parts = record.split("\x1f", 4)
        if len(parts) < 5 or CASE not in parts[4]:
            continue
        flat = parts[4].replace("\x1d", "\x1c").split("\x1c")  # key, value, key, value ...
        trailers = dict(zip(flat[::2], flat[1::2], strict=False))
        if reference is not None and trailers.get(CASE) != reference:
            continue
        if "Reunify-Decision" in trailers:
            kind, names = "decision", DECISION_KEYS
        elif "Reunify-Classification" in trailers:
            kind, names = "classification", CLASSIFICATION_KEYS
        else:
            continue
        fields = {field: trailers[t] for t, field in names.items() if t in trailers}
        key = (fields.get("decision", ""), fields.get("date", "")) if kind == "decision" else (fields.get("label", ""),)
        out.append(Recorded(parts[0].strip(), parts[1], parts[2], parts[3], kind, key, fields, trailers.get(CASE, "")))


def history(folder: Path | str, reference: str | None = None) -> list[Recorded]:
    """Commits that recorded an entry in this case's case.yaml, oldest first, in one `git log` call.

    git runs in the case folder on the relative path (no second process to find
    the repository) and streams newest first while we parse, so parsing
    overlaps git's walk; we reverse at the end. With `reference`, only commits
    whose Reunify-Case trailer names it are kept. Renames are not followed:
    `--follow` guesses renames by similarity, and case files made from one
    template look alike across cases.
    """
    try:
        # GIT_FLUSH=0: git log otherwise flushes after every commit, waking us 5,000 times.
        process = subprocess.Popen(["git", "log", f"--format={_FORMAT}", "--", "case.yaml"], cwd=folder,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "GIT_FLUSH": "0"})
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    out: list[Recorded] = []
    pending = b""
    assert process.stdout is not None and process.stderr is not None
    while chunk := process.stdout.read1(1 << 16):
        pending += chunk
        cut = pending.rfind(b"\x1e")
        if cut >= 0:
            _parse(pending[:cut].decode("utf-8", "replace"), reference, out)
            pending = pending[cut + 1:]
    _parse(pending.decode("utf-8", "replace"), reference, out)
    error = process.stderr.read().decode("utf-8", "replace").strip()
    if process.wait() != 0:
        message = error.splitlines()[0] if error else "git log failed"
        if "not a git repository" in message:
            raise NotARepository(f"{folder} is not in a git repository")
        if "does not have any commits yet" not in message:
            raise GitError(message)
    out.reverse()
    return out


# A verify finding: kind is "unrecorded", "changed" or "deleted".
Problem = namedtuple("Problem", "kind key message")


def describe_key(kind: str, key: tuple[str, ...]) -> str:
    return f"Decision {key[0]} of {key[1]}" if kind == "decision" else f"classification {key[0]}"


def verify(entries: list[tuple[str, tuple[str, ...], dict[str, str]]], records: list[Recorded]) -> list[Problem]:
    """Match file entries to commits by key; report unrecorded, changed and deleted entries."""
    latest: dict[tuple[str, tuple[str, ...]], Recorded] = {}
    for record in records:
        latest[(record.kind, record.key)] = record
    problems = []
    seen = set()
    for kind, key, fields in entries:
        seen.add((kind, key))
        record = latest.get((kind, key))
        name = describe_key(kind, key)
        if record is None:
            problems.append(Problem("unrecorded", key, f"{name} is in case.yaml but no commit recorded it "
                                    "(added by hand? record it with `reunify decide`)"))
            continue
        changed = sorted(f for f in set(fields) | set(record.fields) if fields.get(f) != record.fields.get(f))
        if changed:
            problems.append(Problem("changed", key, f"{name} differs from what commit {record.commit[:7]} recorded: "
                                    f"{', '.join(changed)}"))
    for (kind, key), record in latest.items():
        if (kind, key) not in seen:
            problems.append(Problem("deleted", key, f"{describe_key(kind, key)} recorded by commit {record.commit[:7]} "
                                    "is no longer in case.yaml"))
    return problems
