"""argparse front ends for the hot commands (`validate`, `history`): no typer, no rich."""

from __future__ import annotations

import argparse


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | int:
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)


def _case_parser(command: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"reunify {command}", description=description)
    parser.add_argument("case", metavar="CASE", help="a case folder")
    parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="date to work from (default today)")
    parser.add_argument("--format", "-f", default="text", choices=("text", "json"), help="output format")
    return parser


def run(command: str, argv: list[str]) -> int:
    if command in ("classify", "checklist"):
        from reunify.cli.case_cmds import run_checklist, run_classify

        if command == "classify":
            parser = _case_parser(command, "The traffic-light grid, suggested and recorded level, movement advice.")
            ns = _parse(parser, argv)
            return ns if isinstance(ns, int) else run_classify(ns.case, ns.as_of, ns.format)
        parser = _case_parser(command, "The five-stage checklist: current stage, every task, next actions.")
        parser.add_argument("--strict", action="store_true", help="exit 1 when a task is overdue")
        ns = _parse(parser, argv)
        return ns if isinstance(ns, int) else run_checklist(ns.case, ns.as_of, ns.format, ns.strict)
    if command == "validate":
        from reunify.cli.validate_cmd import FORMATS, run_validate

        parser = argparse.ArgumentParser(
            prog="reunify validate",
            description="Check case files, case folders or caseloads; report file:line:col: CODE message.",
        )
        parser.add_argument("paths", nargs="*", metavar="PATH", help="case folders, caseloads, or files")
        parser.add_argument("--format", "-f", default="text", choices=FORMATS, help="output format")
        parser.add_argument("--strict", action="store_true", help="fail on warnings too")
        parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="date to check against (default today)")
        ns = _parse(parser, argv)
        return ns if isinstance(ns, int) else run_validate(ns.paths, ns.format, ns.strict, ns.as_of)
    from reunify.cli.history_cmd import run_history

    parser = argparse.ArgumentParser(prog="reunify history",
                                     description="The audit trail of decisions and classifications from git.")
    parser.add_argument("case", metavar="CASE", help="a case folder")
    parser.add_argument("--format", "-f", default="text", choices=("text", "json"), help="output format")
    parser.add_argument("--verify", action="store_true", help="check the file against the commits (exit 1 on problems)")
    ns = _parse(parser, argv)
    return ns if isinstance(ns, int) else run_history(ns.case, ns.format, ns.verify)
