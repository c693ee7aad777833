"""Cross-file references, ids, dates and practice warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reunify.pipeline import check_case, validate_folders
from tests.conftest import AS_OF, EXAMPLE_CASES


def codes(folder: Path, as_of: dt.date = AS_OF) -> list[tuple[str, str, int | None]]:
    _, diags = check_case(folder, as_of)
    return [(d.code, Path(d.file).name, d.line) for d in diags]


def test_example_cases_are_clean() -> None:
    assert validate_folders(EXAMPLE_CASES, AS_OF) == []


def test_unknown_child_and_people(minimal_case: Path) -> None:
    (minimal_case / "case.yaml").write_text(
        "reference: RU-1\nchild: amyy\nlegal_status: other\ntrusted_adult: aunt-joe\n"
        "meetings:\n  - kind: fgc\n    date: 2025-01-01\n    attendees: [Sam Patel, mum]\n"
    )
    (minimal_case / "chronology.yaml").write_text(
        "entries:\n  - date: 2025-01-01\n    event: x\n    source: police\n    people: [mum, dda]\n"
    )
    found = codes(minimal_case)
    assert ("RU301", "case.yaml", 2) in found
    assert ("RU302", "case.yaml", 4) in found  # id-shaped name that is nobody: a warning
    assert ("RU301", "chronology.yaml", 5) in found
    assert not any(c == "RU302" and line == 8 for c, _, line in found)  # "Sam Patel" is a plain name


def test_people_are_not_checked_without_a_genogram(minimal_case: Path) -> None:
    (minimal_case / "genogram.yaml").unlink()
    (minimal_case / "case.yaml").write_text("reference: RU-1\nchild: nobody\nlegal_status: other\n")
    assert codes(minimal_case) == []


def test_factor_references_and_unique_ids(minimal_case: Path) -> None:
    (minimal_case / "factors.yaml").write_text(
        "risk_factors:\n  - {id: dv, name: DV, status: addressed, since: 2025-01-01}\n"
        "protective_factors:\n  - {id: dv, name: Nan, apparent: true}\n"
    )
    (minimal_case / "plan.yaml").write_text("support:\n  - service: X\n    factors: [dvv]\n")
    found = codes(minimal_case)
    assert ("RU207", "factors.yaml", 4) in found
    assert ("RU303", "plan.yaml", 3) in found


def test_decision_must_confirm_an_existing_label_and_labels_unique(minimal_case: Path) -> None:
    (minimal_case / "case.yaml").write_text(
        "reference: RU-1\nchild: amy\nlegal_status: other\n"
        "classifications:\n  - {label: RC1, date: 2025-01-01, level: high}\n"
        "  - {label: RC1, date: 2025-02-01, level: high}\n"
        "decisions:\n  - {decision: '2', date: 2025-01-02, by: Alex, classification: RC2}\n"
    )
    found = codes(minimal_case)
    assert ("RU207", "case.yaml", 6) in found
    assert ("RU304", "case.yaml", 8) in found


def test_level_differing_from_suggestion_needs_rationale(minimal_case: Path) -> None:
    (minimal_case / "case.yaml").write_text(
        "reference: RU-1\nchild: amy\nlegal_status: other\n"
        "classifications:\n  - {label: RC1, date: 2025-01-01, level: medium, suggested: high}\n"
    )
    assert ("RU210", "case.yaml", 5) in codes(minimal_case)


def test_impossible_and_future_dates(minimal_case: Path) -> None:
    (minimal_case / "genogram.yaml").write_text(
        "people:\n  - id: amy\n    name: Amy\n    born: 2020-01-01\n    died: 2019-01-01\n"
        "  - id: mum\n    name: Mum\n    police_check: 2027-01-01\n"
    )
    found = codes(minimal_case)
    assert ("RU209", "genogram.yaml", 5) in found
    assert ("RU401", "genogram.yaml", 8) in found
    assert ("RU401", "genogram.yaml", 8) not in codes(minimal_case, dt.date(2027, 1, 1))


def test_practice_warnings(minimal_case: Path) -> None:
    (minimal_case / "factors.yaml").write_text("risk_factors: []\nprotective_factors:\n"
                                               "  - {id: p, name: P, apparent: true, code: our-own-code}\n")
    (minimal_case / "chronology.yaml").write_text(
        "entries:\n  - {date: 2025-01-01, event: x, source: police, significance: high}\n")
    found = codes(minimal_case)
    assert ("RU404", "factors.yaml", 1) in found
    assert ("RU402", "factors.yaml", 3) in found
    assert ("RU403", "chronology.yaml", 2) in found


def test_duplicate_reference_across_caseload(tmp_path: Path, minimal_case: Path) -> None:
    twin = tmp_path / "case-b"
    twin.mkdir()
    (twin / "case.yaml").write_text((minimal_case / "case.yaml").read_text())
    diags = validate_folders([minimal_case, twin], AS_OF)
    assert [d.code for d in diags] == ["RU305"]


def test_references_are_checked_in_the_same_round_as_format_errors(minimal_case: Path) -> None:
    """A file breaking the format still has its references to people and factors checked: one run shows all."""
    (minimal_case / "factors.yaml").write_text("risk_factors:\n  - id: drink\n    name: Drink\n"
                                               "    status: addressed\n    since: 2025-01-01\n")
    (minimal_case / "chronology.yaml").write_text(
        "entries:\n  - date: 2025-01-01\n    event: x\n    source: police\n    people: [mum, dda]\n"
        "    factors: [drnk]\n    bogus: 1\n")
    (minimal_case / "case.yaml").write_text("reference: RU-1\nchild: amyy\nlegal_status: other\nbogus: 1\n")
    found = codes(minimal_case)
    assert ("RU201", "chronology.yaml", 7) in found and ("RU201", "case.yaml", 4) in found
    assert ("RU301", "chronology.yaml", 5) in found and ("RU303", "chronology.yaml", 6) in found
    assert ("RU301", "case.yaml", 2) in found


def test_a_person_named_by_first_name_gets_the_id_whose_name_matches(minimal_case: Path) -> None:
    (minimal_case / "chronology.yaml").write_text(
        "entries:\n  - date: 2025-01-01\n    event: x\n    source: police\n    people: [Mum, amy]\n")
    _, diags = check_case(minimal_case, AS_OF)
    assert [(d.code, d.line) for d in diags] == [("RU205", 5), ("RU301", 5)]
    assert diags[1].message == "'Mum' is not a person in genogram.yaml; did you mean 'mum' (Mum Test)?"


def test_a_shape_already_reported_is_not_reported_again_as_unknown(minimal_case: Path) -> None:
    (minimal_case / "chronology.yaml").write_text(
        "entries:\n  - date: 2025-01-01\n    event: x\n    source: police\n    people: [Bob Smith, 12]\n")
    assert [c for c, _, _ in codes(minimal_case)] == ["RU205", "RU203"]


def test_a_chronology_entry_out_of_date_order_is_a_warning_at_its_date(minimal_case: Path) -> None:
    def entry(day: str, approximate: bool = False) -> str:
        return f"  - date: {day}\n    approximate: {str(approximate).lower()}\n    event: x\n    source: police\n"

    (minimal_case / "chronology.yaml").write_text(
        "entries:\n" + entry("2024-03-10") + entry("2024-03-01", True) + entry("2024-03-20") + entry("2024-02-28"))
    _, diags = check_case(minimal_case, AS_OF)
    # The approximate March date sits anywhere in March; February after March 20 is out of order.
    assert [(d.code, d.severity, d.line, d.column) for d in diags] == [("RU409", "warning", 14, 11)]
    assert "2024-02-28 comes after the entry of 2024-03-20" in diags[0].message


def test_a_chronology_kept_newest_first_is_one_warning_not_one_an_entry(minimal_case: Path) -> None:
    entries = "".join(f"  - date: 2024-03-{day:02d}\n    event: x\n    source: police\n" for day in (20, 20, 12, 5, 1))
    (minimal_case / "chronology.yaml").write_text("entries:\n" + entries)
    _, diags = check_case(minimal_case, AS_OF)
    assert [(d.code, d.line, d.column) for d in diags] == [("RU409", 5, 11)]
    assert diags[0].message == ("the chronology is kept newest first (5 entries, from 2024-03-20 back to 2024-03-01): "
                                "list entries oldest first")
