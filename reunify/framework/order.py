"""The workflow's order (the workflow's sequence): the order checks in force, and `decide`'s guard.

Order checks (docs/practice-rules.md) are alerts on the record: the child went
home before Decision 3 to proceed was complete (ratified), or before the
corporate director agreed the plan recommended at CPAG. They come first in
`status`.

A return home at high or severe (the NSPCC framework: high "Further interventions and evidence of parental ability to engage and
change required before child returned home"; severe "Child remains Looked After") is an alert too.

The guard (docs/command-line.md "Order guard", a tool convention) names what is missing
before a decision is recorded out of order. The NSPCC framework says the framework "guides and
structures decision-making (though not prescriptive)", so the guard never
forbids: `decide --despite REASON` records the decision with the reason, a
visible and accountable choice. Pure functions of the facts on a date.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from reunify.framework.classification import MEANING
from reunify.framework.facts import PROCEED, STOPPED, Facts
from reunify.framework.registry import PracticeRule, declare
from reunify.framework.roles import ROLES, maker
from reunify.sources import Cite


def _check(id_: str, when: str, cite: Cite, quote: str) -> PracticeRule:
    return declare(PracticeRule(id_, "order", (cite,), (quote,), when))


# In the order of urgency, most urgent first (alerts.URGENCY reads it).
CHECKS: dict[str, PracticeRule] = {c.id: c for c in (
    _check("return-at-high", "return home while the latest classification on or before it was high or severe",
           Cite("nspcc-framework", "Risk Classification Table, high and severe columns"),
           "Further interventions and evidence of parental ability to engage and change required before child "
           "returned home"),
    # The workflow's words for the decisions the return waits for, as roles.py declares them.
    _check("return-before-decision-3", "return home before a ratified Decision 3 to proceed (before its "
           "ratified_on, or its date when ratified in the same entry)", ROLES["3"].cite, ROLES["3"].quote),
    _check("return-before-cpag", "return home before the corporate director's agreement to the plan recommended at "
           "CPAG (a decision cpag, role corporate-director)", ROLES["cpag"].cite, ROLES["cpag"].quote),
)}


class Alert(NamedTuple):
    id: str
    date: dt.date
    message: str

    @property
    def source(self) -> str:
        """Where the check comes from: its declaration, the one place every output takes it from."""
        return CHECKS[self.id].source

    @property
    def source_id(self) -> str:
        return CHECKS[self.id].source_id


def decision_3_complete(d) -> dt.date | None:
    """When a Decision 3 to proceed was complete: ratified (the workflow: "Decision ratified by Head of Locality/Service")."""
    if d.outcome != PROCEED or not d.ratified_by:
        return None
    return d.ratified_on or d.date


def director_agreed(d) -> bool:
    """The workflow: CPAG's recommendation is forwarded "to Corporate Director for agreement"."""
    return d.role == maker("cpag") and d.outcome not in STOPPED


# The high and severe columns' plans, in the NSPCC framework's words: why a return at these levels is out of order.
NOT_HOME_YET = ("high", "severe")


def level_before(f: Facts, day: dt.date):
    """The latest classification on or before `day`, or None."""
    return next((c for c in reversed(f.history) if c.date <= day), None)


def _not_home_yet(level: str) -> str:
    """The column's plan that keeps the child in care: high, "Further interventions and evidence of parental ability
    to engage and change required before child returned home"; severe, the whole plan (permanent separation)."""
    words = MEANING[level]
    return words.split(". ")[0] if level == "high" else words.rstrip(".")


def alerts(f: Facts) -> list[Alert]:
    """The order checks in force on as-of, most urgent first."""
    home = f.returned
    if home is None:
        return []
    out = []
    then = level_before(f, home)
    if then is not None and then.level in NOT_HOME_YET:
        out.append(Alert("return-at-high", home,
                         f"the child returned home on {home} while {then.label} ({then.date}) was {then.level}: the "
                         f"NSPCC framework's {then.level} column reads \"{_not_home_yet(then.level)}\""))
    completed = [day for d in f.decisions_of("3") if (day := decision_3_complete(d)) is not None and day <= f.as_of]
    if not any(day <= home for day in completed):
        later = f" (it was completed on {min(completed)})" if completed else ""
        out.append(Alert("return-before-decision-3", home,
                         f"the child returned home on {home} before Decision 3 to proceed was ratified{later}: "
                         "the workflow sets Decision 3, ratified by the head of service, before the return"))
    agreed = [d.date for d in f.decisions_of("cpag") if director_agreed(d)]
    if not any(day <= home for day in agreed):
        later = f" (it was given on {min(agreed)})" if agreed else ""
        out.append(Alert("return-before-cpag", home,
                         f"the child returned home on {home} before the corporate director agreed the plan "
                         f"recommended at CPAG{later}: the workflow presents the plan at CPAG before the return"))
    return out


def missing_before(f: Facts, decision: str, day: dt.date, outcome: str | None = None) -> list[str]:
    """What the workflow expects before recording `decision` (with `outcome`) on `day`; [] when it is in order.

    `f` holds the record as it stands on `day` (docs/command-line.md "Order guard"): Decision 2 needs a classification;
    Decision 3 an agreement, contingency stages, and RC2 when RC1 was medium or high, and Decision 3 to proceed
    a latest classification below high (the NSPCC framework's high column: "evidence of parental ability to engage and change
    required before child returned home"; severe: permanence); cpag a CPAG panel meeting; closure, while
    reunification is pursued, the low-to-close date reached (none yet: refuse).
    """
    missing = []
    if decision == "2" and not f.history:
        missing.append("no risk classification on or before this date (the NSPCC framework: Decision 2 confirms RC1)")
    elif decision == "3":
        agreements = f.case.agreements.agreements or [] if f.case.agreements else []
        if not any((a.made or a.signed or day) <= day for a in agreements):
            missing.append("no parental agreement (the NSPCC framework's stage 3: written agreements with SMART goals)")
        if not (f.case.contingency and f.case.contingency.stages):
            missing.append("no contingency plan stages (the NSPCC framework's stage 3: create contingency plans)")
        if f.history and f.history[0].level in ("medium", "high") and len(f.history) < 2:
            missing.append(f"no RC2 after {f.history[0].label} ({f.history[0].level}): the workflow reclassifies before "
                           "Decision 3 when risk was medium or high")
        latest = f.history[-1] if f.history else None
        if outcome == PROCEED and latest is not None and latest.level in NOT_HOME_YET:
            missing.append(f"{latest.label} ({latest.date}) is {latest.level}: the NSPCC framework's {latest.level} "
                           f"column reads \"{_not_home_yet(latest.level)}\"")
    elif decision == "cpag" and not f.meetings_of("cpag"):
        missing.append("no CPAG panel meeting on or before this date (the workflow: recommended at CPAG, then the corporate "
                       "director agrees)")
    elif decision == "closure" and f.pursued:
        close = f.low_to_close
        if close is None:
            missing.append("reunification is being pursued and the case has not held low risk six months after "
                           "return home (no low-to-close date yet; the workflow: \"Social work involvement continues until "
                           "parents have sustained low risk for at least six months\")")
        elif close.date is not None and day < close.date:
            missing.append(f"reunification is being pursued and the low-to-close date is {close.date} (the NSPCC "
                           "framework and the workflow: "
                           "six months of sustained low risk)")
    return missing
