"""Load a case folder: every file read, checked against its record type, converted.

Loading never raises on user input: it returns what it could read plus the
diagnostics. A missing file is not a diagnostic (it is a missing item on the
checklist); only `case.yaml` is required.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reunify.case.bounded import RU110, read_bytes
from reunify.case.model import (
    FILE_MODELS,
    AgreementsFile,
    CaseFile,
    ChronologyFile,
    ContingencyFile,
    FactorsFile,
    GenogramFile,
    PlanFile,
)
from reunify.case.schema_check import check_and_convert, fast_convert
from reunify.case.yamlread import Engine, SourceMap, parse_text
from reunify.diagnostics.record import Diagnostic

KINDS = tuple(FILE_MODELS)  # case, chronology, genogram, factors, agreements, contingency, plan


class Case:
    """A loaded case folder: typed records (None when absent or unreadable), positions, diagnostics."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.records: dict[str, Any] = {}
        self.smaps: dict[str, SourceMap] = {}  # built on demand: valid files never need positions
        self.texts: dict[str, str] = {}  # each file's text as read, for its source map
        self.engine: Engine = "fast"
        self.root: Path | None = None  # what the case may read: its repository (folders.boundary)
        self.diagnostics: list[Diagnostic] = []
        # The values of files that parse but break the format (no record): checks that can still read them
        # safely (references to people and factors) report in the same round as the format errors.
        self.raw: dict[str, Any] = {}

    def file(self, kind: str) -> str:
        """The file's path as the user will read it in a message."""
        return str(self.folder / f"{kind}.yaml")

    def source_map(self, kind: str) -> SourceMap | None:
        """Where each value of a file came from, built the first time a message needs it."""
        if kind not in self.smaps:
            text = self.texts.get(kind)
            if text is None:  # loaded from the caseload cache: read the (unchanged) file again
                text, _ = read_bytes(self.folder / f"{kind}.yaml", self.file(kind), self.root)
            if text is None:
                return None
            self.smaps[kind] = parse_text(text, self.file(kind), self.engine)[1]
        return self.smaps[kind]

    def readable(self, kind: str) -> Any:
        """The file's record, else its values as read when it breaks the format (None when absent or unparsed)."""
        return self.records.get(kind, self.raw.get(kind))

    def pos(self, kind: str, path: tuple) -> tuple[int | None, int | None]:
        smap = self.source_map(kind)
        return smap.value(path) if smap else (None, None)

    @property
    def reference(self) -> str:
        return self.case.reference if self.case else self.folder.name

    case: CaseFile | None = property(lambda self: self.records.get("case"))  # type: ignore[assignment]
    chronology: ChronologyFile | None = property(lambda self: self.records.get("chronology"))  # type: ignore[assignment]
    genogram: GenogramFile | None = property(lambda self: self.records.get("genogram"))  # type: ignore[assignment]
    factors: FactorsFile | None = property(lambda self: self.records.get("factors"))  # type: ignore[assignment]
    agreements: AgreementsFile | None = property(lambda self: self.records.get("agreements"))  # type: ignore[assignment]
    contingency: ContingencyFile | None = property(lambda self: self.records.get("contingency"))  # type: ignore[assignment]
    plan: PlanFile | None = property(lambda self: self.records.get("plan"))  # type: ignore[assignment]


def load_case(folder: Path, engine: Engine = "fast", overrides: dict[str, str] | None = None,
              kinds: tuple[str, ...] = KINDS) -> Case:
    """Read and type-check every file of a case folder (no cross-file checks).

    `overrides` gives the text of a file as it would be after an edit, so an
    edit can be checked before anything is written. Only regular files inside
    the case's repository are read (`folders.boundary`); anything else is a
    diagnostic, its content never read or shown.
    """
    from reunify.case.folders import boundary

    case = Case(folder)
    case.engine = engine
    case.root = boundary(folder)
    overrides = overrides or {}
    for kind in kinds:
        if kind in overrides:
            text: str | None = overrides[kind]
        else:
            path = folder / f"{kind}.yaml"
            if not path.exists() and not path.is_symlink():
                continue
            if path.is_dir():
                case.diagnostics.append(RU110.at(case.file(kind), None, None, "expected a file, found a folder"))
                continue
            text, diags = read_bytes(path, case.file(kind), case.root)
            case.diagnostics.extend(diags)
        if text is None:
            continue
        case.texts[kind] = text
        data, _, diags = parse_text(text, case.file(kind), engine, positions=False)
        case.diagnostics.extend(diags)
        if data is not None and not diags:
            _convert(case, kind, FILE_MODELS[kind], data)
    return case


# A comment after something on its line: free text there may have been cut short (RU120), which only the
# walk over the format can tell (it knows which fields are prose).
_TRAILING_COMMENT = r"\S[ \t]+#"


def _convert(case: Case, kind: str, model: type, data: Any) -> None:
    """The typed record; only a file that fails, or may hold cut prose, needs the slow walk that names every
    problem with its place."""
    record = fast_convert(data, model)
    text = case.texts.get(kind, "")
    if record is None or (" #" in text and re.search(_TRAILING_COMMENT, text)):  # the substring test is the cheap one
        smap = case.source_map(kind)
        assert smap is not None  # the text was just read
        record, diags = check_and_convert(data, model, case.file(kind), smap)
        case.diagnostics.extend(diags)
    if record is not None:
        case.records[kind] = record
    else:
        case.raw[kind] = data
