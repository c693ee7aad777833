"""Helpers every handler shares: "today" and --as-of, usage errors, JSON, and loading a valid case.

Imports are lazy: `history` must start in little more than the `git log` it wraps.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from reunify.case.load import Case


def fail(message: str, code: int = 2) -> int:
    """Say why on stderr and return the exit code (2: usage; 1: the command ran and refused)."""
    sys.stderr.write(f"reunify: {message}\n")
    return code


def parse_as_of(text: str | None) -> dt.date:
    """The as-of date; "today" is read here, at the edge, and nowhere in the rules."""
    import datetime as dt

    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--as-of: {text!r} is not a date YYYY-MM-DD") from None


def print_json(data: object) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def load_for_result(folder_text: str, as_of_text: str | None) -> tuple[Case, dt.date] | int:
    """A valid case and the as-of date, or the exit code after saying why.

    A case with validation errors gets no result: its diagnostics go to stderr
    and the exit is 1 (a result computed from misread data is worse than none).
    """
    from pathlib import Path

    from reunify.case.folders import is_case_folder
    from reunify.diagnostics.output import write_text
    from reunify.diagnostics.record import errors
    from reunify.pipeline import check_case

    try:
        day = parse_as_of(as_of_text)
    except ValueError as exc:
        return fail(str(exc))
    folder = Path(folder_text)
    if not is_case_folder(folder):
        return fail(f"{folder}: not a case folder (no case.yaml)")
    case, diags = check_case(folder, day)
    problems = errors(diags)
    if problems:
        write_text(problems, 1, False, sys.stderr)
        return fail("fix these errors first; no result was computed", 1)
    return case, day
