"""Output of `reunify outcomes`: a table, CSV, Markdown, and the standalone HTML page with the still-home chart."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any, TextIO

from reunify.framework.outcomes import BY_LEVEL, FEW, Survival

CAUTION = "too few to read as a rate"


def rate_text(group: dict[str, Any]) -> str:
    """A rate in words: with fewer than FEW eligible cases, the counts and a caution, never a bare percentage."""
    eligible, broke = group["eligible"], group["broke_down"]
    if not eligible:
        return "no return followed for 12 months yet"
    counts = f"{broke} of {eligible} broke down within 12 months"
    if eligible < FEW:
        return f"{counts} ({CAUTION})"
    return f"{group['rate']:.0%} ({counts})"


def _levels(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(level, report["by_level"][level]) for level in BY_LEVEL if report["by_level"][level]["cohort"]]


def _month(report: dict[str, Any], month: int) -> str:
    point = report["still_home"][month]
    return "not yet observed" if point["share"] is None else f"{point['share']:.0%} ({point['at_risk']} at risk)"


def _heading(report: dict[str, Any]) -> str:
    span = ""
    if report["from"] or report["to"]:
        span = f", returns from {report['from'] or 'the first'} to {report['to'] or report['as_of']}"
    return f"Outcomes of returns home as of {report['as_of']}{span}"


def table(report: dict[str, Any]) -> None:
    from rich.table import Table

    from reunify.cli.console import console, level_text, print_rows, safe

    out = console()
    out.print(f"{_heading(report)}: {report['cohort']} return(s) home.")
    if report["cohort"]:
        out.print(f"Breakdown within 12 months: {rate_text(report['breakdown_12m'])}.")
        out.print(f"Still home at 6 months: {_month(report, 6)}; at 12: {_month(report, 12)}; "
                  f"at 24: {_month(report, 24)}.")
        grid = Table(title="By level at return")
        for column in ("level at return", "returns", "followed 12 months", "broke down", "rate"):
            grid.add_column(column)
        for level, g in _levels(report):
            grid.add_row(level_text(None if level == "none" else level), str(g["cohort"]), str(g["eligible"]),
                         str(g["broke_down"]), rate_text(g))
        out.print(grid)
        print_rows(out, _returns, report["cases"], lambda c: (safe(c["case"]), c["returned"], c["level_at_return"],
                                                              c["status"], c["ended"] or "", str(c["months_home"])))
    for e in report["errors"]:
        out.print(f"[red]not counted[/] {safe(e['case'])}: {safe(e['error'])}")


def _returns() -> Any:
    """The table of each return home, its rows to come (`print_rows`)."""
    from rich.table import Table

    returns = Table(title="Each return home")
    for column in ("case", "returned", "level at return", "status", "ended", "months home"):
        returns.add_column(column)
    return returns


def write_csv(report: dict[str, Any], columns: tuple[str, ...], bom: bool, out: TextIO) -> None:
    """One row a case with as_of (docs/command-line.md's columns); a case that could not be read is a row whose
    status says why, as `audit --format csv` does: never dropped."""
    from reunify.cli.views import caseload

    day = report["as_of"]
    failed = ({**dict.fromkeys(columns), "as_of": day, "case": e["case"], "status": f"not counted: {e['error']}"}
              for e in report["errors"])
    caseload.write_csv(chain(({"as_of": day, **c} for c in report["cases"]), failed), columns, bom, out)


def markdown(report: dict[str, Any]) -> Iterator[str]:
    """The document as Markdown, a line or a few at a time."""
    from reunify.reports.escape import cell

    yield f"# {_heading(report)}\n\n{report['cohort']} return(s) home.\n\n"
    if report["cohort"]:
        yield (f"Breakdown within 12 months: {rate_text(report['breakdown_12m'])}.\n\n"
               f"Still home at 6 months: {_month(report, 6)}; at 12 months: {_month(report, 12)}; at 24 months: "
               f"{_month(report, 24)}.\n\n"
               "| level at return | returns | followed 12 months | broke down | rate |\n|---|---|---|---|---|\n")
        for level, g in _levels(report):
            yield f"| {level} | {g['cohort']} | {g['eligible']} | {g['broke_down']} | {rate_text(g)} |\n"
        yield "\n| case | returned | level at return | status | ended | months home |\n|---|---|---|---|---|---|\n"
        for c in report["cases"]:
            yield (f"| {cell(c['case'])} | {c['returned']} | {c['level_at_return']} | {c['status']} | "
                   f"{c['ended'] or ''} | {c['months_home']} |\n")
    if report["errors"]:
        yield "\nNot counted (could not be read):\n\n"
        for e in report["errors"]:
            yield f"- {cell(e['case'])}: {cell(e['error'])}\n"


def alternative(report: dict[str, Any]) -> str:
    """The chart in words: each group's share still home at 6, 12 and 24 months."""
    parts = []
    for group, points in _curves(report).items():
        said = ", ".join(f"{points[m]['share']:.0%} at {m} months" for m in (6, 12, 24) if points[m]["share"] is not None)
        parts.append(f"{group} ({points[0]['at_risk']} returns): {said or 'not yet followed for 6 months'}")
    return "Line chart of the share of children still home by month after the return home. " + "; ".join(parts) + "."


def _drawn(report: dict[str, Any]) -> dict[str, tuple[int, list[tuple[float, float]]]]:
    """Each group's number of returns and exact step line (framework.outcomes.Survival)."""
    return {group: (estimate.size, estimate.curve()) for group, estimate in _curves(report).items()}


def _curves(report: dict[str, Any]) -> dict[str, Survival]:
    return {"all": report["still_home"], **report["still_home_by_level"]}


def html_page(report: dict[str, Any]) -> Iterator[str]:
    """The standalone page, a piece at a time: the chart, the tables of rates and months, then each return."""
    from reunify.reports import charts
    from reunify.reports import page as html

    title = _heading(report)
    parts: list[Any] = [f"{report['cohort']} return(s) home."]
    if report["cohort"]:
        parts += [html.heading("Still home after the return"),
                  html.figure(html.chart(charts.still_home, _drawn(report)), alternative(report),
                              "Share still home (Kaplan-Meier estimate) by level at return; the numbers are in the "
                              "tables below."),
                  f"Breakdown within 12 months, all returns: {rate_text(report['breakdown_12m'])}.",
                  html.table(("level at return", "returns", "followed 12 months", "broke down within 12 months",
                              "rate"),
                             ((level, g["cohort"], g["eligible"], g["broke_down"], rate_text(g))
                              for level, g in _levels(report)), "Breakdown within 12 months by level at return"),
                  html.table(("month", *_curves(report)),
                             ((m, *(_share(points[m]) for points in _curves(report).values())) for m in range(25)),
                             "Share still home at each month (at risk in brackets)"),
                  html.heading("Each return home"),
                  html.table(("case", "returned", "level at return", "status", "ended", "months home"),
                             ((c["case"], c["returned"], c["level_at_return"], c["status"], c["ended"] or "",
                               c["months_home"]) for c in report["cases"]), "Each return home in the cohort")]
    if report["errors"]:
        parts += [html.heading("Not counted: could not be read"),
                  html.table(("case", "why"), ((e["case"], e["error"]) for e in report["errors"]),
                             "Cases that could not be read")]
    return html.written(title, *parts)


def _share(point: dict[str, Any]) -> str:
    return "" if point["share"] is None else f"{point['share']:.0%} ({point['at_risk']})"
