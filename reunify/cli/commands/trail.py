"""Commands on the audit trail: `decide` (write a decision, classification or ratification, commit it) and `history`."""

from __future__ import annotations

import os
import sys

from reunify.cli.common import fail, not_a_case, shown

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs ~4 ms; history starts fast

if TYPE_CHECKING:
    import argparse
    import datetime as dt
    from pathlib import Path

    from reunify.trail.verify import Versions


def _text_problems(options: argparse.Namespace) -> list[str]:
    """Names and labels go into YAML, trailers and terminals: no control characters; labels as the format says."""
    import re

    from reunify.case.model import LABEL_PATTERN
    from reunify.diagnostics.escape import has_control

    out = []
    for flag, value in (("--by", options.by), ("--ratified-by", options.ratified_by),
                        ("--classification", options.classification)):
        if value is not None and has_control(value):
            out.append(f"{flag} must not hold control characters")
    for flag, value in (("--rationale", options.rationale), ("--despite", options.despite)):
        if value is not None and has_control(value.replace("\t", " "), multiline=True):
            out.append(f"{flag} must not hold control characters")
    if options.classification is not None and not re.fullmatch(LABEL_PATTERN, options.classification):
        out.append(f"--classification {shown(repr(options.classification))} must be letters, digits and hyphens, "
                   "starting with a letter or digit (for example RC2), with no spaces")
    return out


def _fields(options: argparse.Namespace, day: dt.date) -> tuple[str, dict[str, object], list[str]] | int:
    """(kind, fields, problems) of the entry the options describe, or the exit code of a usage error."""
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
        return "decision", {
            "decision": options.decision, "date": day, "by": options.by, "role": options.role,
            "outcome": options.outcome, "classification": options.classification,
            "ratified_by": options.ratified_by, "rationale": options.rationale}, problems
    if options.level is not None:
        problems = [] if options.classification else ["a classification needs --classification LABEL (for example RC2)"]
        if options.despite is not None:
            problems.append("--despite is for decisions; a classification that departs from the suggestion takes "
                            "--rationale")
        return "classification", {"label": options.classification, "date": day, "level": options.level,
                                  "by": options.by, "suggested": None, "rationale": options.rationale}, problems
    return fail("decide: give --decision (a decision), --level with --classification (a classification), "
                "or --ratify 3 (a ratification)")


def decide(options: argparse.Namespace) -> int:
    """Check the options, then record the entry (reunify.trail.decide does the work)."""
    import datetime as dt
    from pathlib import Path

    from reunify.case.folders import is_case_folder
    from reunify.cli.common import parse_date, settings_for
    from reunify.diagnostics.output import write_text
    from reunify.trail.decide import Refused, ratify, record

    folder = Path(options.case)
    if not is_case_folder(folder):
        return not_a_case("decide", folder)
    today = dt.date.today()
    try:
        day = parse_date(options.date, "--date") if options.date is not None else today
    except ValueError as exc:
        return fail(f"decide: {exc}")
    if day > today:
        return fail(f"decide: --date {day} is in the future: record a decision once it is made")
    if not options.by or not options.by.strip():
        return fail("decide: --by is required: who made the decision")
    problems = _text_problems(options)
    if options.ratify is not None:
        extra = [n for n, v in (("--decision", options.decision), ("--level", options.level),
                                ("--role", options.role), ("--outcome", options.outcome),
                                ("--classification", options.classification), ("--ratified-by", options.ratified_by),
                                ("--rationale", options.rationale)) if v is not None]
        if extra:
            problems.append(f"--ratify records only who ratified and when (--by, --date): leave out {', '.join(extra)}")
    if problems:
        return fail("decide: " + "; ".join(problems))
    if isinstance(found := settings_for(folder, "decide"), int):
        return found
    try:
        if options.ratify is not None:
            sha, of = ratify(folder, options.ratify, options.by.strip(), day, today=today,
                             commit=not options.no_commit, sign=options.sign)
            what = f"the ratification of Decision {options.ratify} of {of} by {options.by.strip()}"
        else:
            entry = _fields(options, day)
            if isinstance(entry, int):
                return entry
            kind, fields, wrong = entry
            if wrong:
                return fail("decide: " + "; ".join(wrong))
            sha, skipped = record(folder, kind, fields, today=today, commit=not options.no_commit, settings=found,
                                  despite=options.despite, sign=options.sign)
            if kind == "decision" and not skipped and options.despite is not None:
                sys.stderr.write("reunify: decide: nothing is out of order, so --despite was not recorded\n")
            what = f"Decision {options.decision} ({options.outcome})" if kind == "decision" else \
                f"classification {options.classification}: {options.level} (suggested {fields['suggested']})"
            if skipped:
                what += f" despite: {'; '.join(skipped)}"
    except Refused as exc:
        if exc.diagnostics:
            write_text(exc.diagnostics, 1, False, sys.stderr)
        fail(f"decide: refused: {exc}", 1)
        sys.stderr.writelines(f"  {shown(line)}\n" for line in exc.output)
        return 1
    where = f"; commit {sha[:7]}" if sha else " (not committed)"
    print(shown(f"recorded {what} in {folder / 'case.yaml'}{where}"))
    return 0


def start_history(args: list[str]) -> None:
    """Begin history's `git log` before the command line is parsed and the rest imported (trail.launch.start), when
    `args` (what follows `history`) are plainly one case folder and history's own options: git walks every commit
    before it prints the first, and that walk then runs while Python starts. Anything else (help, a mistake, a
    folder left out) waits for the parser, and reunify.cli.run ends what the handler did not take."""
    folder = None
    given = iter(args)
    for arg in given:
        if arg in ("--verify", "--signed"):
            continue
        if arg in ("--format", "-f"):
            next(given, None)
            continue
        if arg.startswith("-") or folder is not None:
            return
        folder = arg
    if folder is not None and os.path.isfile(os.path.join(folder, "case.yaml")):
        from reunify.trail.launch import FORMAT, start

        start(folder, FORMAT)


def history(options: argparse.Namespace) -> int:
    """With the cyclic garbage collector off: history is one short run whose objects (the trail, --verify's versions
    of case.yaml, the table) live until it ends, so the collector only walked them again and again as they grew
    (~10% of the time of `history`, more with --verify; the memory used over 5,000 commits is the same)."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        return _history(options)
    finally:
        if collecting:
            gc.enable()


def _history(options: argparse.Namespace) -> int:
    """Without --verify no YAML is read: the `git log` is the whole answer."""
    # Imported now, while the git log start_history began walks the commits: the view, and subprocess for the git
    # commands that follow the log (`git diff-tree` where the file appeared, --verify's), ~4 ms after it otherwise.
    import subprocess  # noqa: F401

    from reunify.cli.common import settings_refused
    from reunify.cli.views.history import cells, show
    from reunify.trail.git import GitError, NoGit
    from reunify.trail.history import history as read_history

    folder = options.case
    if not os.path.isfile(os.path.join(folder, "case.yaml")):
        return not_a_case("history", folder)
    if options.format in ("github", "gitlab") and not options.verify:
        return fail(f"history: --format {options.format} prints --verify findings: add --verify")
    if options.signed and not options.verify:
        return fail("history: --signed checks signatures as part of --verify: add --verify")
    refused = settings_refused(folder, "history", options.format)
    if refused is not None:
        return refused
    case = None
    if options.verify:
        from pathlib import Path

        from reunify.case.load import load_case
        from reunify.cli.common import show_diagnostics

        case = load_case(Path(folder), kinds=("case",))
        if case.case is None:
            show_diagnostics(case.diagnostics, options.format)
            return 1
    try:
        made: dict[str, tuple[str, ...]] = {}  # the table's cells, made as git streams
        records = read_history(folder, (lambda r: made.__setitem__(r.commit, cells(r))) if options.format == "text" else None)
        problems = signers = None
        if case is not None:  # this case's records; the references of any others say why an entry has none
            others = sorted({r.case for r in records} - {case.case.reference})
            records = [r for r in records if r.case == case.case.reference]
            problems, signers = _verify(Path(folder), case, records, options.signed, others)
    except NoGit as exc:
        return fail(f"history: {exc}", 1)
    except GitError as exc:
        return fail(f"history: {exc}")
    reference = case.case.reference if case else (records[-1].case if records else os.path.basename(folder))
    show(reference, records, problems, options.format, sys.stdout, signers, made)
    return 1 if problems else 0


def _verify(folder: Path, case: object, records: list, signed: bool, others: list[str]) -> tuple[list, dict | None]:
    """The --verify findings, and with --signed each commit's (good, signer).

    git runs in the case folder, as the history's `git log` did: outside a repository that already failed.
    A shallow clone is one finding (RU507) and nothing else: the commits it lacks would make every entry look
    like a hand edit.
    """
    from reunify.trail import git
    from reunify.trail.verify import Versions, hidden, shallow, verify

    if git.is_shallow(folder):
        return [shallow(case)], None  # type: ignore[arg-type]
    versions = Versions(git.blobs(folder, [blob for r in records for blob in (*r.before, r.after)]))
    signatures = {r.commit: git.verify_commit(folder, r.commit) for r in records} if signed else None
    flag = git.index_flag(folder)
    found = verify(case, records, versions, signatures, others, _removals(folder, case, records, versions))  # type: ignore[arg-type]
    return ([hidden(case, flag)] if flag else []) + found, signatures


def _removals(folder: Path, case: object, records: list, versions: Versions) -> dict:
    """For each recorded entry no longer in case.yaml (RU503), the commit that took it out (verify.removed_by):
    a second walk of the graph, with authors and every hand edit, only when there is such an entry."""
    from functools import cache

    from reunify.trail import git
    from reunify.trail.verify import Change, gone, removed_by

    missing = gone(case, records)  # type: ignore[arg-type]
    if not missing:
        return {}
    walk = git.Graph(folder, "%H%x00%P%x00%an%x00%aI", 4)
    changes = [Change(t.fields[0], t.fields[2], t.fields[3], [old for old, _, _ in t.changes], t.changes[0][1],
                      len(t.fields[1].split())) for t in walk.settled() if t.changes]
    versions.update(git.blobs(folder, list({blob for c in changes for blob in (*c.before, c.after)} - versions.keys())))
    # read only if a commit after an unreadable version, or a merge, is judged; once, if the walk read it
    graph = cache(lambda: walk.graph or git.parents(folder))
    return removed_by(missing, changes, versions, git.show_file(folder, ["HEAD"])[0], graph)
