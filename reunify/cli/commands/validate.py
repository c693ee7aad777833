"""`reunify validate`: the pre-commit hook's command, so it imports only what checking needs."""

from __future__ import annotations

import argparse
import sys

PARALLEL_FROM = 24  # cases: below this, starting worker processes costs more than it saves (measured, README)


def run(options: argparse.Namespace) -> int:
    """Validate and print; returns the exit code (0 ok, 1 findings, 2 usage or invalid settings)."""
    from reunify.case.folders import NotACase, resolve
    from reunify.cli.common import fail, parse_as_of
    from reunify.diagnostics.output import WRITERS
    from reunify.pipeline import exit_code, settings_problems, validate_folders

    if not options.paths:
        return fail("validate: give at least one case folder, caseload or file")
    try:
        as_of = parse_as_of(options.as_of)
        folders, problems = resolve(options.paths)
    except (ValueError, NotACase) as exc:
        return fail(f"validate: {exc}")
    invalid = settings_problems(folders)
    if invalid:  # the rules would run on settings nobody chose: exit 2, as every command does
        WRITERS[options.format](invalid, len(folders), False, sys.stdout)
        return fail(f"validate: {invalid[0].file} is invalid (line {invalid[0].line or 1}): fix it first")
    if len(folders) < PARALLEL_FROM:  # one case, as in a pre-commit hook: no worker processes to start
        checked = validate_folders(folders, as_of)
    else:
        from reunify.caseload.validate import validate_many
        from reunify.cli.views.caseload import with_progress

        checked = validate_many(folders, as_of, lambda rows: with_progress(rows, len(folders), True, "checking cases"))
    diags = [p.diagnostic for p in problems] + checked
    code = exit_code(diags, options.strict)
    WRITERS[options.format](diags, len(folders) + len(problems), code == 0, sys.stdout)
    return code
