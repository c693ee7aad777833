"""`reunify.toml`: optional settings at the root of a case repository (docs/command-line.md "Settings").

The nearest ancestor of a case folder that holds a reunify.toml applies. Every
command reads it the same strict way: an unknown key or section, a wrong type
or an out-of-range value is an error (RU211) naming the file and its line,
never silently ignored. The visiting table defaults follow the Care Planning,
Placement and Case Review (England) Regulations 2010, reg. 28 — not the source
documents (docs/practice-rules.md) — so a team elsewhere sets its own. Each
setting is declared once, in SETTINGS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from reunify.diagnostics.record import Diagnostic, declare
from reunify.sources import Cite

RU211 = declare("RU211", "error", "settings file reunify.toml is invalid", "docs/command-line.md (Settings)",
                "fix or remove the setting; `reunify rules` shows the values in force")

REGULATION = "Care Planning, Placement and Case Review (England) Regulations 2010, reg. 28"
MAX_BYTES = 1024 * 1024  # a settings file is a few lines; anything bigger is not one


class Setting(NamedTuple):
    """One reunify.toml setting, declared once: parsing, RU211's messages, `reunify rules`, the JSON Schema and the
    README's settings read it."""

    name: str
    type: str  # "whole" (a whole number in range), "path" (text), "age" ("17y6m"), "visiting" (a table)
    default: Any  # as the file writes it; None: no default (the built-in behaviour)
    range: tuple[int, int] | None  # whole numbers: low and high, inclusive (a tool convention: wide enough for any
    # team, narrow enough that no date arithmetic on them can leave the calendar)
    description: str
    source: Cite  # where the rule it tunes comes from; the value itself is always ours (Cite(None): all ours)


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("templates", "path", None, None, "folder of report template overrides, relative to reunify.toml",
            Cite(None)),
    Setting("docx_reference", "path", None, None, "a Word file whose styles `render --to docx` uses, relative to "
            "reunify.toml", Cite(None)),
    Setting("baby_age_years", "whole", 3, (1, 17), "below this age the audit asks whether the plan addresses \"the "
            "unique vulnerabilities of babies\"", Cite("ddscp-audit")),
    Setting("leaving_care_prompt", "age", "17y6m", None, "the age, years and months (0-25 years, 0-11 months), "
            "from which the child approaching leaving care age prompts a revisit of risk",
            Cite("tm-training", "Exceptions and Alterations: specific trigger points")),
    Setting("reclassify_every_months", "whole", 6, (1, 24), "after RC3, reclassify at least this often "
            "(\"at set intervals\")", Cite("nspcc-framework", "Stage 5: The return home")),
    Setting("plan_review_every_months", "whole", 3, (1, 24), "the audit: the plan reviewed with a parent at least "
            "this often (\"active and regular review\")", Cite("ddscp-guide")),
    Setting("supervision_every_weeks", "whole", 4, (1, 52), "`status --supervision`, `supervise`: supervision due "
            "after this long", Cite("tm-training", "Reflective Supervision and Reunification")),
    Setting("visiting", "visiting", None, (1, 3650), "days between visits by legal status (first_within_days, "
            "until_first_review_days, after_first_review_days); defaults from the England regulations (reg. 28) "
            "for a child looked after; a child not looked after after return follows the team's visiting table",
            Cite("la-workflow", "When child is living back at home - monitor and review")),
)}
AGE_MAX = (25, 11)  # leaving_care_prompt: at most 25 years, 11 months
_AGE = re.compile(r"([0-9]{1,2})y([0-9]{1,2})m", re.ASCII)


def _default(name: str) -> Any:
    return SETTINGS[name].default


def _age(text: str) -> tuple[int, int]:
    years, months = _AGE.fullmatch(text).groups()  # type: ignore[union-attr]
    return int(years), int(months)


@dataclass(frozen=True)
class Visiting:
    """Days allowed: to the first visit after return, between visits before and after the first review."""

    first_within_days: int = 7
    until_first_review_days: int = 42
    after_first_review_days: int = 42


DEFAULT_VISITING = {
    "interim-care-order": Visiting(7, 7, 28),
    "care-order": Visiting(7, 42, 42),
    "default": Visiting(7, 42, 42),
}


@dataclass(frozen=True)
class Settings:
    path: Path | None = None
    templates: Path | None = None
    visiting: dict[str, Visiting] = field(default_factory=lambda: dict(DEFAULT_VISITING))
    baby_age_years: int = _default("baby_age_years")
    leaving_care_prompt: tuple[int, int] = _age(_default("leaving_care_prompt"))  # years, months
    reclassify_every_months: int = _default("reclassify_every_months")
    plan_review_every_months: int = _default("plan_review_every_months")
    supervision_every_weeks: int = _default("supervision_every_weeks")
    docx_reference: Path | None = None  # a Word file whose styles the DOCX reports use (pandoc --reference-doc)

    def visiting_for(self, legal_status: str) -> Visiting:
        return self.visiting.get(legal_status, self.visiting["default"])

    def _written(self, name: str) -> Any:
        """A setting's value in force, as reunify.toml writes it."""
        value = getattr(self, name)
        if name == "leaving_care_prompt":
            return f"{value[0]}y{value[1]}m"
        if name == "visiting":
            return {k: vars(v) for k, v in value.items()}
        return str(value) if isinstance(value, Path) else value

    def describe(self) -> dict:
        """The values in force, for `reunify rules`."""
        return {
            "file": str(self.path) if self.path else None,
            **{name: self._written(name) for name in SETTINGS},
            "visiting_source": REGULATION,
            "declared": [{"name": s.name, "type": s.type, "default": s.default, "range": s.range,
                          "description": s.description, "source": s.source.title,
                          "source_id": s.source.source or "convention"} for s in SETTINGS.values()],
        }


class SettingsError(Exception):
    """reunify.toml is invalid; `diagnostics` say where (file and line)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics[0].message)
        self.diagnostics = diagnostics


_WHOLE = {s.name: s.range for s in SETTINGS.values() if s.type == "whole"}
_PATHS = tuple(s.name for s in SETTINGS.values() if s.type == "path")
_KEYS = sorted(SETTINGS)
_VISIT_KEYS = sorted(Visiting.__dataclass_fields__)
_VISIT_DAYS = SETTINGS["visiting"].range


def _legal_statuses() -> list[str]:
    import typing

    from reunify.case.model import LegalStatus

    return [*typing.get_args(LegalStatus), "default"]


_HEADER = r"\s*\[\[?\s*([^\]#]+?)\s*\]"
_KEY = r"\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="


def _dotted(text: str) -> tuple[str, ...]:
    parts = re.findall(r"\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+", text)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def line_of(text: str, path: tuple[str, ...]) -> int:
    """The 1-based line that introduces the key `path` (a table header or `key =`); 1 if not found.

    tomllib gives values, not positions: this scans headers and keys, which is
    all the settings file holds (inline tables point at their first line).
    """
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(_HEADER, line)
        if header:
            table = _dotted(header.group(1))
            if table[: len(path)] == path:
                return number
            continue
        key = re.match(_KEY, line)
        if key:
            full = table + _dotted(key.group(1))
            if full[: len(path)] == path or (len(full) < len(path) and full == path[: len(full)]):
                return number
    return 1


def _whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _check(data: dict[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """(key path, message) for every problem in the parsed file."""
    from reunify.case.schema_check import suggest
    from reunify.diagnostics.escape import quoted

    problems: list[tuple[tuple[str, ...], str]] = []
    for key, value in data.items():
        path = (key,)
        if key not in _KEYS:
            what = "section" if isinstance(value, dict) else "setting"
            problems.append((path, f"unknown {what} {quoted(key)}{suggest(key, _KEYS)}"))
        elif key in _WHOLE:
            low, high = _WHOLE[key]
            if not _whole(value, low, high):
                problems.append((path, f"{key} must be a whole number from {low} to {high}, not {_shown(value)}"))
        elif key in _PATHS:
            if not isinstance(value, str) or not value.strip():
                problems.append((path, f"{key} must be a path (text), not {_shown(value)}"))
        elif key == "leaving_care_prompt":
            match = _AGE.fullmatch(value) if isinstance(value, str) else None
            if not match or int(match.group(1)) > AGE_MAX[0] or int(match.group(2)) > AGE_MAX[1]:
                problems.append((path, f"leaving_care_prompt must be years and months like \"{_default(key)}\" "
                                       f"(0-{AGE_MAX[0]} years, 0-{AGE_MAX[1]} months), not {_shown(value)}"))
        elif not isinstance(value, dict):
            problems.append((path, f"visiting must be a table of legal statuses, not {_shown(value)}"))
        else:
            statuses = _legal_statuses()
            for status, days in value.items():
                where = ("visiting", status)
                if status not in statuses:
                    problems.append((where, f"unknown legal status {quoted(status)} in visiting"
                                            f"{suggest(status, statuses)} (use one of: {', '.join(statuses)})"))
                elif not isinstance(days, dict):
                    problems.append((where, f"visiting.{status} must be a table of days, not {_shown(days)}"))
                else:
                    for name, number in days.items():
                        if name not in _VISIT_KEYS:
                            problems.append(((*where, name), f"unknown setting {quoted(name)} in visiting.{status}"
                                                             f"{suggest(name, _VISIT_KEYS)}"))
                        elif not _whole(number, *_VISIT_DAYS):
                            problems.append(((*where, name), f"visiting.{status}.{name} must be a whole number of "
                                                             f"days from {_VISIT_DAYS[0]} to {_VISIT_DAYS[1]}, "
                                                             f"not {_shown(number)}"))
    return problems


def _shown(value: Any) -> str:
    from reunify.diagnostics.escape import terminal

    text = repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return terminal(text if len(text) <= 40 else text[:40] + "...")


def parse(path: Path) -> tuple[Settings, list[Diagnostic]]:
    """Read one settings file; on any problem, defaults plus diagnostics naming the file and line."""
    import tomllib  # only when there is a settings file: most runs have none

    from reunify.case.bounded import outside, position, read_limited
    from reunify.case.folders import boundary

    file = str(path)
    if outside(path, boundary(path.parent)):  # never read, so no line of it is ever shown under a diagnostic
        return Settings(path=path), [RU211.at(file, None, None, "it is a symbolic link to a file outside the "
                                                                "repository: not read")]
    raw, problem = read_limited(path, MAX_BYTES)
    if raw is None:
        return Settings(path=path), [RU211.at(file, None, None, f"cannot read settings: {problem}")]
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:  # point at the first byte that is not UTF-8
        return Settings(path=path), [RU211.at(file, *position(body, exc.start),
                                              "the file is not valid UTF-8: save it as UTF-8")]
    try:
        data = tomllib.loads(text)
    except RecursionError:  # tomllib recurses once a level of nested arrays and tables
        return Settings(path=path), [RU211.at(file, None, None, "not valid settings: values are nested far deeper "
                                                                "than any setting needs")]
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return Settings(path=path), [RU211.at(file, line, column, f"not valid TOML: {message}")]
    problems = _check(data)
    if problems:
        return Settings(path=path), [RU211.at(file, line_of(text, where), 1, message) for where, message in problems]
    visiting = dict(DEFAULT_VISITING)
    for status, values in data.get("visiting", {}).items():
        visiting[status] = Visiting(**{**vars(visiting.get(status, visiting["default"])), **values})
    years, months = _age(data.get("leaving_care_prompt", _default("leaving_care_prompt")))
    paths = {key: path.parent / data[key] for key in _PATHS if key in data}
    return Settings(path=path, visiting=visiting, leaving_care_prompt=(years, months),
                    **{key: data[key] for key in _WHOLE if key in data}, **paths), []


@cache
def _cached(path: Path, mtime: float) -> tuple[Settings, list[Diagnostic]]:
    return parse(path)


def load(path: Path | None) -> tuple[Settings, list[Diagnostic]]:
    """A settings file, parsed once a process while unchanged (defaults for None)."""
    if path is None:
        return Settings(), []
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _cached(path, mtime)


def for_case(folder: Path) -> tuple[Settings, list[Diagnostic]]:
    """The settings that apply to a case folder (defaults when there is no reunify.toml)."""
    from reunify.case.folders import settings_file

    return load(settings_file(folder))


def strict(folder: Path) -> Settings:
    """The settings for a case folder, or SettingsError: every command refuses invalid settings alike."""
    found, problems = for_case(folder)
    if problems:
        raise SettingsError(problems)
    return found


def json_schema() -> dict[str, Any]:
    """reunify.toml as a draft-07 JSON Schema (of the file read as JSON, e.g. by check-jsonschema), from SETTINGS."""
    whole = {"type": "integer"}
    properties: dict[str, Any] = {}
    for s in SETTINGS.values():
        words = f"{s.description}. Source: {s.source.title}" + ("" if s.source.source is None else
                                                                "; the value is a tool convention")
        if s.type == "whole":
            assert s.range is not None
            node: dict[str, Any] = {**whole, "minimum": s.range[0], "maximum": s.range[1], "default": s.default}
        elif s.type == "path":
            node = {"type": "string", "pattern": "\\S"}
        elif s.type == "age":
            node = {"type": "string", "default": s.default,
                    "pattern": f"^(0?[0-9]|1[0-9]|2[0-{AGE_MAX[0] % 10}])y(0?[0-9]|1[0-{AGE_MAX[1] % 10}])m$"}
        else:
            assert s.range is not None
            days = {**whole, "minimum": s.range[0], "maximum": s.range[1]}
            table = {"type": "object", "additionalProperties": False,
                     "properties": {name: {**days, "description": name.replace("_", " ")} for name in _VISIT_KEYS}}
            node = {"type": "object", "additionalProperties": False,
                    "properties": {status: {**table, "description": f"days between visits: {status}"}
                                   for status in _legal_statuses()}}
        properties[s.name] = {**node, "description": words}
    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": "reunify reunify.toml",
            "description": "The optional settings at the root of a case repository (README, Settings).",
            "type": "object", "additionalProperties": False, "properties": properties}
