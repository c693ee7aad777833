"""`reunify new`: a case folder from templates, valid from the first minute.

All seven files are written (so the checklist never asks to fill in a file that is not there),
each with the editor's schema modeline and commented examples of every field: a practitioner
removes the "# " from the lines they need (Ctrl+/ in VS Code) and fills them in.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path
from string import Template

from reunify.case.model import ID_PATTERN

SCAFFOLD_FILES = ("case", "genogram", "chronology", "factors", "agreements", "contingency", "plan")
# Reports hold personal data and are made again at will: git keeps them out (this file itself is kept, so every
# clone of the case repository is protected). `render` writes it too, into a reports/ folder that has none.
REPORTS_GITIGNORE = ("# Reports hold personal data and are made again by `reunify render`: never committed.\n"
                     "*\n!.gitignore\n")


def child_id(name: str) -> str:
    """A person id from the child's first name ("Lily Example" -> "lily"); "child" if none fits."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    first = (ascii_name.split() or [""])[0].lower()
    slug = re.sub(r"[^a-z0-9]+", "-", first).strip("-")
    return slug if re.fullmatch(ID_PATTERN, slug) else "child"


def project_root(folder: Path) -> Path:
    """Where schemas live: the nearest ancestor with reunify.toml or .git (else the case's parent)."""
    for parent in folder.resolve().parents:
        if (parent / "reunify.toml").exists() or (parent / ".git").exists():
            return parent
    return folder.resolve().parent


class ReferenceInUse(FileExistsError):
    """Another case of the repository already has the reference: a second one would break every tool that
    tells cases apart by it (`validate` reports it as RU305 across a caseload)."""


def reference_in_use(folder: Path, reference: str) -> Path | None:
    """The case folder of the repository (outside git: beside the new case) whose case.yaml has `reference`."""
    from reunify.case.folders import nearest, walk
    from reunify.case.yamlread import read_file

    root = project_root(folder)
    root = nearest(root, ".git") or root
    for found in walk(root):
        if isinstance(found, Path):
            data = read_file(found / "case.yaml", str(found / "case.yaml"), root=root)[0]
            if isinstance(data, dict) and data.get("reference") == reference:
                return found
    return None


def scaffold(folder: Path, reference: str, child_name: str, legal_status: str) -> list[Path]:
    """Write the scaffold files (atomically) and, if missing, the schemas they point at; on any failure remove
    what this run wrote, so no half-built case is left. A reference another case uses is refused first."""
    from reunify.case.write import make_folders
    from reunify.diagnostics.escape import terminal

    if folder.exists():
        raise FileExistsError(errno.EEXIST, "File exists", str(folder))
    if (other := reference_in_use(folder, reference)) is not None:
        raise ReferenceInUse(errno.EEXIST, f"reference {reference} is already used by the case in {terminal(other)}: "
                                           "each case needs its own reference")
    made = make_folders(folder)
    written: list[Path] = []
    try:
        _write_files(folder, reference, child_name, legal_status, written)
    except BaseException:  # nothing half built is left: the files and the folders this run made go again
        for path in written:
            path.unlink(missing_ok=True)
        if made:
            shutil.rmtree(made[0], ignore_errors=True)
        raise
    return written


def _write_files(folder: Path, reference: str, child_name: str, legal_status: str, written: list[Path]) -> None:
    """The schemas (if missing) and the seven files, each added to `written` once it is on disk."""
    from reunify import templates_dir
    from reunify.case import schema_export
    from reunify.case.write import atomic_write, make_folders, scalar

    schema_dir = project_root(folder) / "schemas"
    if not (schema_dir / "case.schema.json").exists():
        written += schema_export.write(schema_dir)
    values = {  # quoted where YAML would read them otherwise: `Null`, `True`, `no`, `0123` stay text
        "reference": scalar(reference),
        "child": scalar(child_id(child_name)),
        "child_name": json.dumps(child_name, ensure_ascii=False),  # a JSON string is a YAML scalar
        "child_first": (child_name.split() or ["The child"])[0].replace('"', "'"),  # inside a quoted example
        "legal_status": legal_status,
    }
    source = templates_dir() / "new"
    for kind in SCAFFOLD_FILES:
        relative = os.path.relpath(schema_dir / f"{kind}.schema.json", folder.resolve())
        modeline = f"# yaml-language-server: $$schema={relative}\n"
        text = Template(modeline + (source / f"{kind}.yaml").read_text(encoding="utf-8")).substitute(values)
        path = folder / f"{kind}.yaml"
        atomic_write(path, text)
        written.append(path)
    make_folders(folder / "reports")
    atomic_write(folder / "reports" / ".gitignore", REPORTS_GITIGNORE)
    written.append(folder / "reports" / ".gitignore")
