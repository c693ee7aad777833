"""Human view of `reunify classify`: the traffic-light grid, reasons, recorded level and advice."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from reunify.cli.console import console, level_text, safe
from reunify.sources import SOURCES


def show(result: dict[str, Any]) -> None:
    from reunify.framework.classification import LEVELS, ROWS
    from reunify.framework.movement import PERMISSIVE
    from reunify.reports.labels import in_framework_words

    out = console()
    out.print(f"[bold]Risk classification[/] for {safe(result['case'])} as of {result['as_of']} "
              f"({SOURCES['nspcc-framework'].title})")
    grid = Table(show_lines=True)
    grid.add_column("criterion")
    for level in LEVELS:
        grid.add_column(level_text(level), justify="center")
    grid.add_column("why")
    mixed = result["mixed_profile"]
    for key, (title, _words) in ROWS.items():
        level = result["criteria"][key]
        cells = [f"[reverse] {level_text(level)} [/]" if level == column else "" for column in LEVELS]
        if level == "not-assessed":
            cells = ["?"] * len(LEVELS)
        why = safe(result["reasons"][key]) + ("\n[italic]mixed profile: outside the suggested column[/]"
                                                 if key in mixed else "")
        grid.add_row(title, *cells, why)
    out.print(grid)
    suggested = result["suggested"]
    note = " (a criterion is not assessed: no level can be suggested)" if suggested == "incomplete" else \
        " (the most serious criterion, severe only with the severe profile: a tool convention)"
    out.print(f"Suggested level: {level_text(suggested)}{note}")
    if mixed:
        names = ", ".join(ROWS[key][0].lower() for key in mixed)
        out.print(f"Mixed profile: {names} lie outside the {suggested} column")
    for warning in result["warnings"]:
        out.print(f"[bold]warning:[/] {safe(warning)}")
    recorded = result["recorded"]
    if recorded:
        out.print(f"Recorded level:  {level_text(recorded['level'])} ({safe(recorded['label'])} on "
                  f"{recorded['date']}, this level held since {recorded['since']})")
        if recorded["level"] != suggested and result["recorded_rationale"]:
            then = result["recorded_suggested"]  # the reason answers the suggestion of its day, not today's
            when = f"{safe(recorded['label'])}, when the suggestion was {then}" if then else safe(recorded["label"])
            out.print(f"Manager's rationale ({when}): {safe(result['recorded_rationale'])}")
    else:
        out.print("Recorded level:  none yet (record RC1 with `reunify decide`)")
    if result["meaning"]:
        level = recorded["level"] if recorded else suggested
        out.print(f"\nWhat {level} means for the plan ({SOURCES['nspcc-framework'].title}): {result['meaning']}")
    if result["advice"]:
        out.print("\n[bold]Movement advice and prompts[/]")
        for item in result["advice"]:
            passed = item["overdue"]
            flag = ("SIX MONTHS PASSED " if item["rule"] in PERMISSIVE else "OVERDUE ") if passed else ""
            said = in_framework_words(item["message"], item["source"])  # the rule's own attribution
            out.print(f"- {flag}{safe('[' + item['rule'] + ']')} {safe(said)}")
    else:
        out.print("\nNo movement rule applies on this date.")
