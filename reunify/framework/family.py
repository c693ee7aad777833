"""Who the child's parents are, as docs/case-format.md defines it."""

from __future__ import annotations

import datetime as dt

from reunify.case.load import Case


def parents(case: Case, as_of: dt.date, *, living: bool = True) -> list[str]:
    """Person ids of the partners of the union whose children include the child: the living ones (who can be told,
    and attend), or with `living=False` every one (the genogram draws a parent who has died)."""
    if case.genogram is None or case.case is None:
        return []
    child = case.case.child
    died = {p.id: p.died for p in case.genogram.people or []}
    found = [p for u in case.genogram.unions or [] if child in (u.children or []) for p in u.partners]
    return [p for p in dict.fromkeys(found) if not (living and died.get(p) and died[p] <= as_of)]
