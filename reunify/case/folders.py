"""What a case and a caseload are on disk, and how command-line paths map to case folders.

A case folder is a directory holding `case.yaml`; a caseload is a directory whose
subdirectories, at any depth, are case folders (docs/case-format.md). Paths come as a
person types them or as pre-commit passes them (files).

Walks are iterative (a tree 1,100 folders deep is walked like any other), do
not follow symlinked folders, skip hidden folders (`.git`, `.reunify-cache`)
and report what they cannot use instead of skipping it silently: a folder
that cannot be read, and a folder holding case files but no case.yaml
(docs/command-line.md, "Hostile and broken input"). They look inside case folders too: a
case kept in a subfolder of another, or an old copy of a case file in one,
is found, as the pre-commit hook (given those files) finds it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from reunify.diagnostics.record import Diagnostic, declare

CASE_FILES = ("case.yaml", "chronology.yaml", "genogram.yaml", "factors.yaml", "agreements.yaml",
              "contingency.yaml", "plan.yaml")
RU113 = declare("RU113", "error", "a folder holds case files but no case.yaml", hint=(
    "a case folder needs case.yaml (reference, child, legal_status); add it, or move the files into their case"))
RU114 = declare("RU114", "error", "a folder cannot be read", hint="check the folder's permissions")


class NotACase(Exception):
    """A path the user gave is neither a case folder, a caseload, nor a file."""


class Problem(NamedTuple):
    """A folder a walk could not use: shown as a diagnostic by validate, as a row by status and audit."""

    folder: Path
    diagnostic: Diagnostic


def is_case_folder(path: Path) -> bool:
    try:
        return (path / "case.yaml").is_file()
    except (OSError, ValueError):  # a name longer than the system allows, a NUL: not a case folder
        return False


def boundary(folder: Path) -> Path:
    """What a case may read: its git work tree (the nearest ancestor holding .git), else the folder itself.

    Found without running git (validate runs in every commit); a symlink
    resolving outside it is not read (docs/command-line.md).
    """
    here = Path(real(folder))
    return nearest(here, ".git") or here


_NEAREST: dict[tuple[str, Path], Path | None] = {}
_REAL: dict[str, str] = {}


def real(folder: Path) -> str:
    """`str(folder.resolve())`, with its parent resolved once a process: the cases of a caseload share their
    parents, so a case costs one lstat (is it a link?) instead of one a component of its path. Text, not a
    Path: most callers want a key, and a Path a case costs memory over a whole caseload."""
    text = os.path.abspath(folder)
    head, tail = os.path.split(text)
    if not tail or tail == ".." or ".." in os.fspath(folder).split(os.sep) or os.path.islink(text):
        return os.path.realpath(text)
    if head not in _REAL:
        _REAL[head] = os.path.realpath(head)
    return os.path.join(_REAL[head], tail)


def nearest(folder: Path, name: str) -> Path | None:
    """The nearest folder at or above `folder` (resolved) that holds `name`.

    Each folder is looked at once a process (the cases of a caseload share
    their parents), iteratively (a tree may be 1,100 folders deep).
    """
    seen = []
    here = folder
    while True:
        if (name, here) in _NEAREST:
            found = _NEAREST[(name, here)]
            break
        seen.append(here)
        if (here / name).exists():
            found = here
            break
        if here.parent == here:
            found = None
            break
        here = here.parent
    for passed in seen:
        _NEAREST[(name, passed)] = found
    return found


SETTINGS_FILE = "reunify.toml"


def settings_file(folder: Path) -> Path | None:
    """The nearest reunify.toml at or above a case folder (case/settings.py reads it). Found here, so a
    run without one, as most are, never imports the settings machinery."""
    here = real(folder)
    own = os.path.join(here, SETTINGS_FILE)
    if os.path.exists(own):
        return Path(own)
    # Above the case, the nearest one is looked up once for all the cases sharing a parent: remembering each
    # case folder too would cost memory over a whole caseload (about 0.4 KB a case) for no time saved.
    holder = nearest(Path(os.path.dirname(here)), SETTINGS_FILE)
    return None if holder is None else holder / SETTINGS_FILE


def _orphan(folder: Path, names: set[str]) -> Problem | None:
    """A folder holding case files but no case.yaml."""
    found = sorted(n for n in CASE_FILES[1:] if n in names)
    if "case.yaml" in names or not found:
        return None
    return Problem(folder, RU113.at(str(folder), None, None,
                                    f"holds {', '.join(found)} but no case.yaml: it is not read as a case"))


def walk(root: Path) -> Iterator[Path | Problem]:
    """Case folders under `root` (itself included) at any depth in a stable order, and the problem folders."""
    for found in _walk(root):
        yield Path(root, found) if isinstance(found, str) else found


def order(name: str) -> list[str]:
    """The walk's order of case folders, as a sort key of their names relative to the caseload: a folder before
    the folders inside it, each folder's subfolders by name ("a", "a/b", "a-c")."""
    return name.split(os.sep)


def _walk(root: Path) -> Iterator[str | Problem]:
    """`walk`, giving each case folder's name relative to `root` ("" for root itself): text, a few bytes
    a folder, where a Path object costs about 400 (a flat caseload of 10,000 cases waits on the stack)."""
    stack = [""]
    while stack:
        name = stack.pop()
        folder = os.path.join(root, name) if name else root
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield Problem(Path(folder), RU114.at(str(folder), None, None, f"cannot read the folder: {exc.strerror}"))
            continue
        names = {e.name for e in entries}
        if "case.yaml" in names:
            yield name
        elif orphan := _orphan(Path(folder), names):
            yield orphan
        subfolders = []
        for entry in entries:
            try:
                if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                    subfolders.append(os.path.join(name, entry.name) if name else entry.name)
            except OSError:
                continue
        stack.extend(reversed(subfolders))


class Names:
    """Folder names kept in the walk's order as one byte string (each name's bytes, then NUL, which no name
    holds): about 20 bytes a case, so a caseload's memory does not grow with its folders' Path objects."""

    def __init__(self) -> None:
        self._data = bytearray()
        self._count = 0

    def add(self, name: str) -> None:
        self._data += os.fsencode(name) + b"\0"
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        data, start = self._data, 0
        while start < len(data):
            end = data.index(0, start)
            yield os.fsdecode(bytes(data[start:end]))
            start = end + 1


class Caseload(NamedTuple):
    """The case folders found under one folder, by name relative to it, and the folders that could not be used."""

    root: Path
    names: Names
    problems: list[Problem]

    def folder(self, name: str) -> Path:
        return Path(self.root, name)

    def folders(self) -> Iterator[Path]:
        return map(self.folder, self.names)


def _examine(raw: str) -> tuple[Path, bool, bool]:
    """(path, is it a folder, does it exist) of a path as typed: a dangling link exists (its case's problem,
    RU110); a name the system refuses is the user's error."""
    path = Path(raw)
    try:
        is_dir = path.is_dir()
        return path, is_dir, is_dir or path.exists() or path.is_symlink()
    except (OSError, ValueError) as exc:  # a name longer than the system allows
        raise NotACase(f"{raw}: {getattr(exc, 'strerror', None) or exc}") from None


def _unusable(raw: str, is_dir: bool, exists: bool) -> NotACase:
    """Why a path as typed names no case: an empty folder, a file, or nothing."""
    if is_dir:
        return NotACase(f"{raw}: not a case folder (no case.yaml) and no case folders inside it")
    return NotACase(f"{raw}: not a case folder" if exists else f"{raw}: no such file or folder")


def caseload(raw: str) -> Caseload:
    """The case folders under one folder as the caseload commands read it: their names kept compactly, each
    once (a walk does not follow links, so no folder is reached twice)."""
    root, is_dir, exists = _examine(raw)
    if not is_dir:
        raise _unusable(raw, is_dir, exists)
    found = Caseload(root, Names(), [])
    for item in _walk(root):
        if isinstance(item, str):
            found.names.add(item)
        else:
            found.problems.append(item)
    if not found.names and not found.problems:
        raise _unusable(raw, is_dir, exists)
    return found


def nearest_case(start: str = ".") -> str | None:
    """The nearest folder holding case.yaml, `start` itself or a parent, as a path relative to `start`
    ("." or "../.."), so messages stay short; None when there is none up to the root."""
    here = Path(start).resolve()
    for up, folder in enumerate((here, *here.parents)):
        if (folder / "case.yaml").is_file():
            return os.path.join(start, *([".."] * up)) if up else start
    return None


def case_of_file(path: Path) -> Path | Problem | None:
    """The case folder a file belongs to (its own folder, if that holds case.yaml), or the problem.

    A case file (genogram.yaml, ...) in a folder without case.yaml is a problem,
    so the pre-commit hook cannot pass it unchecked; other files are not ours.
    """
    parent = path.parent
    if (parent / "case.yaml").is_file():
        return parent
    if path.name in CASE_FILES:
        return _orphan(parent, {path.name})
    return None


def resolve(paths: list[str], *, files_ok: bool = True) -> tuple[list[Path], list[Problem]]:
    """Case folders named by `paths`, each once, in the order given, and the folders that could not be used.

    A file outside any case folder is ignored (pre-commit passes every staged
    YAML file); a folder that is neither a case nor holds any is an error.
    """
    seen: set[str] = set()
    out: list[Path] = []
    problems: list[Problem] = []

    def add(found: Path | Problem) -> None:
        key = real(found.folder if isinstance(found, Problem) else found)
        if key in seen:
            return
        seen.add(key)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            out.append(found)

    for raw in paths:
        path, is_dir, exists = _examine(raw)
        if files_ok and exists and not is_dir:  # a FIFO passed by the hook is its case's problem
            folder = case_of_file(path)
            if folder is not None:
                add(folder)
        elif is_dir:
            found = list(walk(path))
            if not found:
                raise _unusable(raw, is_dir, exists)
            for item in found:
                add(item)
        else:
            raise _unusable(raw, is_dir, exists)
    return out, problems
