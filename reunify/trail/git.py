"""The only code that talks to git.

Writing goes through GitPython's porcelain (`repo.git.commit` with
`--trailer`, never the index API); reading is plain `git` subprocesses, the
history one streamed `git log`, because per-commit objects spawn a process
each (pitfalls.md). User text reaches git only as option *values* and trailer
values, never as options or URLs.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pathlib and typing cost ~5 ms at start-up; history must start fast
    from pathlib import Path


class GitError(Exception):
    """git refused or is not available; the message is git's own first line."""


class NotARepository(GitError):
    """The case folder is not inside a git work tree."""


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


def log_records(folder: Path | str, path: str, fmt: str, separator: bytes) -> Iterator[str]:
    """Stream `git log --format=FMT -- PATH` run in `folder`, one record (ended by `separator`) at a time.

    Newest first, parsed while git walks. An empty repository yields nothing;
    a folder outside git raises NotARepository.
    """
    try:
        # GIT_FLUSH=0: git log otherwise flushes after every commit, waking us 5,000 times.
        process = subprocess.Popen(["git", "log", f"--format={fmt}", "--", path], cwd=folder,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "GIT_FLUSH": "0"})
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    pending = b""
    assert process.stdout is not None and process.stderr is not None
    while chunk := process.stdout.read1(1 << 16):
        pending += chunk
        cut = pending.rfind(separator)
        if cut >= 0:
            yield from pending[:cut].decode("utf-8", "replace").split(separator.decode())
            pending = pending[cut + 1:]
    if pending:
        yield pending.decode("utf-8", "replace")
    error = process.stderr.read().decode("utf-8", "replace").strip()
    if process.wait() != 0:
        message = error.splitlines()[0] if error else "git log failed"
        if "not a git repository" in message:
            raise NotARepository(f"{folder} is not in a git repository")
        if "does not have any commits yet" not in message:
            raise GitError(message)
