"""Helpers the case commands share: load a valid case or stop with the right exit code."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from reunify.case.load import Case, is_case_folder


def as_of_or_exit(text: str | None) -> dt.date:
    from reunify.cli.validate_cmd import parse_as_of

    try:
        return parse_as_of(text)
    except ValueError as exc:
        sys.stderr.write(f"reunify: {exc}\n")
        raise typer.Exit(2) from None


def load_valid_case(folder: Path, as_of: dt.date) -> Case:
    """A case with no validation errors; otherwise its diagnostics on stderr and exit 1.

    A result computed from misread data is worse than none (cli.md).
    """
    from reunify import diagnostic_output
    from reunify.validate import check_case

    if not is_case_folder(folder):
        sys.stderr.write(f"reunify: {folder}: not a case folder (no case.yaml)\n")
        raise typer.Exit(2)
    case, diags = check_case(folder, as_of)
    errors = [d for d in diags if d.severity == "error"]
    if errors:
        diagnostic_output.write_text(errors, 1, sys.stderr)
        sys.stderr.write("reunify: fix these errors first; no result was computed\n")
        raise typer.Exit(1)
    return case


def print_json(data: object) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
