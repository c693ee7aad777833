"""argparse front end for `reunify validate` (the pre-commit hot path: no typer)."""

from __future__ import annotations

import argparse

from reunify.cli.validate_cmd import FORMATS, run_validate


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="reunify validate",
        description="Check case files, case folders or caseloads; report file:line:col: CODE message.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="case folders, caseloads, or files")
    parser.add_argument("--format", "-f", default="text", choices=FORMATS, help="output format")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="date to check against (default today)")
    try:
        ns = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return run_validate(ns.paths, ns.format, ns.strict, ns.as_of)
