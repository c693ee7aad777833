"""`classify` and `checklist`, shared by the fast argparse front end and the typer app.

Each returns the exit code; rich is imported only for human output.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from reunify.case.load import Case


def _fail(message: str, code: int = 2) -> int:
    sys.stderr.write(f"reunify: {message}\n")
    return code


def load_for_result(folder_text: str, as_of_text: str | None, fmt: str) -> tuple[Case, dt.date] | int:
    """A valid case and the as-of date, or the exit code after saying why.

    A case with validation errors gets no result: its diagnostics go to stderr
    and the exit is 1 (a result computed from misread data is worse than none).
    """
    from reunify import diagnostic_output, diagnostics
    from reunify.case.load import is_case_folder
    from reunify.cli.validate_cmd import parse_as_of
    from reunify.validate import check_case

    if fmt not in ("text", "json"):
        return _fail("--format must be one of: text, json")
    try:
        day = parse_as_of(as_of_text)
    except ValueError as exc:
        return _fail(str(exc))
    folder = Path(folder_text)
    if not is_case_folder(folder):
        return _fail(f"{folder}: not a case folder (no case.yaml)")
    case, diags = check_case(folder, day)
    errors = diagnostics.errors(diags)
    if errors:
        diagnostic_output.write_text(errors, 1, sys.stderr)
        return _fail("fix these errors first; no result was computed", 1)
    return case, day


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def run_classify(folder: str, as_of: str | None, fmt: str) -> int:
    from reunify import results

    loaded = load_for_result(folder, as_of, fmt)
    if isinstance(loaded, int):
        return loaded
    result = results.classification(*loaded)
    if fmt == "json":
        print_json(result)
    else:
        from reunify.cli import classify_view

        classify_view.show(result)
    return 0


def run_checklist(folder: str, as_of: str | None, fmt: str, strict: bool) -> int:
    from reunify import results, settings

    loaded = load_for_result(folder, as_of, fmt)
    if isinstance(loaded, int):
        return loaded
    case, day = loaded
    result = results.checklist(case, day, settings.for_case(case.folder)[0])
    if fmt == "json":
        print_json(result)
    else:
        from reunify.cli import checklist_view

        checklist_view.show(result)
    return 1 if strict and any(t["status"] == "overdue" for t in result["tasks"]) else 0
