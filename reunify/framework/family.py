"""Who the child's parents are, as case-format.md defines it."""

from __future__ import annotations

import datetime as dt

from reunify.case.load import Case


def parents(case: Case, as_of: dt.date) -> list[str]:
    """Person ids of the living partners of the union whose children include the child."""
    if case.genogram is None or case.case is None:
        return []
    child = case.case.child
    died = {p.id: p.died for p in case.genogram.people or []}
    found = [p for u in case.genogram.unions or [] if child in (u.children or []) for p in u.partners]
    return [p for p in dict.fromkeys(found) if not (died.get(p) and died[p] <= as_of)]
