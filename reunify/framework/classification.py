"""The Risk Classification Table ("traffic light") of the NSPCC framework, with the Detailed Reunification Workflow.

Five criteria, each read from factors.yaml, each giving a level and fitting
one or more of the table's columns (the NSPCC framework's table describes profiles, not a
sum). The suggestion is the most serious level any criterion gives, except
that severe needs the severe profile (docs/practice-rules.md, a tool
convention); a criterion whose value lies outside the suggested level's
columns is named as a *mixed profile*. A criterion with no evidence is
"not-assessed" and makes the suggestion "incomplete": never silently low.
Pure functions of (case, as_of).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from reunify.case.load import Case
from reunify.case.model import Capacity, FactorsFile

LEVELS = ("low", "medium", "high", "severe")
RANK = {level: i for i, level in enumerate(LEVELS)}
NOT_ASSESSED = "not-assessed"
INCOMPLETE = "incomplete"

# What each level means for the plan (the NSPCC framework, the table's "plan" row).
MEANING = {
    "low": "Return child home following preparation with reunification plan, parental agreements, support for "
           "child and parents and monitoring (Child In Need Plan/Placed with Parents).",
    "medium": "Return child home following preparation with reunification plan, parental agreement, support for "
              "child and parents, services to reduce risks and increase protective factors and regular monitoring "
              "(Child in Need Plan/Child Protection Plan/Placed with Parents).",
    "high": "Further interventions and evidence of parental ability to engage and change required before child "
            "returned home. Retain Care Order. Begin concurrent planning for possibility of permanent separation.",
    "severe": "Child remains Looked After. Legal proceedings instigated if required. Plan for permanent separation "
              "within timescale appropriate to child's development, needs and wishes.",
}

# The table's rows, in the framework's words, for the human grid.
ROWS = {
    "risk_factors": ("Risk factors", (
        "Previous risk factors fully addressed", "Risk factors apparent (or not all fully addressed)",
        "Risk factors apparent (and not being addressed)", "Risk factors apparent (and not being addressed)")),
    "protective_factors": ("Protective factors", (
        "Protective factors apparent", "Protective factors apparent", "Protective factors apparent",
        "No protective factors apparent")),
    "capacity_to_change": ("Capacity to change", (
        "Parents ABLE to demonstrate sustained capacity", "Parents ABLE to demonstrate sustained capacity",
        "Parents UNABLE to demonstrate sustained capacity", "Parents UNABLE to demonstrate sustained capacity")),
    "wishes": ("Wishes", (
        "Parents and child both want return home", "Parents and child both want return home",
        "Ambivalence by parent and/or child", "Ambivalence by parent and/or child")),
    "recurrence": ("Recurrence", (
        "Unlikely that abuse will recur", "Some possibility that abuse will recur",
        "Strong possibility that abuse will recur", "Very strong possibility that abuse will recur")),
}


class Criterion(NamedTuple):
    id: str
    level: str  # a LEVELS word or "not-assessed"
    reason: str
    fits: tuple[str, ...] = ()  # the table's columns this value fits (docs/practice-rules.md)


class Suggestion(NamedTuple):
    level: str  # a LEVELS word or "incomplete"
    criteria: list[Criterion]
    mixed_profile: list[str]  # ids of the criteria whose value lies outside the suggested level's columns
    severe_profile: bool
    warnings: list[str]


class Recorded(NamedTuple):
    label: str
    level: str
    date: dt.date
    since: dt.date  # first entry of the latest run of this level


def names(items: list) -> str:
    """The `name`s of factors or people, comma-separated, for a message."""
    return ", ".join(f.name for f in items)


def effective_status(factor, as_of: dt.date) -> str:
    """A status whose `since` is after as-of is a plan, not a fact (tool convention):
    "addressed" then counts as still being addressed; other statuses as given."""
    if factor.since > as_of and factor.status == "addressed":
        return "being-addressed"
    return factor.status


def current_risks(factors: FactorsFile, as_of: dt.date) -> list:
    """Risk factors known on as-of (one identified later is not yet known)."""
    return [f for f in factors.risk_factors or [] if f.identified is None or f.identified <= as_of]


def apparent_protective(factors: FactorsFile, as_of: dt.date) -> list:
    return [f for f in factors.protective_factors or [] if f.apparent and (f.since is None or f.since <= as_of)]


def unevidenced(capacity: Capacity | None) -> bool:
    """`sustained: true` with evidence `none`, which contradicts itself (the NSPCC framework: parents "ABLE to demonstrate
    sustained capacity for actual change" against "no evidence ... of parental capacity to change"): the
    criterion is not assessed, never low (docs/practice-rules.md; RU407 warns). Evidence left out is not a
    contradiction."""
    return capacity is not None and capacity.sustained is True and capacity.evidence == "none"


def sustained(factors: FactorsFile, as_of: dt.date) -> bool | None:
    """Capacity to change sustained on as-of; None: not assessed (`unevidenced` included). A future `since` is
    not yet evidence."""
    capacity = factors.capacity_to_change
    if capacity is None or capacity.sustained is None or unevidenced(capacity):
        return None
    return capacity.sustained and (capacity.since is None or capacity.since <= as_of)


def risk_criterion(factors: FactorsFile, as_of: dt.date) -> Criterion:
    if factors.risk_factors is None:
        return Criterion("risk_factors", NOT_ASSESSED, "risk_factors not recorded in factors.yaml (write "
                         "`risk_factors: []` when the assessment found none)")
    risks = current_risks(factors, as_of)
    if not risks:
        return Criterion("risk_factors", "low", "none recorded", FITS["low"])
    by_status: dict[str, list] = {}
    for f in risks:
        by_status.setdefault(effective_status(f, as_of), []).append(f)
    if "not-addressed" in by_status:
        return Criterion("risk_factors", "high", f"not being addressed: {names(by_status['not-addressed'])}",
                         FITS["high"])
    working = by_status.get("being-addressed", []) + by_status.get("re-emerged", [])
    if working:
        parts = []
        if "being-addressed" in by_status:
            parts.append(f"being addressed: {names(by_status['being-addressed'])}")
        if "re-emerged" in by_status:
            parts.append(f"re-emerged: {names(by_status['re-emerged'])}")
        return Criterion("risk_factors", "medium", "; ".join(parts), FITS["medium"])
    return Criterion("risk_factors", "low", f"all addressed: {names(risks)}", FITS["low"])


def protective_criterion(factors: FactorsFile, as_of: dt.date) -> Criterion:
    if factors.protective_factors is None:
        return Criterion("protective_factors", NOT_ASSESSED, "protective_factors not recorded in factors.yaml")
    apparent = apparent_protective(factors, as_of)
    if apparent:
        return Criterion("protective_factors", "low", f"apparent: {names(apparent)}", ("low", "medium", "high"))
    return Criterion("protective_factors", "severe", "no protective factor is apparent", FITS["severe"])


def capacity_criterion(factors: FactorsFile, as_of: dt.date) -> Criterion:
    value = sustained(factors, as_of)
    capacity = factors.capacity_to_change
    if value is None:
        if unevidenced(capacity):
            return Criterion("capacity_to_change", NOT_ASSESSED, "recorded as sustained with evidence 'none': "
                             "parents are not shown ABLE to demonstrate sustained capacity")
        return Criterion("capacity_to_change", NOT_ASSESSED, "capacity_to_change.sustained not recorded")
    evidence = f" (evidence: {capacity.evidence})" if capacity and capacity.evidence else ""
    if value:
        since = f" since {capacity.since}" if capacity and capacity.since else ""
        return Criterion("capacity_to_change", "low", f"parents able to demonstrate sustained change{since}{evidence}",
                         LOW_MEDIUM)
    return Criterion("capacity_to_change", "high", f"parents not yet able to demonstrate sustained change{evidence}",
                     FITS["high"])


def wishes_criterion(factors: FactorsFile) -> Criterion:
    wishes = factors.wishes
    if wishes is None or wishes.parents is None or wishes.child is None:
        return Criterion("wishes", NOT_ASSESSED, "parents' and child's wishes not both recorded")
    reason = f"parents: {wishes.parents}; child: {wishes.child}"
    # Tool convention: "opposes" counts like "ambivalent"; a child too young to say is no objection.
    if wishes.parents == "wants-return" and wishes.child in ("wants-return", "too-young"):
        return Criterion("wishes", "low", reason, LOW_MEDIUM)
    return Criterion("wishes", "high", reason, FITS["high"])


RECURRENCE = {"unlikely": "low", "some": "medium", "strong": "high", "very-strong": "severe"}
# Columns a value fits when it names only its own level, or the high-and-severe pair (docs/practice-rules.md).
FITS = {"low": ("low",), "medium": ("medium",), "high": ("high", "severe"), "severe": ("severe",)}
LOW_MEDIUM = ("low", "medium")


def recurrence_criterion(factors: FactorsFile) -> Criterion:
    if factors.recurrence is None:
        return Criterion("recurrence", NOT_ASSESSED, "recurrence judgement not recorded")
    level = RECURRENCE[factors.recurrence]
    # "Readings settled": recurrence values fit their own column only.
    return Criterion("recurrence", level, f"professional judgement: {factors.recurrence}", (level,))


def criteria(case: Case, as_of: dt.date) -> list[Criterion]:
    """The five criteria of the Risk Classification Table, in the table's order."""
    factors = case.factors
    if factors is None:
        return [Criterion(key, NOT_ASSESSED, "factors.yaml is missing") for key in ROWS]
    return [
        risk_criterion(factors, as_of),
        protective_criterion(factors, as_of),
        capacity_criterion(factors, as_of),
        wishes_criterion(factors),
        recurrence_criterion(factors),
    ]


def severe_profile(factors: FactorsFile | None, as_of: dt.date) -> bool:
    """No protective factor apparent, a risk factor not addressed or re-emerged, and capacity not sustained
    (`sustained: false`).

    The NSPCC framework's severe column reads "No protective factors apparent", and its high column sends a case
    whose parents are "unable to show demonstrable capacity for change yet protective factors are apparent" to 'high risk'
    (docs/practice-rules.md): with any protective factor apparent the severe profile does not
    hold, whatever the recurrence judgement. Requiring the risk and capacity columns too is a tool convention
    (docs/practice-rules.md): one criterion alone is not enough to suggest permanence.
    """
    if factors is None:
        return False
    statuses = {effective_status(f, as_of) for f in current_risks(factors, as_of)}
    return (factors.protective_factors is not None and not apparent_protective(factors, as_of)
            and bool(statuses & {"not-addressed", "re-emerged"})
            and sustained(factors, as_of) is False)


def suggestion(case: Case, as_of: dt.date) -> Suggestion:
    """The suggested level, with the mixed profile and the warnings the grid shows."""
    items = criteria(case, as_of)
    warnings = []
    if unevidenced(case.factors.capacity_to_change if case.factors else None):
        warnings.append("capacity to change is recorded as sustained with evidence 'none': the criterion is not "
                        "assessed until the evidence is recorded (RU407)")
    if any(c.level == NOT_ASSESSED for c in items):
        return Suggestion(INCOMPLETE, items, [], False, warnings)
    profile = severe_profile(case.factors, as_of)
    level = max((c.level for c in items), key=RANK.__getitem__)
    if level == "severe" and not profile:
        level = "high"  # at most high: its plan already begins concurrent planning (docs/practice-rules.md)
    mixed = [c.id for c in items if level not in c.fits]
    return Suggestion(level, items, mixed, profile, warnings)


def suggested_level(case: Case, as_of: dt.date) -> str:
    return suggestion(case, as_of).level


def recorded_history(case: Case, as_of: dt.date) -> list:
    """Classifications made on or before as-of, oldest first (a later one has not happened yet)."""
    return [c for c in (case.case.classifications or [] if case.case else []) if c.date <= as_of]


def recorded(case: Case, as_of: dt.date) -> Recorded | None:
    """The latest classification, and when the run of its level began."""
    history = recorded_history(case, as_of)
    if not history:
        return None
    latest = history[-1]
    since = latest.date
    for entry in reversed(history):
        if entry.level != latest.level:
            break
        since = entry.date
    return Recorded(latest.label, latest.level, latest.date, since)
