"""Tasks done by holding one kind of meeting (the workflow's named meetings, 003)."""

from __future__ import annotations

from collections.abc import Callable

from reunify.framework.checklist.facts import Facts
from reunify.framework.checklist.model import DONE, MISSING, Outcome


def meeting_rule(kind: str, what: str) -> Callable[[Facts], Outcome]:
    """Done once a meeting of `kind` is recorded on or before as-of."""

    def rule(f: Facts) -> Outcome:
        found = f.meetings_of(kind)
        if found:
            return Outcome(DONE, f"{what} held on {found[0].date}")
        return Outcome(MISSING, f"no {what} recorded")

    rule.__name__ = kind.replace("-", "_")
    return rule


def where(kind: str) -> str:
    return f"case.yaml: meetings[] kind: {kind}"
