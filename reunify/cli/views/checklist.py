"""Human view of `reunify checklist`: stages, task statuses (as words), next actions, prompts."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from reunify.cli.console import console, safe, status_text
from reunify.sources import SOURCES


def show(result: dict[str, Any]) -> None:
    from reunify.framework.checklist import STAGES

    out = console()
    out.print(f"[bold]Checklist[/] for {safe(result['case'])} as of {result['as_of']}: "
              f"stage {result['stage']} of 5, {STAGES[result['stage']]}")
    if not result["pursued"]:
        out.print("Reunification is not being pursued: stages 3-5 do not apply; a permanence plan is needed.")
    for alert in result["alerts"]:
        out.print(f"[bold red]ORDER[/] [{alert['id']}] {safe(alert['message'])}")
    by_id = {t["id"]: t for t in result["tasks"]}
    for number, name in STAGES.items():
        grid = Table(title=f"Stage {number}: {name}", title_justify="left", show_header=True)
        grid.add_column("task")
        grid.add_column("status")
        grid.add_column("date")
        grid.add_column("evidence")
        for t in (t for t in result["tasks"] if t["stage"] == number):
            note = safe(t["message"]) + "".join(f"\n[italic]warning: {safe(w)}[/]" for w in t["warnings"])
            grid.add_row(t["id"], status_text(t["status"]), t["due"] or "", note)
        out.print(grid)
    if result["next_actions"]:
        out.print("[bold]Next actions[/] (most pressing first):")
        for task_id in result["next_actions"]:
            t = by_id[task_id]
            when = f" {t['due']}" if t["due"] else ""
            out.print(f"- {status_text(t['status'])}{when} {t['id']}: {safe(t['message'])}\n"
                      f"    fill in: {safe(t['where'])}")
    if result["prompts"]:
        out.print(f"[bold]Revisit risk[/] (trigger points from {SOURCES['tm-training'].name}):")
        from reunify.reports.labels import in_framework_words

        for p in result["prompts"]:
            out.print(f"- {safe(in_framework_words(p['message'], p['source']))}")
