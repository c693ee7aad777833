"""`reunify render`: golden files, escaping checked with a real Markdown parser, readability, redaction."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import textstat
from markdown_it import MarkdownIt

from reunify.case.settings import Settings
from reunify.reports import REPORTS
from reunify.reports.render import render
from tests import builders
from tests.conftest import AS_OF, EXAMPLE_CASES, load, run_cli

GOLDEN = Path(__file__).parent / "golden"
hostile_case = builders.hostile_case  # a fixture
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def rendered(case: Path, **kw) -> dict[str, str]:
    return render(load(case), AS_OF, Settings(), list(REPORTS), commit="abc1234", **kw)


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda p: p.name)
def test_golden_reports(case: Path) -> None:
    for name, text in rendered(case).items():
        golden = GOLDEN / case.name / name
        if UPDATE:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert golden.exists(), f"missing golden file {golden}: run with UPDATE_GOLDEN=1"
        assert text == golden.read_text(encoding="utf-8"), f"{name} differs from {golden}"


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda p: p.name)
def test_each_report_starts_with_reference_as_of_and_commit(case: Path) -> None:
    for name, text in rendered(case).items():
        if name.endswith(".md"):
            first = text.splitlines()[0]
            assert first.startswith("*Case RU-") and "as of 2026-11-24" in first and "case commit abc1234" in first


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda p: p.name)
def test_young_persons_report_reads_easily(case: Path) -> None:
    text = rendered(case)["young-person.md"]
    prose = "\n".join(line.lstrip("#-* ") for line in text.splitlines()[1:])
    assert textstat.flesch_reading_ease(prose) >= 70


def test_free_text_cannot_inject_markup_or_break_tables(hostile_case: Path) -> None:
    parser = MarkdownIt("commonmark").enable("table")
    for name, text in render(load(hostile_case), AS_OF, Settings(), list(REPORTS), commit="x").items():
        if not name.endswith(".md"):
            continue
        html = parser.render(text)
        assert "<script>" not in html and "<img" not in html and "<a href" not in html, name
        assert "<strong>bold</strong>" not in html and "<code>code</code>" not in html, name
        assert "<li>item</li>" not in html and "<li>one</li>" not in html and "code</h1>" not in html, name
        if name in ("chronology.md", "cpag-pack.md", "contingency-plan.md", "genogram.md"):
            assert "&lt;script&gt;" in html, name  # the text is there, shown as text


def test_table_rows_keep_their_columns(hostile_case: Path) -> None:
    parser = MarkdownIt("commonmark").enable("table")
    text = render(load(hostile_case), AS_OF, Settings(), ["chronology"], commit="x")["chronology.md"]
    widths = []
    for t in parser.parse(text):
        if t.type == "tr_open":
            widths.append(0)
        elif t.type in ("td_open", "th_open"):
            widths[-1] += 1
    assert widths and set(widths) == {6}


def test_mermaid_and_dot_labels_are_escaped(hostile_case: Path) -> None:
    files = render(load(hostile_case), AS_OF, Settings(), ["genogram"], commit="x")
    mermaid = files["genogram.md"].split("```mermaid")[1].split("```")[0]
    assert "<script>" not in mermaid and '"Doyle"' not in mermaid and "#quot;Doyle#quot;" in mermaid
    assert '\\"Doyle\\"' in files["genogram.dot"]


def test_redact_replaces_names_everywhere(tmp_path: Path) -> None:
    files = rendered(EXAMPLE_CASES[1], redact=True)
    everything = "\n".join(files.values())
    for name in ("Lily", "Hughes", "Chloe", "Ryan Doyle", "Denise", "Sam Patel", "Alex Moore", "Jo Rivers"):
        assert name not in everything, name
    assert "| LH |" in files["genogram.md"]
    assert "| Social worker | the social worker |" in files["return-home-assessment.md"]
    assert "You have a social worker who is helping you" in files["young-person.md"]  # never "... is the social worker."
    assert "2024-02-11" not in everything and "2024-02" in files["genogram.md"]
    assert "redacted" in files["chronology.md"].splitlines()[0]


def test_redact_names_decision_makers_outside_the_team() -> None:
    files = rendered(EXAMPLE_CASES[0], redact=True)  # RU-2025-0087: CPAG decision by the corporate director
    everything = "\n".join(files.values())
    assert "Marion Shaw" not in everything and "the corporate director" in files["monitoring-form.md"]


def test_team_templates_override_and_run_sandboxed(tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    (overrides / "body").mkdir(parents=True)
    (overrides / "body" / "chronology.md.j2").write_text("# Our chronology for {{ child.name }}\n")
    files = render(load(EXAMPLE_CASES[1]), AS_OF, Settings(), ["chronology", "checklist"], templates=overrides,
                   commit="x")
    assert "# Our chronology for Lily Hughes" in files["chronology.md"]
    assert "# Reunification checklist" in files["checklist.md"]  # not overridden: built in
    (overrides / "body" / "chronology.md.j2").write_text("{{ child.__class__.__mro__ }}\n")
    result = run_cli("render", str(EXAMPLE_CASES[1]), "--templates", str(overrides), "--report", "chronology",
                     "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and "SecurityError" in result.stderr and "Traceback" not in result.stderr


def test_missing_data_shows_as_not_recorded() -> None:
    files = rendered(EXAMPLE_CASES[2])  # RU-2026-0311: stage 1, most files absent
    assert "No parental agreement recorded yet." in files["parental-agreement.md"]
    assert "| Assessment completed | not recorded |" in files["return-home-assessment.md"]


def test_cli_writes_every_report_into_the_case(tmp_path: Path) -> None:
    case = tmp_path / "c"
    shutil.copytree(EXAMPLE_CASES[0], case, ignore=shutil.ignore_patterns("reports"))  # `make demo` output
    result = run_cli("render", str(case), "--as-of", "2026-11-24")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (case / "reports").iterdir())
    assert written == sorted([f"{n}.md" for n in REPORTS] + ["genogram.dot"])
    assert "not in a git repository" in (case / "reports" / "chronology.md").read_text().splitlines()[0]
    one = run_cli("render", str(case), "--report", "young-person", "-o", str(tmp_path / "out"))
    assert one.returncode == 0 and [p.name for p in (tmp_path / "out").iterdir()] == ["young-person.md"]
    assert run_cli("render", str(case), "--report", "nope").returncode == 2


def test_templates_setting_in_reunify_toml(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE_CASES[1], root / "cases" / "lily")
    (root / "ours" / "body").mkdir(parents=True)
    (root / "ours" / "body" / "young-person.md.j2").write_text("Hi {{ child.name }}\n")
    (root / "reunify.toml").write_text('templates = "ours"\n')
    result = run_cli("render", str(root / "cases" / "lily"), "--report", "young-person", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "young-person.md").read_text().endswith("Hi Lily Hughes\n")


def _young_person(tmp_path: Path, name: str, as_of=AS_OF, **case) -> str:
    """The young person's report for a case built from RU-2025-0087 with `case` fields replaced."""
    import yaml

    from tests.conftest import write_case

    files = {p.stem: yaml.safe_load(p.read_text()) for p in EXAMPLE_CASES[0].glob("*.yaml")}
    files["case"] = {**files["case"], **case}
    folder = write_case(tmp_path / name, **files)
    return render(load(folder), as_of, Settings(), ["young-person"], commit="x")["young-person.md"]


def test_young_person_hears_of_being_home_only_once_home(tmp_path: Path) -> None:
    """003: "Record date of when child actual returned home"; before that date the report never says so, even at
    stage 5 or after Decision 3."""
    import datetime as dt

    home = _young_person(tmp_path, "home")
    assert "You are back home" in home
    planned = _young_person(tmp_path, "planned", return_home={"date": dt.date(2026, 12, 1)})
    assert "You are back home" not in planned and "## What happens next" in planned
    not_yet = _young_person(tmp_path, "none", return_home=None)
    assert "You are back home" not in not_yet


def test_young_person_hears_the_wishes_as_recorded(tmp_path: Path) -> None:
    """The report repeats what the child and family said, not a level: a child who opposes return is told so."""
    import yaml

    from tests.conftest import write_case

    files = {p.stem: yaml.safe_load(p.read_text()) for p in EXAMPLE_CASES[0].glob("*.yaml")}
    files["factors"]["wishes"] = {"parents": "wants-return", "child": "opposes"}
    text = render(load(write_case(tmp_path / "c", **files)), AS_OF, Settings(), ["young-person"],
                  commit="x")["young-person.md"]
    assert "You told us you do not want to go home." in text and "Your family wants you to come home." in text


def test_young_person_not_pursued_is_told_plainly(tmp_path: Path) -> None:
    import datetime as dt

    decisions = [{"decision": "2", "date": dt.date(2025, 8, 20), "by": "Alex Moore", "role": "service-manager",
                  "outcome": "do-not-proceed"}]
    text = _young_person(tmp_path, "stop", decisions=decisions, return_home=None)
    assert "not safe for you to go home" in text


def test_risk_reports_show_the_mixed_profile_and_the_managers_rationale(tmp_path: Path) -> None:
    """framework-rules.md §1: the grid names a mixed profile; where the recorded level differs from the suggestion
    the manager's rationale is shown (002: the tool suggests, managers decide)."""
    import yaml

    from tests.conftest import write_case

    files = {p.stem: yaml.safe_load(p.read_text()) for p in EXAMPLE_CASES[0].glob("*.yaml")}
    files["factors"]["recurrence"] = "strong"
    files["case"]["classifications"][-1]["rationale"] = "Recurrence judged on old evidence; review at RC3"
    out = render(load(write_case(tmp_path / "c", **files)), AS_OF, Settings(),
                 ["risk-classification", "return-home-assessment"], commit="x")
    grid = out["risk-classification.md"]
    assert "| Risk factors | LOW (mixed profile) |" in grid and "**Mixed profile:** risk factors, " in grid
    assert ("The suggestion today, **high**, differs from the recorded level, **low**; when RC2 was recorded "
            "(2026-03-02) the suggestion was **low**.\nThe reason recorded with RC2: Recurrence judged on old evidence; "
            "review at RC3\n\n") in grid
    rha = out["return-home-assessment.md"]
    assert "Mixed profile: risk factors" in rha and "Recurrence judged on old evidence" in rha
