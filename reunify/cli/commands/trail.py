"""Commands on the audit trail: `decide` (write a decision or classification, commit it) and `history`."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from reunify.cli.common import fail

if TYPE_CHECKING:
    import argparse


def decide(options: argparse.Namespace) -> int:
    """Check the options, then record the entry (reunify.trail.decide does the work)."""
    import datetime as dt
    from pathlib import Path

    from reunify.case.folders import is_case_folder
    from reunify.diagnostics.output import write_text
    from reunify.trail.decide import Refused, out_of_order, record, suggestion

    folder = Path(options.case)
    if not is_case_folder(folder):
        return fail(f"decide: {folder}: not a case folder (no case.yaml)")
    today = dt.date.today()
    try:
        day = dt.date.fromisoformat(options.date) if options.date else today
    except ValueError:
        return fail(f"decide: --date: {options.date!r} is not a date YYYY-MM-DD")
    if day > today:
        return fail(f"decide: --date {day} is in the future: record a decision once it is made")
    if not options.by or not options.by.strip():
        return fail("decide: --by is required: who made the decision")
    if options.decision is not None:
        problems = []
        missing = [n for n, v in (("--role", options.role), ("--outcome", options.outcome),
                                  ("--rationale", options.rationale)) if not v]
        if missing:
            problems.append(f"a decision needs {', '.join(missing)}")
        if options.level is not None:
            problems.append("--level records a classification; leave it out of a decision")
        if options.despite is not None and not options.despite.strip():
            problems.append("--despite needs the reason")
        kind = "decision"
        fields: dict[str, object] = {
            "decision": options.decision, "date": day, "by": options.by, "role": options.role,
            "outcome": options.outcome, "classification": options.classification,
            "ratified_by": options.ratified_by, "rationale": options.rationale}
    elif options.level is not None:
        problems = [] if options.classification else ["a classification needs --classification LABEL (for example RC2)"]
        if options.despite is not None:
            problems.append("--despite is for decisions; a classification that departs from the suggestion takes "
                            "--rationale")
        kind = "classification"
        fields = {"label": options.classification, "date": day, "level": options.level, "by": options.by,
                  "suggested": None, "rationale": options.rationale}
    else:
        return fail("decide: give --decision (a decision) or --level with --classification (a classification)")
    if problems:
        return fail("decide: " + "; ".join(problems))
    skipped: list[str] = []
    try:
        if kind == "decision":
            skipped = out_of_order(folder, options.decision, day)
            if skipped and options.despite is None:
                raise Refused(f"Decision {options.decision} is out of the workflow's order: {'; '.join(skipped)}. "
                              "To record it anyway, say why with --despite \"REASON\" (kept in the entry and its "
                              "commit)")
            if skipped:
                fields["despite"] = " ".join(options.despite.split())
            elif options.despite is not None:
                sys.stderr.write("reunify: decide: nothing is out of order, so --despite was not recorded\n")
        if kind == "classification":
            fields["suggested"] = suggestion(folder, day)
            if fields["suggested"] != options.level and not (options.rationale or "").strip():
                raise Refused(f"the tool suggests {fields['suggested']} on {day}; recording {options.level} needs "
                              "--rationale saying why (002: managers decide, the reasons are recorded)")
        sha = record(folder, kind, fields, today=today, commit=not options.no_commit)
    except Refused as exc:
        if exc.diagnostics:
            write_text(exc.diagnostics, 1, False, sys.stderr)
        return fail(f"decide: refused: {exc}", 1)
    what = f"Decision {options.decision} ({options.outcome})" if kind == "decision" else \
        f"classification {options.classification}: {options.level} (suggested {fields['suggested']})"
    if skipped:
        what += f" despite: {'; '.join(skipped)}"
    where = f"; commit {sha[:7]}" if sha else " (not committed)"
    print(f"recorded {what} in {folder / 'case.yaml'}{where}")
    return 0


def history(options: argparse.Namespace) -> int:
    """Without --verify no YAML is read: the path-limited `git log` is the whole answer."""
    from reunify.trail.git import GitError
    from reunify.trail.history import history as read_history

    folder = options.case
    if not os.path.isfile(os.path.join(folder, "case.yaml")):
        return fail(f"history: {folder}: not a case folder (no case.yaml)")
    if options.format in ("github", "gitlab") and not options.verify:
        return fail(f"history: --format {options.format} prints --verify findings: add --verify")
    case = None
    if options.verify:
        from pathlib import Path

        from reunify.case.load import load_case
        from reunify.diagnostics.output import write_text

        case = load_case(Path(folder), kinds=("case",))
        if case.case is None:
            write_text(case.diagnostics, 1, False, sys.stderr)
            return 1
    try:
        records = read_history(folder, case.case.reference if case else None)
    except GitError as exc:
        return fail(f"history: {exc}")
    reference = case.case.reference if case else (records[-1].case if records else os.path.basename(folder))
    problems = None
    if case is not None:
        from reunify.trail.verify import verify

        problems = verify(case, records)
    from reunify.cli.views.history import show

    show(reference, records, problems, options.format, sys.stdout)
    return 1 if problems else 0
