"""Decision roles are declared once (framework/roles.py): the checklist, the order checks and RU406 read them."""

from __future__ import annotations

from typing import get_args

from reunify.case.model import DecisionKind, Role
from reunify.framework.roles import ROLES, maker


def test_the_workflow_s_decision_makers() -> None:
    assert {d: r.maker for d, r in ROLES.items()} == {
        "1": "team-manager", "2": "service-manager", "3": "service-manager",
        "emergency-placed-with-parents": "head-of-service", "cpag": "corporate-director"}
    assert ROLES["3"].ratifier == "head-of-service" and maker("cpag") == "corporate-director"


def test_roles_and_decisions_are_the_format_s() -> None:
    roles, kinds = set(get_args(Role)), set(get_args(DecisionKind))
    for decision, declared in ROLES.items():
        assert decision in kinds
        assert set(declared.expected) | {declared.ratifier or declared.maker} <= roles
        assert declared.quote and declared.cite.source == "la-workflow"
