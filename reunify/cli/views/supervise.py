"""Output of `reunify supervise`: the agenda on a terminal, or as Markdown to keep in the case record."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from reunify.cli.console import console, safe, status_text
from reunify.sources import SOURCES


def _supervision_line(s: dict[str, Any]) -> str:
    from reunify.reports.labels import label

    if s["last"] is None:
        return "No supervision is on record: one is due now."
    when = f"due since {s['next']}" if s["due"] else f"next due {s['next']}"
    return f"Last supervision: {s['last']} ({label(s['kind'], 'MeetingKind')}); {when} (every {s['every_weeks']} weeks)."


def _summary(change: dict[str, Any]) -> str:
    """What changed, in words: a meeting by the name of its kind."""
    from reunify.reports.labels import label

    return str(label(change["summary"], "MeetingKind")) if change["kind"] == "meeting" else change["summary"]


def show(agenda: dict[str, Any], stream: TextIO | None = None) -> None:
    """The agenda in the order a supervision takes it: what needs action first, then what changed. Each alert and
    advice names its source as its rule declares it, like the reports."""
    from reunify.framework.results import by_kind
    from reunify.reports.labels import in_framework_words

    if stream is None:
        out = console()
    else:
        from rich.console import Console

        out = Console(file=stream, color_system=None, no_color=True, highlight=False, soft_wrap=False, width=100)
    out.print(f"[bold]Supervision agenda[/] for {safe(agenda['case'])} as of {agenda['as_of']}: "
              f"stage {agenda['stage']} of 5, {agenda['stage_name']}")
    out.print(safe(_supervision_line(agenda["supervision"])))
    out.print("\n[bold]1. Alerts[/] (the workflow's order, then safeguarding)")
    for a in agenda["alerts"]:
        out.print(f"- [bold red]{safe(a['id'])}[/] {safe(a['date'] or '')}: "
                  f"{safe(in_framework_words(a['message'], a['source']))}")
    if not agenda["alerts"]:
        out.print("- none")
    movement, triggers = by_kind(agenda["advice"])
    out.print("\n[bold]2. Movement advice[/] (the traffic light over time)")
    alerted = {a["id"] for a in agenda["alerts"]}
    for a in movement:
        flag = "date passed: " if a["overdue"] else ""
        # a safeguarding alert, told once
        said = "see 1. Alerts" if a["rule"] in alerted else safe(in_framework_words(a["message"], a["source"]))
        out.print(f"- {safe(a['rule'])} ({flag}{safe(a['date'] or 'no date')}): {said}")
    if not movement:
        out.print("- no movement rule applies on this date")
    out.print("\n[bold]3. Revisit risk[/] (trigger points since the latest classification)")
    for a in triggers:
        out.print(f"- {safe(in_framework_words(a['message'], a['source']))}")
    if not triggers:
        out.print("- none")
    out.print("\n[bold]4. Tasks[/] (overdue first, then due, then missing up to the current stage)")
    for t in agenda["tasks"]:
        when = f" {t['due']}" if t["due"] else ""
        out.print(f"- {status_text(t['status'])}{when} {safe(t['id'])}: {safe(t['message'])}")
    if not agenda["tasks"]:
        out.print("- nothing outstanding")
    last = agenda["supervision"]["last"]
    out.print(f"\n[bold]5. What changed[/] {'since ' + last if last else 'in the last interval'}")
    for c in agenda["changes"]:
        out.print(f"- {c['date']} {c['kind']}: {safe(_summary(c))}")
    if not agenda["changes"]:
        out.print("- nothing new on record")
    out.print(f"\n[bold]6. Reflective questions[/] (the team manager's own, under the headings of {SOURCES['tm-training'].name})")
    for heading in agenda["questions"]:
        out.print(f"- {heading}:")


def markdown(agenda: dict[str, Any], templates: Path | None, risk_over_time: str = "") -> str:
    """The agenda as a Markdown document (templates/reports/supervision.md.j2; a team may override it), with the
    risk level over time (reports/pictures.py) under the trigger prompts."""
    from markupsafe import Markup

    from reunify.framework.results import by_kind
    from reunify.reports.environment import environment
    from reunify.reports.render import run_template

    movement, triggers = by_kind(agenda["advice"])
    context = {"agenda": agenda, "supervision_line": _supervision_line(agenda["supervision"]),
               "movement": movement, "triggers": triggers,
               "changes": [{**c, "summary": _summary(c)} for c in agenda["changes"]],
               "risk_over_time": Markup(risk_over_time)}
    return run_template(environment(templates), "supervision.md.j2", context)
