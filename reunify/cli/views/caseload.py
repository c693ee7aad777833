"""Output of `reunify status` and `reunify audit`: tables, CSV, JSON, Markdown, and a progress bar."""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from rich.table import Table

from reunify.cli.console import console, level_text, safe


def with_progress(rows: Iterable[dict], total: int, enabled: bool) -> Iterator[dict]:
    """A progress bar on stderr for long runs on a terminal; never under pre-commit or for JSON/CSV."""
    if not enabled or total < 20 or not (sys.stderr.isatty() and sys.stdout.isatty()) or os.environ.get("PRE_COMMIT"):
        yield from rows
        return
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as progress:
        task = progress.add_task("reading cases", total=total)
        for row in rows:
            progress.advance(task)
            yield row


def status_table(rows: list[dict[str, Any]]) -> None:
    out = console()
    if not rows:
        out.print("No case matches.")
        return
    grid = Table(title=f"Caseload status: {len(rows)} case(s), most urgent first")
    for column in ("case", "worker", "stage", "level", "suggested", "alerts", "overdue", "next due", "next task"):
        grid.add_column(column, no_wrap=column in ("case", "level", "suggested", "next due", "next task"),
                        overflow="fold" if column == "alerts" else "ellipsis")
    for r in rows:
        if r["error"]:
            grid.add_row(safe(r["case"]), "", "", "", "", "", "", "", f"[red]cannot load:[/] {safe(r['error'])}")
            continue
        grid.add_row(safe(r["case"]), safe(r["worker"] or ""), str(r["stage"]), level_text(r["level"]),
                     level_text(r["suggested"]), f"[bold red]{chr(10).join(r['alerts'])}[/]" if r["alerts"] else "",
                     str(r["overdue"]) if r["overdue"] else "", r["next_due"] or "",
                     safe((r["next_action"] or "").split(":")[0]))
    out.print(grid)


def _csv_value(key: str, value: Any) -> Any:
    """Lists as cli.md writes them in CSV: alert ids, and advice by rule id, joined by "; "."""
    if value is None:
        return ""
    if key == "advice":
        return "; ".join(a["rule"] for a in value)
    if isinstance(value, list):
        return "; ".join(value)
    return value


def status_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _csv_value(k, r[k]) for k in columns})


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"


def _share(q: dict[str, Any]) -> str:
    return _percent(q["share"])


def audit_table(report: dict[str, Any]) -> None:
    out = console()
    grid = Table(title=f"Practice audit of {report['cases']} case(s) as of {report['as_of']} (seeds 000, 001)")
    for column in ("question", "met", "applicable", "share", "failing cases"):
        grid.add_column(column)
    for q in report["questions"]:
        grid.add_row(f"{q['question']}\n[dim]{q['id']} ({q['source']})[/]", str(q["met"]), str(q["applicable"]),
                     _share(q), safe(", ".join(q["failing"][:8]) + (" ..." if len(q["failing"]) > 8 else "")))
    out.print(grid)
    out.print(f"Overall: {_percent(report['overall'])}. {safe(report['overall_caveat'])}")
    for e in report["errors"]:
        out.print(f"[red]not audited[/] {safe(e['case'])}: {safe(e['error'])}")


def _cell(text: str) -> str:
    from reunify.diagnostics.escape import terminal

    return terminal(" ".join(text.replace("\\", "\\\\").replace("|", "\\|").split()))


def audit_markdown(report: dict[str, Any]) -> str:
    lines = [f"# Practice audit, {report['as_of']}", "", f"{report['cases']} case(s).", "",
             "| question | source | met | applicable | share | failing cases |", "|---|---|---|---|---|---|"]
    for q in report["questions"]:
        lines.append(f"| {_cell(q['question'])} (`{q['id']}`) | {q['source']} | {q['met']} | {q['applicable']} | "
                     f"{_share(q)} | {_cell(', '.join(q['failing']))} |")
    lines += ["", f"**Overall: {_percent(report['overall'])}.** {_cell(report['overall_caveat'])}"]
    if report["errors"]:
        lines += ["", "Not audited (could not be read):", ""]
        lines += [f"- {_cell(e['case'])}: {_cell(e['error'])}" for e in report["errors"]]
    return "\n".join(lines) + "\n"
