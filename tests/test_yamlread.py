"""The YAML reader: YAML 1.2 values, positions, and the two parsers agreeing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reunify.case.yamlread import parse_text, read_file, resolve_plain
from tests.builders import BAD_INPUTS
from tests.conftest import EXAMPLE_CASES


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", "yes"), ("no", "no"), ("on", "on"), ("010", 10), ("0o10", 8), ("0x1F", 31),
        ("true", True), ("False", False), ("~", None), ("null", None), ("", None),
        ("1.5", 1.5), ("2025-08-31", dt.date(2025, 8, 31)), ("2025-13-40", "2025-13-40"),
        ("RU-2025-0142", "RU-2025-0142"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(text: str, value: object) -> None:
    assert resolve_plain(text) == value


def test_quoted_scalars_stay_text() -> None:
    data, _, diags = parse_text('a: "1"\nb: \'yes\'\nc: "2025-01-01"\n', "f.yaml")
    assert diags == []
    assert data == {"a": "1", "b": "yes", "c": "2025-01-01"}


def test_positions_point_at_keys_and_values() -> None:
    _data, smap, _ = parse_text("people:\n  - id: amy\n    born: 2020-01-01\n", "g.yaml")
    assert smap.key(("people", 0, "born")) == (3, 5)
    assert smap.value(("people", 0, "born")) == (3, 11)
    assert smap.value(("people", 0, "missing")) == (2, 5)  # falls back to the nearest ancestor


def _files() -> list[Path]:
    return [f for case in EXAMPLE_CASES for f in sorted(case.glob("*.yaml"))]


@pytest.mark.parametrize("path", _files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_parsers_read_every_example_file_identically(path: Path) -> None:
    fast = read_file(path, "x.yaml", "fast")
    slow = read_file(path, "x.yaml", "ruamel")
    assert fast[0] == slow[0]
    assert fast[1].values == slow[1].values and fast[1].keys == slow[1].keys and fast[1].cut == slow[1].cut
    assert fast[2] == slow[2] == []


@pytest.mark.parametrize(("name", "content", "code", "line"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_both_parsers_diagnose_bad_input_identically(tmp_path: Path, name: str, content: bytes,
                                                     code: str, line: int | None) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(content)
    fast = read_file(path, "case.yaml", "fast")
    slow = read_file(path, "case.yaml", "ruamel")
    assert fast[0] == slow[0]
    assert [(d.code, d.line, d.column) for d in fast[2]] == [(d.code, d.line, d.column) for d in slow[2]]


def _catalogue_files() -> list[Path]:
    return sorted(p for p in (Path(__file__).parent / "errors").rglob("*.yaml") if p.is_file())


@pytest.mark.parametrize("path", _files() + _catalogue_files(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_values_and_diagnostics_do_not_depend_on_building_positions(path: Path) -> None:
    """Valid files are read without a source map (the caseload's fast path): nothing else may change."""
    text = path.read_bytes().decode("utf-8", "replace")
    with_map = parse_text(text, "x.yaml", positions=True)
    without = parse_text(text, "x.yaml", positions=False)
    assert without[0] == with_map[0] and without[2] == with_map[2]
    assert without[1].values == {} and without[1].keys == {}


@pytest.mark.parametrize("path", _files() + _catalogue_files(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_fast_conversion_accepts_exactly_what_the_schema_walk_accepts(path: Path) -> None:
    """msgspec's conversion is tried first; it must never accept a file the walk would report."""
    from reunify.case.model import FILE_MODELS
    from reunify.case.schema_check import check_and_convert, fast_convert

    model = FILE_MODELS.get(path.stem)
    data, smap, diags = parse_text(path.read_bytes().decode("utf-8", "replace"), "x.yaml")
    if model is None or data is None or diags:
        pytest.skip("not a case file that parses")
    record, problems = check_and_convert(data, model, "x.yaml", smap)
    assert (fast_convert(data, model) is None) == any(d.severity == "error" for d in problems)  # RU120 warns only
    assert fast_convert(data, model) == record


def test_an_equals_sign_is_text_in_both_parsers() -> None:
    """YAML 1.1 resolvers tag a plain `=` as "value"; in case files it is just text."""
    for engine in ("fast", "ruamel"):
        assert parse_text("note: =\nother: a = b\n", "f.yaml", engine)[0:3:2] == ({"note": "=", "other": "a = b"}, [])
