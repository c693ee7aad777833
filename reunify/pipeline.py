"""The front door: load a case, run every check, return sorted diagnostics (no printing here).

files -> case.load (records + source map + load diagnostics) -> checks -> sorted diagnostics.
Every command that needs a valid case comes through `check_case`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from reunify.case.load import Case, load_case
from reunify.case.yamlread import Engine
from reunify.diagnostics.record import Diagnostic, bounded, declare

RU305 = declare("RU305", "error", "case reference is used by another case in the caseload")


def check_case(folder: Path, as_of: dt.date, engine: Engine = "fast",
               overrides: dict[str, str] | None = None) -> tuple[Case, list[Diagnostic]]:
    """Load one case and run every check; diagnostics sorted by file and line."""
    case = load_case(folder, engine, overrides)
    return case, check(case, as_of)


def check(case: Case, as_of: dt.date) -> list[Diagnostic]:
    """A loaded case's diagnostics: those of loading, then every check's, sorted by file and line, at most
    100 a file (then one counting the rest)."""
    from reunify.checks import run_checks

    diags = list(case.diagnostics)
    diags.extend(run_checks(case, as_of))
    diags.sort(key=Diagnostic.sort_key)
    return bounded(diags)


Checked = tuple[str | None, list[Diagnostic]]


def case_diagnostics(folder: Path, as_of: dt.date, engine: Engine = "fast") -> Checked:
    """What `validate` keeps of one case: (reference, diagnostics). Small and picklable, so worker
    processes can check cases and send back only this."""
    case, diags = check_case(folder, as_of, engine)
    return (case.case.reference if case.case else None), diags


def _reference_position(folder: Path) -> tuple[int | None, int | None]:
    """Where case.yaml writes its reference: read again only for a duplicate (valid files keep no positions)."""
    from reunify.case.folders import boundary
    from reunify.case.yamlread import read_file

    path = folder / "case.yaml"
    return read_file(path, str(path), root=boundary(folder))[1].value(("reference",))


def validate_folders(folders: list[Path], as_of: dt.date, engine: Engine = "fast",
                     checked: Iterable[Checked] | None = None) -> list[Diagnostic]:
    """Check many cases; references must be unique across them (RU305).

    `checked` gives each folder's `case_diagnostics`, in the order of `folders`, when they were
    computed elsewhere (worker processes); the result is the same as checking here, one by one.
    """
    if checked is None:
        checked = (case_diagnostics(folder, as_of, engine) for folder in folders)
    out: list[Diagnostic] = []
    references: dict[str, str] = {}
    for folder, (ref, diags) in zip(folders, checked, strict=True):
        out.extend(diags)
        if ref is not None:
            if ref in references:
                line, col = _reference_position(folder)
                out.append(RU305.at(str(folder / "case.yaml"), line, col,
                                    f"reference {ref} is also used by {references[ref]}"))
            else:
                references[ref] = str(folder)
    return out


def settings_problems(folders: Iterable[Path]) -> list[Diagnostic]:
    """The RU211 diagnostics of every reunify.toml that applies to these folders, each file once."""
    from reunify.case.folders import settings_file

    out: list[Diagnostic] = []
    seen: set[Path] = set()
    for folder in folders:
        found = settings_file(folder)
        if found is not None and found not in seen:
            from reunify.case import settings

            seen.add(found)
            out.extend(settings.load(found)[1])
    return out


def exit_code(diags: list[Diagnostic], strict: bool) -> int:
    if any(d.severity == "error" or strict for d in diags):
        return 1
    return 0
