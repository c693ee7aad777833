"""Seed 004's trigger points for revisiting the risk classification, where the record shows them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from reunify.framework.dates import add_years_months

if TYPE_CHECKING:
    from reunify.framework.checklist.facts import Facts


class Prompt(NamedTuple):
    trigger: str
    date: dt.date | None
    message: str
    source: str = "004 (trigger points for revisiting risk)"


def prompts(f: Facts) -> list[Prompt]:
    """CIC review, updated assessment, significant events after the latest classification; leaving-care age."""
    out = []
    since = f.current.date if f.current else None
    if since:
        for m in f.meetings_of("cic-review"):
            if m.date > since:
                out.append(Prompt("cic-review", m.date, f"CIC review on {m.date} after {f.current.label}: "
                                  "revisit the risk classification"))
        factors = f.case.factors
        if factors and factors.assessed and since < factors.assessed <= f.as_of:
            out.append(Prompt("updated-assessment", factors.assessed,
                              f"factors reassessed on {factors.assessed}: revisit the classification"))
        for e in f.case.chronology.entries or [] if f.case.chronology else []:
            if e.significance == "high" and since < e.date <= f.as_of:
                out.append(Prompt("change-of-behaviour", e.date, f"significant event on {e.date} (change of "
                                  "behaviour, missing episode or incident): revisit risk"))
    child = f.people.get(f.case.case.child) if f.case.case else None
    if child and child.born:
        years, months = f.settings.leaving_care_prompt
        at = add_years_months(child.born, years, months)
        adult = add_years_months(child.born, 18)
        if at <= f.as_of < adult:
            out.append(Prompt("leaving-care-age", at, f"the child is {years}y{months}m or older (setting "
                              "leaving_care_prompt): plan for leaving care and revisit risk"))
    return out
