"""Practice warnings (RU4xx) and the classification rationale rule (RU210)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from reunify.case.load import Case
from reunify.checks.registry import at as _diag
from reunify.checks.registry import check
from reunify.diagnostics import Diagnostic
from reunify.framework import annex1

# Seed 003: Decision 1 by the team manager, Decision 2 by the service manager,
# Decision 3 by the service manager (ratified by the head of service), CPAG
# forwarded to the corporate director; framework-rules.md §3: an emergency
# placement with parents needs the head of service.
EXPECTED_ROLE = {
    "1": ("team-manager",),
    "2": ("service-manager",),
    "3": ("service-manager",),
    "emergency-placed-with-parents": ("head-of-service",),
    "cpag": ("corporate-director", "panel"),
}


@check("RU210")
def classification_rationale(case: Case, as_of: dt.date) -> Iterator[Diagnostic]:
    """A recorded level that departs from the suggestion needs its rationale on record (002)."""
    for i, c in enumerate(case.case.classifications or [] if case.case else []):
        if c.suggested is not None and c.suggested != c.level and not (c.rationale or "").strip():
            yield _diag(case, "RU210", "case", ("classifications", i, "level"),
                        f"classification {c.label} records {c.level} where {c.suggested} was suggested: "
                        "add a rationale saying why")


@check("RU402", "RU404")
def factor_vocabulary(case: Case, as_of: dt.date) -> Iterator[Diagnostic]:
    """Factor codes come from Annex 1 (002); an empty risk list is unlikely for a child in care."""
    factors = case.factors
    if factors is None:
        return
    for group, vocabulary in (("risk_factors", annex1.RISK), ("protective_factors", annex1.PROTECTIVE)):
        for i, f in enumerate(getattr(factors, group) or []):
            if f.code is not None and f.code not in vocabulary:
                yield _diag(case, "RU402", "factors", (group, i, "code"),
                            f"'{f.code}' is not an Annex 1 {group.split('_')[0]} factor code "
                            "(see `reunify rules`)")
    if factors.risk_factors == []:
        yield _diag(case, "RU404", "factors", ("risk_factors",),
                    "risk_factors is empty: record at least the reasons the child came into care")


@check("RU403")
def chronology_analysis(case: Case, as_of: dt.date) -> Iterator[Diagnostic]:
    """An analytical chronology analyses its significant events (002)."""
    for i, e in enumerate(case.chronology.entries or [] if case.chronology else []):
        if e.significance == "high" and not (e.analysis or "").strip():
            yield _diag(case, "RU403", "chronology", ("entries", i),
                        f"the high-significance entry of {e.date} has no analysis: say what it means for the child")


@check("RU405")
def goal_owner(case: Case, as_of: dt.date) -> Iterator[Diagnostic]:
    for i, a in enumerate(case.agreements.agreements or [] if case.agreements else []):
        for j, g in enumerate(a.goals or []):
            if not g.owner:
                yield _diag(case, "RU405", "agreements", ("agreements", i, "goals", j),
                            f"goal {g.id} of {a.id} has no owner: say who is responsible for it")


@check("RU406")
def decision_roles(case: Case, as_of: dt.date) -> Iterator[Diagnostic]:
    for i, d in enumerate(case.case.decisions or [] if case.case else []):
        expected = EXPECTED_ROLE.get(d.decision)
        if expected and d.role is not None and d.role not in expected:
            yield _diag(case, "RU406", "case", ("decisions", i, "role"),
                        f"decision {d.decision} is recorded by a {d.role}; seed 003 expects "
                        f"{' or '.join(expected)}")
