"""Reports read as documents: human words for every enumerated value, sources by name, absent values in fitting words."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from reunify.case import model
from reunify.case.settings import Settings
from reunify.reports import REPORTS
from reunify.reports.labels import LABELS
from reunify.reports.render import render
from tests.conftest import AS_OF, EXAMPLE_CASES, load, write_case

LITERALS = {name: typing.get_args(value) for name, value in vars(model).items()
            if typing.get_origin(value) is typing.Literal}


def reports(case: Path) -> dict[str, str]:
    return {name: text for name, text in render(load(case), AS_OF, Settings(), list(REPORTS), commit="abc1234").items()
            if name.endswith(".md")}


def test_every_enumerated_value_of_the_format_has_words() -> None:
    assert LITERALS, "no Literal found in reunify.case.model"
    for name, values in LITERALS.items():
        assert name in LABELS, f"reunify/reports/labels.py has no words for {name}"
        missing = set(values) - set(LABELS[name])
        assert not missing, f"{name}: no words for {sorted(missing)}"


def _raw_values() -> tuple[set[str], set[str]]:
    """(values that never read as words: hyphenated or codes, anywhere), (single words a table cell must not be)."""
    anywhere, as_cells = set(), set()
    for name, values in LITERALS.items():
        for value in values:
            if LABELS[name][value] == value:
                continue  # already the word a reader uses ("low", "police", "re-emerged")
            (anywhere if "-" in value or value in ("fgc", "cpag", "sdq") else as_cells).add(value)
    return anywhere, as_cells


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda p: p.name)
def test_no_enumerated_value_appears_raw_in_any_report(case: Path) -> None:
    anywhere, as_cells = _raw_values()
    assert "interim-care-order" in anywhere and "foster" in as_cells  # the test looks for what it should
    for name, text in reports(case).items():
        prose = text.split("```mermaid")[0] + text.split("```")[-1]  # the diagram's code is not read as prose
        for value in anywhere:
            found = re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text)
            assert not found, f"{case.name}/{name}: raw {value!r}: ...{text[max(0, found.start() - 60):found.end() + 20]}"
        cells = {c.strip() for line in prose.splitlines() if line.startswith("|") for c in line.strip("|").split("|")}
        assert not cells & as_cells, f"{case.name}/{name}: raw {sorted(cells & as_cells)} in a table"


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda p: p.name)
def test_no_internal_jargon(case: Path) -> None:
    for name, text in reports(case).items():
        assert not re.search(r"\bseeds?\b", text, re.IGNORECASE), (case.name, name)
        assert "tool convention" not in text and not re.search(r"\(00[0-4]\b|\b00[0-4]\)", text), (case.name, name)
        assert not re.search(r"\bs[1-5]\.[a-z]", text), (case.name, name)  # checklist task ids
        assert ".yaml" not in text and "[]" not in text, (case.name, name)  # no file or field paths


def test_framework_and_workflow_are_cited_by_name() -> None:
    text = reports(EXAMPLE_CASES[0])["risk-classification.md"]  # RU-2025-0087: advice from two documents
    assert "The NSPCC Reunification Practice Framework's Risk Classification Table" in text
    assert ("In the words of the local authority's Detailed Reunification Workflow (When child is living back at home - "
            "monitor and review): \"TM and Social") in text


def test_absent_values_read_as_not_recorded_in_fitting_words(tmp_path: Path) -> None:
    case = write_case(
        tmp_path / "bare",
        case={"child": "amy"},
        genogram={"people": [{"id": "amy", "name": "Amy Test"}]},
        agreements={"agreements": [{"id": "pa-1", "goals": [{"id": "g1", "goal": "Stay safe"}]}]},
        factors={"capacity_to_change": {"evidence": "some"}},
    )
    files = reports(case)
    goal_row = next(line for line in files["parental-agreement.md"].splitlines() if line.startswith("| Stay safe"))
    assert goal_row.split("|")[3:5] == [" not recorded ", " not recorded "]  # agreed, realistic: never "no"
    assert "How often it is reviewed is not recorded." in files["parental-agreement.md"]
    assert "Whether the parents can sustain change is not recorded yet." in files["return-home-assessment.md"]
    assert "| Placement | not recorded |" in files["return-home-assessment.md"]


def test_the_young_persons_report_never_says_not_recorded_to_a_child(tmp_path: Path) -> None:
    case = write_case(tmp_path / "bare", case={"child": "amy"})  # no genogram, no team, no trusted adult
    text = reports(case)["young-person.md"]
    assert "not recorded" not in text and "Hello amy" not in text and "Hello." in text
    assert "you can talk to your social worker." in text
    assert "We will tell you the name of your social worker soon." in text
    assert "You can talk to your social worker at any time." in text


def test_the_managers_reason_shows_where_the_recorded_level_differs(tmp_path: Path) -> None:
    case = write_case(tmp_path / "held", case={"child": "amy", "classifications": [
        {"label": "RC1", "date": AS_OF.replace(month=1), "level": "high", "by": "Alex Moore", "suggested": "medium",
         "rationale": "Dad's new partner is unknown to us; hold at high until checked."}]},
        genogram={"people": [{"id": "amy", "name": "Amy Test"}]})
    files = reports(case)
    for name in ("risk-classification.md", "return-home-assessment.md"):
        assert ("The manager recorded **high** where the suggestion was **medium**.\nTheir reason: Dad's new "
                "partner is unknown to us; hold at high until checked.") in files[name], name
    same = write_case(tmp_path / "same", case={"child": "amy", "classifications": [
        {"label": "RC1", "date": AS_OF.replace(month=1), "level": "medium", "suggested": "medium"}]},
        genogram={"people": [{"id": "amy", "name": "Amy Test"}]})
    assert "The manager recorded" not in reports(same)["risk-classification.md"]


def test_a_reason_given_when_tool_and_manager_agreed_is_not_shown_as_an_override(tmp_path: Path) -> None:
    """RC1 was medium where the tool suggested medium; the factors now suggest high. The report must not say the
    manager recorded medium "where the suggestion was high": that never happened, and panels read it as evidence."""
    import shutil

    from tests.conftest import EXAMPLES, run_cli

    case = tmp_path / "lily"
    shutil.copytree(EXAMPLES / "RU-2025-0142", case)
    result = run_cli("render", str(case), "--as-of", "2026-11-24", "-o", str(tmp_path / "out"),
                     "--report", "risk-classification", "--report", "return-home-assessment")
    assert result.returncode == 0, result.stderr
    for name in ("risk-classification.md", "return-home-assessment.md"):
        text = (tmp_path / "out" / name).read_text()
        assert "where the suggestion was **high**" not in text, name
        assert ("The suggestion today, **high**, differs from the recorded level, **medium**; when RC1 was recorded "
                "(2026-03-27) the suggestion was **medium**.\nThe reason recorded with RC1: Risks being addressed "
                "with support; grandmother and aunt protective.") in text, name
