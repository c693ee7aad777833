"""`reunify render`: golden files, escaping checked with a real Markdown parser, readability, redaction."""

from __future__ import annotations

import os
import re
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
    """The young person's report keeps the record line in a footer, "For the record", out of the child's text
    (the report speaks to the child); every other report opens with it."""
    for name, text in rendered(case).items():
        if name.endswith(".md"):
            line = text.splitlines()[-1 if name == "young-person.md" else 0]
            assert line.startswith("*Case RU-") and "as of 2026-11-24" in line and "case commit abc1234" in line
    child = rendered(case)["young-person.md"]
    assert child.startswith("# About going home") and child.index("## For the record") > child.index("Childline")


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda p: p.name)
def test_young_persons_report_reads_easily(case: Path) -> None:
    text = rendered(case)["young-person.md"].split("## For the record")[0]
    prose = "\n".join(line.lstrip("#-* ") for line in text.splitlines())
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
    assert (tmp_path / "out" / "young-person.md").read_text().startswith("Hi Lily Hughes\n\n## For the record")


def _young_person(tmp_path: Path, name: str, as_of=AS_OF, **case) -> str:
    """The young person's report for a case built from RU-2025-0087 with `case` fields replaced."""
    import yaml

    from tests.conftest import write_case

    files = {p.stem: yaml.safe_load(p.read_text()) for p in EXAMPLE_CASES[0].glob("*.yaml")}
    files["case"] = {**files["case"], **case}
    folder = write_case(tmp_path / name, **files)
    return render(load(folder), as_of, Settings(), ["young-person"], commit="x")["young-person.md"]


def test_young_person_hears_of_being_home_only_once_home(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Record date of when child actual returned home"; before that date the report never
    says so, even at
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
    """docs/practice-rules.md, "How to read the traffic light": the grid names a mixed profile; where the recorded level
    differs from the suggestion
    the manager's rationale is shown (Reunification Practice Framework: the tool suggests, managers decide)."""
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


def test_render_into_a_closed_pipe_finishes_quietly(tmp_path: Path) -> None:
    """`reunify render CASE | head`: the reader leaves before the "wrote" lines; every report is still written."""
    import subprocess
    import sys

    case = shutil.copytree(EXAMPLE_CASES[1], tmp_path / "lily")
    process = subprocess.Popen([sys.executable, "-m", "reunify", "render", str(case), "--as-of", "2026-11-24"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # the reader is gone before anything is printed
    err = process.stderr.read()
    assert process.wait() == 0, err
    assert "Traceback" not in err and "Broken pipe" not in err
    assert len(list((case / "reports").glob("*.md"))) == len(REPORTS)


def test_reports_stay_out_of_git_and_render_says_they_hold_personal_data(tmp_path: Path) -> None:
    import subprocess

    repo = tmp_path / "repo"
    case = shutil.copytree(EXAMPLE_CASES[1], repo / "cases" / "lily")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    result = run_cli("render", str(case), "--as-of", "2026-11-24", "-r", "chronology")
    assert result.returncode == 0, result.stderr
    assert "hold personal data" in result.stderr and "personal data" not in result.stdout
    assert f"wrote {case / 'reports' / '.gitignore'}" in result.stdout
    status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert "chronology.md" not in status and "cases/lily/reports/.gitignore" in status  # the rule itself is kept
    (case / "reports" / ".gitignore").write_text("# the team's own\n*.md\n")
    assert run_cli("render", str(case), "--as-of", "2026-11-24", "-r", "chronology").returncode == 0
    assert (case / "reports" / ".gitignore").read_text() == "# the team's own\n*.md\n"  # never overwritten
    outside = shutil.copytree(EXAMPLE_CASES[1], tmp_path / "loose")
    assert run_cli("render", str(outside), "--as-of", "2026-11-24", "-r", "chronology").returncode == 0
    assert not (outside / "reports" / ".gitignore").exists()  # no git, nothing to keep out of


def test_render_several_cases_or_a_caseload(tmp_path: Path) -> None:
    caseload = tmp_path / "caseload"
    for case in EXAMPLE_CASES:
        shutil.copytree(case, caseload / case.name)
    result = run_cli("render", str(caseload), "--as-of", "2026-11-24", "-r", "checklist", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(c.name for c in EXAMPLE_CASES)
    assert all((tmp_path / "out" / c.name / "checklist.md").is_file() for c in EXAMPLE_CASES)
    assert "\x1b" not in result.stderr  # no progress bar when not on a terminal
    two = run_cli("render", str(caseload / EXAMPLE_CASES[0].name), str(caseload / EXAMPLE_CASES[2].name),
                  "--as-of", "2026-11-24", "-r", "checklist")
    assert two.returncode == 0, two.stderr
    assert (caseload / EXAMPLE_CASES[2].name / "reports" / "checklist.md").is_file()
    assert not (caseload / EXAMPLE_CASES[1].name / "reports").exists()


def test_dated_lists_read_in_date_order(tmp_path: Path) -> None:
    """Entries written out of order read in date order; one date keeps the file's order; an approximate date
    (only its month known) stands at the start of its month."""
    import datetime as dt

    import yaml

    from tests.conftest import write_case

    files = {p.stem: yaml.safe_load(p.read_text()) for p in EXAMPLE_CASES[1].glob("*.yaml")}
    entries = files["chronology"]["entries"]
    entries.reverse()
    entries.append({**entries[0], "date": dt.date(2025, 7, 28), "approximate": True, "event": "Summer, month known"})
    entries.append({**entries[0], "date": dt.date(2025, 7, 15), "event": "Same day, written second"})
    files["case"]["decisions"].reverse()
    case = write_case(tmp_path / "shuffled", **files)
    out = render(load(case), AS_OF, Settings(), ["chronology", "return-home-assessment"], commit="x")
    dates = re.findall(r"^\| (\d{4}-\d\d-\d\d)", out["chronology.md"], re.MULTILINE)
    assert dates == sorted(dates, key=lambda d: d[:7]) and len(dates) == len(entries)
    july = out["chronology.md"].split("| 2025-07")[1:]
    assert "(approx.)" in july[0] and "Same day, written second" in july[2]
    decisions = re.findall(r"^\| Decision \S+ \| (\d{4}-\d\d-\d\d)", out["return-home-assessment.md"], re.MULTILINE)
    assert decisions == sorted(decisions) and len(decisions) >= 2


# What a report must never say where data is missing (outside tables, whose cells are fields): a preposition or
# participle followed by the gap ("shared with not recorded"), a gap standing alone as a paragraph or list item,
# a gap in bold.
FRAGMENTS = (
    re.compile(r"\b(with|on|by|from|since|until|to|at|for|of|reviewed|checked|shared|signed)\s+\**not recorded\b"),
    re.compile(r"^\s*(?:[-*]|\d+\.)?\s*\**not recorded\**\.?\s*$"),
    re.compile(r"\*\*not recorded\*\*"),
)


def fragments(text: str) -> list[str]:
    """The lines of prose (no table rows, no diagrams) holding a missing-data fragment."""
    prose = re.sub(r"^```.*?^```$", "", text, flags=re.MULTILINE | re.DOTALL)
    return [line for line in prose.splitlines() if not line.lstrip().startswith("|")
            and any(p.search(line) for p in FRAGMENTS)]


@pytest.fixture(scope="module")
def empty_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "amy"
    result = run_cli("new", str(folder), "--reference", "RU-2026-0001", "--child-name", "Amy Example")
    assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.parametrize("which", [*(c.name for c in EXAMPLE_CASES), "new"])
def test_reports_read_as_sentences_when_data_is_missing(which: str, empty_case: Path) -> None:
    case = empty_case if which == "new" else next(c for c in EXAMPLE_CASES if c.name == which)
    found = {name: fragments(text) for name, text in rendered(case).items() if name.endswith(".md")}
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_fragment_patterns_catch_what_they_should() -> None:
    assert fragments("Shared with not recorded on not recorded; last reviewed not recorded.")
    assert fragments("- not recorded\n") and fragments("not recorded\n") and fragments("Status: **not recorded**.")
    assert not fragments("| Return home | not recorded |\nNo contingency plan has been recorded yet.\n")


# American spellings a British reader notices (whole words, any case); the reports are written in British English.
US_SPELLINGS = {"color", "colors", "organization", "organizations", "organize", "organized", "behavior", "behaviors",
                "behavioral", "center", "centers", "program", "programs", "favor", "favorite", "honor", "analyze",
                "analyzed", "recognize", "recognized", "prioritize", "defense", "offense", "traveled", "enroll",
                "fulfill", "mom", "apologize", "summarize", "minimize", "emphasize", "realize", "realized", "authorize",
                "authorized", "gray", "toward", "catalog", "dialog", "neighbor", "neighbors", "pediatric", "practicing",
                "counselor", "counseling", "labeled", "canceled", "modeling", "license"}


@pytest.mark.parametrize("which", [*(c.name for c in EXAMPLE_CASES), "new"])
def test_reports_are_in_british_english(which: str, empty_case: Path) -> None:
    case = empty_case if which == "new" else next(c for c in EXAMPLE_CASES if c.name == which)
    for name, text in rendered(case).items():
        if not name.endswith(".md"):
            continue  # genogram.dot is code: Graphviz spells its colours `gray`
        prose = re.sub(r"^```.*?^```$", "", text, flags=re.MULTILINE | re.DOTALL)  # diagram syntax is code
        american = {w for w in re.findall(r"[A-Za-z]+", prose) if w.lower() in US_SPELLINGS}
        assert not american, (name, american)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("pre_commit", [False, True])
def test_rendering_a_caseload_shows_progress_on_a_terminal_only(tmp_path: Path, pre_commit: bool) -> None:
    import subprocess
    import sys

    for case in EXAMPLE_CASES:
        shutil.copytree(case, tmp_path / "load" / case.name)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PRE_COMMIT")}
    env.update({"TERM": "xterm", **({"PRE_COMMIT": "1"} if pre_commit else {})})
    master, slave = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "reunify", "render", str(tmp_path / "load"), "-r", "checklist",
                                "--as-of", "2026-11-24"], stdout=slave, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the command has finished
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert process.wait() == 0
    text = seen.decode(errors="replace")
    assert ("rendering reports" in text) is not pre_commit and "Traceback" not in text
    assert all((tmp_path / "load" / c.name / "reports" / "checklist.md").is_file() for c in EXAMPLE_CASES)


# ------------------------------------------------------------------ the young person's report: a child hears only what a
# manager confirmed. Four cases: no classification; recorded low with a re-emerged risk; recorded high; returned home.
WORRIES = ("The worries that meant", "Some of the worries", "people around you who help keep you safe",
           "Your family has made changes", "Your family has not kept", "hurt again")


def _young_person_with(tmp_path: Path, name: str, factors: dict | None = None, **case) -> str:
    import yaml

    from tests.conftest import write_case

    files = {p.stem: yaml.safe_load(p.read_text()) for p in EXAMPLE_CASES[0].glob("*.yaml")}
    files["case"] = {**files["case"], **case}
    files["factors"] = {**files["factors"], **(factors or {})}
    text = render(load(write_case(tmp_path / name, **files)), AS_OF, Settings(), ["young-person"],
                  commit="x")["young-person.md"]
    return text.split("## For the record")[0]  # the child's text


def _colour(text: str) -> str | None:
    import re

    found = re.search(r"your traffic light is \*\*(.+?)\*\*", text)
    return found.group(1) if found else None


def test_young_person_no_classification_names_no_colour_and_no_worries(tmp_path: Path) -> None:
    """No recorded classification: no colour, even though the tool suggests one, and no sentence about helpers
    or worries (the tool's reading, not a manager's)."""
    text = _young_person_with(tmp_path, "none", classifications=None)
    assert _colour(text) is None and "have not decided your traffic light yet" in text
    assert not any(w in text for w in WORRIES)
    assert "safe to go home" not in text


def test_young_person_recorded_low_with_a_re_emerged_risk_says_the_adults_are_looking_again(tmp_path: Path) -> None:
    """new-risk in force: the recorded colour may be named, but the report says the adults are looking again at how
    safe things are, never "safe to go home", and no sentence about worries sits beside "green"."""
    import datetime as dt

    risks = [{"id": "alcohol", "name": "Drinking", "status": "re-emerged", "since": dt.date(2026, 10, 1)}]
    text = _young_person_with(tmp_path, "back", factors={"risk_factors": risks})
    assert _colour(text) == "green"
    assert "the adults are looking again at how safe things are" in text
    assert "safe to go home" not in text and not any(w in text for w in WORRIES)


def test_young_person_recorded_high_is_red_with_the_worries_that_match(tmp_path: Path) -> None:
    """Recorded high and the factors still suggest high: red, and the worries that go with red. Once high-to-severe
    is in force (six months passed with a risk not addressed), the adults are looking again."""
    import datetime as dt

    high = {"risk_factors": [{"id": "alcohol", "name": "Drinking", "status": "not-addressed",
                              "since": dt.date(2025, 1, 1)}],
            "capacity_to_change": {"evidence": "some", "sustained": False}, "recurrence": "strong"}
    recent = [{"label": "RC1", "date": dt.date(2026, 8, 1), "level": "high", "by": "Alex"}]
    text = _young_person_with(tmp_path, "high", factors=high, classifications=recent, return_home=None)
    assert _colour(text) == "red" and "big chance you could be hurt again" in text
    assert "Some of the worries are not being worked on yet." in text and "looking again" not in text
    assert "green" not in text.split("## The traffic light")[1].split("## What you told us")[0].replace(
        "Green means", "")
    long_ago = [{"label": "RC1", "date": dt.date(2026, 1, 1), "level": "high", "by": "Alex"}]
    text = _young_person_with(tmp_path, "overdue", factors=high, classifications=long_ago, return_home=None)
    assert _colour(text) == "red" and "the adults are looking again at how safe things are" in text
    assert "safe to go home" not in text and not any(w in text for w in WORRIES)


def test_young_person_returned_home_hears_the_confirmed_colour_and_worries(tmp_path: Path) -> None:
    """Recorded low, the factors still low, home: green with the sentences that match it."""
    text = _young_person_with(tmp_path, "home")
    assert _colour(text) == "green" and "You are back home" in text
    assert "We think it is not likely that you will be hurt again." in text and "looking again" not in text
    assert "safe to go home" not in text


def test_young_person_colour_is_the_recorded_level_not_the_suggestion(tmp_path: Path) -> None:
    """The manager recorded low where the factors now suggest high: the report says green (what was confirmed),
    the adults are looking again (reclassify-higher), and no worry sentence contradicts it."""
    text = _young_person_with(tmp_path, "differs", factors={"recurrence": "strong"})
    assert _colour(text) == "green" and "looking again" in text and "hurt again" not in text
