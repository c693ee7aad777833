"""Supervision: when it is due, and what changed since the last one (docs/practice-rules.md; the team managers' training).

the team managers' training asks team managers to "Keep an eye to ensure that you are tracking risk
and progress" and to use reflective supervision, writing their own
"Narrative questions", "Emotional questions", "Analytical questions" and
"Planning questions". The training sets no interval: a supervision is due when
the latest `supervision` or `mid-point-supervision` meeting is older than
`supervision_every_weeks` (reunify.toml, default 4), a tool convention. A
case with no supervision on record is due now. A closed case is not.
Pure functions of the case's Facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from reunify.framework.dates import add_days
from reunify.framework.facts import Facts
from reunify.sources import Cite

KINDS = ("supervision", "mid-point-supervision")
CITE = Cite("tm-training", "Reflective Supervision and Reunification")
SOURCE = f"{CITE.title}; the interval is a tool convention"
# The training's headings, for the manager's own questions (it gives headings, not questions).
QUESTIONS = ("Narrative questions", "Emotional questions", "Analytical questions", "Planning questions")


class Due(NamedTuple):
    last: dt.date | None  # the latest supervision on record, on or before as-of
    kind: str | None
    next: dt.date | None  # when the next is due (None: none on record, so due now)
    due: bool  # due on or before as-of


class Change(NamedTuple):
    date: dt.date
    kind: str  # what changed: one of KINDS_OF_CHANGE
    # The event in words; for a meeting, its kind as case.yaml writes it (the views put it in words).
    summary: str


# Every kind of dated change the case files hold (issue 25, point 7), in the order a tie on one date is listed.
KINDS_OF_CHANGE = ("chronology", "assessment", "factors", "risk-factor", "protective-factor", "capacity",
                   "classification", "decision", "meeting", "agreement", "goal-review", "contingency", "return-home",
                   "visit", "measure", "outcome")


def due(f: Facts) -> Due:
    """Whether a supervision is due on as-of, and when the next one falls."""
    held = f.meetings_of(*KINDS)
    last = held[-1] if held else None
    if last is None:
        return Due(None, None, None, not f.closed)
    following = add_days(last.date, 7 * f.settings.supervision_every_weeks)
    return Due(last.date, last.kind, following, not f.closed and following <= f.as_of)


def window_start(f: Facts) -> dt.date:
    """Changes are listed from the last supervision; with none on record, over one interval back (ours)."""
    last = due(f).last
    if last is not None:
        return last
    return dt.date.fromordinal(max(1, f.as_of.toordinal() - 7 * f.settings.supervision_every_weeks))


def _words(value: str | None) -> str:
    return (value or "").replace("-", " ")


def _dated(f: Facts) -> Iterator[tuple[dt.date | None, str, str]]:
    """Every dated event in the case files, as (date, kind, summary); a date may be None (not recorded)."""
    case, record = f.case, f.case.case
    for e in case.chronology.entries or [] if case.chronology else []:
        yield e.date, "chronology", e.event
    assessment = record.assessment if record else None
    if assessment:
        yield assessment.started, "assessment", "Return Home Assessment started"
        yield assessment.completed, "assessment", "Return Home Assessment completed"
    factors = case.factors
    if factors:
        yield factors.assessed, "factors", "factors assessed"
        for r in factors.risk_factors or []:
            yield r.identified, "risk-factor", f"risk factor identified: {r.name}"
            yield r.since, "risk-factor", f"risk factor {_words(r.status).replace('re emerged', 're-emerged')}: {r.name}"
        for p in factors.protective_factors or []:
            state = "apparent" if p.apparent else "no longer apparent"
            yield p.since, "protective-factor", f"protective factor {state}: {p.name}"
        capacity = factors.capacity_to_change
        if capacity:
            yield capacity.since, "capacity", "capacity to change: sustained change first evidenced"
    for c in f.history:
        yield c.date, "classification", (f"{c.label} recorded {c.level}"
                                         + (f" (the tool suggested {c.suggested})" if c.suggested and c.suggested != c.level
                                            else "") + (f" by {c.by}" if c.by else ""))
    for d in f.decisions:
        yield d.date, "decision", (f"Decision {d.decision}" + (f": {d.outcome}" if d.outcome else "") + f" by {d.by}"
                                   + (f" (despite: {d.despite})" if d.despite else ""))
        if d.ratified_on:
            yield d.ratified_on, "decision", f"Decision {d.decision} of {d.date} ratified by {d.ratified_by}"
    for m in f.meetings:
        if m.kind not in KINDS:
            yield m.date, "meeting", m.kind
    for a in case.agreements.agreements or [] if case.agreements else []:
        yield a.made, "agreement", f"agreement {a.id} made"
        yield a.signed, "agreement", f"agreement {a.id} signed"
        for g in a.goals or []:
            for r in g.reviews or []:
                yield r.date, "goal-review", f"goal reviewed ({_words(r.progress)}): {g.goal}"
    contingency = case.contingency
    if contingency:
        yield contingency.shared_on, "contingency", "contingency plan shared"
        yield contingency.reviewed, "contingency", "contingency plan reviewed"
    if record and record.return_home:
        yield record.return_home.date, "return-home", "the child returned home"
    for v in record.visits or [] if record else []:
        alone = "seen alone" if v.seen_alone else "not seen alone"
        yield v.date, "visit", f"visit ({'unannounced' if v.announced is False else 'announced'}; {alone})"
    for m in record.measures or [] if record else []:
        yield m.date, "measure", f"{_words(m.tool)} completed"
    if record and record.outcome and record.outcome.status != "open":
        yield record.outcome.date, "outcome", f"case outcome: {_words(record.outcome.status)}"


def changes(f: Facts) -> list[Change]:
    """Every dated change in the case after the window's start and on or before as-of, oldest first (issue 25,
    point 7: factor assessments and each factor's dates, goal reviews, visits, agreements, contingency reviews,
    meetings, classifications, decisions, chronology entries...)."""
    start = window_start(f)
    found = [Change(day, kind, summary) for day, kind, summary in _dated(f) if day and start < day <= f.as_of]
    return sorted(found, key=lambda c: (c.date, KINDS_OF_CHANGE.index(c.kind), c.summary))
