"""Who makes which decision, declared once: the checklist, the order checks and RU406 read it.

From the Detailed Reunification Workflow: Decision 1 is the team manager's,
Decision 2 the service manager's, Decision 3 the service manager's ratified by
the head of service; the head of service approves an emergency placement with
parents; the corporate director agrees the plan recommended at CPAG (the panel
may record its recommendation as the same kind of decision).
"""

from __future__ import annotations

from typing import NamedTuple

from reunify.sources import Cite


class DecisionRole(NamedTuple):
    decision: str  # the decision kind as case.yaml writes it
    maker: str  # the role that makes it (case/model.py Role)
    cite: Cite
    quote: str  # the workflow's words
    ratifier: str | None = None  # the role that ratifies it, if any
    also: tuple[str, ...] = ()  # other roles that may record it without a warning

    @property
    def expected(self) -> tuple[str, ...]:
        """The roles RU406 accepts for the decision."""
        return (self.maker, *self.also)


def _workflow(place: str) -> Cite:
    return Cite("la-workflow", place)


ROLES: dict[str, DecisionRole] = {r.decision: r for r in (
    DecisionRole("1", "team-manager", _workflow("Decision 1"),
                 "TM records case decision on Mosaic that reunification framework to be followed"),
    DecisionRole("2", "service-manager", _workflow("Decision 2"),
                 "Decision 2 - TM discussion with Service Manager (SM) in Supervision - to confirm level of risk and "
                 "make case decision"),
    DecisionRole("3", "service-manager", _workflow("Decision 3"),
                 "Decision 3 - SM and TM Discussion and SM records in Management Oversight - Decision ratified by Head "
                 "of Locality/Service", ratifier="head-of-service"),
    DecisionRole("emergency-placed-with-parents", "head-of-service",
                 _workflow("Emergency Placed with Parents approval"),
                 "Head of Locality/Service approval for Emergency Placed with Parents"),
    DecisionRole("cpag", "corporate-director", _workflow("CPAG and Child in Care Review"),
                 "Record if reunification plan recommended at CPAG and forward to Corporate Director for agreement",
                 also=("panel",)),
)}


def maker(decision: str) -> str:
    """The role that makes `decision` (a key of ROLES)."""
    return ROLES[decision].maker
