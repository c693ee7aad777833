"""Diagnostics: the one record every check returns, and the code table behind them.

Modelled on beancount's errors and ruff's codes: each diagnostic is a small
immutable record pointing at `file:line:col`; each code is registered once with
its severity, a one-line summary and its source, and `reunify rules` prints the
table. Codes: RU1xx syntax, RU2xx schema, RU3xx cross-file references, RU4xx
practice warnings.
"""

from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    code: str
    severity: str  # "error" | "warning"
    summary: str
    source: str  # a seed file, the case-format contract, or "tool convention"


class Diagnostic(NamedTuple):
    file: str
    line: int | None  # 1-based; None when the problem is the whole file
    column: int | None
    code: str
    severity: str
    message: str

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.code)


FORMAT = "case-format.md"

CODES: dict[str, Code] = {}


def _register(code: str, severity: str, summary: str, source: str = FORMAT) -> None:
    if code in CODES:
        raise ValueError(f"duplicate diagnostic code {code}")
    CODES[code] = Code(code, severity, summary, source)


# RU1xx: the file cannot be read as YAML the way case files are written.
_register("RU100", "error", "internal error in a check (a bug: please report it)", "tool")
_register("RU101", "error", "YAML syntax error")
_register("RU102", "error", "a tab is used for indentation")
_register("RU103", "error", "duplicate key in a mapping")
_register("RU104", "error", "file is not valid UTF-8")
_register("RU105", "error", "file is empty")
_register("RU106", "error", "top-level value is not a mapping")
_register("RU107", "error", "anchors and aliases are not allowed in case files")
_register("RU108", "error", "file is larger than 5 MiB")
_register("RU109", "error", "YAML tags are not allowed in case files")
_register("RU110", "error", "file cannot be read")
_register("RU111", "error", "more than one YAML document in a file")
_register("RU112", "error", "values nested deeper than case files ever need (more than 50 levels)")
# RU2xx: the data does not match the case format.
_register("RU201", "error", "unknown key")
_register("RU202", "error", "required key missing")
_register("RU203", "error", "value has the wrong type")
_register("RU204", "error", "value is not one of the allowed words")
_register("RU205", "error", "value does not match the required pattern (ids, references)")
_register("RU206", "error", "impossible date")
_register("RU207", "error", "duplicate id, label or decision within a file")
_register("RU208", "error", "number out of range, or list too short")
_register("RU209", "error", "dates in an impossible order (died before born, ends before it starts)")
_register(
    "RU210",
    "error",
    "classification level differs from the suggested level without a rationale",
    "002 (managers decide; the reasons are recorded), tool convention",
)
_register("RU211", "error", "settings file reunify.toml is invalid")
# RU3xx: references between files.
_register("RU301", "error", "unknown person id (not in genogram.yaml)")
_register("RU302", "warning", "looks like a person id but matches no person (likely a typo)")
_register("RU303", "error", "unknown factor id (not in factors.yaml)")
_register("RU304", "error", "decision confirms a classification label that does not exist")
_register("RU305", "error", "case reference is used by another case in the caseload")
# RU4xx: practice warnings.
_register("RU401", "warning", "a date recording something done lies after the as-of date")
_register("RU402", "warning", "factor code is not in the Annex 1 vocabulary", "002 Annex 1")
_register(
    "RU403",
    "warning",
    "high-significance chronology entry has no analysis",
    "002 (analytical chronology)",
)
_register(
    "RU404",
    "warning",
    "risk_factors is present but empty: a child in care has at least the reasons for removal",
    "tool convention",
)
_register("RU405", "warning", "goal has no owner", "tool convention (SMART goals, 002)")
_register(
    "RU406",
    "warning",
    "decision recorded by an unexpected role",
    "003 (Decision 1 TM, Decision 2 SM, Decision 3 ratified by HoS, CPAG)",
)


def make(code: str, file: str, line: int | None, column: int | None, message: str) -> Diagnostic:
    """Build a diagnostic whose severity comes from the code table."""
    return Diagnostic(file, line, column, code, CODES[code].severity, message)


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that stop a result (warnings do not)."""
    return [d for d in diagnostics if d.severity == "error"]
