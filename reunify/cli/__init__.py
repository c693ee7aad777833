"""Console entry point.

`validate` runs in every commit as a pre-commit hook, `history` should cost
little more than the `git log` it wraps, and `classify`/`checklist` run per
case in a team's CI, so these are dispatched before typer is imported (typer
costs 70-90 ms here, plus pydantic when a command runs): a small argparse
front end with the same flags, output and exit codes.
Every other command goes through the typer app. Tests run both paths on the
same inputs.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("validate", "history", "classify", "checklist"):
        from reunify.cli import fast

        sys.exit(fast.run(args[0], args[1:]))
    from reunify.cli.app import app

    app(args=args, prog_name="reunify")
