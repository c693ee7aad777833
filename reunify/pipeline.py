"""The front door: load a case, run every check, return sorted diagnostics (no printing here).

files -> case.load (records + source map + load diagnostics) -> checks -> sorted diagnostics.
Every command that needs a valid case comes through `check_case`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reunify.case.load import Case, load_case
from reunify.case.yamlread import Engine
from reunify.diagnostics.record import Diagnostic, declare

RU305 = declare("RU305", "error", "case reference is used by another case in the caseload")


def check_case(folder: Path, as_of: dt.date, engine: Engine = "fast",
               overrides: dict[str, str] | None = None) -> tuple[Case, list[Diagnostic]]:
    """Load one case and run every check; diagnostics sorted by file and line."""
    case = load_case(folder, engine, overrides)
    return case, check(case, as_of)


def check(case: Case, as_of: dt.date) -> list[Diagnostic]:
    """A loaded case's diagnostics: those of loading, then every check's, sorted by file and line."""
    from reunify.checks import run_checks

    diags = list(case.diagnostics)
    diags.extend(run_checks(case, as_of))
    diags.sort(key=Diagnostic.sort_key)
    return diags


def validate_folders(folders: list[Path], as_of: dt.date, engine: Engine = "fast") -> list[Diagnostic]:
    """Check many cases; references must be unique across them (RU305)."""
    out: list[Diagnostic] = []
    references: dict[str, str] = {}
    for folder in folders:
        case, diags = check_case(folder, as_of, engine)
        out.extend(diags)
        if case.case is not None:
            ref = case.case.reference
            if ref in references:
                line, col = case.pos("case", ("reference",))
                out.append(RU305.at(case.file("case"), line, col, f"reference {ref} is also used by {references[ref]}"))
            else:
                references[ref] = str(folder)
    return out


def settings_problems(folders: list[Path]) -> list[Diagnostic]:
    """The RU211 diagnostics of every reunify.toml that applies to these folders, each file once."""
    from reunify.case import settings

    out: list[Diagnostic] = []
    seen: set[Path] = set()
    for folder in folders:
        found = settings.find(folder)
        if found is not None and found not in seen:
            seen.add(found)
            out.extend(settings.load(found)[1])
    return out


def exit_code(diags: list[Diagnostic], strict: bool) -> int:
    if any(d.severity == "error" or strict for d in diags):
        return 1
    return 0
