"""Practice warnings (RU4xx) and the classification rationale rule (RU210)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from reunify.case.load import Case
from reunify.checks.registry import Finding, check
from reunify.framework import annex1
from reunify.framework.roles import ROLES
from reunify.sources import Cite

NSPCC, WORKFLOW = Cite("nspcc-framework"), Cite("la-workflow")


@check("RU210", "error", "classification level differs from the suggested level without a rationale",
       f"{NSPCC.title} (managers decide; the reasons are recorded), tool convention")
def classification_rationale(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """A recorded level that departs from the suggestion needs its rationale on record (NSPCC framework)."""
    for i, c in enumerate(case.case.classifications or [] if case.case else []):
        if c.suggested is not None and c.suggested != c.level and not (c.rationale or "").strip():
            yield Finding("case", ("classifications", i, "level"),
                          f"classification {c.label} records {c.level} where {c.suggested} was suggested: "
                          "add a rationale saying why")


@check("RU402", "warning", "factor code is not in the Annex 1 vocabulary", Cite("nspcc-framework", "Annex 1").title)
def factor_vocabulary(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """Factor codes come from the NSPCC framework's Annex 1; a team may use its own, hence a warning."""
    factors = case.factors
    if factors is None:
        return
    for group, vocabulary in (("risk_factors", annex1.RISK), ("protective_factors", annex1.PROTECTIVE)):
        for i, f in enumerate(getattr(factors, group) or []):
            if f.code is not None and f.code not in vocabulary:
                yield Finding("factors", (group, i, "code"),
                              f"'{f.code}' is not an Annex 1 {group.split('_')[0]} factor code (see `reunify rules`)")


@check("RU404", "warning",
       "risk_factors is present but empty: a child in care has at least the reasons for removal", "tool convention")
def empty_risk_factors(case: Case, as_of: dt.date) -> Iterator[Finding]:
    if case.factors is not None and case.factors.risk_factors == []:
        yield Finding("factors", ("risk_factors",),
                      "risk_factors is empty: record at least the reasons the child came into care")


@check("RU403", "warning", "high-significance chronology entry has no analysis",
       Cite("nspcc-framework", "analytical chronology").title)
def chronology_analysis(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """An analytical chronology analyses its significant events (NSPCC framework)."""
    for i, e in enumerate(case.chronology.entries or [] if case.chronology else []):
        if e.significance == "high" and not (e.analysis or "").strip():
            yield Finding("chronology", ("entries", i),
                          f"the high-significance entry of {e.date} has no analysis: say what it means for the child")


@check("RU405", "warning", "goal has no owner", f"tool convention (SMART goals, {NSPCC.title})")
def goal_owner(case: Case, as_of: dt.date) -> Iterator[Finding]:
    for i, a in enumerate(case.agreements.agreements or [] if case.agreements else []):
        for j, g in enumerate(a.goals or []):
            if not g.owner:
                yield Finding("agreements", ("agreements", i, "goals", j),
                              f"goal {g.id} of {a.id} has no owner: say who is responsible for it")


@check("RU406", "warning", "decision recorded by an unexpected role",
       f"{WORKFLOW.title} (Decision 1 TM, Decision 2 SM, Decision 3 ratified by HoS, CPAG)")
def decision_roles(case: Case, as_of: dt.date) -> Iterator[Finding]:
    for i, d in enumerate(case.case.decisions or [] if case.case else []):
        declared = ROLES.get(d.decision)
        if declared and d.role is not None and d.role not in declared.expected:
            yield Finding("case", ("decisions", i, "role"),
                          f"decision {d.decision} is recorded by a {d.role}; the workflow expects "
                          f"{' or '.join(declared.expected)}")


@check("RU407", "warning", "capacity to change is 'sustained' with evidence 'none'",
       f"{Cite('nspcc-framework', 'capacity to change: no / some / substantial evidence').title}; "
       "docs/practice-rules.md",
       "record the evidence (some or substantial), or set sustained: false")
def capacity_without_evidence(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """The NSPCC framework: parents "ABLE to demonstrate sustained capacity" cannot rest on "no evidence": the criterion is
    not assessed until the record agrees with itself (docs/practice-rules.md)."""
    capacity = case.factors.capacity_to_change if case.factors else None
    if capacity is not None and capacity.sustained is True and capacity.evidence == "none":
        yield Finding("factors", ("capacity_to_change", "evidence"),
                      "capacity to change is recorded as sustained with no evidence: the criterion is not assessed")


@check("RU408", "warning", "a person is both in shared_with and in not_shared of the contingency plan",
       f"{Cite('ddscp-guide', 'contingency plans shared with all relevant parties').title}; docs/case-format.md")
def shared_and_not_shared(case: Case, as_of: dt.date) -> Iterator[Finding]:
    plan = case.contingency
    if plan is None:
        return
    shared = set(plan.shared_with or [])
    for i, entry in enumerate(plan.not_shared or []):
        if entry.person in shared:
            yield Finding("contingency", ("not_shared", i, "person"),
                          f"'{entry.person}' is listed in shared_with and in not_shared: say which is true")
