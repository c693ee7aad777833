"""`reunify rules`: the diagnostic codes, then the practice rules, each with its source."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reunify.case.settings import Settings
    from reunify.framework.registry import PracticeRule


def catalogue() -> list:
    """Every diagnostic code, in order; importing the modules that declare codes fills the table."""
    from reunify import checks, pipeline  # noqa: F401  (declare their codes on import)
    from reunify.case import bounded, folders, schema_check, settings, yamlread  # noqa: F401
    from reunify.diagnostics.record import CODES
    from reunify.trail import verify  # noqa: F401

    return [CODES[c] for c in sorted(CODES)]


def _entry(rule: PracticeRule, **extra: object) -> dict[str, object]:
    """One practice rule as `reunify rules --format json` lists it: id, kind, source by title and its short id,
    the documents' words, whether it is a tool convention and the part of it that is ours."""
    return {"id": rule.id, "kind": rule.kind, **extra, "source": rule.source, "source_id": rule.source_id,
            "quote": rule.quote, "convention": rule.convention, "convention_note": rule.note}


def table(in_force: Settings) -> dict[str, object]:
    """Every code, rule, task, order check, audit question and trigger, each with its source and whether it is a
    tool convention (`convention`: the whole rule is ours; `convention_note`: the part of it that is ours), and the
    settings in force. The practice rules come from the framework's registry, in their modules' order."""
    from reunify.framework import annex1
    from reunify.framework.audit import OVERALL_CAVEAT
    from reunify.framework.checklist import STAGES
    from reunify.framework.registry import of_kind
    from reunify.sources import Cite

    vocabulary = Cite("nspcc-framework", "Annex 1 (Jones et al. 2006, adapted by Brown and Ward, NSPCC 2015)")
    return {
        "diagnostics": [c._asdict() for c in catalogue()],
        "movement": [_entry(r, level=r.level, when=r.when, alert=r.alert) for r in of_kind("movement")],
        "order_checks": [_entry(r, when=r.when) for r in of_kind("order")],
        "checklist": [_entry(r, stage=r.stage, stage_name=STAGES[r.stage], evidence=r.where)
                      for r in of_kind("task")],
        "audit": [_entry(r, question=r.question) for r in of_kind("audit")]
        + [{"id": "overall", "kind": "audit", "question": OVERALL_CAVEAT, "source": Cite(None).title,
            "source_id": "convention", "quote": "", "convention": True, "convention_note": None}],
        "triggers": [_entry(r, when=r.when) for r in of_kind("trigger")],
        "conventions": CONVENTIONS,
        "annex1": {"source": vocabulary.title, "source_id": vocabulary.source,
                   "risk": annex1.RISK_CODES, "protective": annex1.PROTECTIVE_CODES,
                   "framework_domains": list(annex1.FRAMEWORK_DOMAINS),
                   "convention_note": "only the abuse domain is in the NSPCC framework; the other domains are the "
                                      "tool's vocabulary, to be checked against the framework document"},
        "settings": in_force.describe(),
    }


# Decisions the documents leave open, made by the tool (docs/practice-rules.md).
CONVENTIONS = [
    "The suggested level is the most serious criterion (the NSPCC framework's table gives columns, not a combining "
    "rule), except that severe needs the severe profile: no protective factor apparent (the NSPCC framework's "
    "severe column: \"No protective factors apparent\"; recurrence very strong does not stand in for it) and a risk factor not "
    "addressed or re-emerged and capacity not sustained; otherwise at most high. A criterion outside the suggested "
    "level's columns is shown as a mixed profile.",
    "Capacity to change 'sustained' with evidence 'none' is not assessed (warning RU407).",
    "Wishes: 'opposes' counts as high, like 'ambivalent'; a child 'too-young' counts as no objection.",
    "A 're-emerged' risk factor makes the risk-factor criterion medium.",
    "risk_factors absent = not assessed; present and empty = none recorded (low), with warning RU404.",
    "'Six months' is the NSPCC framework's minimum, never a maximum: advice says 'may move' or 'can close', never 'must'; "
    "high-to-severe and high-protective-lost keep the framework's 'should'.",
    "Downward advice (high-to-medium, medium-to-low, severe-to-high, low-to-close) needs a complete suggestion below "
    "the recorded level, and its clock never starts before the recorded level's run start.",
    "low-to-close counts from return + 6 months as well as the low run, and needs a later low classification.",
    "reclassify-higher: the suggestion is above the recorded level.",
    "decide guards the workflow's order (docs/command-line.md); --despite REASON always records the decision, with the reason.",
    "The audit's overall figure is the mean of the questions' shares; not comparable with the Derby and Derbyshire "
    "audit's 98%.",
    "Supervision is due when the latest supervision or mid-point-supervision meeting is older than "
    "supervision_every_weeks (reunify.toml, default 4; the team managers' training sets no interval); with none on "
    "record it is due now. supervise lists what changed since then (with none, over one interval back) under the "
    "training's four question headings.",
    "Evidence dated after --as-of is a plan, not a fact: it never makes a rule fire or a task done; "
    "a risk factor 'addressed' from a later date still counts as being addressed.",
]


def show(fmt: str, in_force: Settings) -> None:
    data = table(in_force)
    if fmt == "json":
        from reunify.cli.common import print_json

        print_json(data)
        return
    from rich.table import Table

    from reunify.cli.console import console as shared

    console = shared()
    codes = Table(title="Diagnostic codes", show_lines=False)
    for column in ("code", "severity", "summary", "source"):
        codes.add_column(column)
    for row in data["diagnostics"]:
        codes.add_row(row["code"], row["severity"], row["summary"], row["source"])
    console.print(codes)
    moves = Table(title="Movement rules (reunify classify)")
    for column in ("id", "moves to", "when", "source", "tool convention"):
        moves.add_column(column, no_wrap=column == "id")
    for row in data["movement"]:
        moves.add_row(row["id"], row["level"] or "-", row["when"], row["source"], _convention(row))
    console.print(moves)
    _simple(console, "Order checks (reunify checklist, status)", data["order_checks"], "when")
    _simple(console, "Trigger prompts (reunify classify, status)", data["triggers"], "when")
    _simple(console, "Audit questions (reunify audit)", data["audit"], "question")
    vocabulary = Table(title=f"Factor codes ({data['annex1']['source']})")
    for column in ("domain", "risk codes", "protective codes"):
        vocabulary.add_column(column)
    for domain, codes_ in data["annex1"]["risk"].items():
        where = "NSPCC framework" if domain in data["annex1"]["framework_domains"] else "tool convention"
        vocabulary.add_row(f"{domain} ({where})", ", ".join(codes_),
                           ", ".join(data["annex1"]["protective"].get(domain, ())))
    console.print(vocabulary)
    tasks = Table(title="Checklist tasks (reunify checklist)")
    for column in ("id", "evidence that makes it done", "source", "tool convention"):
        tasks.add_column(column, no_wrap=column == "id")
    for row in data["checklist"]:
        tasks.add_row(row["id"], row["evidence"], row["source"], _convention(row))
    console.print(tasks)
    current = data["settings"]
    from reunify.cli.console import safe

    console.print(f"[bold]Settings in force[/] ({safe(current['file'] or 'defaults: no reunify.toml')}): "
                  + ", ".join(f"{s['name']}={safe(str(current[s['name']] or UNSET.get(s['name'], '')))}"
                              for s in current["declared"] if s["type"] != "visiting"))
    settings = Table(title="Settings (reunify.toml; the values are tool conventions)")
    for column in ("setting", "default", "range", "what it sets", "source"):
        settings.add_column(column, no_wrap=column == "setting")
    for s in current["declared"]:
        low_high = f"{s['range'][0]}-{s['range'][1]}" if s["range"] else ""
        settings.add_row(s["name"], str(s["default"] if s["default"] is not None else "-"), low_high,
                         s["description"], s["source"])
    console.print(settings)
    visits = Table(title=f"Visiting table (days; {current['visiting_source']} for a child looked after; for a child "
                         "not looked after after return, the team's visiting table, a tool convention; not in the documents)")
    for column in ("legal status", "first visit within", "until first review", "after first review"):
        visits.add_column(column)
    for status, row in current["visiting"].items():
        visits.add_row(status, str(row["first_within_days"]), str(row["until_first_review_days"]),
                       str(row["after_first_review_days"]))
    console.print(visits)
    console.print("[bold]Tool conventions[/] (not in the documents):")
    for line in data["conventions"]:
        console.print(f"- {line}")


# What a path setting with no value means.
UNSET = {"templates": "built in", "docx_reference": "pandoc default styles"}


def _convention(row: dict) -> str:
    """'yes' when the whole rule is the tool's; the part that is ours; or blank (from the documents)."""
    return "yes" if row["convention"] else (row["convention_note"] or "")


def _simple(console, title: str, rows: list[dict], what: str) -> None:
    from rich.table import Table

    grid = Table(title=title)
    for column in ("id", what, "source", "tool convention"):
        grid.add_column(column, no_wrap=column == "id")
    for row in rows:
        grid.add_row(row["id"], row[what], row["source"], _convention(row))
    console.print(grid)
