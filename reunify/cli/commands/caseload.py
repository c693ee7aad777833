"""Commands over a caseload: `status` (one row a case) and `audit` (the practice audit)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from reunify.cli.common import fail, parse_as_of, print_json


def _rows(options: argparse.Namespace, work: Callable) -> tuple[Iterator[dict], dt.date] | int:
    """Each case's row from `work` (in worker processes, with a progress bar for a table), or the exit code."""
    from itertools import chain

    from reunify.case.folders import NotACase, resolve
    from reunify.caseload.cache import root_for
    from reunify.caseload.pool import run
    from reunify.cli.views.caseload import with_progress
    from reunify.diagnostics.output import write_text
    from reunify.pipeline import settings_problems

    try:
        day = parse_as_of(options.as_of)
        folders, problems = resolve([options.caseload], files_ok=False)
    except (ValueError, NotACase) as exc:
        return fail(str(exc))
    invalid = settings_problems(folders)
    if invalid:
        write_text(invalid, len(folders), False, sys.stderr)
        return fail(f"{invalid[0].file} is invalid: fix it first")
    unusable = ({"case": p.folder.name, "path": str(p.folder), "error": p.diagnostic.message}
                for p in problems)  # never skipped silently (cli.md): a row with its error
    cache = None if options.no_cache else root_for(Path(options.caseload))
    rows = chain(unusable, run(folders, day, work, cache))
    return with_progress(rows, len(folders) + len(problems), options.format == "table"), day


def status(options: argparse.Namespace) -> int:
    from reunify.caseload.status import COLUMNS, status_row, urgency
    from reunify.cli.views import caseload as view

    found = _rows(options, status_row)
    if isinstance(found, int):
        return found
    rows = ({**dict.fromkeys(COLUMNS), **r} for r in found[0])  # a row that failed in its worker has only the error
    kept = [r for r in rows if (options.worker is None or r["worker"] == options.worker)
            and (options.stage is None or r["stage"] == options.stage)
            and (options.level is None or r["level"] == options.level)
            and (not options.overdue or (r["overdue"] or 0) > 0)]
    kept.sort(key=urgency)
    if options.format == "json":
        print_json(kept)
    elif options.format == "csv":
        view.status_csv(kept, COLUMNS)
    else:
        view.status_table(kept)
    return 1 if options.strict and any(r["error"] for r in kept) else 0


def audit(options: argparse.Namespace) -> int:
    from reunify.caseload.audit import audit_row, summarise
    from reunify.cli.views import caseload as view

    found = _rows(options, audit_row)
    if isinstance(found, int):
        return found
    report = summarise(*found)
    if options.format == "json":
        print_json(report)
    elif options.format == "markdown":
        sys.stdout.write(view.audit_markdown(report))
    else:
        view.audit_table(report)
    return 1 if options.strict and report["errors"] else 0
