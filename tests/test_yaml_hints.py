"""Friendly messages for the commonest YAML mistakes in practitioners' prose: each says what to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from reunify.case.yamlread import parse_text
from tests.conftest import run_cli

HEAD = "reference: RU-1\nchild: amy\nlegal_status: other\n"


def validate(case: Path, text: str, file: str = "chronology.yaml") -> str:
    (case / file).write_text(text, encoding="utf-8")
    result = run_cli("validate", str(case), "--as-of", "2026-11-24")
    assert "Traceback" not in result.stderr
    return result.stdout


def test_a_colon_in_free_text_gets_a_hint_to_quote_it(minimal_case: Path) -> None:
    out = validate(minimal_case, "entries:\n  - date: 2025-01-02\n    event: Family group conference: Nan attended\n"
                                 "    source: family\n")
    assert "chronology.yaml:3:35: RU101 mapping values are not allowed" in out
    assert "hint: a colon followed by a space starts a new key; put text holding ': ' in quotes: " \
           "event: 'Family group conference: Nan attended'" in out


def test_the_hint_quotes_text_that_holds_an_apostrophe(minimal_case: Path) -> None:
    out = validate(minimal_case, HEAD + "trusted_adult: Nan's friend: Jo\n", "case.yaml")
    assert "hint: a colon followed by a space starts a new key; put text holding ': ' in quotes: " \
           "trusted_adult: \"Nan's friend: Jo\"" in out


def test_text_cut_short_by_a_hash_is_a_warning_with_the_fix(minimal_case: Path) -> None:
    out = validate(minimal_case, "entries:\n  - date: 2025-01-02\n    event: Police called #2 this year\n"
                                 "    source: police\n")
    assert "chronology.yaml:3:26: RU120 warning: the text stops before '#': '#2 this year' was read as a comment" in out
    assert "hint: if '#2 this year' is part of the text, write the value in quotes: 'Police called #2 this year'" in out
    assert "0 error(s), 1 warning(s)" in out  # the case still loads: the rest of the record is fine
    assert run_cli("validate", str(minimal_case), "--strict").returncode == 1


def test_a_value_that_starts_with_a_hash_is_missing_with_a_hint(minimal_case: Path) -> None:
    out = validate(minimal_case, "entries:\n  - date: 2025-01-02\n    event: #2 arrest\n    source: police\n")
    assert "RU202 entries[0].event: a value is required" in out
    assert "text that starts with '#' goes in quotes" in out


def test_a_hash_inside_a_flow_list_gets_a_hint(minimal_case: Path) -> None:
    out = validate(minimal_case, HEAD + "meetings:\n  - kind: other\n    date: 2026-01-05\n"
                                 "    attendees: [Sam #2, Jo]\n", "case.yaml")
    assert "RU101" in out and "put text holding '#' in quotes" in out


def test_a_quoted_date_is_named_as_quoted_not_as_impossible(minimal_case: Path) -> None:
    out = validate(minimal_case, 'entries:\n  - date: "2025-01-02"\n    event: Visit\n    source: police\n')
    assert "RU203 entries[0].date: 2025-01-02 is in quotes, so it is read as text, not a date" in out
    assert "hint: remove the quotes: date: 2025-01-02" in out
    assert "not a real calendar date" not in out
    out = validate(minimal_case, 'entries:\n  - date: "2025-02-30"\n    event: Visit\n    source: police\n')
    assert "RU206 entries[0].date: 2025-02-30 is not a real calendar date" in out


@pytest.mark.parametrize("text", [
    "a: Police called #2 this year\nb: x\n",
    "a: [x, y] # fine\nb: two words  # a comment\nc: 'quoted' # fine\nd: one # fine\ne:\n  - f: g #h\n",
])
def test_both_parsers_find_the_same_cut_text(text: str) -> None:
    fast = parse_text(text, "f.yaml", "fast")
    slow = parse_text(text, "f.yaml", "ruamel")
    assert fast[0] == slow[0] and fast[2] == slow[2] == []
    assert fast[1].cut == slow[1].cut and fast[1].cut


def test_only_free_text_is_warned_about_not_names_or_words(minimal_case: Path) -> None:
    """A comment after a name or a word from a list is a comment; after prose it most likely cut the text."""
    out = validate(minimal_case, HEAD + "trusted_adult: Aunt Jo  # mum's sister\nplacement:\n  type: foster # for now\n"
                                 "meetings:\n  - kind: other  # supervision\n    date: 2026-01-05\n"
                                 "    notes: Agreed plan #3 with mum\n", "case.yaml")
    assert out.count("RU120") == 1 and "case.yaml:10:24: RU120" in out, out


@pytest.mark.parametrize(("text", "where", "hint"), [
    ("entries:\n  - date: 2025-01-02\n     event: Visit\n    source: police\n", "chronology.yaml:3:11: RU101",
     "hint: 'event' is indented further than 'date' on the line above, so it reads as part of that line: line it "
     "up with 'date' (4 spaces in)"),
    ("entries:\n  - date: 2025-01-02\n   event: Visit\n    source: police\n", "chronology.yaml:3:4: RU101",
     "hint: 'event' does not line up with the list it is in: each entry starts with '- ' 2 spaces in, and its keys "
     "line up under 'date' of line 2 (4 spaces in); indent it to match, or start a new entry with '- '"),
    ("entries:\n  -date: 2025-01-02\n    event: Visit\n    source: police\n", "chronology.yaml:3:10: RU101",
     "hint: a list entry starts with '- ', a dash then a space: write '- date: 2025-01-02'"),
    ("entries:\n  - date: 2025-01-02\n    event:Visit\n    source: police\n", "chronology.yaml:4:5: RU101",
     "hint: a key needs a space after its colon: write 'event: Visit' (line 3)"),
    ('entries:\n  - date: 2025-01-02\n    event: "Visit\n    source: police\n', "chronology.yaml:5:1: RU101",
     "hint: the quote opened on line 3 is never closed: end the text with the same quote mark"),
    ("entries:\n  - date: 2025-01-02\n    event: 'Nan's visit'\n    source: police\n", "chronology.yaml:3:17: RU101",
     "hint: an apostrophe inside text in single quotes ends the text: write it twice ('') or put the text in "
     "double quotes: event: \"Nan's visit\""),
], ids=["key-indented-too-far", "key-short-of-the-list", "dash-without-space", "colon-without-space",
        "quote-never-closed", "apostrophe-in-single-quotes"])
def test_layout_slips_get_a_hint_saying_what_to_change(minimal_case: Path, text: str, where: str, hint: str) -> None:
    out = validate(minimal_case, text)
    assert where in out and hint in out, out
    assert "put text holding ': ' in quotes" not in out  # a misplaced key is not text holding a colon


def test_a_key_between_two_levels_is_offered_both(minimal_case: Path) -> None:
    out = validate(minimal_case, HEAD + "assessment:\n  checks:\n    housing: 2025-01-01\n   school: 2025-01-01\n",
                   "case.yaml")
    assert "case.yaml:7:4: RU101" in out
    assert "hint: 'school' does not line up with the keys above it: line it up with 'checks' of line 5 (2 spaces " \
           "in) or with 'housing' on the line above (4 spaces in)" in out


def test_the_editing_parser_gives_the_same_hints() -> None:
    """`decide` reads with ruamel.yaml: a slip in case.yaml must get the same advice there."""
    for text in ("a: 1\n b: 2\n", "l:\n  - a: 1\n   b: 2\n", "x: 'it's'\n", "l:\n  -a: 1\n    b: 2\n"):
        fast, slow = parse_text(text, "case.yaml", "fast")[2], parse_text(text, "case.yaml", "ruamel")[2]
        assert [d.hint for d in fast] == [d.hint for d in slow] and fast[0].hint, text


def test_an_under_indented_key_is_lined_up_with_its_own_entry_not_the_first(minimal_case: Path) -> None:
    out = validate(minimal_case, "entries:\n  - date: 2025-01-01\n    event: A\n    source: police\n"
                                 "  - date: 2025-01-02\n   event: B\n    source: police\n")
    assert "chronology.yaml:6:4: RU101" in out
    assert "its keys line up under 'date' of line 5 (4 spaces in)" in out, out


def test_a_key_short_of_its_mapping_is_lined_up_with_the_nearest_key(minimal_case: Path) -> None:
    out = validate(minimal_case, HEAD + "assessment:\n  started: 2025-01-01\n  checks:\n    housing: 2025-01-01\n"
                                        "   school: 2025-01-01\n", "case.yaml")
    assert "line it up with 'checks' of line 6 (2 spaces in) or with 'housing' on the line above" in out, out


def test_a_date_written_day_first_gets_the_iso_date_to_write(minimal_case: Path) -> None:
    out = validate(minimal_case, HEAD + "placement:\n  type: foster\n  since: 31/01/2026\n", "case.yaml")
    assert "case.yaml:6:10: RU203" in out and "hint: write 2026-01-31 (year-month-day)" in out, out


def test_a_list_written_without_brackets_gets_the_brackets(minimal_case: Path) -> None:
    out = validate(minimal_case, "entries:\n  - date: 2025-01-01\n    event: A\n    source: police\n"
                                 "    people: mum, amy\n")
    assert "chronology.yaml:5:13: RU203" in out and "hint: write a list in square brackets: [mum, amy]" in out, out
