"""`reunify rules`: the diagnostic codes, then the practice rules, each with its source."""

from __future__ import annotations

import json


def catalogue() -> list:
    """Every diagnostic code, in order; importing the modules that declare codes fills the table."""
    from reunify import checks, pipeline  # noqa: F401  (declare their codes on import)
    from reunify.case import schema_check, settings, yamlread  # noqa: F401
    from reunify.diagnostics.record import CODES
    from reunify.trail import verify  # noqa: F401

    return [CODES[c] for c in sorted(CODES)]


def table() -> dict[str, object]:
    from pathlib import Path

    from reunify.case import settings
    from reunify.framework import annex1
    from reunify.framework.checklist import STAGES, TASKS
    from reunify.framework.movement import RULES

    in_force, _ = settings.for_case(Path.cwd())

    return {
        "diagnostics": [c._asdict() for c in catalogue()],
        "movement": [{"id": r.id, "level": r.level, "when": r.when, "source": r.source, "seed_says": r.quote}
                     for r in RULES.values()],
        "checklist": [{"id": t.id, "stage": t.stage, "stage_name": STAGES[t.stage], "evidence": t.where,
                       "source": t.source} for t in TASKS],
        "conventions": CONVENTIONS,
        "annex1": {"source": "002 Annex 1 (Jones et al. 2006, adapted by Brown and Ward, NSPCC 2015)",
                   "risk": annex1.RISK_CODES, "protective": annex1.PROTECTIVE_CODES},
        "settings": in_force.describe(),
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
    vocabulary = Table(title=f"Factor codes ({data['annex1']['source']})")
    for column in ("domain", "risk codes", "protective codes"):
        vocabulary.add_column(column)
    for domain, codes_ in data["annex1"]["risk"].items():
        vocabulary.add_row(domain, ", ".join(codes_), ", ".join(data["annex1"]["protective"].get(domain, ())))
    console.print(vocabulary)
    tasks = Table(title="Checklist tasks (reunify checklist)")
    for column in ("id", "evidence that makes it done", "source"):
        tasks.add_column(column)
    for row in data["checklist"]:
        tasks.add_row(row["id"], row["evidence"], row["source"])
    console.print(tasks)
    current = data["settings"]
    console.print(f"[bold]Settings in force[/] ({current['file'] or 'defaults: no reunify.toml'}): "
                  f"baby_age_years={current['baby_age_years']}, leaving_care_prompt={current['leaving_care_prompt']}, "
                  f"templates={current['templates'] or 'built in'}, "
                  f"docx_reference={current['docx_reference'] or 'pandoc default styles'}")
    visits = Table(title=f"Visiting table (days; {current['visiting_source']}; not in the seeds)")
    for column in ("legal status", "first visit within", "until first review", "after first review"):
        visits.add_column(column)
    for status, row in current["visiting"].items():
        visits.add_row(status, str(row["first_within_days"]), str(row["until_first_review_days"]),
                       str(row["after_first_review_days"]))
    console.print(visits)
    console.print("[bold]Tool conventions[/] (not in the seeds):")
    for line in data["conventions"]:
        console.print(f"- {line}")
