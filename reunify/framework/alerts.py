"""The alerts that put a case first (docs/command-line.md, `status`): the workflow's order checks, then safeguarding alerts.

Order checks come from the checklist (docs/practice-rules.md, the workflow's sequence).
Safeguarding alerts are movement advice that asks for action now: a suggestion
above the recorded level and a new or re-emerged risk always, the moves to
severe once their date has passed. `status` and `supervise` list the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable

from reunify.framework import movement, order  # noqa: F401  (declare the rules)
from reunify.framework.registry import declared

# Each in the order its module declares them, most urgent first.
ORDER_CHECKS = tuple(r.id for r in declared("order"))
SAFEGUARDING = tuple(r.id for r in declared("movement") if r.alert == "always")
SAFEGUARDING_WHEN_OVERDUE = tuple(r.id for r in declared("movement") if r.alert == "overdue")
URGENCY = (*ORDER_CHECKS, *SAFEGUARDING, *SAFEGUARDING_WHEN_OVERDUE)  # every alert id, most urgent first


def is_safeguarding(rule: str, overdue: bool) -> bool:
    return rule in SAFEGUARDING or (rule in SAFEGUARDING_WHEN_OVERDUE and overdue)


def in_force(order_ids: Iterable[str], advice: Iterable[tuple[str, bool]]) -> list[str]:
    """The ids of the order checks and safeguarding alerts in force, most urgent first, each once.

    `advice` gives each movement rule's (id, overdue)."""
    found = set(order_ids) | {rule for rule, overdue in advice if is_safeguarding(rule, overdue)}
    return [i for i in URGENCY if i in found]
