"""Round-trip edits: an entry is inserted as text; every other byte of the file is unchanged."""

from __future__ import annotations

import datetime as dt

import pytest

from reunify.case.write import EditError, append_entry, scalar
from reunify.case.yamlread import parse_text
from tests.conftest import EXAMPLE_CASES

ENTRY = {"label": "RC9", "date": dt.date(2026, 11, 1), "level": "medium", "by": "Alex Moore", "suggested": "medium"}


def removed(new: str, old: str) -> str:
    """The lines of `new` that are not in `old`, asserting old is new minus one contiguous block."""
    new_lines, old_lines = new.splitlines(keepends=True), old.splitlines(keepends=True)
    start = next((i for i, (a, b) in enumerate(zip(new_lines, old_lines, strict=False)) if a != b), len(old_lines))
    added = len(new_lines) - len(old_lines)
    assert new_lines[:start] + new_lines[start + added:] == old_lines
    return "".join(new_lines[start:start + added])


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda p: p.name)
@pytest.mark.parametrize("key", ["classifications", "decisions"])
def test_every_example_file_keeps_its_bytes(case, key: str) -> None:
    old = (case / "case.yaml").read_text()
    fields = ENTRY if key == "classifications" else {"decision": "cpag", "date": dt.date(2026, 11, 1), "by": "Dir"}
    new = append_entry(old, key, fields)
    block = removed(new, old)
    assert block.lstrip().startswith(("- ", f"{key}:"))
    data = parse_text(new, "case.yaml")[0]
    assert data[key][-1] == fields


@pytest.mark.parametrize(
    "value",
    ["1", "yes", "No", "on", "2026-01-01", "null", "~", "Sam Patel", "a: b", "note # not a comment", " padded",
     "line\nbreak", "quote \" and ' marks", "<script>", "Zoë", "- dash", "[x]", "{y}", "*alias", "&anchor", "!tag",
     "%", "@at", "`tick`", "|", ">", "0o17", "1e3", ".inf", "true"],
)
def test_scalars_read_back_exactly(value: str) -> None:
    text = f"key: {scalar(value)}\n"
    data, _, diags = parse_text(text, "x.yaml")
    assert diags == [] and data == {"key": value}
    assert parse_text(text, "x.yaml", "ruamel")[0] == {"key": value}


def test_key_absent_is_added_at_the_end() -> None:
    old = "reference: X\nchild: a\nlegal_status: other  # no newline at end"
    new = append_entry(old, "classifications", ENTRY)
    assert new.startswith(old + "\nclassifications:\n  - label: RC9\n")


def test_crlf_files_stay_crlf() -> None:
    old = "reference: X\r\nchild: a\r\nlegal_status: other\r\nclassifications:\r\n  - {label: RC1, date: 2026-01-01, " \
          "level: low}\r\n"
    new = append_entry(old, "classifications", ENTRY)
    assert new.startswith(old) and "\n" not in new[len(old):].replace("\r\n", "")


def test_items_at_column_zero_keep_their_indentation() -> None:
    old = "reference: X\nclassifications:\n- label: RC1\n  date: 2026-01-01\n  level: low\nchild: a\n"
    new = append_entry(old, "classifications", ENTRY)
    assert "  level: low\n- label: RC9\n  date: 2026-11-01\n" in new


def test_non_empty_flow_list_is_refused() -> None:
    with pytest.raises(EditError, match="flow style"):
        append_entry("classifications: [{label: RC1, date: 2026-01-01, level: low}]\n", "classifications", ENTRY)


def test_keep_chomping_block_scalar_is_refused_rather_than_changed() -> None:
    old = "classifications:\n  - label: RC1\n    date: 2026-01-01\n    level: low\n    rationale: |+\n      text\n\n\n" \
          "child: a\n"
    with pytest.raises(EditError):
        append_entry(old, "classifications", ENTRY)
