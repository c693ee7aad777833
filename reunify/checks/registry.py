"""The table of checks: each rule declared once with its code, severity, summary and source.

Like Data to Insight's SSDA903 validators and beancount's plugins: one small
function a rule, declared with `@check(...)`, collected here. A rule yields
findings (which file, where in it, what is wrong); the registry turns them into
diagnostics with line and column. A crashing rule becomes a diagnostic (RU100),
never an abort. This module imports no rule: `reunify.checks` lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, NamedTuple

import msgspec

from reunify.case.load import Case
from reunify.diagnostics.record import FORMAT, Code, Diagnostic, declare

RU100 = declare("RU100", "error", "internal error in a check (a bug: please report it)", "tool")


class Finding(NamedTuple):
    kind: str  # which file of the case: "case", "factors", ...
    path: tuple  # where in it: ("risk_factors", 2, "code")
    message: str


Rule = Callable[[Case, dt.date], Iterable[Finding]]
CHECKS: list[tuple[Code, Rule]] = []


def check(code: str, severity: str, summary: str, source: str = FORMAT,
          hint: str | None = None) -> Callable[[Rule], Rule]:
    """Declare `code` and register the rule that finds it."""
    declared = declare(code, severity, summary, source, hint)

    def register(fn: Rule) -> Rule:
        CHECKS.append((declared, fn))
        return fn

    return register


@cache
def _attributes(struct: type) -> dict[str, str]:
    """A record type's YAML keys to its attribute names (`for` -> `for_`)."""
    return dict(zip(struct.__struct_encode_fields__, struct.__struct_fields__, strict=True))


_NODES = (msgspec.Struct, dict)


def _child(value: Any, head: str) -> Any:
    """A record's field by its YAML key; a mapping (a file read but not converted, `Case.raw`) by the key."""
    if isinstance(value, dict):
        return value.get(head)
    return getattr(value, _attributes(type(value))[head])


def _values(record: Any, spec: tuple) -> list[Any]:
    """Every value at `spec`, without paths: the cheap first look (long chronologies make this hot)."""
    values = [record]
    for head in spec:
        values = ([item for value in values if isinstance(value, list) for item in value] if head == "*" else
                  [_child(value, head) for value in values if isinstance(value, _NODES)])
    return values


def select(record: Any, spec: tuple, where: Callable[[Any], bool] | None = None) -> list[tuple[tuple, Any]]:
    """(path, value) for every value of a record (or of a file's raw mapping) matching `spec` ("*" = each list
    item), None left out.

    Paths use the file's keys, so a finding can be placed at its line. `where` keeps only the values a
    rule cares about; most records hold none, so the values are looked at alone first.
    """
    if where is not None and not any(where(v) for v in _values(record, spec) if v is not None):
        return []
    found: list[tuple[tuple, Any]] = [((), record)]
    for head in spec:
        found = ([((*path, i), item) for path, value in found if isinstance(value, list)
                  for i, item in enumerate(value)] if head == "*" else
                 [((*path, head), _child(value, head)) for path, value in found if isinstance(value, _NODES)])
    return [(path, value) for path, value in found if value is not None and (where is None or where(value))]


def run(case: Case, as_of: dt.date) -> list[Diagnostic]:
    """Run every registered rule on a case, each finding placed at its line and column."""
    out: list[Diagnostic] = []
    for code, fn in CHECKS:
        try:
            for finding in fn(case, as_of):
                line, col = case.pos(finding.kind, finding.path)
                out.append(code.at(case.file(finding.kind), line, col, finding.message))
        except Exception as exc:
            out.append(RU100.at(case.file("case"), None, None,
                                f"internal error in check {fn.__name__}: {type(exc).__name__}; please report it"))
    return out
