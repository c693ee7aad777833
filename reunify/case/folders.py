"""What a case and a caseload are on disk, and how command-line paths map to case folders.

A case folder is a directory holding `case.yaml`; a caseload is a directory whose
subdirectories, at any depth, are case folders (case-format.md). Paths come as a
person types them or as pre-commit passes them (files).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


class NotACase(Exception):
    """A path the user gave is neither a case folder, a caseload, nor a file."""


def is_case_folder(path: Path) -> bool:
    return (path / "case.yaml").is_file()


def iter_cases(root: Path) -> Iterator[Path]:
    """Case folders under `root` at any depth, in a stable order; hidden folders skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
            continue
        sub = Path(root, entry.name)
        if (sub / "case.yaml").is_file():
            yield sub
        else:
            yield from iter_cases(sub)


def nearest_case(start: str = ".") -> str | None:
    """The nearest folder holding case.yaml, `start` itself or a parent, as a path relative to `start`
    ("." or "../.."), so messages stay short; None when there is none up to the root."""
    here = Path(start).resolve()
    for up, folder in enumerate((here, *here.parents)):
        if (folder / "case.yaml").is_file():
            return os.path.join(start, *([".."] * up)) if up else start
    return None


def case_of_file(path: Path) -> Path | None:
    """The case folder a file belongs to (its own folder, if that holds case.yaml)."""
    parent = path.parent
    return parent if (parent / "case.yaml").is_file() else None


def resolve(paths: list[str], *, files_ok: bool = True) -> list[Path]:
    """Case folders named by `paths`, each once, in the order given.

    A file outside any case folder is ignored (pre-commit passes every staged
    YAML file); a folder that is neither a case nor holds any is an error.
    """
    seen: set[Path] = set()
    out: list[Path] = []

    def add(folder: Path) -> None:
        key = folder.resolve()
        if key not in seen:
            seen.add(key)
            out.append(folder)

    for raw in paths:
        path = Path(raw)
        if path.is_file() and files_ok:
            folder = case_of_file(path)
            if folder is not None:
                add(folder)
        elif path.is_dir():
            if (path / "case.yaml").is_file():
                add(path)
                continue
            found = list(iter_cases(path))
            if not found:
                raise NotACase(f"{raw}: not a case folder (no case.yaml) and no case folders inside it")
            for folder in found:
                add(folder)
        elif not path.exists():
            raise NotACase(f"{raw}: no such file or folder")
        else:
            raise NotACase(f"{raw}: not a case folder")
    return out
