"""`reunify validate`: the pre-commit hook's command, so it imports only what checking needs."""

from __future__ import annotations

import argparse
import sys

PARALLEL_FROM = 24  # cases: below this, starting worker processes costs more than it saves (measured, README)


def run(options: argparse.Namespace) -> int:
    """Validate and print; returns the exit code (0 ok, 1 findings, 2 usage)."""
    from reunify.case.folders import NotACase, resolve
    from reunify.cli.common import fail, parse_as_of
    from reunify.diagnostics.output import WRITERS
    from reunify.pipeline import exit_code, validate_folders

    if not options.paths:
        return fail("validate: give at least one case folder, caseload or file")
    try:
        as_of = parse_as_of(options.as_of)
        folders = resolve(options.paths)
    except (ValueError, NotACase) as exc:
        return fail(f"validate: {exc}")
    if len(folders) < PARALLEL_FROM:  # one case, as in a pre-commit hook: no worker processes to start
        diags = validate_folders(folders, as_of)
    else:
        from reunify.caseload.validate import validate_many
        from reunify.cli.views.caseload import with_progress

        diags = validate_many(folders, as_of, lambda rows: with_progress(rows, len(folders), True, "checking cases"))
    code = exit_code(diags, options.strict)
    WRITERS[options.format](diags, len(folders), code == 0, sys.stdout)
    return code
