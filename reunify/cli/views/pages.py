"""`status --format html`: the team manager's page, one standalone file (reports/page.py's shell)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from reunify.framework.classification import LEVELS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reunify.cli.views.caseload import Rows


def _alerts(row: dict[str, Any]) -> str:
    """Each alert id, with the advice's words where the alert is a movement rule or trigger."""
    said = {a["rule"]: a["message"] for a in row["advice"] or []}
    return "; ".join(f"{a}: {said[a]}" if a in said else a for a in row["alerts"] or []) or "none"


def _counts(rows: Iterable[dict[str, Any]]) -> tuple[dict[str, int], dict[str, int], int]:
    """Cases by recorded level and by stage (those that could be read), and how many could not be read."""
    levels = dict.fromkeys((*LEVELS, None), 0)
    stages = dict.fromkeys((1, 2, 3, 4, 5), 0)
    failed = 0
    for r in rows:
        if r["error"]:
            failed += 1
            continue
        if r["level"] in levels:
            levels[r["level"]] += 1
        if r["stage"] in stages:
            stages[r["stage"]] += 1
    return ({str(k) if k else "none": n for k, n in levels.items()}, {f"stage {k}": n for k, n in stages.items()},
            failed)


def status_page(rows: Rows, as_of: dt.date) -> Iterator[str]:
    """The table most urgent first (as `status` orders it), counts by level and by stage as charts with their
    numbers, each case's alerts and next action; cases that could not be read say why. A piece at a time:
    `rows` is read twice (the counts, then the table), never held."""
    from reunify.cli.views.caseload import action_in_words
    from reunify.reports import charts
    from reunify.reports import page as html

    levels, stages, failed = _counts(rows)

    def chart(title: str, values: dict[str, int], colours: dict[str, str] | None) -> Any:
        words = ", ".join(f"{name}: {n}" for name, n in values.items())
        return html.figure(html.chart(charts.counts, title, values, colours), f"Bar chart, {title}: {words}.", title)

    parts: list[Any] = [
        f"{len(rows)} case(s), most urgent first: order checks, then safeguarding alerts, then the most overdue, "
        f"the earliest next due date and the most serious level." + (f" {failed} could not be read." if failed else ""),
        html.heading("The caseload at a glance"),
        html.Markup('<div class="charts">'), chart("Cases by recorded level", levels, charts.LEVEL_COLOUR),
        chart("Cases by stage", stages, None), html.Markup("</div>"),
        html.heading("Each case"),
        html.table(("case", "social worker", "stage", "level", "suggested", "overdue", "next due", "alerts",
                    "next action"),
                   ((r["case"], "", "", "", "", "", "", "", f"could not be read: {r['error']}") if r["error"] else
                    (r["case"], r["worker"] or "", r["stage"], r["level"] or "none", r["suggested"], r["overdue"] or "",
                     r["next_due"] or "", _alerts(r), action_in_words(r["next_action"])) for r in rows),
                   f"Caseload status as of {as_of}, most urgent first"),
    ]
    return html.written(f"Caseload status as of {as_of}", *parts)
