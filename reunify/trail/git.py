"""The code that talks to git (with trail.launch, which starts git before the rest is imported).

Writing is one `git commit --only` with `--trailer` (porcelain, never the index
API), run as a plain subprocess: GitPython, which the design first named for it,
cost ~140 ms to import and ran `git version` twice before the commit, a sixth
of `decide`, for one command line that needs none of its objects. Reading is
plain `git` subprocesses too, the history one streamed `git log` with
NUL-separated fields over the whole graph (plus one `git diff-tree` for the
commits where the file appeared, to follow a `git mv`), because per-commit
objects spawn a process each. User text reaches git only as
option *values* and trailer values, never as options or URLs. git's output is
treated as hostile: names and messages may hold any byte but NUL.

git runs with replacement objects and grafts turned off (`ENV`): `git replace` and `.git/info/grafts`
change what a commit appears to hold or descend from without changing its id, so a replaced decision
commit would read as forged trailers under the real commit's id, and a graft could cut an erased
decision out of the graph. The trail is read from the objects the ids name.

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
from collections import namedtuple
from collections.abc import Iterator

from reunify.trail.launch import (  # what other modules reach as trail.git.GitError etc. too
    ENV,
    LOG_OPTIONS,
    NO_GIT,
    GitError,
    NoGit,
    NotARepository,
    end,
    graph_command,
    literal,
    take,
)

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs ~4 ms; history starts fast

if TYPE_CHECKING:  # pathlib, typing and subprocess cost ~15 ms at start-up; history must start fast
    import subprocess
    from collections.abc import Callable
    from pathlib import Path
    from typing import TypeVar

    T = TypeVar("T")


def _started(begin: Callable[[], T]) -> T:
    """`begin()`, which starts git, with its failure to start said as NoGit or GitError."""
    try:
        return begin()
    except FileNotFoundError:
        raise NoGit(NO_GIT) from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None


def _run(args: list[str], cwd: Path | str, **kwargs: object) -> subprocess.CompletedProcess:
    import subprocess

    return _started(lambda: subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, env=ENV,  # type: ignore[call-overload]
                                           **kwargs))


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return _run(list(args), cwd, text=True, encoding="utf-8", errors="replace")


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


def differs_from_head(folder: Path, data: bytes) -> bool:
    """Whether `data` (case.yaml as read from disk) is not what HEAD holds, whatever the index says: a file
    marked --assume-unchanged or --skip-worktree is never reported by `git status`. Bytes are compared with
    HEAD's blob; when they differ, the blob git would store for them (`git hash-object`, through the
    repository's filters, line-ending conversion included) is compared too, so a checkout filter is no edit."""
    [committed] = show_file(folder, ["HEAD"])
    if committed == data:
        return False
    if committed is None:
        return True
    stored = _run(["hash-object", "--stdin", "--path=case.yaml"], folder, input=data)
    head = _git(folder, "rev-parse", "--verify", "--quiet", "HEAD:./case.yaml")
    return stored.returncode != 0 or stored.stdout.decode().strip() != head.stdout.strip()


def trailer_block(folder: Path, commit: str) -> str:
    """The trailers of one commit as git parses them (`%(trailers:only,unfold)`), as history reads them."""
    result = _git(folder, "log", *LOG_OPTIONS, "-1", "--format=%(trailers:only,unfold)", commit)
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or "git log failed")
    return result.stdout


def undo_commit(root: Path, commit: str, path: Path) -> bool:
    """Take back a commit this run made: HEAD moves back to its parent (only if HEAD is still `commit`), and
    `path`'s index entry follows. The work tree is the caller's. False when HEAD moved meanwhile."""
    parent = _git(root, "rev-parse", "--verify", "--quiet", f"{commit}^")
    if parent.returncode != 0:
        return False
    moved = _git(root, "update-ref", "-m", "reunify decide: take back a commit a hook changed", "HEAD",
                 parent.stdout.strip(), commit)
    if moved.returncode != 0:
        return False
    _git(root, "reset", "-q", "--", literal(path.resolve().relative_to(root.resolve())))
    return True


def message_hooks(root: Path) -> list[str]:
    """The hooks that may edit a commit message (prepare-commit-msg, commit-msg) present in this repository
    (core.hooksPath honoured), as paths to name in a message."""
    from pathlib import Path

    result = _git(root, "rev-parse", "--git-path", "hooks")
    folder = root / result.stdout.strip() if result.returncode == 0 else root / ".git" / "hooks"
    return [str(Path(folder) / name) for name in ("prepare-commit-msg", "commit-msg")
            if os.access(Path(folder) / name, os.X_OK)]


def commit_file(path: Path, root: Path, message: str, trailers: list[tuple[str, str]], *, sign: bool = False) -> str:
    """Commit only `path` (anything else staged stays staged); returns the new commit's hash.

    git's stdin is closed, so a hook or a signing program waiting for an answer fails instead of hanging; what
    git and its hooks printed (hooks print on stderr: git sends their stdout there too) comes back in GitError.
    The commit returned is the one this run made, the child of the HEAD it started from, even when a
    post-commit hook committed again on top of it.
    """
    before = _git(root, "rev-parse", "--verify", "--quiet", "HEAD").stdout.strip()
    relative = str(path.resolve().relative_to(root.resolve()))
    args = ["commit", "--only", "-m", message]
    if sign:
        args.append("--gpg-sign")
    for key, value in trailers:
        args += ["--trailer", f"{key}: {value}"]
    import subprocess

    result = _run([*args, "--", literal(relative)], root, stdin=subprocess.DEVNULL, text=True, encoding="utf-8",
                  errors="replace")
    if result.returncode != 0:
        printed = f"{result.stdout}\n{result.stderr}".splitlines()
        raise GitError("git commit failed", tuple(line.rstrip() for line in printed if line.strip()))
    return _made_after(root, before)


def _made_after(root: Path, before: str) -> str:
    """The commit made on top of `before` ("" for an unborn branch) on HEAD's first-parent line."""
    walk = _git(root, "rev-list", "--first-parent", "--parents", *([f"{before}..HEAD"] if before else ["HEAD"]))
    for line in reversed(walk.stdout.split("\n")):
        ids = line.split()
        if ids and (ids[1:2] == [before] if before else len(ids) == 1):
            return ids[0]
    raise GitError("git commit ran, but the commit it made is no longer on this branch (a hook moved HEAD): "
                   "look at `git reflog` before recording again")


def in_progress(root: Path) -> str | None:
    """Why a commit made now could be lost, or None: a rebase or a bisect under way, or no branch checked out
    (a commit on a detached HEAD belongs to no branch)."""
    result = _git(root, "rev-parse", "--symbolic-full-name", "HEAD", "--git-path", "rebase-merge",
                  "--git-path", "rebase-apply", "--git-path", "BISECT_LOG")
    lines = result.stdout.split("\n")
    if result.returncode != 0 or len(lines) < 4:
        return None  # no commit yet (an unborn branch) or an old git: git commit itself will say
    head, merge, apply, bisect = (lines[0], *(os.path.join(root, p) for p in lines[1:4]))
    if os.path.isdir(merge) or os.path.isdir(apply):
        return "a rebase is in progress: finish it (`git rebase --continue`) or abort it (`git rebase --abort`) first"
    if os.path.exists(bisect):
        return "a bisect is in progress: end it (`git bisect reset`) first"
    if not head.startswith("refs/heads/"):
        return "no branch is checked out (a detached HEAD): switch to the case's branch first (`git switch BRANCH`)"
    return None


def _batch(folder: Path | str, requests: list[str]) -> list[bytes | None]:
    """One `git cat-file --batch`: each request's content, None where there is no such file."""
    result = _run(["cat-file", "--batch"], folder, input="".join(f"{r}\n" for r in requests).encode())
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or "git cat-file failed")
    out: list[bytes | None] = []
    data = result.stdout
    at = 0
    for _ in requests:
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


def show_file(folder: Path, revisions: list[str], name: str = "case.yaml") -> list[bytes | None]:
    """The content of `name` in `folder` at each revision, None where absent, in one `git cat-file`.

    Asked from the folder as `rev:./name`: the folder's own name (which may hold a newline) is never part
    of the request.
    """
    return _batch(folder, [f"{rev}:./{name}" for rev in revisions])


def blobs(folder: Path | str, ids: list[str]) -> dict[str, bytes | None]:
    """The content of each blob id (as `history` read them from --raw), in one `git cat-file`."""
    wanted = sorted({i for i in ids if i})
    return dict(zip(wanted, _batch(folder, wanted), strict=True)) if wanted else {}


def parents(folder: Path | str, topo: bool = False) -> dict[str, tuple[str, ...]]:
    """Every commit reachable from HEAD -> its parents, in one `git rev-list --parents` (replace refs and grafts
    ignored, as everywhere here): the whole graph, for the rare walk back past a case.yaml that cannot be read,
    or (`topo`, descendants first) to put the walks of a moved case in one order."""
    result = _run(["rev-list", "--parents", *(["--topo-order"] if topo else []), "HEAD", "--"], folder)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or "git rev-list failed")
    out: dict[str, tuple[str, ...]] = {}
    for line in result.stdout.decode("ascii", "replace").splitlines():
        commit, *rest = line.split()
        out[commit] = tuple(rest)
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


# One commit that changed the file: the format's fields (a list; the first two %H and %P), then its changes, one a
# parent whose file differs, as (blob before, blob after, repository path) with "" for an absent file.
Touch = namedtuple("Touch", "fields changes")


def _decoded(data: bytes) -> tuple[str, bool]:
    """`data` as text, and whether it was UTF-8: bytes that are not become lone surrogates (surrogateescape), so a
    path keeps its bytes; `_touches` replaces them in names and messages."""
    try:
        return data.decode(), True
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape"), False


def _tokens(reads: Iterator[bytes]) -> Iterator[tuple[list[str], bool]]:
    """The NUL-separated tokens in `reads` (chunks of what git printed), a list a chunk (the last list ends with what
    followed the last NUL), each with whether all read so far was UTF-8. A chunk is decoded once, up to its last
    NUL: no character spans a NUL."""
    rest = b""
    utf8 = True
    for chunk in reads:
        data = rest + chunk
        cut = data.rfind(b"\0") + 1
        rest = data[cut:]
        if cut:
            text, clean = _decoded(data[:cut])
            utf8 = utf8 and clean
            yield text.split("\0")[:-1], utf8
    if rest:
        text, clean = _decoded(rest)
        yield [text], utf8 and clean


def _stream(command: list[str], cwd: Path | str) -> Iterator[tuple[list[str], bool]]:
    """`_tokens` of what a git command prints, as it runs; NotARepository or GitError when it fails."""
    pid, out, err = take(command, str(cwd))
    try:
        yield from _tokens(iter(lambda: os.read(out, 1 << 16), b""))
        error = b"".join(iter(lambda: os.read(err, 1 << 16), b"")).decode("utf-8", "replace").strip()
    except BaseException:  # the reader stopped early (an error, or the generator closed): git must not outlive it
        end(pid, out, err)
        raise
    os.close(out)
    os.close(err)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if code != 0:
        message = error.splitlines()[0] if error else f"git {command[3] if command[1] == '-c' else command[1]} failed"
        if "not a git repository" in message:
            raise NotARepository(f"{cwd} is not in a git repository")
        if "does not have any commits yet" not in message:
            raise GitError(message)


RAW = (":", "\n:")  # how a --raw token starts


def _replaced(token: str) -> str:
    """A name or message as git printed it, with bytes that are not UTF-8 shown as U+FFFD (paths keep theirs)."""
    return token.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _touches(chunks: Iterator[tuple[list[str], bool]], fields: int) -> Iterator[Touch]:
    """Group git log's tokens: `fields` header tokens, then (":modes blobs status", path) pairs of --raw.

    A header's first token is a hash and a raw token starts with ":" (after a newline), so neither can be
    taken for the other; -m repeats a merge's header once a parent, which is folded into one Touch. Tokens are
    taken a list at a time (a generator a token costs more than git's own walk).
    """
    buffer: list[str] = []
    current = None
    last = False
    utf8 = True
    while not last:
        chunk, utf8 = next(chunks, (None, utf8))
        last = chunk is None
        buffer += chunk or []
        at, size = 0, len(buffer)
        while at + fields <= size:
            end = at + fields
            while end + 1 < size and buffer[end].startswith(RAW):
                end += 2
            if end >= size - 1 and not last:  # the record may go on in the next chunk
                break
            header = buffer[at:at + fields]
            text = header if utf8 else [_replaced(token) for token in header]
            changes = []
            for meta, path in zip(buffer[at + fields:end:2], buffer[at + fields + 1:end:2], strict=True):
                old, new = meta.split()[2:4]
                changes.append((old if old.strip("0") else "", new if new.strip("0") else "", path))
            at = end
            if current is not None and current.fields[0] == text[0]:
                current.changes.extend(changes)
                continue
            if current is not None:
                yield current
            current = Touch(text, changes)
        del buffer[:at]
    if current is not None:
        yield current


def renaming(folder: Path | str) -> subprocess.Popen:
    """Start the `git diff-tree --stdin` that `renames` asks about the commits where a file appeared, before they
    are known: Graph starts it before reading its `git log`, so git's start-up runs while the log walks the
    commits, not after the last one (~1.5 ms of `history` over 5,000 commits)."""
    import subprocess

    return _started(lambda: subprocess.Popen(
        ["git", "diff-tree", "--stdin", "--always", "-r", "-z", "--no-abbrev", "--no-relative", "--find-renames=100%",
         "--diff-filter=RD"], cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV))


Left = dict[tuple[str, str], list[tuple[str, str, str]]]  # (commit, parent) -> (old path, new path or "", blob)


def renames(diff: subprocess.Popen, pairs: list[tuple[str, str]]) -> Left:
    """For (commit, parent) pairs where a file appeared: (commit, parent) -> each file that left a path, as (old
    path, new path, blob before): a file of the same content at a new path (exact renames: `git mv`), else
    deleted (new path ""). Asked of `diff` (from `renaming`; `--always`: a header for every pair, so each is
    known against which parent). Exact renames only, because case files made from one template look alike: a
    guess by similarity could join two cases' trails (Graph matches a deleted case.yaml by its reference)."""
    request = "".join(f"{commit} {parent}\n" for commit, parent in pairs).encode()
    stdout, stderr = diff.communicate(request)
    if not pairs:
        return {}
    if diff.returncode != 0:
        raise GitError(stderr.decode("utf-8", "replace").strip() or "git diff-tree failed")
    out: Left = {}
    tokens = iter(stdout.split(b"\0"))
    at = -1
    for token in tokens:
        if token.lstrip(b"\n").startswith(b":"):
            meta = token.split()  # :mode mode blob blob status
            paths = [next(tokens, b"").decode("utf-8", "surrogateescape")
                     for _ in range(2 if meta[-1].startswith(b"R") else 1)]
            if 0 <= at < len(pairs) and len(meta) == 5:
                out.setdefault(pairs[at], []).append((paths[0], paths[1] if len(paths) > 1 else "", meta[2].decode()))
        elif token.strip():
            at += 1  # the next pair's header
    return out


def _reference(text: bytes | None) -> str | None:
    """The `reference:` one version of case.yaml gives the case, if it can be read and gives one."""
    from reunify.case.yamlread import parse_text

    if text is None:
        return None
    try:
        data, _, _ = parse_text(text.decode("utf-8-sig"), "case.yaml", positions=False)
    except UnicodeDecodeError:
        return None
    reference = data.get("reference") if isinstance(data, dict) else None
    return reference if isinstance(reference, str) and reference.strip() else None


class Graph:
    """Every commit that changed the folder's case.yaml on every path into HEAD, descendants first, following
    the file back through moves of its folder (`git mv`, or a move and an edit in one commit: see `_arrivals`):
    one `git log`, one `git diff-tree` for the commits where the file appeared, and one more `git log` a move
    found. Iterate it for the commits as git
    streams them; `settled()` gives the case's own commits once each, in one order.

    `fmt` must start with %H%x00%P. A folder outside git raises NotARepository; an empty repository yields
    nothing.
    """

    def __init__(self, folder: Path | str, fmt: str, fields: int) -> None:
        self.folder, self.fmt, self.fields = folder, fmt, fields
        self.touches: list[Touch] = []
        self.walk_of: list[int] = []  # beside `touches`: which walk read each
        # (walk, commit, path, parent, blob) of each move: the walk that found it, the commit bringing the case to
        # `path`, the parent the move was found against, and the file's version there before the move
        self.moved: list[tuple[int, str, str, str, str]] = []
        self.read = False
        self.graph: dict[str, tuple[str, ...]] | None = None  # every commit's parents, if settled() read them

    def __iter__(self) -> Iterator[Touch]:
        walks: list[tuple[tuple[str, ...], str]] = [((), literal("case.yaml"))]  # (start revisions, pathspec)
        done: list[tuple[tuple[str, ...], str]] = []
        while walks:
            starts, pathspec = walks.pop(0)
            if (starts, pathspec) in done:
                continue
            walk = len(done)
            done.append((starts, pathspec))
            appeared: dict[str, tuple[str, list[str], str]] = {}  # commit -> (repository path, parents, blob)
            with renaming(self.folder) as diff:  # its pipes closed and the process reaped however the walk ends
                try:
                    for touch in _touches(_stream(graph_command(self.fmt, pathspec, starts), self.folder), self.fields):
                        parents = touch.fields[1].split()
                        for old, new, where in touch.changes:
                            if not old and parents:  # the file appeared here: from nowhere, or moved from elsewhere?
                                appeared[touch.fields[0]] = (where, parents, new)
                        self.touches.append(touch)
                        self.walk_of.append(walk)
                        yield touch
                except BaseException:  # git log failed, or the reader stopped: the diff-tree is not needed
                    diff.kill()
                    raise
                arrivals = list(self._arrivals(appeared, diff))
            for commit, parent, old, blob in arrivals:
                walks.append(((parent,), f":(top,literal){old}"))
                self.moved.append((walk, commit, appeared[commit][0], parent, blob))
        self.read = True

    def _arrivals(self, appeared: dict[str, tuple[str, list[str], str]],
                  diff: subprocess.Popen) -> Iterator[tuple[str, str, str, str]]:
        """(commit, parent, old path, blob before) of each move that brought the case to its path, against the one
        parent it was found against: a merge of a branch made before a move leaves the new file byte for byte
        the branch's old one, a rename against that parent only.

        A move is an exact rename of case.yaml to this path, else (a folder moved and the file edited in the
        same commit, which git cannot pair without guessing by likeness) the one case.yaml the commit deleted
        that holds the same `reference:` as the file that appeared: the reference is the case's own name for
        itself (a tool convention, docs/design.md "A moved case is read as one history")."""
        pairs = [(commit, parent) for commit, (_, parents, _) in appeared.items() for parent in parents]
        left = renames(diff, pairs)
        edited = []  # (commit, parent, [(old path, blob)] of the case.yaml files it deleted)
        for commit, parent in pairs:
            where = appeared[commit][0]
            files = [(old, new, blob) for old, new, blob in left.get((commit, parent), [])
                     if old.rpartition("/")[2] == "case.yaml"]
            moved = next(((old, blob) for old, new, blob in files if new == where), None)
            if moved is not None:
                yield commit, parent, *moved
            elif gone := [(old, blob) for old, new, blob in files if not new]:
                edited.append((commit, parent, gone))
        if edited:
            yield from self._edited_moves(appeared, edited)

    def _edited_moves(self, appeared: dict[str, tuple[str, list[str], str]],
                      edited: list[tuple[str, str, list[tuple[str, str]]]]) -> Iterator[tuple[str, str, str, str]]:
        """The moves among `edited` (see `_arrivals`): a deleted case.yaml that alone holds the reference the new
        file holds. Both versions are read in one `git cat-file`."""
        texts = blobs(self.folder, [appeared[commit][2] for commit, _, _ in edited]
                      + [blob for _, _, gone in edited for _, blob in gone])
        for commit, parent, gone in edited:
            reference = _reference(texts.get(appeared[commit][2]))
            same = [(old, blob) for old, blob in gone if reference is not None and _reference(texts.get(blob)) == reference]
            if len(same) == 1:
                yield commit, parent, *same[0]

    def settled(self) -> list[Touch]:
        """The case's own commits (read now if not yet iterated), once each, newest first.

        Without a move, git's own order. After a move the walk of each path it lived at was read in turn, and a
        walk goes back past the commit where the case came to its path, into what lived there before: another
        case since closed, or this case itself before it moved away and came back (read again by a later walk).
        So each walk keeps only commits that are not ancestors of the commit that brought the case to its path;
        a move changes the file from its version before (the same content after a plain `git mv`); and the commits are put in
        `git rev-list --topo-order`'s order, the walks having been read one after another."""
        if not self.read:
            for _ in self:
                pass
        if not self.moved:
            return self.touches
        graph = self.graph = parents(self.folder, topo=True)
        before: dict[int, set[str]] = {}  # walk -> the commits before the case came to its path
        for walk, _, _, parent, _ in self.moved:
            ancestors(graph, (parent,), before.setdefault(walk, set()))
        came = {(commit, path): blob for _, commit, path, _, blob in self.moved}  # the version before each move
        kept: dict[str, Touch] = {}
        for walk, touch in zip(self.walk_of, self.touches, strict=True):
            commit = touch.fields[0]
            if commit in before.get(walk, ()):
                continue
            changes = [(old or came.get((commit, path), old), new, path)
                       for old, new, path in touch.changes]
            if changes != touch.changes:
                touch = Touch(touch.fields, changes)
            held = kept.get(commit)
            if held is None:
                kept[commit] = touch
                continue
            paths = {path for _, _, path in held.changes}  # a commit read by two walks: each path's changes once
            kept[commit] = Touch(held.fields, held.changes + [c for c in touch.changes if c[2] not in paths])
        order = {commit: at for at, commit in enumerate(graph)}
        return sorted(kept.values(), key=lambda touch: order.get(touch.fields[0], len(order)))


def ancestors(graph: dict[str, tuple[str, ...]], starts: tuple[str, ...], into: set[str]) -> None:
    """Add `starts` and every commit they descend from to `into` (without recursion: a history may be long)."""
    stack = [start for start in starts if start not in into]
    while stack:
        commit = stack.pop()
        if commit not in into:
            into.add(commit)
            stack.extend(parent for parent in graph.get(commit, ()) if parent not in into)


def index_flag(folder: Path | str, name: str = "case.yaml") -> str | None:
    """"--skip-worktree" or "--assume-unchanged" when git's index hides the file's edits from `git status`."""
    result = _git(folder, "ls-files", "-v", "--", literal(name))  # type: ignore[arg-type]
    tag = result.stdout[:1]
    return "--skip-worktree" if tag == "S" else "--assume-unchanged" if tag.islower() else None


def is_shallow(folder: Path | str) -> bool:
    """Whether the repository is a shallow clone (`git clone --depth`): older commits are simply not there."""
    result = _git(folder, "rev-parse", "--is-shallow-repository")  # type: ignore[arg-type]
    return result.stdout.strip() == "true"
