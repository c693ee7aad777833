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


# Tabs as separation within a line: YAML allows them and libyaml (the fast parser) takes them where a key cannot
# start; ruamel.yaml (the editing parser, `decide`) refused them. One file, one verdict, whichever reads it.
TABS = ["a: b\t# c\n", "a: 1\t# c\n", "a:\t# c\n  b: 1\n", "a: b\t\n", "a:\t1\n", 'a: "x"\t# c\n',
        "a:\n  - x\t# c\n", "a: b\tc\n", "a\t: 1\n", "a:\n  -\tx\n", "a: |\n  x\t\n", "a: b \t # c\n", "? a\n:\tb\n",
        "a: [x,\ty]\n", "a:\n\t- x\n", "a: 1\nb:\t\n  c: 2\n", "a: {b: 1}\t# x\n", "a: b\t c\td\n", "a: b\n\tc\n",
        "a: b\n  \tc\n", "a: >\n  x\t\n  y\n", "a: 'x\ty'\n", "a: -\tb\n", "a: b\t\n\nc: d\n", "a: b\t\n  c\n"]


@pytest.mark.parametrize("text", [*TABS, "a: " + "9" * 4400 + "\n", "a: -" + "1" * 4301 + "\n"],
                         ids=lambda t: repr(t)[:30])
def test_both_parsers_give_one_verdict_on_tabs_and_long_numbers(text: str) -> None:
    fast, slow = parse_text(text, "f.yaml", "fast"), parse_text(text, "f.yaml", "ruamel")
    assert fast[0] == slow[0]
    assert [(d.code, d.line, d.column) for d in fast[2]] == [(d.code, d.line, d.column) for d in slow[2]]


def test_a_tab_before_a_comment_is_read_by_both_parsers() -> None:
    for engine in ("fast", "ruamel"):
        assert parse_text("date: 2025-01-02\t# the police visit\n", "f.yaml", engine)[0:3:2] == (
            {"date": dt.date(2025, 1, 2)}, [])


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


def test_the_writer_decide_uses_edits_a_file_with_a_tab_before_a_comment() -> None:
    """validate accepted such a file while `decide` refused it as broken: one verdict for one file."""
    from reunify.case.write import append_entry

    text = "reference: RU-1\t# the local authority's number\nchild: amy\nlegal_status: other\n"
    edited = append_entry(text, "visits", {"date": dt.date(2026, 1, 5), "by": "Sam Patel"})
    assert edited.startswith(text) and parse_text(edited, "case.yaml", "ruamel")[0]["visits"] == [
        {"date": dt.date(2026, 1, 5), "by": "Sam Patel"}]


ANCHORED = ["a: &x 1\nb: *x\n", "\ufeff&x a: 1\n", "&x a: 1\n", "a: [*x]\n", 'a: {"k":&x 1}\n', "a:\n- &x 1\n- *x\n",
            "--- &x\na: 1\n", "a: !!str &x 1\n", "? &k a\n: 1\n", "a:\t&x 1\n", "a: {b: 1,&x c: 2}\n"]


@pytest.mark.parametrize("engine", ["fast", "ruamel"])
@pytest.mark.parametrize("text", ANCHORED)
def test_an_anchor_or_alias_anywhere_yaml_allows_one_is_refused(engine: str, text: str) -> None:
    """The event pass that finds them runs only where one could start: the cheap look first must miss none."""
    assert [d.code for d in parse_text(text, "f.yaml", engine)[2]] == ["RU107"]


@pytest.mark.parametrize("text", ["a: seen at A&E, 5*3 and Mum & Dad\n", "a: '&x'\n", "a: x*y &z\n"])
def test_an_ampersand_or_star_in_prose_is_text(text: str) -> None:
    data, _, diags = parse_text(text, "f.yaml")
    assert diags == [] and isinstance(data["a"], str)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n", "a: !!binary aGk=\nb: 1\nb: 2\n", "a:\n  b: !!str 12\n  b: 3\n", "? [x]\n: 1\n",
    "a: " + "9" * 5000 + "\n", "a: >\n  folded\n  text\n", "a: !!str 2025-01-01\n", "a: ! 12\n",
    "a: " + "[" * 60 + "]" * 60 + "\n", "- 1\n- 2\n", "a:\n  - {b: 1, b: 2}\n  - c\n",
    *(case.decode("utf-8", "replace") for _, case, _, _ in BAD_INPUTS),
])
def test_the_quick_build_without_positions_agrees_with_the_full_one(text: str) -> None:
    """Reading without positions takes a shorter walk for valid shapes and hands anything else to the full
    one: the values and diagnostics, each reported once, are the same either way."""
    with_map = parse_text(text, "x.yaml", positions=True)
    without = parse_text(text, "x.yaml", positions=False)
    assert without[0] == with_map[0] and without[2] == with_map[2]


@pytest.mark.parametrize("text", ["a: 1\nb: [x, y]\n", "a: [1\n"])
def test_pyyaml_used_elsewhere_in_the_process_still_gets_its_own_nodes(text: str) -> None:
    """The fast reader lends PyYAML's C composer node classes of its own for each file it reads: after a
    file, read or refused, a plugin or script calling PyYAML in the same process must get PyYAML's nodes."""
    import yaml

    parse_text(text, "x.yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert isinstance(yaml.compose("k: [v]\n", Loader=loader), yaml.MappingNode)
    assert yaml.load("k: [v]\n", Loader=loader) == {"k": ["v"]}


def test_a_plain_value_one_level_too_deep_is_reported_with_or_without_positions() -> None:
    """RU112 for a plain value at level 51 of nested mappings, however the file is read."""
    text = "a:\n" + "".join("  " * (n + 1) + f"k{n}:\n" for n in range(49)) + "  " * 50 + "k49: v\n"
    for positions in (True, False):
        assert [d.code for d in parse_text(text, "f.yaml", positions=positions)[2]] == ["RU112"]
