"""The team managers' training's trigger points for revisiting the risk classification, where the record shows them.

Revisiting Risk in an Informed Way: "Keep an eye to ensure that you are tracking risk and progress. Specific
trigger points: CLA review, Updated assessment, Change of behaviour, Missing
episodes, Approaching leaving care age". Each prompt fires for events after the
latest classification (a classification made since has revisited it) and is
shaped as movement advice (`trigger-*` ids), so `classify` and `status` carry
them beside the movement rules. A prompt is never overdue: it asks a question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reunify.framework.dates import add_years_months
from reunify.framework.movement import Advice
from reunify.framework.registry import PracticeRule, declare
from reunify.sources import Cite

if TYPE_CHECKING:
    import datetime as dt

    from reunify.framework.facts import Facts

POINTS = Cite("tm-training", "Exceptions and Alterations: specific trigger points")


def _trigger(id_: str, point: str, when: str, note: str | None = None) -> PracticeRule:
    """A trigger point; its quote is the training's list opening and the point's own words."""
    return declare(PracticeRule(id_, "trigger", (POINTS,), (f"Specific trigger points: ... {point}",), when,
                                note=note))


TRIGGERS: dict[str, PracticeRule] = {t.id: t for t in (
    _trigger("trigger-cla-review", "CLA review", "a cic-review meeting after the latest classification"),
    _trigger("trigger-updated-assessment", "Updated assessment",
             "factors assessed, or the Return Home Assessment completed, after the latest classification"),
    _trigger("trigger-change-of-behaviour", "Change of behaviour",
             "a chronology entry with trigger: change-of-behaviour after the latest classification"),
    _trigger("trigger-missing-episode", "Missing episodes",
             "a chronology entry with trigger: missing-episode after the latest classification"),
    _trigger("trigger-leaving-care-age", "Approaching leaving care age",
             "the child reaches leaving_care_prompt (reunify.toml, default 17y6m: the age is ours, not the "
             "training's), before 18 and after the latest classification",
             note="the age: leaving_care_prompt in reunify.toml, default 17y6m"),
)}


def _prompt(trigger_id: str, dates: list[dt.date], what: str, after: str) -> Advice:
    seen = ", ".join(str(d) for d in dates)
    rule = TRIGGERS[trigger_id]
    words = rule.words()
    return Advice(trigger_id, None, dates[0], False,
                  f"{what} on {seen}{after}: revisit the risk classification. {words[:1].upper()}{words[1:]}",
                  rule.source, rule.source_id)


def prompts(f: Facts) -> list[Advice]:
    """One prompt a trigger point shown in the record since the latest classification, dated its first event."""
    out = []
    since = f.current.date if f.current else None
    after = f", after {f.current.label} ({since})" if f.current else ""
    if since is not None:
        reviews = [m.date for m in f.meetings_of("cic-review") if m.date > since]
        if reviews:
            out.append(_prompt("trigger-cla-review", reviews, "CLA (CIC) review", after))
        factors, assessment = f.case.factors, f.case.case.assessment if f.case.case else None
        updated = sorted({d for d in (factors.assessed if factors else None, assessment.completed if assessment else None)
                          if d is not None and since < d <= f.as_of})
        if updated:
            out.append(_prompt("trigger-updated-assessment", updated, "Assessment updated", after))
        entries = f.case.chronology.entries or [] if f.case.chronology else []
        for trigger, what in (("change-of-behaviour", "Change of behaviour"), ("missing-episode", "Missing episode")):
            dates = sorted(e.date for e in entries if e.trigger == trigger and since < e.date <= f.as_of)
            if dates:
                out.append(_prompt(f"trigger-{trigger}", dates, what, after))
    child = f.people.get(f.case.case.child) if f.case.case else None
    if child and child.born:
        years, months = f.settings.leaving_care_prompt
        at = add_years_months(child.born, years, months)
        if at <= f.as_of < add_years_months(child.born, 18) and (since is None or since < at):
            out.append(_prompt("trigger-leaving-care-age", [at], f"The child reached {years}y{months}m (setting "
                               "leaving_care_prompt), approaching leaving care age,", after))
    return out
