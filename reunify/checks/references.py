"""References between files: people (genogram.yaml), factors (factors.yaml), labels and ids."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from reunify.case.load import Case
from reunify.case.schema_check import suggest
from reunify.checks.registry import at as _diag
from reunify.checks.registry import check, select
from reunify.diagnostics import Diagnostic

_ID_SHAPE = re.compile(r"^[a-z][a-z0-9-]*$")

# case-format.md "Person references": these must be person ids ...
PERSON_IDS: list[tuple[str, tuple]] = [
    ("case", ("child",)),
    ("case", ("placement", "carer")),
    ("chronology", ("entries", "*", "people", "*")),
    ("genogram", ("unions", "*", "partners", "*")),
    ("genogram", ("unions", "*", "children", "*")),
    ("genogram", ("bonds", "*", "between", "*")),
    ("agreements", ("agreements", "*", "parties", "*")),
    ("contingency", ("shared_with", "*")),
    ("plan", ("support", "*", "for", "*")),
]
# ... and these may be a person id or a plain name (staff, services).
PERSON_OR_NAME: list[tuple[str, tuple]] = [
    ("case", ("trusted_adult",)),
    ("case", ("meetings", "*", "attendees", "*")),
    ("agreements", ("agreements", "*", "goals", "*", "owner")),
    ("contingency", ("stages", "*", "actions", "*", "who")),
    ("contingency", ("alternative_care", "*", "carer")),
    ("case", ("visits", "*", "by")),
    ("case", ("decisions", "*", "by")),
    ("case", ("decisions", "*", "ratified_by")),
]
FACTOR_IDS: list[tuple[str, tuple]] = [
    ("chronology", ("entries", "*", "factors", "*")),
    ("agreements", ("agreements", "*", "goals", "*", "factors", "*")),
    ("contingency", ("stages", "*", "factors", "*")),
    ("plan", ("support", "*", "factors", "*")),
]


def _refs(case: Case, specs: list[tuple[str, tuple]]) -> Iterator[tuple[str, tuple, str]]:
    for kind, spec in specs:
        for path, value in select(case.raw.get(kind), spec):
            yield kind, path, value


@check("RU301", "RU302")
def person_references(case: Case, as_of: dt.date) -> Iterator[Diagnostic]:
    """Every person id used anywhere exists in genogram.yaml (only checked when it loaded)."""
    if case.genogram is None:
        return
    people = [p.id for p in case.genogram.people or []]
    known = set(people)
    for kind, path, value in _refs(case, PERSON_IDS):
        if value not in known:
            what = "the child" if path == ("child",) else f"'{value}'"
            yield _diag(case, "RU301", kind, path,
                        f"{what} is not a person in genogram.yaml{suggest(value, people)}"
                        + (f" (child: {value})" if path == ("child",) else ""))
    for kind, path, value in _refs(case, PERSON_OR_NAME):
        if value not in known and _ID_SHAPE.match(value):
            yield _diag(case, "RU302", kind, path,
                        f"'{value}' looks like a person id but no person in genogram.yaml has it"
                        f"{suggest(value, people)}; write a plain name if it is not a person")


@check("RU303")
def factor_references(case: Case, as_of: dt.date) -> Iterator[Diagnostic]:
    """Factor ids named in chronology, goals, contingency and support exist in factors.yaml."""
    if case.factors is None:
        return
    ids = [f.id for f in case.factors.risk_factors or []] + [f.id for f in case.factors.protective_factors or []]
    known = set(ids)
    for kind, path, value in _refs(case, FACTOR_IDS):
        if value not in known:
            yield _diag(case, "RU303", kind, path,
                        f"'{value}' is not a risk or protective factor in factors.yaml{suggest(value, ids)}")


_UNIQUE: list[tuple[str, tuple, str]] = [
    ("genogram", ("people", "*", "id"), "person id"),
    ("factors", ("risk_factors", "*", "id"), "factor id"),
    ("factors", ("protective_factors", "*", "id"), "factor id"),
    ("agreements", ("agreements", "*", "id"), "agreement id"),
    ("agreements", ("agreements", "*", "goals", "*", "id"), "goal id"),
    ("case", ("classifications", "*", "label"), "classification label"),
]


@check("RU207")
def unique_ids(case: Case, as_of: dt.date) -> Iterator[Diagnostic]:
    """Ids are unique within their file; factor ids across risk and protective factors."""
    seen: dict[tuple[str, str, str], tuple] = {}
    for kind, spec, what in _UNIQUE:
        for path, value in select(case.raw.get(kind), spec):
            key = (kind, what, value)
            if key in seen:
                line = case.pos(kind, seen[key])[0]
                yield _diag(case, "RU207", kind, path, f"{what} '{value}' is used twice (first on line {line})")
            else:
                seen[key] = path
    decisions: dict[tuple, int] = {}
    for i, d in enumerate(case.case.decisions or [] if case.case else []):
        key = (d.decision, d.date)
        if key in decisions:
            line = case.pos("case", ("decisions", decisions[key]))[0]
            yield _diag(case, "RU207", "case", ("decisions", i),
                        f"decision {d.decision} on {d.date} is recorded twice (first on line {line})")
        else:
            decisions[key] = i


@check("RU304")
def decision_labels(case: Case, as_of: dt.date) -> Iterator[Diagnostic]:
    """A decision's `classification` names a recorded classification label."""
    if case.case is None:
        return
    labels = [c.label for c in case.case.classifications or []]
    for i, d in enumerate(case.case.decisions or []):
        if d.classification is not None and d.classification not in labels:
            yield _diag(case, "RU304", "case", ("decisions", i, "classification"),
                        f"decision {d.decision} confirms classification '{d.classification}', "
                        f"which is not among the recorded classifications{suggest(d.classification, labels)}")
