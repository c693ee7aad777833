"""The YAML reader: YAML 1.2 values, positions, and the two parsers agreeing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reunify.case.yamlread import parse_text, read_file, resolve_plain
from tests.conftest import EXAMPLE_CASES
from tests.test_bad_input import BAD_INPUTS


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
