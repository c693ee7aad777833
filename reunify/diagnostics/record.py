"""The one diagnostic record, and the catalogue of codes behind it.

Modelled on beancount's errors and ruff's codes: a diagnostic is a small
immutable record pointing at `file:line:col`; a code is declared once, by the
module that raises it, with its severity, a one-line summary, its source and
a hint saying how to fix it. `reunify rules` prints the catalogue. Codes:
RU1xx syntax, RU2xx format, RU3xx references between files, RU4xx practice
warnings, RU5xx the audit trail.
"""

from __future__ import annotations

from typing import NamedTuple

FORMAT = "docs/case-format.md"


class Diagnostic(NamedTuple):
    file: str
    line: int | None  # 1-based; None when the problem is the whole file
    column: int | None
    code: str
    severity: str  # "error" | "warning"
    message: str
    hint: str | None = None  # what to change, when the message alone does not say

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.code)


class Code(NamedTuple):
    code: str
    severity: str
    summary: str
    source: str  # a source document by title, a docs/ page, or "tool convention"
    hint: str | None = None  # the usual remedy, shown under the message

    def at(self, file: str, line: int | None, column: int | None, message: str,
           hint: str | None = None) -> Diagnostic:
        """A diagnostic of this code; `hint` overrides the code's own for this occurrence."""
        return Diagnostic(file, line, column, self.code, self.severity, message, hint or self.hint)


CODES: dict[str, Code] = {}


def declare(code: str, severity: str, summary: str, source: str = FORMAT, hint: str | None = None) -> Code:
    """Add a code to the catalogue; each code is declared exactly once, beside the code that raises it."""
    if code in CODES:
        raise ValueError(f"duplicate diagnostic code {code}")
    if severity not in ("error", "warning"):
        raise ValueError(f"{code}: severity must be error or warning")
    CODES[code] = entry = Code(code, severity, summary, source, hint)
    return entry


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that stop a result (warnings do not)."""
    return [d for d in diagnostics if d.severity == "error"]


PER_FILE = 100  # docs/command-line.md: at most 100 diagnostics a file, then one "and N more"
RU115 = declare("RU115", "error", f"more than {PER_FILE} problems in one file: the first {PER_FILE} are listed, "
                "the rest counted (a warning when all the rest are warnings)", "tool convention",
                "fix the problems listed and run again: the rest usually share their cause")


def bounded(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """At most PER_FILE diagnostics a file (in the order given), then one RU115 counting the rest.

    A flood (5 MiB of unknown keys is 200,000 of them) would otherwise print
    tens of megabytes nobody reads; the count keeps the worst severity, so the
    exit code does not change.
    """
    shown: dict[str, int] = {}
    rest: dict[str, list[Diagnostic]] = {}
    out: list[Diagnostic] = []
    for d in diagnostics:
        if shown.get(d.file, 0) < PER_FILE:
            shown[d.file] = shown.get(d.file, 0) + 1
            out.append(d)
        else:
            rest.setdefault(d.file, []).append(d)
    for file, hidden in rest.items():
        failing = sum(d.severity == "error" for d in hidden)
        last = out[max(i for i, d in enumerate(out) if d.file == file)]
        summary = RU115.at(file, None, None,
                           f"and {len(hidden)} more problem(s) in this file ({failing} error(s)), not listed")
        out.insert(out.index(last) + 1, summary if failing else summary._replace(severity="warning"))
    return out
