"""What the record shows on the as-of date, computed once a case and shared by every rule.

Classification, movement advice, trigger prompts, order checks and the
checklist all read the case through one `Facts`: the classification is
worked out once, not once a consumer (`status` asks for all of them over a
whole caseload). Evidence dated after as-of is a plan, not a fact: it never
makes a rule fire or a task done (docs/practice-rules.md).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.framework import classification as table

if TYPE_CHECKING:
    from reunify.framework.movement import Advice

PROCEED = "proceed"
STOPPED = ("do-not-proceed", "permanence")


class Facts:
    """The case as the rules read it on as-of."""

    def __init__(self, case: Case, as_of: dt.date, settings: Settings | None = None) -> None:
        self.case, self.as_of, self.settings = case, as_of, settings or Settings()
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
        outcome = record.outcome if record else None
        self.closed = bool(outcome and outcome.status != "open" and (outcome.date is None or outcome.date <= as_of))

    def meetings_of(self, *kinds: str) -> list:
        return sorted((m for m in self.meetings if m.kind in kinds), key=lambda m: m.date)

    def decisions_of(self, *kinds: str) -> list:
        return sorted((d for d in self.decisions if d.decision in kinds), key=lambda d: d.date)

    def _pursued(self) -> bool:
        """False when the latest level is severe or the latest Decision 2/3 is not to proceed (NSPCC framework; workflow)."""
        if self.current and self.current.level == "severe":
            return False
        latest = self.decisions_of("2", "3")
        return not (latest and latest[-1].outcome in STOPPED)

    @cached_property
    def suggestion(self) -> table.Suggestion:
        return table.suggestion(self.case, self.as_of)

    @cached_property
    def advice(self) -> list[Advice]:
        """The movement rules in force (docs/practice-rules.md), in the table's order."""
        from reunify.framework.movement import advice

        return advice(self)

    @cached_property
    def triggers(self) -> list[Advice]:
        """The team managers' training's trigger prompts since the latest classification (docs/practice-rules.md)."""
        from reunify.framework.triggers import prompts

        return prompts(self)

    @cached_property
    def low_to_close(self) -> Advice | None:
        """The `low-to-close` advice, whose date closure and discharge are possible from (None when it does not apply)."""
        return next((a for a in self.advice if a.rule == "low-to-close"), None)

    def names_person(self, attendee: str, person: str) -> bool:
        """Whether an attendee entry (a person id or a plain name) is `person`."""
        if attendee == person:
            return True
        known = self.people.get(person)
        return known is not None and attendee.strip().casefold() == known.name.strip().casefold()

    def attended(self, meetings: list, person: str) -> bool:
        return any(self.names_person(a, person) for m in meetings for a in m.attendees or [])
