"""The table of checks: each rule declared once with its code, severity, summary and source.

Like Data to Insight's SSDA903 validators and beancount's plugins: one small
function a rule, declared with `@check(...)`, collected here. A rule yields
findings (which file, where in it, what is wrong); the registry turns them into
diagnostics with line and column. A crashing rule becomes a diagnostic (RU100),
never an abort. This module imports no rule: `reunify.checks` lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

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


def select(data: Any, spec: tuple, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Yield (path, value) for every value matching `spec` ("*" = each list item)."""
    if not spec:
        if data is not None:
            yield path, data
        return
    head, rest = spec[0], spec[1:]
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from select(item, rest, (*path, i))
    elif isinstance(data, dict) and head in data:
        yield from select(data[head], rest, (*path, head))


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
