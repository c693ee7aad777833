"""The typer app: one small function per command; the layers do the work."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from reunify.cli.validate_cmd import run_validate

app = typer.Typer(
    name="reunify",
    help="The NSPCC Reunification Practice Framework for case folders kept in git.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

AsOf = Annotated[Optional[str], typer.Option("--as-of", metavar="YYYY-MM-DD", help="Date to work from (default today).")]


def fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"reunify: {message}\n")
    return typer.Exit(code)


def _format(value: str, allowed: tuple[str, ...] = ("text", "json")) -> str:
    if value not in allowed:
        raise fail(f"--format must be one of: {', '.join(allowed)}")
    return value


@app.command()
def validate(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH...", help="Case folders, caseloads or files.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text | json | github | gitlab")] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    as_of: AsOf = None,
) -> None:
    """Check case files: errors as file:line:col: CODE message."""
    raise typer.Exit(run_validate(paths or [], format, strict, as_of))


@app.command()
def new(
    case: Annotated[Path, typer.Argument(help="The case folder to create.")],
    reference: Annotated[str, typer.Option("--reference", help="Case reference, e.g. RU-2026-0001.")],
    child_name: Annotated[str, typer.Option("--child-name", help="The child's full name.")],
    legal_status: Annotated[str, typer.Option("--legal-status", help="The child's legal status.")] = "other",
) -> None:
    """Scaffold a case folder that validates at once."""
    import re
    import typing

    from reunify.case.model import LegalStatus
    from reunify.scaffold import scaffold

    if case.exists():
        raise fail(f"{case} already exists: choose a new folder")
    if not re.fullmatch(r"[A-Za-z0-9-]+", reference):
        raise fail("--reference may hold only letters, digits and hyphens")
    statuses = typing.get_args(LegalStatus)
    if legal_status not in statuses:
        raise fail(f"--legal-status must be one of: {', '.join(statuses)}")
    if not child_name.strip():
        raise fail("--child-name must not be empty")
    try:
        written = scaffold(case, reference, child_name.strip(), legal_status)
    except OSError as exc:
        raise fail(f"cannot create {case}: {exc.strerror}") from None
    for path in written:
        print(f"wrote {path}")


@app.command()
def schema(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write into.")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas (draft-07) of the seven case files."""
    from reunify.schema_export import write

    try:
        for path in write(output):
            print(f"wrote {path}")
    except OSError as exc:
        raise fail(f"cannot write schemas to {output}: {exc.strerror}") from None


@app.command()
def rules(
    format: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
) -> None:
    """List the validation codes and practice rules with their sources."""
    from reunify.cli import rules_view

    rules_view.show(_format(format))


CaseArg = Annotated[Path, typer.Argument(metavar="CASE", help="A case folder.")]
Format = Annotated[str, typer.Option("--format", "-f", help="text | json")]


@app.command()
def classify(case: CaseArg, as_of: AsOf = None, format: Format = "text") -> None:
    """The traffic-light grid, suggested and recorded level, and movement advice."""
    from reunify.cli.case_cmds import run_classify

    raise typer.Exit(run_classify(str(case), as_of, format))


@app.command()
def checklist(
    case: CaseArg,
    as_of: AsOf = None,
    format: Format = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when a task is overdue.")] = False,
) -> None:
    """The five-stage checklist: current stage, every task, next actions with dates."""
    from reunify.cli.case_cmds import run_checklist

    raise typer.Exit(run_checklist(str(case), as_of, format, strict))


@app.command()
def history(
    case: CaseArg,
    format: Format = "text",
    verify: Annotated[bool, typer.Option("--verify", help="Check the file against the commits (exit 1 on problems).")]
    = False,
) -> None:
    """The audit trail of decisions and classifications from git, oldest first."""
    from reunify.cli.history_cmd import run_history

    raise typer.Exit(run_history(str(case), format, verify))


@app.command()
def decide(
    case: CaseArg,
    decision: Annotated[Optional[str], typer.Option(
        "--decision", help="1 | 2 | 3 | emergency-placed-with-parents | cpag | closure")] = None,
    classification: Annotated[Optional[str], typer.Option("--classification", help="Classification label (RC1...): "
                                                          "the one recorded, or the one a decision confirms.")] = None,
    level: Annotated[Optional[str], typer.Option(
        "--level", help="low | medium | high | severe (records a classification)")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Who decided (a manager's name).")] = None,
    role: Annotated[Optional[str], typer.Option("--role", help="The decision maker's role.")] = None,
    outcome: Annotated[Optional[str], typer.Option("--outcome", help="proceed | do-not-proceed | permanence")] = None,
    ratified_by: Annotated[Optional[str], typer.Option("--ratified-by", help="Who ratified it (Decision 3).")] = None,
    rationale: Annotated[Optional[str], typer.Option("--rationale", help="Why.")] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", metavar="YYYY-MM-DD", help="Date of the entry (default today).")] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help="Write case.yaml without committing.")] = False,
) -> None:
    """Record a decision or a classification in case.yaml and commit it with trailers."""
    from reunify.cli import decide_cmd

    raise typer.Exit(decide_cmd.run(case, decision=decision, classification=classification, level=level, by=by,
                                    role=role, outcome=outcome, ratified_by=ratified_by, rationale=rationale,
                                    date=date, commit=not no_commit))


def _caseload(path: Path) -> list[Path]:
    from reunify.targets import NotACase, resolve

    try:
        return resolve([str(path)], files_ok=False)
    except NotACase as exc:
        raise fail(str(exc)) from None


@app.command()
def status(
    caseload: Annotated[Path, typer.Argument(metavar="CASELOAD", help="A folder of case folders.")],
    as_of: AsOf = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
    worker: Annotated[Optional[str], typer.Option("--worker", help="Only this social worker's cases.")] = None,
    stage: Annotated[Optional[int], typer.Option("--stage", help="Only cases at this stage (1-5).")] = None,
    level: Annotated[Optional[str], typer.Option("--level", help="Only cases recorded at this level.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only cases with an overdue task.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any case failed to load.")] = False,
) -> None:
    """One row a case, most urgent first: stage, level, next due action, overdue count."""
    from reunify import caseload as load
    from reunify.cli import caseload_view
    from reunify.cli.case_cmds import print_json
    from reunify.cli.common import as_of_or_exit

    fmt = _format(format, ("table", "json", "csv"))
    day = as_of_or_exit(as_of)
    folders = _caseload(caseload)
    rows = caseload_view.with_progress(load.run(folders, day, load.status_row), len(folders), fmt == "table")
    kept = [r for r in rows if (worker is None or r["worker"] == worker) and (stage is None or r["stage"] == stage)
            and (level is None or r["level"] == level) and (not overdue or (r["overdue"] or 0) > 0)]
    kept.sort(key=load.urgency)
    if fmt == "json":
        print_json(kept)
    elif fmt == "csv":
        caseload_view.status_csv(kept, load.COLUMNS)
    else:
        caseload_view.status_table(kept)
    if strict and any(r["error"] for r in kept):
        raise typer.Exit(1)


@app.command()
def audit(
    caseload: Annotated[Path, typer.Argument(metavar="CASELOAD", help="A folder of case folders.")],
    as_of: AsOf = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table | json | markdown")] = "table",
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any case failed to load.")] = False,
) -> None:
    """Best-practice audit (seeds 000, 001): the share of cases meeting each question, and which fail."""
    from reunify import caseload as load
    from reunify.cli import caseload_view
    from reunify.cli.case_cmds import print_json
    from reunify.cli.common import as_of_or_exit

    fmt = _format(format, ("table", "json", "markdown"))
    day = as_of_or_exit(as_of)
    folders = _caseload(caseload)
    rows = caseload_view.with_progress(load.run(folders, day, load.audit_row), len(folders), fmt == "table")
    report = load.summarise_audit(rows, day)
    if fmt == "json":
        print_json(report)
    elif fmt == "markdown":
        sys.stdout.write(caseload_view.audit_markdown(report))
    else:
        caseload_view.audit_table(report)
    if strict and report["errors"]:
        raise typer.Exit(1)


@app.command()
def render(
    case: CaseArg,
    report: Annotated[Optional[list[str]], typer.Option("--report", "-r", help="Only this report (repeatable).")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Folder to write into (default CASE/reports).")]
    = None,
    as_of: AsOf = None,
    redact: Annotated[bool, typer.Option("--redact", help="Names become initials or roles; dates of birth month only.")]
    = False,
    templates: Annotated[Optional[Path], typer.Option("--templates", help="A folder of template overrides.")] = None,
) -> None:
    """Write the framework's documents as Markdown reports."""
    from jinja2 import TemplateError

    from reunify import settings
    from reunify.cli.case_cmds import load_for_result
    from reunify.fileio import atomic_write
    from reunify.reports.render import REPORTS
    from reunify.reports.render import render as render_reports

    names = report or list(REPORTS)
    unknown = [n for n in names if n not in REPORTS]
    if unknown:
        raise fail(f"unknown report {unknown[0]!r}; choose from: {', '.join(REPORTS)}")
    if templates is not None and not templates.is_dir():
        raise fail(f"--templates {templates}: not a folder")
    loaded = load_for_result(str(case), as_of, "text")
    if isinstance(loaded, int):
        raise typer.Exit(loaded)
    valid, day = loaded
    found, _ = settings.for_case(case)
    try:
        files = render_reports(valid, day, found, names, redact=redact, templates=templates)
    except TemplateError as exc:
        raise fail(f"a report template failed: {type(exc).__name__}: {exc}", 1) from None
    folder = output or case / "reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            atomic_write(folder / name, text)
            print(f"wrote {folder / name}")
    except OSError as exc:
        raise fail(f"cannot write to {folder}: {exc.strerror}", 1) from None
