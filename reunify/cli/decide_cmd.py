"""`reunify decide`: check the options, then record (reunify.decide does the work)."""

from __future__ import annotations

import datetime as dt
import sys
import typing
from pathlib import Path


def _usage(message: str) -> int:
    sys.stderr.write(f"reunify decide: {message}\n")
    return 2


def run(folder: Path, *, decision: str | None, classification: str | None, level: str | None, by: str | None,
        role: str | None, outcome: str | None, ratified_by: str | None, rationale: str | None, date: str | None,
        commit: bool) -> int:
    from reunify import diagnostic_output
    from reunify.case.load import is_case_folder
    from reunify.case.model import DecisionKind, Level, Outcome, Role
    from reunify.decide import Refused, record, suggestion

    if not is_case_folder(folder):
        return _usage(f"{folder}: not a case folder (no case.yaml)")
    today = dt.date.today()
    try:
        day = dt.date.fromisoformat(date) if date else today
    except ValueError:
        return _usage(f"--date: {date!r} is not a date YYYY-MM-DD")
    if day > today:
        return _usage(f"--date {day} is in the future: record a decision once it is made")
    if not by or not by.strip():
        return _usage("--by is required: who made the decision")

    def allowed(value: str | None, name: str, kind: object) -> str | None:
        words = typing.get_args(kind)
        return None if value is None or value in words else f"{name} must be one of: {', '.join(words)}"

    if decision is not None:
        problems = [allowed(decision, "--decision", DecisionKind), allowed(role, "--role", Role),
                    allowed(outcome, "--outcome", Outcome)]
        missing = [n for n, v in (("--role", role), ("--outcome", outcome), ("--rationale", rationale)) if not v]
        if missing:
            problems.append(f"a decision needs {', '.join(missing)}")
        if level is not None:
            problems.append("--level records a classification; leave it out of a decision")
        kind = "decision"
        fields: dict[str, object] = {"decision": decision, "date": day, "by": by, "role": role, "outcome": outcome,
                                     "classification": classification, "ratified_by": ratified_by,
                                     "rationale": rationale}
    elif level is not None:
        problems = [allowed(level, "--level", Level)]
        if not classification:
            problems.append("a classification needs --classification LABEL (for example RC2)")
        kind = "classification"
        fields = {"label": classification, "date": day, "level": level, "by": by, "suggested": None,
                  "rationale": rationale}
    else:
        return _usage("give --decision (a decision) or --level with --classification (a classification)")
    problems = [p for p in problems if p]
    if problems:
        return _usage("; ".join(problems))
    try:
        if kind == "classification":
            fields["suggested"] = suggestion(folder, day)
            if fields["suggested"] != level and not (rationale or "").strip():
                raise Refused(f"the tool suggests {fields['suggested']} on {day}; recording {level} needs "
                              "--rationale saying why (002: managers decide, the reasons are recorded)")
        sha = record(folder, kind, fields, today=today, commit=commit)
    except Refused as exc:
        if exc.diagnostics:
            diagnostic_output.write_text(exc.diagnostics, 1, sys.stderr)
        sys.stderr.write(f"reunify decide: refused: {exc}\n")
        return 1
    what = f"Decision {decision} ({outcome})" if kind == "decision" else \
        f"classification {classification}: {level} (suggested {fields['suggested']})"
    where = f"; commit {sha[:7]}" if sha else " (not committed)"
    print(f"recorded {what} in {folder / 'case.yaml'}{where}")
    return 0
