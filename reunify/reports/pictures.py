"""The risk level over time as a picture: each recorded classification on a time axis, the return home and the
chronology's high-significance entries marked.

In Markdown it is a Mermaid Gantt chart (GitHub and GitLab draw it; it has a real date axis), followed by the
same facts in words, which are the picture's text alternative everywhere. Word and HTML cannot draw Mermaid:
`export` draws the chart again with matplotlib from the data the block carries in a Mermaid comment, and
puts it in as an image with that text as its alternative. The picture holds labels, levels and dates only:
no name or free text, so it needs no escaping and no redaction.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from reunify.case.load import Case

MARK = "%% reunify:risk-over-time "
# The chart and the text alternative under it, which becomes the image's description in Word and HTML.
BLOCK = re.compile(r"^```mermaid\ngantt\n" + re.escape(MARK) + r"(\{.*?\})\n.*?^```\n\n\*[^\n]*\*\n", re.MULTILINE | re.DOTALL)
TAGS = {"low": "done", "medium": "active", "high": "crit", "severe": "crit, active"}


def risk_data(case: Case, as_of: dt.date) -> dict[str, Any]:
    """What the picture shows, as of `as_of` (later records have not happened yet): JSON-ready. High-significance
    entries are those from the first classification on, the period the levels cover (the chronology report
    has the earlier history; a 2019 entry would squeeze the levels into the chart's last inch)."""
    from reunify.framework.classification import recorded_history

    record = case.case
    home = record.return_home if record else None
    entries = case.chronology.entries or [] if case.chronology else []
    history = recorded_history(case, as_of)
    start = history[0].date if history else as_of
    return {"as_of": as_of.isoformat(),
            "classifications": [{"label": c.label, "date": c.date.isoformat(), "level": c.level} for c in history],
            "returned": home.date.isoformat() if home and home.date <= as_of else None,
            "high": sorted({e.date.isoformat() for e in entries
                            if e.significance == "high" and start <= e.date <= as_of})}


def alternative(data: dict[str, Any]) -> str:
    """The picture in words."""
    steps = "; ".join(f"{c['label']} {c['level']} on {c['date']}" for c in data["classifications"])
    said = [f"Risk level over time: {steps}" if steps else "No classification recorded yet, so no risk level to draw"]
    if data["returned"]:
        said.append(f"return home on {data['returned']}")
    if data["high"]:
        said.append(f"high-significance chronology entries since the first classification on {', '.join(data['high'])}")
    return "; ".join(said) + "."


def markdown(data: dict[str, Any]) -> str:
    """The Mermaid chart and its text alternative; the text alone when there is nothing to draw (no final newline:
    the template's line ends it)."""
    if not data["classifications"]:
        return f"*{alternative(data)}*"
    lines = ["```mermaid", "gantt", MARK + json.dumps(data, separators=(",", ":")), "    title Risk level over time",
             "    dateFormat YYYY-MM-DD", "    axisFormat %b %Y", "    todayMarker off", "    section Recorded level"]
    ends = [c["date"] for c in data["classifications"][1:]] + [data["as_of"]]
    for i, (c, end) in enumerate(zip(data["classifications"], ends, strict=True)):
        lines.append(f"    {c['label']} {c['level']} :{TAGS[c['level']]}, c{i}, {c['date']}, {max(end, c['date'])}")
    if data["returned"] or data["high"]:
        lines.append("    section Events")
    if data["returned"]:
        lines.append(f"    Return home :milestone, r0, {data['returned']}, 0d")
    lines += [f"    High-significance entry :crit, milestone, h{i}, {day}, 0d" for i, day in enumerate(data["high"])]
    return "\n".join([*lines, "```", "", f"*{alternative(data)}*"])


def for_export(markdown_text: str, folder: Any, stem: str) -> str:
    """The Markdown pandoc reads: each risk chart replaced by a PNG drawn into `folder` with its text alternative
    as the image's description (without matplotlib, by the text alternative alone)."""
    from reunify.reports.charts import NoCharts, risk_over_time

    count = 0

    def drawn(match: re.Match) -> str:
        nonlocal count
        data = json.loads(match.group(1))
        try:
            picture = risk_over_time(data, "png")
        except NoCharts:
            return f"*{alternative(data)}*\n"
        count += 1
        name = f"{stem}-risk-over-time-{count}.png"
        (folder / name).write_bytes(picture)
        return f"![{alternative(data)}]({name})\n"

    return BLOCK.sub(drawn, markdown_text)
