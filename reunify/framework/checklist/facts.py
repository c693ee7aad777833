"""What the record shows on the as-of date: only evidence dated on or before it."""

from __future__ import annotations

import datetime as dt

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.framework import classification as table


class Facts:
    """The case as the tasks read it on as-of (evidence dated later is a plan, not a fact)."""

    def __init__(self, case: Case, as_of: dt.date, settings: Settings) -> None:
        self.case, self.as_of, self.settings = case, as_of, settings
        record = case.case
        self.meetings = [m for m in (record.meetings or [] if record else []) if m.date <= as_of]
        self.decisions = [d for d in (record.decisions or [] if record else []) if d.date <= as_of]
        self.history = table.recorded_history(case, as_of)
        self.current = table.recorded(case, as_of)
        home = record.return_home if record else None
        self.planned_return = home.date if home else None
        self.returned = home.date if home and home.date <= as_of else None
        self.people = {p.id: p for p in (case.genogram.people or [])} if case.genogram else {}
        self.pursued = self._pursued()

    def meetings_of(self, kind: str) -> list:
        return sorted((m for m in self.meetings if m.kind == kind), key=lambda m: m.date)

    def decisions_of(self, *kinds: str) -> list:
        return sorted((d for d in self.decisions if d.decision in kinds), key=lambda d: d.date)

    def _pursued(self) -> bool:
        """False when the latest level is severe or the latest Decision 2/3 is not to proceed (002; 003)."""
        if self.current and self.current.level == "severe":
            return False
        latest = self.decisions_of("2", "3")
        return not (latest and latest[-1].outcome in ("do-not-proceed", "permanence"))


def names(people: list) -> str:
    return ", ".join(p.name for p in people)
