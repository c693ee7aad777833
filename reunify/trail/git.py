"""The only code that talks to git.

Writing goes through GitPython's porcelain (`repo.git.commit` with
`--trailer`, never the index API); reading is plain `git` subprocesses, the
history one streamed `git log` with NUL-separated fields, because per-commit
objects spawn a process each (pitfalls.md). User text reaches git only as
option *values* and trailer values, never as options or URLs. git's output is
treated as hostile: names and messages may hold any byte but NUL.

Paths are never patterns: a case folder may be called `*`, `[ab]` or
`:(top)x`, which git reads as pathspec magic, so every path goes as
`:(literal)PATH`; and `rev:path` requests to `git cat-file --batch` are
made from the case folder as `rev:./case.yaml`, so a folder name holding a
newline cannot split a request. What git prints must not depend on the
user's log settings (log.showSignature, log.follow, i18n.logOutputEncoding):
reading turns them off.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs ~4 ms; history starts fast

if TYPE_CHECKING:  # pathlib and typing cost ~5 ms at start-up; history must start fast
    from pathlib import Path

NO_GIT = "git is not installed or not on PATH: install git to use the audit trail"


class GitError(Exception):
    """git refused or is not available; `output` holds what git and its hooks printed, line by line."""

    def __init__(self, message: str, output: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.output = output


class NotARepository(GitError):
    """The case folder is not inside a git work tree."""


class NoGit(GitError):
    """No `git` program on PATH."""


def _run(args: list[str], cwd: Path | str, **kwargs: object) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, **kwargs)  # type: ignore[call-overload]
    except FileNotFoundError:
        raise NoGit(NO_GIT) from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return _run(list(args), cwd, text=True, encoding="utf-8", errors="replace")


def literal(path: Path | str) -> str:
    """A path as a pathspec that matches exactly that path: no wildcards, no `:(magic)`."""
    return f":(literal){path}"


# `git log` as reunify reads it, whatever the user's configuration says (a signature's text printed
# before each commit, renames followed, names re-encoded).
LOG_OPTIONS = ("--no-show-signature", "--no-follow", "--encoding=UTF-8")


def case_commit(folder: Path) -> str:
    """For a report's first line: `abc1234`, `abc1234 + uncommitted changes`, `not committed` or
    `not in a git repository` (the case's own reports/ folder does not count as a change)."""
    try:
        log = _git(folder, "log", *LOG_OPTIONS, "-1", "--format=%h", "--", ".")
    except NoGit:
        return "git not available"
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
    """The work tree's top folder, or None outside git (NoGit when git is missing)."""
    from pathlib import Path

    result = _git(folder, "rev-parse", "--show-toplevel")
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def git_dir(root: Path) -> Path:
    """The repository's common .git folder (shared by its worktrees): where the decide lock lives."""
    from pathlib import Path

    result = _git(root, "rev-parse", "--git-common-dir")
    if result.returncode != 0:
        raise GitError(result.stderr.strip().splitlines()[0] if result.stderr.strip() else "git rev-parse failed")
    path = Path(result.stdout.strip())
    return path if path.is_absolute() else root / path


def uncommitted(path: Path, root: Path) -> str | None:
    """"untracked" (git has never seen the file), "changed" (staged or unstaged edits), or None."""
    result = _git(root, "status", "--porcelain", "--", literal(path.resolve().relative_to(root.resolve())))
    if not result.stdout.strip():
        return None
    return "untracked" if result.stdout.startswith("??") else "changed"


def _unwrapped(text: str | None, label: str) -> str:
    """GitPython quotes a command's output as "\\n  stderr: '...'": the text as git printed it."""
    prefix = f"\n  {label}: '"
    text = text or ""
    return text[len(prefix):-1] if text.startswith(prefix) and text.endswith("'") else text


def commit_file(path: Path, root: Path, message: str, trailers: list[tuple[str, str]], *, sign: bool = False) -> str:
    """Commit only `path` (anything else staged stays staged); returns the new commit's hash."""
    try:
        from git import GitCommandError, Repo
    except ImportError:  # GitPython runs `git version` on import and fails without git
        raise NoGit(NO_GIT) from None

    relative = str(path.resolve().relative_to(root.resolve()))
    args = ["--only", "-m", message]
    if sign:
        args.append("--gpg-sign")
    for key, value in trailers:
        args += ["--trailer", f"{key}: {value}"]
    try:
        with Repo(root) as repo:
            repo.git.commit(*args, "--", literal(relative))
            return repo.head.commit.hexsha
    except GitCommandError as exc:  # hooks print on stderr (git sends their stdout there too)
        printed = f"{_unwrapped(exc.stdout, 'stdout')}\n{_unwrapped(exc.stderr, 'stderr')}".splitlines()
        raise GitError("git commit failed", tuple(line.rstrip() for line in printed if line.strip())) from None


def show_file(folder: Path, revisions: list[str], name: str = "case.yaml") -> list[bytes | None]:
    """The content of `name` in `folder` at each revision, None where absent, in one `git cat-file`.

    Asked from the folder as `rev:./name`: the folder's own name (which may hold a newline) is never part
    of the request.
    """
    request = "".join(f"{rev}:./{name}\n" for rev in revisions).encode()
    result = _run(["cat-file", "--batch"], folder, input=request)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or "git cat-file failed")
    out: list[bytes | None] = []
    data = result.stdout
    at = 0
    for _ in revisions:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            out.append(data[at:at + size])
            at += size + 1
        else:  # "<object> missing" (no parent, or no such file then), or not a file
            out.append(None)
    return out


def verify_commit(folder: Path, commit: str) -> tuple[bool, str]:
    """(good signature?, what git says: the signer, or why not) from `git verify-commit`, run in `folder`."""
    result = _git(folder, "verify-commit", "--raw", commit)
    said = (result.stderr + result.stdout).strip()
    good = result.returncode == 0
    return good, signer(said) if good else (said.splitlines()[-1] if said else "no signature")


def signer(said: str) -> str:
    """The signer from `git verify-commit --raw` output: gpg's GOODSIG/VALIDSIG lines or ssh's "Good ... for NAME"."""
    import re

    for line in said.splitlines():
        if line.startswith("[GNUPG:] GOODSIG "):
            return line.split(" ", 3)[3] if line.count(" ") >= 3 else line
        found = re.search(r'Good "git" signature (?:for|with) (.+?)(?: with .+ key .+)?$', line)
        if found:
            return found.group(1)
    return said.splitlines()[0] if said else "unknown signer"


def log_fields(folder: Path | str, path: str, fmt: str, fields: int) -> Iterator[list[str]]:
    """Stream `git log -z --format=FMT -- PATH` run in `folder`: one list of `fields` strings a commit.

    FMT separates its fields with %x00 and git ends each record with NUL (-z):
    no author name, e-mail or message can hold NUL, so none can forge a field
    or a record. Newest first, parsed while git walks. An empty repository
    yields nothing; a folder outside git raises NotARepository.
    """
    try:
        # GIT_FLUSH=0: git log otherwise flushes after every commit, waking us 5,000 times.
        process = subprocess.Popen(["git", "log", *LOG_OPTIONS, "-z", f"--format={fmt}", "--", literal(path)], cwd=folder,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "GIT_FLUSH": "0"})
    except FileNotFoundError:
        raise NoGit(NO_GIT) from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    pending: list[str] = []
    rest = b""
    assert process.stdout is not None and process.stderr is not None
    while chunk := process.stdout.read1(1 << 16):
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        pending += [p.decode("utf-8", "replace") for p in parts]
        whole = len(pending) - len(pending) % fields
        for i in range(0, whole, fields):
            yield pending[i:i + fields]
        del pending[:whole]
    error = process.stderr.read().decode("utf-8", "replace").strip()
    if process.wait() != 0:
        message = error.splitlines()[0] if error else "git log failed"
        if "not a git repository" in message:
            raise NotARepository(f"{folder} is not in a git repository")
        if "does not have any commits yet" not in message:
            raise GitError(message)
