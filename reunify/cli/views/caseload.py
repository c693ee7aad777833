"""Output of `reunify status` and `reunify audit`: tables, CSV, JSON, Markdown, and a progress bar."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from itertools import chain, islice, pairwise
from typing import Any, Protocol, TextIO, TypeVar

from rich.console import Console
from rich.table import Table

from reunify.cli.console import console, level_text, level_word, plain, safe
from reunify.diagnostics.escape import terminal
from reunify.sources import SOURCES

T = TypeVar("T")


def with_progress(rows: Iterable[T], total: int, enabled: bool, label: str = "reading cases",
                  at_least: int = 20) -> Iterator[T]:
    """A progress bar on stderr for runs of `at_least` items on a terminal; never when piped, under pre-commit
    or NO_COLOR."""
    if not enabled or total < at_least or not (sys.stderr.isatty() and sys.stdout.isatty()) or plain():
        yield from rows
        return
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        for row in rows:
            progress.advance(task)
            yield row


class Rows(Protocol):
    """Rows that can be counted and read more than once (a list, or rows read back from a spool each time)."""

    def __iter__(self) -> Iterator[dict[str, Any]]: ...

    def __len__(self) -> int: ...


NEXT_ACTION_WIDTH = 30  # below this the next action wraps a word or two a line: list the cases instead


def status_table(rows: Rows) -> None:
    """One row a case. The next action is in words and wraps, and so does a case's load error, so a
    long message never squeezes the other columns to nothing. On a terminal too narrow for the table
    with room for the next action (80 or 100 columns), each case is a short block of lines instead.
    `rows` is read a few times over (once to choose, once or twice to print), never held, so it can be
    read back from a spool each time."""
    from rich.measure import Measurement

    from reunify.cli.console import print_rows, widest

    out = console()
    if not rows:
        out.print("No case matches.")
        return
    title = f"Caseload status: {len(rows)} case(s), most urgent first"
    if _least_width(rows) <= out.width:
        sizing = widest(out, rows, _status_cells)  # the cells that size the table: drawn alone, it needs as much
        grid = _status_grid(title)
        for row in sizing:
            grid.add_row(*row)
        if Measurement.get(out, out.options.update_width(10**6), grid).minimum <= out.width:  # unclamped: its need
            print_rows(out, lambda: _status_grid(title), rows, _status_cells, sizing)
            return
    out.print(title)
    each = iter(rows)
    while batch := list(islice(each, LINES_AT_ONCE)):
        _print_lines(out, batch)


def _status_grid(title: str) -> Table:
    """The status table's columns, without rows (`_status_cells` makes a case's)."""
    grid = Table(title=title)
    for column in ("case", "worker", "stage", "level", "suggested", "alerts", "overdue", "next due"):
        grid.add_column(column, no_wrap=column != "worker")  # alerts: one id a line, never cut in the middle
    grid.add_column("next action", ratio=1, min_width=NEXT_ACTION_WIDTH)
    return grid


def _status_cells(r: dict[str, Any]) -> tuple[str, ...]:
    """A case's row of the status table (rich markup)."""
    if r["error"]:
        return safe(r["case"]), "", "", "", "", "", "", "", f"[red]cannot load:[/] {safe(r['error'])}"
    return (safe(r["case"]), safe(r["worker"] or ""), str(r["stage"]), level_text(r["level"]),
            level_text(r["suggested"]), f"[bold red]{chr(10).join(r['alerts'])}[/]" if r["alerts"] else "",
            str(r["overdue"]) if r["overdue"] else "", r["next_due"] or "", safe(action_in_words(r["next_action"])))


LINES_AT_ONCE = 200  # cases printed in one call: rich's cost a call, not a line, and not the whole caseload's text


def _least_width(rows: Iterable[dict[str, Any]]) -> int:
    """Columns the status table needs at the least, counting only what is quick to count: the columns never
    wrapped whose cells are plain (case, stage, alerts, overdue, next due), the others' headings, the next
    action's minimum, each cell's padding and the rules between columns. Measuring the whole table through rich
    took half a second at 2,000 cases, most often only to learn that it cannot fit."""
    from rich.cells import cell_len

    from reunify.diagnostics.escape import terminal

    widest = [0] * 5  # case, stage, alerts, overdue, next due
    for r in rows:
        widest[0] = max(widest[0], cell_len(terminal(r["case"])))
        if r["error"]:  # a case that cannot load fills only its case and next action
            continue
        for column, cells in enumerate(([str(r["stage"])], r["alerts"], [str(r["overdue"] or "")],
                                        [r["next_due"] or ""]), 1):
            widest[column] = max(widest[column], *map(cell_len, cells)) if cells else widest[column]
    headings = ("case", "stage", "alerts", "overdue", "next")  # a heading's longest word: rich wraps headings
    return (sum(max(w, len(h)) for w, h in zip(widest, headings, strict=True)) + len("worker") + len("level")
            + len("suggested") + NEXT_ACTION_WIDTH + 2 * 9 + 10)


def _status_lines(r: dict[str, Any], styled: bool = True) -> list[str]:
    """A case as a few lines, for a narrow terminal: the same facts as a table row, none cut short. Rich markup
    when `styled`, else the words as rich would print them without colour (`_print_lines`)."""
    text, level = (safe, level_text) if styled else (terminal, level_word)
    if r["error"]:
        return [f"{text(r['case'])} · {'[red]cannot load:[/]' if styled else 'cannot load:'} {text(r['error'])}"]
    facts = [text(r["case"]), *([text(r["worker"])] if r["worker"] else []), f"stage {r['stage']}",
             f"level {level(r['level'])}, suggested {level(r['suggested'])}"]
    if r["overdue"]:
        facts.append(f"{r['overdue']} overdue")
    if r["next_due"]:
        facts.append(f"next due {r['next_due']}")
    lines = [" · ".join(facts)]
    if r["alerts"]:
        alerts = ", ".join(r["alerts"])
        lines.append(f"  alerts: [bold red]{alerts}[/]" if styled else f"  alerts: {alerts}")
    lines.append(f"  next: {text(action_in_words(r['next_action']))}")
    return lines


def _as_is(line: str) -> bool:
    """Whether rich prints this plain line as it is: no backslash or bracket (markup escaping does not give
    those back unchanged), no trailing space (rich trims it), no emoji code (rich draws it)."""
    from rich.emoji import Emoji

    return ("\\" not in line and "[" not in line and line == line.rstrip()
            and (":" not in line or Emoji.replace(line) == line))


def _print_lines(out: Console, rows: list[dict[str, Any]]) -> None:
    """The cases' lines (`_status_lines`), as `out.print` prints them. On a console without colour, the lines of
    a case that rich would print as they are (none wider than the console, none holding what rich takes for an
    emoji code, `:smile:`) are written without rich: its markup and wrapping took ~0.4 s for 2,000 cases, a tenth
    of a first `status` of them and most of a second one (docs/design.md, "Speed")."""
    from rich.cells import cell_len

    if out.color_system is not None:
        out.print("\n".join(line for r in rows for line in _status_lines(r)))
        return
    width, ready = out.width, []
    for r in rows:
        lines = _status_lines(r, styled=False)
        if all(cell_len(line) <= width and _as_is(line) for line in lines):
            ready += lines
            continue
        if ready:
            out.file.write("\n".join(ready) + "\n")
            ready = []
        out.print("\n".join(_status_lines(r)))  # rich wraps a long line, and draws what an emoji code names
    if ready:
        out.file.write("\n".join(ready) + "\n")


def action_in_words(action: str | None) -> str:
    """"s4.planning-review: planning review due ..." -> "Planning review due ..." (the task id is for machines)."""
    if not action:
        return "nothing outstanding"
    words = action.split(": ", 1)[-1]
    return words[:1].upper() + words[1:]


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading `'`
    (docs/command-line.md; OWASP's advice on CSV injection), so `=HYPERLINK(...)` in a name is never run; and, as
    everywhere case text is printed, control characters other than tab and line breaks are shown
    escaped (`\\x1b`): CSV goes to terminals and CI logs too. Lists are written as docs/command-line.md says: alert
    ids, and advice by rule id, joined by "; "."""
    from reunify.diagnostics.escape import csv_cell

    if isinstance(value, list):
        value = "; ".join(v["rule"] if isinstance(v, dict) else str(v) for v in value)
    text = csv_cell("" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], bom: bool, out: TextIO | None = None) -> None:
    """CSV on stdout (or `out`), every cell neutralised; `bom` starts it with a UTF-8 byte-order mark, which
    spreadsheet programs need to read the file as UTF-8."""
    out = out or sys.stdout
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([safe_cell(r[k]) for k in columns])


def _share(q: dict[str, Any]) -> str:
    return _percent(q["share"])


def audit_table(report: dict[str, Any]) -> None:
    """Each question's share, and the failing cases with why each fails (the first eight)."""
    out = console()
    grid = Table(title=f"Practice audit of {report['cases']} case(s) as of {report['as_of']} "
                 f"({SOURCES['ddscp-guide'].title}; {SOURCES['ddscp-audit'].title})")
    for column in ("question", "met", "applicable", "share"):
        grid.add_column(column, no_wrap=column != "question")
    grid.add_column("failing cases and why", ratio=1)
    for q in report["questions"]:
        failing = [f"{safe(case)}: {safe(why or 'not met')}" for case, why in islice(q.each(), 8)]
        if len(q["failing"]) > 8:
            failing.append(f"... and {len(q['failing']) - 8} more (--format csv lists every one)")
        grid.add_row(f"{q['question']}\n[dim]{q['id']} ({q['source']})[/]", str(q["met"]), str(q["applicable"]),
                     _share(q), "\n".join(failing))
    out.print(grid)
    out.print(f"Overall: {_percent(report['overall'])}. {safe(report['overall_caveat'])}")
    for e in report["errors"]:
        out.print(f"[red]not audited[/] {safe(e['case'])}: {safe(e['error'])}")


def _cell(text: str) -> str:
    """Text in the Markdown audit, escaped as reports escape a table cell: folder names and load errors (which
    quote case files) can hold HTML and Markdown."""
    from reunify.reports.escape import cell

    return str(cell(text))


def audit_markdown(report: dict[str, Any]) -> Iterator[str]:
    """The audit as Markdown, a piece at a time: a question's failing cases fill one table cell, as long as the
    caseload is."""
    yield (f"# Practice audit, {report['as_of']}\n\n{report['cases']} case(s).\n\n"
           "| question | source | met | applicable | share | failing cases and why |\n|---|---|---|---|---|---|\n")
    for q in report["questions"]:
        yield (f"| {_cell(q['question'])} (`{q['id']}`) | {q['source']} | {q['met']} | {q['applicable']} | "
               f"{_share(q)} | ")
        yield from _cell_of(f"{case}: {why or 'not met'}" for case, why in q.each())
        yield " |\n"
    yield f"\n**Overall: {_percent(report['overall'])}.** {_cell(report['overall_caveat'])}\n"
    if report["errors"]:
        yield "\nNot audited (could not be read):\n\n"
        for e in report["errors"]:
            yield f"- {_cell(e['case'])}: {_cell(e['error'])}\n"


def _cell_of(texts: Iterable[str], batch: int = 256) -> Iterator[str]:
    """`_cell("; ".join(texts))` a batch of texts at a time. `_cell` makes each run of spacing one space and
    escapes character by character; each batch but the last is cut after the space of its last "; ", so no word
    spans two batches and their cells, joined by a space where both hold a word, are the whole cell."""
    texts = iter(texts)
    said = False
    for some, after in pairwise(chain(iter(lambda: list(islice(texts, batch)), []), (None,))):
        piece = _cell("; ".join(some) + ("; " if after is not None else ""))
        if piece:
            yield " " + piece if said else piece
            said = True
