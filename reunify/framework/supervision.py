"""Supervision: when it is due, and what changed since the last one (framework-rules.md §5; seed 004).

004 asks team managers to "Keep an eye to ensure that you are tracking risk
and progress" and to use reflective supervision, writing their own
"Narrative questions", "Emotional questions", "Analytical questions" and
"Planning questions". The seed sets no interval: a supervision is due when
the latest `supervision` or `mid-point-supervision` meeting is older than
`supervision_every_weeks` (reunify.toml, default 4), a tool convention. A
case with no supervision on record is due now. A closed case is not.
Pure functions of the case's Facts.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from reunify.framework.dates import add_days
from reunify.framework.facts import Facts

KINDS = ("supervision", "mid-point-supervision")
SOURCE = "004 (reflective supervision); the interval is a tool convention"
# 004's headings, for the manager's own questions (the seed gives headings, not questions).
QUESTIONS = ("Narrative questions", "Emotional questions", "Analytical questions", "Planning questions")


class Due(NamedTuple):
    last: dt.date | None  # the latest supervision on record, on or before as-of
    kind: str | None
    next: dt.date | None  # when the next is due (None: none on record, so due now)
    due: bool  # due on or before as-of


class Change(NamedTuple):
    date: dt.date
    kind: str  # "chronology" | "classification" | "decision" | "meeting"
    # The event in words; for a meeting, its kind as case.yaml writes it (the views put it in words).
    summary: str


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


def changes(f: Facts) -> list[Change]:
    """What the record shows after the window's start and on or before as-of, oldest first."""
    start = window_start(f)
    out = []
    for e in f.case.chronology.entries or [] if f.case.chronology else []:
        if start < e.date <= f.as_of:
            out.append(Change(e.date, "chronology", e.event))
    for c in f.history:
        if c.date > start:
            out.append(Change(c.date, "classification", f"{c.label} recorded {c.level}"
                              + (f" (the tool suggested {c.suggested})" if c.suggested and c.suggested != c.level
                                 else "") + (f" by {c.by}" if c.by else "")))
    for d in f.decisions:
        if d.date > start:
            out.append(Change(d.date, "decision", f"Decision {d.decision}" + (f": {d.outcome}" if d.outcome else "")
                              + f" by {d.by}" + (f" (despite: {d.despite})" if d.despite else "")))
    for m in f.meetings:
        if m.date > start and m.kind not in KINDS:
            out.append(Change(m.date, "meeting", m.kind))
    return sorted(out, key=lambda c: (c.date, c.kind))
