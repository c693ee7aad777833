"""`reunify rules`: the diagnostic codes, then the practice rules, each with its source."""

from __future__ import annotations

import json


def table() -> dict[str, list[dict]]:
    from reunify.diagnostics import CODES
    from reunify.framework.movement import RULES

    return {
        "diagnostics": [c._asdict() for c in CODES.values()],
        "movement": [{"id": r.id, "level": r.level, "when": r.when, "source": r.source, "seed_says": r.quote}
                     for r in RULES.values()],
        "conventions": CONVENTIONS,
    }


# Decisions the seeds leave open, made by the tool (framework-rules.md "Tool conventions").
CONVENTIONS = [
    "The suggested level is the most serious criterion (the seed gives columns, not a combining rule).",
    "Wishes: 'opposes' counts as high, like 'ambivalent'; a child 'too-young' counts as no objection.",
    "A 're-emerged' risk factor makes the risk-factor criterion medium.",
    "risk_factors absent = not assessed; present and empty = none recorded (low), with warning RU404.",
    "'Six months' is the seed's minimum, never a maximum: advice says 'may move', never 'must'.",
    "Evidence dated after --as-of is a plan, not a fact: it never makes a rule fire or a task done; "
    "a risk factor 'addressed' from a later date still counts as being addressed.",
]


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
    moves = Table(title="Movement rules (reunify classify)")
    for column in ("id", "moves to", "when", "source"):
        moves.add_column(column)
    for row in data["movement"]:
        moves.add_row(row["id"], row["level"] or "-", row["when"], row["source"])
    console.print(moves)
    console.print("[bold]Tool conventions[/] (not in the seeds):")
    for line in data["conventions"]:
        console.print(f"- {line}")
