"""`reunify rules`: the diagnostic codes, then the practice rules, each with its source."""

from __future__ import annotations

import json


def table() -> dict[str, list[dict]]:
    from reunify.diagnostics import CODES

    return {
        "diagnostics": [c._asdict() for c in CODES.values()],
    }


def show(fmt: str) -> None:
    data = table()
    if fmt == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    codes = Table(title="Diagnostic codes", show_lines=False)
    for column in ("code", "severity", "summary", "source"):
        codes.add_column(column)
    for row in data["diagnostics"]:
        codes.add_row(row["code"], row["severity"], row["summary"], row["source"])
    console.print(codes)
