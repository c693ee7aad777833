"""Commands over a caseload: `status` (one row a case), `audit` (the practice audit) and `outcomes`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterator

from reunify.cli.common import fail, parse_as_of, print_json, print_json_list, show_diagnostics, write_out

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO

    from reunify.caseload.results import Kind


def _rows(options: argparse.Namespace, kind: Kind) -> tuple[Iterator[dict], dt.date] | int:
    """Each case's row of `kind` (read back, or computed in worker processes, with a progress bar for a
    table), or the exit code."""
    from itertools import chain

    from reunify.case.folders import NotACase, caseload
    from reunify.caseload.cache import root_for
    from reunify.caseload.results import rows as results
    from reunify.cli.views.caseload import with_progress
    from reunify.pipeline import settings_problems

    try:
        day = parse_as_of(options.as_of)
        found = caseload(options.caseload)
    except (ValueError, NotACase) as exc:
        return fail(str(exc))
    invalid = settings_problems(found.folders())
    if invalid:
        show_diagnostics(invalid, options.format, len(found.names))
        return fail(f"{invalid[0].file} is invalid: fix it first")
    unusable = ({"case": p.folder.name, "path": str(p.folder), "error": p.diagnostic.message}
                for p in found.problems)  # never skipped silently (docs/command-line.md): a row with its error
    cache = None if options.no_cache else root_for(found.root)
    rows = chain(unusable, results(kind, found, day, cache))
    return with_progress(rows, len(found.names) + len(found.problems), options.format == "table"), day


def _matches(wanted: str | None, *names: str | None) -> bool:
    """As a person types: case-insensitive, any part of any of the names ("sam" finds "Sam Patel")."""
    if wanted is None:
        return True
    needle = wanted.casefold().strip()
    return any(needle in name.casefold() for name in names if name)


def status(options: argparse.Namespace) -> int:
    """One row a case, most urgent first. Rows are kept as compact JSON with their sort keys, past a few MiB
    sorted in runs in a temporary file and merged back (caseload/spool.py): memory never holds every row."""
    from reunify.caseload.spool import Lost
    from reunify.caseload.status import STATUS

    if options.limit is not None and options.limit < 1:
        return fail("status: --limit must be 1 or more")
    if options.output and options.format != "html":
        return fail("status: -o FILE writes the HTML page: add --format html")
    found = _rows(options, STATUS)
    if isinstance(found, int):
        return found
    try:
        return _status(options, *found)
    except Lost as exc:
        return _lost("status", exc)


def _lost(command: str, exc: Exception) -> int:
    """Rows a Spool kept in its temporary file could not be read back (caseload/spool.py)."""
    where = os.environ.get("TMPDIR") or "the system's temporary folder"
    return fail(f"{command}: the rows kept in a temporary file in {where} could not be read back: {exc}", 1)


class _Chosen:
    """The rows `status` prints, decoded as they are read back from its spool, as often as the table asks (to
    choose between table and lines, to size the table, to print it): never all held."""

    def __init__(self, chosen: Callable[[], Iterator[bytes]], count: int) -> None:
        self._chosen, self._count = chosen, count

    def __iter__(self) -> Iterator[dict]:
        import msgspec

        return map(msgspec.json.decode, self._chosen())

    def __len__(self) -> int:
        return self._count


def _status(options: argparse.Namespace, rows: Iterator[dict], day: dt.date) -> int:
    """Filter, sort and print the rows."""
    from itertools import islice

    import msgspec

    from reunify.caseload.spool import Spool
    from reunify.caseload.status import COLUMNS, failed, overdue, urgency
    from reunify.cli.views import caseload as view
    from reunify.diagnostics.escape import utf8

    added = 0
    with Spool() as spool:
        for row in rows:
            r = {**dict.fromkeys(COLUMNS), "managers": (), "supervision_due": False, **row}  # a failed row: its error
            if (_matches(options.worker, r["worker"]) and _matches(options.manager, *r["managers"])
                    and (options.stage is None or r["stage"] == options.stage)
                    and (options.level is None or r["level"] == options.level)
                    and (not options.overdue or (r["overdue"] or 0) > 0)
                    and (not options.supervision or r["supervision_due"])):
                key = urgency(r)  # on the names as they are: two that show alike still sort apart
                r["case"], r["path"] = utf8(r["case"]), utf8(r["path"])  # a name not UTF-8: its bytes as \xff
                spool.add(key, msgspec.json.encode({k: r[k] for k in COLUMNS}))
                added += 1
        printed = [False, False]  # whether any row printed failed to load, has an overdue task

        def chosen() -> Iterator[bytes]:
            for key, data in islice(spool, options.limit):
                printed[0], printed[1] = printed[0] or failed(key), printed[1] or overdue(key)
                yield data

        encoded = chosen()
        chosen_rows = _Chosen(chosen, added if options.limit is None else min(added, options.limit))
        if options.format == "json":
            print_json_list(encoded)
        elif options.format == "csv":
            rows = ({"as_of": day.isoformat(), **msgspec.json.decode(data)} for data in encoded)
            view.write_csv(rows, ("as_of", *COLUMNS), options.bom)
        elif options.format == "html":
            from reunify.cli.views.pages import status_page

            written = write_out(lambda out: out.writelines(status_page(chosen_rows, day)), options.output, "status")
            if written:
                return written
        else:
            view.status_table(chosen_rows)
    return 1 if (options.strict and printed[0]) or (options.fail_on_overdue and printed[1]) else 0


def audit(options: argparse.Namespace) -> int:
    """The share of cases meeting each question and which fail; what is printed case by case (the failing cases,
    the CSV's rows) is kept in a Spool (past a few MiB, sorted runs in a temporary file), not held."""
    from reunify.caseload.audit import ANSWERS
    from reunify.caseload.spool import Lost

    found = _rows(options, ANSWERS)
    if isinstance(found, int):
        return found
    try:
        failed = _audit_csv(options, *found) if options.format == "csv" else _audit(options, *found)
    except Lost as exc:
        return _lost("audit", exc)
    return 1 if options.strict and failed else 0


def _audit(options: argparse.Namespace, rows: Iterator[dict], day: dt.date) -> bool:
    """The audit as a table, JSON or Markdown; whether any case could not be audited."""
    from reunify.caseload.audit import summarise
    from reunify.caseload.spool import Spool
    from reunify.cli.views import caseload as view

    with Spool(sections=True) as spool:
        report = summarise(rows, day, spool)
        if options.format == "json":
            print_json(report)
        elif options.format == "markdown":
            sys.stdout.writelines(view.audit_markdown(report))
        else:
            view.audit_table(report)
        return bool(report["errors"])


def _audit_csv(options: argparse.Namespace, rows: Iterator[dict], day: dt.date) -> bool:
    """`audit --format csv`, in order of case: each case's answers kept in a Spool, not all held until the last
    case is in. Whether any case could not be audited."""
    import msgspec

    from reunify.caseload.audit import CSV_COLUMNS, answer_rows
    from reunify.caseload.spool import Spool
    from reunify.cli.views import caseload as view
    from reunify.diagnostics.escape import utf8

    failed = False
    with Spool() as spool:
        for row in rows:
            failed = failed or bool(row["error"])
            # As `status` keeps its rows: a folder name not UTF-8 shown as its bytes (`\xff`), as the CSV shows it.
            shown = {k: utf8(row[k]) if row[k] else row[k] for k in ("case", "path", "error")}
            spool.add((row["case"], row["path"]), msgspec.msgpack.encode({**row, **shown}))
        back = (msgspec.msgpack.decode(data) for _, data in spool)
        view.write_csv(answer_rows(back, day), CSV_COLUMNS, options.bom)
    return failed


def outcomes(options: argparse.Namespace) -> int:
    """What happened after children went home (docs/command-line.md "Outcomes"): a table, JSON, CSV, Markdown or an HTML page,
    written as it is made; each return's row, and its time home for the Kaplan-Meier estimate, kept in a Spool."""
    from reunify.caseload.outcomes import OUTCOMES
    from reunify.caseload.spool import Lost
    from reunify.cli.common import parse_date

    try:
        start = parse_date(options.start, "--from") if options.start else None
        end = parse_date(options.end, "--to") if options.end else None
    except ValueError as exc:
        return fail(str(exc))
    if start and end and start > end:
        return fail(f"outcomes: --from {start} is after --to {end}: no return home can fall between them")
    if options.output and options.format == "table":
        return fail("outcomes: -o FILE needs --format json, csv, markdown or html")
    found = _rows(options, OUTCOMES)
    if isinstance(found, int):
        return found
    try:
        return _outcomes(options, *found, start, end)
    except Lost as exc:
        return _lost("outcomes", exc)


def _outcomes(options: argparse.Namespace, rows: Iterator[dict], day: dt.date, start: dt.date | None,
              end: dt.date | None) -> int:
    """The document in the format asked for, to stdout or atomically to -o FILE; the exit code."""
    from reunify.caseload.outcomes import CSV_COLUMNS, summarise
    from reunify.caseload.spool import Spool
    from reunify.cli.views import outcomes as view

    with Spool(sections=True) as spool:
        report = summarise(rows, day, start, end, spool)

        def write(out: TextIO) -> None:
            if options.format == "json":
                print_json(report, out)
            elif options.format == "csv":
                view.write_csv(report, CSV_COLUMNS, options.bom, out)
            else:
                out.writelines(view.markdown(report) if options.format == "markdown" else view.html_page(report))

        if options.format == "table":
            view.table(report)
        else:
            written = write_out(write, options.output, "outcomes")
            if written:
                return written
        return 1 if options.strict and report["errors"] else 0
