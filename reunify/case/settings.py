"""`reunify.toml`: optional settings at the root of a case repository (cli.md "Settings").

The nearest ancestor of a case folder that holds a reunify.toml applies. An
unknown key is an error (RU211). The visiting table defaults follow the Care
Planning, Placement and Case Review (England) Regulations 2010, reg. 28 — not
the seeds (framework-rules.md §7) — so a team elsewhere sets its own.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reunify.diagnostics.record import Diagnostic, declare

RU211 = declare("RU211", "error", "settings file reunify.toml is invalid", "cli.md (Settings)")

FILENAME = "reunify.toml"
REGULATION = "Care Planning, Placement and Case Review (England) Regulations 2010, reg. 28"


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
    baby_age_years: int = 3
    leaving_care_prompt: tuple[int, int] = (17, 6)  # years, months
    docx_reference: Path | None = None  # a Word file whose styles the DOCX reports use (pandoc --reference-doc)

    def visiting_for(self, legal_status: str) -> Visiting:
        return self.visiting.get(legal_status, self.visiting["default"])

    def describe(self) -> dict:
        """The values in force, for `reunify rules`."""
        return {
            "file": str(self.path) if self.path else None,
            "templates": str(self.templates) if self.templates else None,
            "docx_reference": str(self.docx_reference) if self.docx_reference else None,
            "baby_age_years": self.baby_age_years,
            "leaving_care_prompt": f"{self.leaving_care_prompt[0]}y{self.leaving_care_prompt[1]}m",
            "visiting": {k: vars(v) for k, v in self.visiting.items()},
            "visiting_source": REGULATION,
        }


def find(folder: Path) -> Path | None:
    """The nearest reunify.toml at or above a case folder."""
    return _nearest(folder.resolve())


@cache
def _nearest(folder: Path) -> Path | None:
    """Each folder is looked at once a process: the cases of a caseload share their parents."""
    candidate = folder / FILENAME
    if candidate.is_file():
        return candidate
    return None if folder.parent == folder else _nearest(folder.parent)


_AGE = re.compile(r"^(\d+)y(?:(\d+)m)?$")
_KEYS = {"templates", "visiting", "baby_age_years", "leaving_care_prompt", "docx_reference"}
_VISIT_KEYS = set(Visiting.__dataclass_fields__)


def parse(path: Path) -> tuple[Settings, list[Diagnostic]]:
    """Read one settings file; on any problem, defaults plus diagnostics."""
    file = str(path)

    def bad(message: str) -> tuple[Settings, list[Diagnostic]]:
        return Settings(path=path), [RU211.at(file, None, None, message)]

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return bad(f"cannot read settings: {exc}")
    except tomllib.TOMLDecodeError as exc:
        return bad(f"not valid TOML: {exc}")
    unknown = set(data) - _KEYS
    if unknown:
        from reunify.case.schema_check import suggest

        key = sorted(unknown)[0]
        return bad(f"unknown setting '{key}'{suggest(key, sorted(_KEYS))}")
    templates = data.get("templates")
    if templates is not None and not isinstance(templates, str):
        return bad("templates must be a folder path (text)")
    docx_reference = data.get("docx_reference")
    if docx_reference is not None and not (isinstance(docx_reference, str) and docx_reference.strip()):
        return bad("docx_reference must be the path of a Word file (.docx), as text")
    baby = data.get("baby_age_years", 3)
    if not isinstance(baby, int) or isinstance(baby, bool) or not 0 < baby < 18:
        return bad("baby_age_years must be a whole number of years between 1 and 17")
    match = _AGE.match(str(data.get("leaving_care_prompt", "17y6m")))
    if not match:
        return bad("leaving_care_prompt must look like 17y6m")
    visiting = dict(DEFAULT_VISITING)
    table = data.get("visiting", {})
    if not isinstance(table, dict):
        return bad("visiting must be a table of legal statuses")
    for status, values in table.items():
        if not isinstance(values, dict) or set(values) - _VISIT_KEYS or not all(
            isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values.values()
        ):
            return bad(f"visiting.{status}: use positive whole days for {', '.join(sorted(_VISIT_KEYS))}")
        visiting[status] = Visiting(**{**vars(visiting.get(status, visiting["default"])), **values})
    return Settings(
        path=path,
        templates=(path.parent / templates) if templates else None,
        docx_reference=(path.parent / docx_reference) if docx_reference else None,
        visiting=visiting,
        baby_age_years=baby,
        leaving_care_prompt=(int(match.group(1)), int(match.group(2) or 0)),
    ), []


@cache
def _cached(path: Path, mtime: float) -> tuple[Settings, list[Diagnostic]]:
    return parse(path)


def load(path: Path | None) -> tuple[Settings, list[Diagnostic]]:
    """A settings file, parsed once a process while unchanged (defaults for None)."""
    if path is None:
        return Settings(), []
    return _cached(path, path.stat().st_mtime)


def for_case(folder: Path) -> tuple[Settings, list[Diagnostic]]:
    """The settings that apply to a case folder (defaults when there is no reunify.toml)."""
    return load(find(folder))
