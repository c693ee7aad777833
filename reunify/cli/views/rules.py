"""`reunify rules`: the diagnostic codes, then the practice rules, each with its source."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reunify.case.settings import Settings


def catalogue() -> list:
    """Every diagnostic code, in order; importing the modules that declare codes fills the table."""
    from reunify import checks, pipeline  # noqa: F401  (declare their codes on import)
    from reunify.case import bounded, folders, schema_check, settings, yamlread  # noqa: F401
    from reunify.diagnostics.record import CODES
    from reunify.trail import verify  # noqa: F401

    return [CODES[c] for c in sorted(CODES)]


def table(in_force: Settings) -> dict[str, object]:
    """Every code, rule, task, order check, audit question and trigger, each with its source and whether it is a
    tool convention (`convention`: the whole rule is ours; `convention_note`: the part of it that is ours), and the
    settings in force."""
    from reunify.framework import annex1
    from reunify.framework.audit import OVERALL_CAVEAT, QUESTIONS
    from reunify.framework.checklist import STAGES, TASKS
    from reunify.framework.movement import RULES
    from reunify.framework.order import CHECKS
    from reunify.framework.triggers import SOURCE, TRIGGERS

    return {
        "diagnostics": [c._asdict() for c in catalogue()],
        "movement": [{"id": r.id, "level": r.level, "when": r.when, "source": r.source, "seed_says": r.quote,
                      "convention": r.convention, "convention_note": MOVEMENT_NOTES.get(r.id)}
                     for r in RULES.values()],
        "order_checks": [{"id": c.id, "when": c.when, "source": c.source, "convention": False,
                          "convention_note": None} for c in CHECKS.values()],
        "checklist": [{"id": t.id, "stage": t.stage, "stage_name": STAGES[t.stage], "evidence": t.where,
                       "source": t.source, "convention": False, "convention_note": t.convention} for t in TASKS],
        "audit": [{"id": q.id, "question": q.question, "source": q.source, "convention": False,
                   "convention_note": q.convention} for q in QUESTIONS]
        + [{"id": "overall", "question": OVERALL_CAVEAT, "source": "tool convention", "convention": True,
            "convention_note": None}],
        "triggers": [{"id": t.id, "seed_says": t.seed, "when": t.when, "source": SOURCE, "convention": t.convention,
                      "convention_note": "the age: leaving_care_prompt in reunify.toml, default 17y6m"
                      if t.id == "trigger-leaving-care-age" else None} for t in TRIGGERS.values()],
        "conventions": CONVENTIONS,
        "annex1": {"source": "002 Annex 1 (Jones et al. 2006, adapted by Brown and Ward, NSPCC 2015)",
                   "risk": annex1.RISK_CODES, "protective": annex1.PROTECTIVE_CODES,
                   "seed_domains": list(annex1.SEED_DOMAINS),
                   "convention_note": "only the abuse domain is in seed 002; the other domains are the tool's "
                                      "vocabulary, to be checked against the framework document"},
        "settings": in_force.describe(),
    }


# The part of a seed's movement rule that is the tool's reading (framework-rules.md §2).
MOVEMENT_NOTES = {
    "high-to-medium": "only when the suggestion is complete and below high; the clock never before the run start",
    "medium-to-low": "only when the suggestion is low; the clock never before the run start",
    "severe-to-high": "only when the suggestion is complete and below severe; the clock never before the run start",
    "low-to-close": "counts from return + 6 months as well as the low run, and needs a later low classification",
    "new-risk": "no destination named (sustained capacity without protective factors, or not assessed): review",
    "stage4-outcome": "medium then medium read as 'allow more time', with a warning when it has no rationale",
}

# Decisions the seeds leave open, made by the tool (framework-rules.md "Tool conventions").
CONVENTIONS = [
    "The suggested level is the most serious criterion (the seed gives columns, not a combining rule), except that "
    "severe needs the severe profile: no protective factor apparent (the NSPCC framework's severe column: \"No "
    "protective factors apparent\"; recurrence very strong does not stand in for it) and a risk factor not "
    "addressed or re-emerged and capacity not sustained; otherwise at most high. A criterion outside the suggested "
    "level's columns is shown as a mixed profile.",
    "Capacity to change 'sustained' with evidence 'none' is not assessed (warning RU407).",
    "Wishes: 'opposes' counts as high, like 'ambivalent'; a child 'too-young' counts as no objection.",
    "A 're-emerged' risk factor makes the risk-factor criterion medium.",
    "risk_factors absent = not assessed; present and empty = none recorded (low), with warning RU404.",
    "'Six months' is the seed's minimum, never a maximum: advice says 'may move' or 'can close', never 'must'; "
    "high-to-severe and high-protective-lost keep the seed's 'should'.",
    "Downward advice (high-to-medium, medium-to-low, severe-to-high, low-to-close) needs a complete suggestion below "
    "the recorded level, and its clock never starts before the recorded level's run start.",
    "low-to-close counts from return + 6 months as well as the low run, and needs a later low classification.",
    "reclassify-higher: the suggestion is above the recorded level.",
    "decide guards the workflow's order (cli.md); --despite REASON always records the decision, with the reason.",
    "The audit's overall figure is the mean of the questions' shares; not comparable with 001's 98%.",
    "Supervision is due when the latest supervision or mid-point-supervision meeting is older than "
    "supervision_every_weeks (reunify.toml, default 4; 004 sets no interval); with none on record it is due now. "
    "supervise lists what changed since then (with none, over one interval back) under 004's four question headings.",
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
    _simple(console, "Trigger prompts (seed 004; reunify classify, status)", data["triggers"], "when")
    _simple(console, "Audit questions (reunify audit)", data["audit"], "question")
    vocabulary = Table(title=f"Factor codes ({data['annex1']['source']})")
    for column in ("domain", "risk codes", "protective codes"):
        vocabulary.add_column(column)
    for domain, codes_ in data["annex1"]["risk"].items():
        where = "002" if domain in data["annex1"]["seed_domains"] else "tool convention"
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
                  f"baby_age_years={current['baby_age_years']}, leaving_care_prompt={current['leaving_care_prompt']}, "
                  f"reclassify_every_months={current['reclassify_every_months']}, "
                  f"plan_review_every_months={current['plan_review_every_months']}, "
                  f"supervision_every_weeks={current['supervision_every_weeks']}, "
                  f"templates={safe(current['templates'] or 'built in')}, "
                  f"docx_reference={safe(current['docx_reference'] or 'pandoc default styles')}")
    visits = Table(title=f"Visiting table (days; {current['visiting_source']} for a child looked after; for a child "
                         "not looked after after return, the team's visiting table, a tool convention; not in the seeds)")
    for column in ("legal status", "first visit within", "until first review", "after first review"):
        visits.add_column(column)
    for status, row in current["visiting"].items():
        visits.add_row(status, str(row["first_within_days"]), str(row["until_first_review_days"]),
                       str(row["after_first_review_days"]))
    console.print(visits)
    console.print("[bold]Tool conventions[/] (not in the seeds):")
    for line in data["conventions"]:
        console.print(f"- {line}")


def _convention(row: dict) -> str:
    """'yes' when the whole rule is the tool's; the part that is ours; or blank (from the seeds)."""
    return "yes" if row["convention"] else (row["convention_note"] or "")


def _simple(console, title: str, rows: list[dict], what: str) -> None:
    from rich.table import Table

    grid = Table(title=title)
    for column in ("id", what, "source", "tool convention"):
        grid.add_column(column, no_wrap=column == "id")
    for row in rows:
        grid.add_row(row["id"], row[what], row["source"], _convention(row))
    console.print(grid)
