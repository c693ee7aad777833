"""`reunify decide`: add a decision or classification to case.yaml and commit it, or refuse.

Refusing means nothing written and nothing committed: the edit is checked in
memory first, written atomically, and put back if the commit fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reunify.case.write import EditError, append_entry, atomic_write
from reunify.diagnostics.record import Diagnostic, errors
from reunify.trail import git
from reunify.trail.history import entry_fields, trailers_for


class Refused(Exception):
    """The decision was not recorded; the message says why and what to do."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


def _valid_case(folder: Path, on: dt.date, what: str):
    from reunify.pipeline import check_case

    case, diags = check_case(folder, on)
    problems = errors(diags)
    if problems:
        raise Refused(f"the case has validation errors: fix them before recording {what}", problems)
    return case


def suggestion(folder: Path, on: dt.date) -> str:
    """What the classification engine suggests for the case on a date (fills `suggested`)."""
    from reunify.framework.classification import suggested_level

    return suggested_level(_valid_case(folder, on, "a classification"), on)


def out_of_order(folder: Path, decision: str, on: dt.date) -> list[str]:
    """What the workflow expects before `decision` on `on` and the record lacks (the order guard, cli.md)."""
    from reunify.case import settings
    from reunify.framework.facts import Facts
    from reunify.framework.order import missing_before

    case = _valid_case(folder, on, "a decision")
    return missing_before(Facts(case, on, settings.for_case(folder)[0]), decision, on)


def record(folder: Path, kind: str, fields: dict[str, object], *, today: dt.date, commit: bool) -> str | None:
    """Append the entry and commit it; returns the commit hash (None with commit=False)."""
    from reunify.pipeline import check_case

    path = folder / "case.yaml"
    root = None
    if commit:
        root = git.repo_root(folder)
        if root is None:
            raise Refused(f"{folder} is not in a git repository: use --no-commit to write without the audit trail")
        if git.has_uncommitted_changes(path, root):
            raise Refused(f"{path} has uncommitted changes: commit or discard them first, so the decision's "
                          "commit holds only the decision")
    old = path.read_bytes().decode("utf-8")  # keep CRLF and every other byte as they are
    key = "decisions" if kind == "decision" else "classifications"
    try:
        new = append_entry(old, key, fields)
    except EditError as exc:
        raise Refused(str(exc)) from None
    case, diags = check_case(folder, today, overrides={"case": new})
    problems = errors(diags)
    if problems:
        raise Refused("the new entry would not validate; nothing was written", problems)
    if case.case is None:  # pragma: no cover - errors above would have said why
        raise Refused("case.yaml could not be read back")
    atomic_write(path, new)
    if not commit or root is None:
        return None
    entry = (case.case.decisions if kind == "decision" else case.case.classifications)[-1]  # as read back
    reference = case.case.reference
    if kind == "decision":
        subject = f"Record Decision {fields['decision']} ({fields['outcome']}) for {reference}"
    else:
        subject = f"Record classification {fields['label']} ({fields['level']}) for {reference}"
    try:
        return git.commit_file(path, root, subject, trailers_for(reference, kind, entry_fields(kind, entry)))
    except git.GitError as exc:
        atomic_write(path, old)
        raise Refused(f"git did not commit ({exc}); case.yaml was put back as it was") from None
