"""Load a case folder: every file read, checked against its record type, converted.

Loading never raises on user input: it returns what it could read plus the
diagnostics. A missing file is not a diagnostic (it is a missing item on the
checklist); only `case.yaml` is required.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
from reunify.case.schema_check import check_and_convert
from reunify.case.yamlread import RU110, Engine, SourceMap, parse_text, read_file
from reunify.diagnostics.record import Diagnostic

KINDS = tuple(FILE_MODELS)  # case, chronology, genogram, factors, agreements, contingency, plan


class Case:
    """A loaded case folder: typed records (None when absent or unreadable), positions, diagnostics."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.records: dict[str, Any] = {}
        self.raw: dict[str, Any] = {}  # the plain values behind each valid record, for positions
        self.smaps: dict[str, SourceMap] = {}
        self.diagnostics: list[Diagnostic] = []

    def file(self, kind: str) -> str:
        """The file's path as the user will read it in a message."""
        return str(self.folder / f"{kind}.yaml")

    def pos(self, kind: str, path: tuple) -> tuple[int | None, int | None]:
        smap = self.smaps.get(kind)
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
    edit can be checked before anything is written.
    """
    case = Case(folder)
    overrides = overrides or {}
    for kind in kinds:
        model = FILE_MODELS[kind]
        path = folder / f"{kind}.yaml"
        if kind in overrides:
            data, smap, diags = parse_text(overrides[kind], case.file(kind), engine)
            case.smaps[kind] = smap
            case.diagnostics.extend(diags)
            if not diags and data is not None:
                _convert(case, kind, model, data, smap)
            continue
        if not path.exists():
            continue
        display = case.file(kind)
        if path.is_dir():
            case.diagnostics.append(RU110.at(display, None, None, "expected a file, found a folder"))
            continue
        data, smap, diags = read_file(path, display, engine)
        case.smaps[kind] = smap
        case.diagnostics.extend(diags)
        if data is None or diags:
            continue
        _convert(case, kind, model, data, smap)
    return case


def _convert(case: Case, kind: str, model: type, data: Any, smap: SourceMap) -> None:
    record, diags = check_and_convert(data, model, case.file(kind), smap)
    case.diagnostics.extend(diags)
    if record is not None:
        case.records[kind] = record
        case.raw[kind] = data
