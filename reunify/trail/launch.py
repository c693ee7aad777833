"""Start git, and history's `git log` first of all: before anything but `os` is imported.

`reunify history` is measured against the `git log` it wraps, and that log
walks every commit before it prints the first (--topo-order). So the log is
begun as the command line is read (cli.commands.trail.start_history), and
its walk runs while Python imports the rest. This module holds what that
needs, and imports only `os`: the git environment and errors, the options
every `git log` is read with, the command history's log is, and the spawn.
Everything else that talks to git is trail.git, which re-exports these.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs ~4 ms; history starts fast

if TYPE_CHECKING:
    from pathlib import Path

# The fields history reads of each commit (trail.history parses them), NUL-separated: a name cannot add a field.
FORMAT = "%H%x00%P%x00%an%x00%cn%x00%cI%x00%(trailers:only,unfold)"

NO_GIT = "git is not installed or not on PATH: install git to use the audit trail"
# Every git reunify runs: the objects as their ids name them, never `git replace` or grafts (trail.git's
# docstring: the graft file is a path that cannot exist, as an existing empty one makes git print a deprecation
# hint); GIT_FLUSH=0: git log otherwise flushes after every commit, waking us 5,000 times.
ENV = {**os.environ, "GIT_NO_REPLACE_OBJECTS": "1", "GIT_GRAFT_FILE": os.path.join(os.devnull, "no-grafts"),
       "GIT_FLUSH": "0"}


class GitError(Exception):
    """git refused or is not available; `output` holds what git and its hooks printed, line by line."""

    def __init__(self, message: str, output: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.output = output


class NotARepository(GitError):
    """The case folder is not inside a git work tree."""


class NoGit(GitError):
    """No `git` program on PATH."""


def literal(path: Path | str) -> str:
    """A path as a pathspec that matches exactly that path: no wildcards, no `:(magic)`."""
    return f":(literal){path}"


# `git log` as reunify reads it, whatever the user's configuration says (a signature's text printed
# before each commit, renames followed, names re-encoded, paths shown relative to the folder: diff.relative).
LOG_OPTIONS = ("--no-show-signature", "--no-follow", "--encoding=UTF-8", "--no-relative")


# How history reads the graph (why the whole graph: see trail.history). `--full-history` walks every parent of
# every merge instead of following the one the merge kept; `-m` (with log.diffMerges pinned to `separate`, whatever
# the user set) shows a merge's change against each parent it differs from; `--raw --no-abbrev` names the blobs
# before and after, so each side's case.yaml is read by id and no path (a folder since renamed) is needed again;
# `--topo-order` puts every commit after its descendants, so a ratification always comes after what it ratifies.
# It does not hold the diffs back: git reads the commits first (~40% of its time on 5,000 commits), then diffs while
# printing. Streaming in date order with a `git rev-list --topo-order` alongside for the order measured no faster
# (one more walk of the commits), so git orders.
CONFIG = ("-c", "log.diffMerges=separate")
GRAPH_OPTIONS = ("--full-history", "-m", "--topo-order", "--raw", "--no-renames", "--no-abbrev")


def graph_command(fmt: str, pathspec: str, starts: tuple[str, ...] = ()) -> list[str]:
    """The `git log` that reads every commit changing `pathspec` on every path into `starts` (default HEAD)."""
    return ["git", *CONFIG, "log", *LOG_OPTIONS, *GRAPH_OPTIONS, "-z", f"--format={fmt}", *starts, "--", pathspec]


def spawn(command: list[str], cwd: Path | str) -> tuple[int, int, int]:
    """Start git with its stdout and stderr on pipes: (process id, stdout, stderr).

    os.posix_spawn, not subprocess: importing subprocess (which imports locale and re) costs ~10 ms, and history
    starts its `git log` first thing (`start`), before anything else is imported. posix_spawn has no working
    folder, so git is given it with -C, as a separate argument. Python's files are not inherited (PEP 446); SIGPIPE
    stays ignored as Python set it, so a git whose reader has gone exits on EPIPE instead of dying of the signal.
    """
    out, out_child = os.pipe()
    err, err_child = os.pipe()
    try:
        pid = os.posix_spawnp(command[0], [command[0], "-C", str(cwd), *command[1:]], ENV,
                              file_actions=[(os.POSIX_SPAWN_DUP2, out_child, 1), (os.POSIX_SPAWN_DUP2, err_child, 2)])
    except OSError as exc:
        os.close(out)
        os.close(err)
        raise NoGit(NO_GIT) if isinstance(exc, FileNotFoundError) else GitError(f"cannot run git: {exc.strerror}") from None
    finally:
        os.close(out_child)
        os.close(err_child)
    return pid, out, err


def end(pid: int, out: int, err: int) -> None:
    """Stop a git that is no longer read, and reap it."""
    import signal

    os.close(out)
    os.close(err)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


# Graph's first `git log`, begun by `start` before the command line was parsed, by (command, folder).
_started: dict[tuple[tuple[str, ...], str], tuple[int, int, int]] = {}


def start(folder: str, fmt: str) -> None:
    """Begin the `git log` that Graph(folder, fmt, ...) reads first, now: with --topo-order git prints nothing until
    it has walked every commit, and that walk can run while Python imports and parses the rest of the command. Graph
    takes it if it asks for the same command in the same folder; `stop_started` ends it if it never does."""
    command = graph_command(fmt, literal("case.yaml"))
    try:
        _started[(tuple(command), folder)] = spawn(command, folder)
    except GitError:
        return  # Graph runs it again and says why


def take(command: list[str], cwd: str) -> tuple[int, int, int]:
    """The git `start` began for `command` in `cwd`, else a new one: (process id, stdout, stderr)."""
    return _started.pop((tuple(command), cwd), None) or spawn(command, cwd)


def stop_started() -> None:
    """End and reap a `git log` begun by `start` that Graph did not take (the command stopped before reading)."""
    while _started:
        end(*_started.popitem()[1])
