"""Render the framework's documents: one Markdown file a report (and genogram.dot)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.reports import context as ctx
from reunify.reports import genogram
from reunify.reports.environment import environment
from reunify.trail.git import case_commit


def render(case: Case, as_of: dt.date, settings: Settings, names: list[str], *, redact: bool = False,
           templates: Path | None = None, commit: str | None = None) -> dict[str, str]:
    """{file name: text} for the chosen reports; the genogram report also yields genogram.dot."""
    context = ctx.build(case, as_of, settings, commit or case_commit(case.folder))
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
