"""Render the framework's documents: one Markdown file a report (and genogram.dot)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from reunify import trail
from reunify.case.load import Case
from reunify.reports import context as ctx
from reunify.reports import genogram
from reunify.reports.environment import environment
from reunify.settings import Settings

# name -> what it is (seed 003 names the documents; 002 the tools).
REPORTS: dict[str, str] = {
    "return-home-assessment": "Return Home Assessment summary (003)",
    "young-person": "Young person's report, in plain words (003)",
    "risk-classification": "Risk classification: the grid, the reasons and movement advice (002)",
    "chronology": "Analytical chronology (002)",
    "genogram": "Genogram as a Mermaid diagram, plus genogram.dot (002)",
    "parental-agreement": "Parental agreement with SMART goals (002)",
    "contingency-plan": "Staged contingency plan (000, 001)",
    "reunification-plan": "Reunification plan: support, contact, transition (002, 003)",
    "placed-with-parents": "Placed with Parents front sheet (003)",
    "checklist": "Workflow checklist for supervision (002, 003)",
    "cpag-pack": "Documents for CPAG in one file (003)",
    "monitoring-form": "Reunification Monitoring Form: outcome of the activity (003)",
}


def render(case: Case, as_of: dt.date, settings: Settings, names: list[str], *, redact: bool = False,
           templates: Path | None = None, commit: str | None = None) -> dict[str, str]:
    """{file name: text} for the chosen reports; the genogram report also yields genogram.dot."""
    context = ctx.build(case, as_of, settings, commit or trail.case_commit(case.folder))
    if redact:
        context = ctx.redact(context)
    child = context["case"]["child"]
    context["genogram_mermaid"] = Markup(genogram.mermaid(context["genogram"], child))
    env = environment(templates or settings.templates)
    people = context["people"]
    env.filters["person"] = lambda value: people[value]["name"] if value in people else value
    out: dict[str, str] = {}
    for name in names:
        out[f"{name}.md"] = env.get_template(f"{name}.md.j2").render(context)
        if name == "genogram":
            title = f"Genogram of {context['header']['reference']} as of {context['header']['as_of']}"
            out["genogram.dot"] = genogram.dot(context["genogram"], child, title)
    return out
