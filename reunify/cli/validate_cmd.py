"""`reunify validate`, shared by the fast argparse front end and the typer app."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TextIO

FORMATS = ("text", "json", "github", "gitlab")


def parse_as_of(text: str | None) -> dt.date:
    """The as-of date; "today" is read here, at the edge, and nowhere in the rules."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--as-of: {text!r} is not a date YYYY-MM-DD") from None


def run_validate(paths: list[str], fmt: str, strict: bool, as_of_text: str | None,
                 out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Validate and print; returns the exit code (0 ok, 1 findings, 2 usage)."""
    from reunify import diagnostic_output as output
    from reunify.targets import NotACase, resolve
    from reunify.validate import exit_code, validate_folders

    out = out or sys.stdout
    err = err or sys.stderr
    if fmt not in FORMATS:
        err.write(f"reunify validate: --format must be one of {', '.join(FORMATS)}\n")
        return 2
    if not paths:
        err.write("reunify validate: give at least one case folder, caseload or file\n")
        return 2
    try:
        as_of = parse_as_of(as_of_text)
        folders = resolve(paths)
    except (ValueError, NotACase) as exc:
        err.write(f"reunify validate: {exc}\n")
        return 2
    diags = validate_folders(folders, as_of)
    code = exit_code(diags, strict)
    if fmt == "json":
        output.write_json(diags, len(folders), code == 0, out)
    elif fmt == "github":
        output.write_github(diags, out)
    elif fmt == "gitlab":
        output.write_gitlab(diags, out)
    else:
        output.write_text(diags, len(folders), out)
    return code
