"""References between files: people (genogram.yaml), factors (factors.yaml), labels and ids."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from reunify.case.load import Case
from reunify.case.schema_check import suggest
from reunify.checks.registry import Finding, check, select

_ID_SHAPE = re.compile(r"^[a-z][a-z0-9-]*$")

# docs/case-format.md, "Person references": these must be person ids ...
PERSON_IDS: list[tuple[str, tuple]] = [
    ("case", ("child",)),
    ("case", ("placement", "carer")),
    ("chronology", ("entries", "*", "people", "*")),
    ("genogram", ("unions", "*", "partners", "*")),
    ("genogram", ("unions", "*", "children", "*")),
    ("genogram", ("bonds", "*", "between", "*")),
    ("agreements", ("agreements", "*", "parties", "*")),
    ("contingency", ("shared_with", "*")),
    ("contingency", ("not_shared", "*", "person")),
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
    ("contingency", ("criminal_investigation", "sustainability_oversight_by")),
]
FACTOR_IDS: list[tuple[str, tuple]] = [
    ("chronology", ("entries", "*", "factors", "*")),
    ("agreements", ("agreements", "*", "goals", "*", "factors", "*")),
    ("contingency", ("stages", "*", "factors", "*")),
    ("plan", ("support", "*", "factors", "*")),
]


def _refs(case: Case, specs: list[tuple[str, tuple]], known: set[str]) -> Iterator[tuple[str, tuple, str]]:
    """(file, path, value) for each text value at `specs` not in `known`.

    A file that breaks the format is read as it is (`Case.raw`), so its references are checked in the same
    round; values of the wrong type there were reported by the format check, and are left out.
    """
    for kind, spec in specs:
        for path, value in select(case.readable(kind), spec, lambda v: isinstance(v, str) and v not in known):
            yield kind, path, value


def _unknown(case: Case, specs: list[tuple[str, tuple]], ids_only: bool = False) -> Iterator[tuple[str, tuple, str, str]]:
    """(file, path, value, a suggestion) for each value at `specs` naming no person in genogram.yaml (with
    `ids_only`, only the values shaped like an id: a plain name there is no finding, and needs no suggestion).

    Only a genogram that meets the format says who the people are: with none, people are not checked (the
    checklist shows it missing)."""
    if case.genogram is None:
        return
    people = case.genogram.people or []
    ids = [p.id for p in people]
    for kind, path, value in _refs(case, specs, set(ids)):
        if ids_only and not _ID_SHAPE.match(value):
            continue
        named = [p for p in people if value.casefold() in (p.name.casefold(), (p.name.split() or [""])[0].casefold())]
        if named:  # a first name (or full name) written where the id goes
            yield kind, path, value, f"; did you mean '{named[0].id}' ({named[0].name})?"
        elif _ID_SHAPE.match(value) or kind not in case.raw:  # else the format check has already named its shape
            yield kind, path, value, suggest(value, ids)


@check("RU301", "error", "unknown person id (not in genogram.yaml)")
def person_references(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """Every person id used anywhere exists in genogram.yaml."""
    for kind, path, value, hint in _unknown(case, PERSON_IDS):
        what = "the child" if path == ("child",) else f"'{value}'"
        yield Finding(kind, path, f"{what} is not a person in genogram.yaml{hint}"
                      + (f" (child: {value})" if path == ("child",) else ""))


@check("RU302", "warning", "looks like a person id but matches no person (likely a typo)")
def person_like_names(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """Fields taking an id or a plain name: an id-shaped value that is nobody is likely a typo."""
    for kind, path, value, hint in _unknown(case, PERSON_OR_NAME, ids_only=True):
        yield Finding(kind, path, f"'{value}' looks like a person id but no person in genogram.yaml has it"
                      f"{hint}; write a plain name if it is not a person")


@check("RU303", "error", "unknown factor id (not in factors.yaml)")
def factor_references(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """Factor ids named in chronology, goals, contingency and support exist in factors.yaml."""
    if case.factors is None:
        return
    ids = [f.id for f in case.factors.risk_factors or []] + [f.id for f in case.factors.protective_factors or []]
    for kind, path, value in _refs(case, FACTOR_IDS, set(ids)):
        if kind in case.raw and not _ID_SHAPE.match(value):  # its shape is already reported (RU205)
            continue
        yield Finding(kind, path,
                      f"'{value}' is not a risk or protective factor in factors.yaml{suggest(value, ids)}")


_UNIQUE: list[tuple[str, tuple, str]] = [
    ("genogram", ("people", "*", "id"), "person id"),
    ("factors", ("risk_factors", "*", "id"), "factor id"),
    ("factors", ("protective_factors", "*", "id"), "factor id"),
    ("agreements", ("agreements", "*", "id"), "agreement id"),
    ("agreements", ("agreements", "*", "goals", "*", "id"), "goal id"),
    ("case", ("classifications", "*", "label"), "classification label"),
]


@check("RU207", "error", "duplicate id, label or decision within a file")
def unique_ids(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """Ids are unique within their file; factor ids across risk and protective factors."""
    seen: dict[tuple[str, str, str], tuple] = {}
    for kind, spec, what in _UNIQUE:
        for path, value in select(case.records.get(kind), spec):
            key = (kind, what, value)
            if key in seen:
                line = case.pos(kind, seen[key])[0]
                yield Finding(kind, path, f"{what} '{value}' is used twice (first on line {line})")
            else:
                seen[key] = path
    decisions: dict[tuple, int] = {}
    for i, d in enumerate(case.case.decisions or [] if case.case else []):
        key = (d.decision, d.date)
        if key in decisions:
            line = case.pos("case", ("decisions", decisions[key]))[0]
            yield Finding("case", ("decisions", i),
                        f"decision {d.decision} on {d.date} is recorded twice (first on line {line})")
        else:
            decisions[key] = i


@check("RU304", "error", "decision confirms a classification label that does not exist")
def decision_labels(case: Case, as_of: dt.date) -> Iterator[Finding]:
    """A decision's `classification` names a recorded classification label."""
    if case.case is None:
        return
    labels = [c.label for c in case.case.classifications or []]
    for i, d in enumerate(case.case.decisions or []):
        if d.classification is not None and d.classification not in labels:
            yield Finding("case", ("decisions", i, "classification"),
                        f"decision {d.decision} confirms classification '{d.classification}', "
                        f"which is not among the recorded classifications{suggest(d.classification, labels)}")
