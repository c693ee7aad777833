"""The table of checks: each registered once with the codes it may emit.

Like the SSDA903 validators and beancount plugins: one small function per
rule, declared with a decorator, collected here; a crashing check becomes a
diagnostic, never an abort.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from reunify.case.load import Case
from reunify.diagnostics import CODES, Diagnostic, make

Check = Callable[[Case, dt.date], Iterable[Diagnostic]]
CHECKS: list[tuple[tuple[str, ...], Check]] = []


def check(*codes: str) -> Callable[[Check], Check]:
    """Register a check function that may emit `codes` (all must be in the code table)."""
    for code in codes:
        if code not in CODES:
            raise ValueError(f"check declares unknown code {code}")

    def register(fn: Check) -> Check:
        CHECKS.append((codes, fn))
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


def at(case: Case, code: str, kind: str, path: tuple, message: str) -> Diagnostic:
    """A diagnostic pointing at the value at `path` in the case's `kind` file."""
    line, col = case.pos(kind, path)
    return make(code, case.file(kind), line, col, message)


def run_checks(case: Case, as_of: dt.date) -> list[Diagnostic]:
    """Run every registered check on a case whose case.yaml loaded."""
    from reunify.checks import dates, practice, references  # noqa: F401  (registers the checks; they import us)

    out: list[Diagnostic] = []
    for _codes, fn in CHECKS:
        try:
            out.extend(fn(case, as_of))
        except Exception as exc:
            out.append(make("RU100", case.file("case"), None, None,
                            f"internal error in check {fn.__name__}: {type(exc).__name__}; please report it"))
    return out
