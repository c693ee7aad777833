"""`reunify status` and `reunify audit` over a caseload, including cases that fail to load."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import help_words, run_cli

COLUMNS = ["case", "path", "worker", "stage", "level", "suggested", "next_action", "next_due", "overdue", "alerts",
           "advice", "error"]


def status(folder: Path, *args: str) -> list[dict]:
    result = run_cli("status", str(folder), "--as-of", "2026-11-24", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_rows_most_urgent_first(examples_copy: Path) -> None:
    """docs/command-line.md: order checks first, then safeguarding alerts, then most overdue, earliest next due, most serious."""
    rows = status(examples_copy)
    assert [r["case"] for r in rows] == ["RU-2025-0087", "RU-2025-0142", "RU-2026-0311"]
    assert all(list(r) == COLUMNS for r in rows)
    first = rows[0]
    # RC3 overdue; closure and the care order's discharge are only possible from the low-to-close date (docs/practice-rules.md)
    assert (first["stage"], first["level"], first["suggested"], first["overdue"], first["next_due"]) == (
        5, "low", "low", 1, "2026-11-11")
    assert first["next_action"].startswith("s5.rc3:")
    assert [r["alerts"] for r in rows] == [["return-before-cpag"], ["reclassify-higher", "new-risk"], []]
    assert [a["rule"] for a in rows[1]["advice"]] == ["new-risk", "reclassify-higher", "trigger-updated-assessment",
                                                     "trigger-change-of-behaviour"]


def test_status_advice_is_classify_advice(examples_copy: Path) -> None:
    for row in status(examples_copy):
        classify = json.loads(run_cli("classify", row["path"], "--as-of", "2026-11-24", "--format", "json").stdout)
        assert row["advice"] == classify["advice"]


def test_safeguarding_alerts_sort_before_overdue_tasks(examples_copy: Path) -> None:
    """A high case past six months with risk not addressed (high-to-severe overdue) comes before cases with more
    overdue tasks; the same case before its date does not raise the alert."""
    factors = examples_copy / "RU-2025-0142" / "factors.yaml"
    factors.write_text(factors.read_text().replace("status: re-emerged", "status: not-addressed")
                       .replace("recurrence: strong", "recurrence: some"))
    case = examples_copy / "RU-2025-0142" / "case.yaml"
    case.write_text(case.read_text().replace("    level: medium\n    by: Alex Moore\n    suggested: medium",
                                             "    level: high\n    by: Alex Moore\n    suggested: high"))
    (examples_copy / "RU-2025-0087" / "case.yaml").write_text(
        (examples_copy / "RU-2025-0087" / "case.yaml").read_text().replace("date: 2026-05-20", "date: 2026-05-01"))
    rows = status(examples_copy)
    assert [r["case"] for r in rows][:2] == ["RU-2025-0142", "RU-2025-0087"]
    assert rows[0]["alerts"] == ["high-to-severe"] and rows[1]["alerts"] == []
    early = status(examples_copy, "--as-of", "2026-09-01")
    assert next(r for r in early if r["case"] == "RU-2025-0142")["alerts"] == []


def test_a_broken_case_is_a_row_not_an_abort(examples_copy: Path) -> None:
    (examples_copy / "RU-2025-0087" / "factors.yaml").write_text("recurrence: [\n")
    rows = status(examples_copy)
    broken = rows[0]  # failed cases come first: nobody can see their tasks
    assert broken["path"].endswith("RU-2025-0087") and broken["stage"] is None
    assert "factors.yaml:2 RU101" in broken["error"]
    assert run_cli("status", str(examples_copy), "--strict", "--format", "json").returncode == 1
    report = json.loads(run_cli("audit", str(examples_copy), "--format", "json").stdout)
    assert report["cases"] == 3 and [e["case"] for e in report["errors"]] == ["RU-2025-0087"]


def test_filters(examples_copy: Path) -> None:
    assert [r["case"] for r in status(examples_copy, "--worker", "Grace Mensah")] == ["RU-2025-0087"]
    assert [r["case"] for r in status(examples_copy, "--stage", "1")] == ["RU-2026-0311"]
    assert [r["case"] for r in status(examples_copy, "--level", "low")] == ["RU-2025-0087"]
    assert [r["case"] for r in status(examples_copy, "--overdue")] == ["RU-2025-0087"]


def test_worker_and_manager_match_as_a_person_types(examples_copy: Path) -> None:
    assert [r["case"] for r in status(examples_copy, "--worker", "grace")] == ["RU-2025-0087"]
    assert [r["case"] for r in status(examples_copy, "--worker", "MENSAH")] == ["RU-2025-0087"]
    assert [r["case"] for r in status(examples_copy, "--worker", "a")] == ["RU-2025-0087", "RU-2025-0142",
                                                                           "RU-2026-0311"]
    assert status(examples_copy, "--worker", "nobody") == []
    assert [r["case"] for r in status(examples_copy, "--manager", "jo riv")] == ["RU-2025-0142"]  # team manager
    assert [r["case"] for r in status(examples_copy, "--manager", "ruth")] == ["RU-2026-0311"]  # service manager
    assert [r["case"] for r in status(examples_copy, "--manager", "alex moore")] == ["RU-2025-0087", "RU-2025-0142"]
    assert [r["case"] for r in status(examples_copy, "--manager", "alex", "--worker", "sam")] == ["RU-2025-0142"]


def test_limit_keeps_the_most_urgent(examples_copy: Path) -> None:
    assert [r["case"] for r in status(examples_copy, "--limit", "2")] == ["RU-2025-0087", "RU-2025-0142"]
    assert run_cli("status", str(examples_copy), "--limit", "0").returncode == 2


def test_csv_has_the_json_columns_and_as_of(examples_copy: Path) -> None:
    out = run_cli("status", str(examples_copy), "--as-of", "2026-11-24", "--format", "csv").stdout
    assert not out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["as_of", *COLUMNS] and rows[0]["case"] == "RU-2025-0087" and rows[2]["level"] == ""
    assert {r["as_of"] for r in rows} == {"2026-11-24"}
    assert rows[0]["alerts"] == "return-before-cpag"
    assert rows[1]["alerts"] == "reclassify-higher; new-risk"
    assert rows[1]["advice"] == "new-risk; reclassify-higher; trigger-updated-assessment; trigger-change-of-behaviour"


def test_csv_cells_cannot_run_as_spreadsheet_formulas(examples_copy: Path) -> None:
    case = examples_copy / "RU-2025-0142" / "case.yaml"
    case.write_text(case.read_text().replace("social_worker: Sam Patel",
                                             "social_worker: '=HYPERLINK(\"http://x.invalid\",\"Sam\")'"))
    result = run_cli("status", str(examples_copy), "--as-of", "2026-11-24", "--format", "csv", "--bom")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\ufeffas_of,case,")  # a byte-order mark, then the header
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    lily = next(r for r in rows if r["case"] == "RU-2025-0142")
    assert lily["worker"] == "'=HYPERLINK(\"http://x.invalid\",\"Sam\")"


def test_safe_cell_neutralises_every_formula_start() -> None:
    from reunify.cli.views.caseload import safe_cell

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell("Sam Patel") == "Sam Patel" and safe_cell(3) == "3" and safe_cell(None) == ""
    assert safe_cell("2026-11-24") == "2026-11-24"


def test_status_table_keeps_its_columns_beside_a_failing_case(examples_copy: Path) -> None:
    (examples_copy / "RU-2025-0087" / "factors.yaml").write_text("recurrence: [\n")
    result = subprocess.run([sys.executable, "-m", "reunify", "status", str(examples_copy), "--as-of", "2026-11-24"],
                            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "worker" in line)
    for column in ("case", "worker", "stage", "level", "suggested", "overdue", "next due", "next action"):
        assert f" {column} " in header, column
    row = next(line for line in lines if "RU-2025-0142" in line)
    for cell in ("Sam Patel", "MEDIUM", "2026-11-30", "Next goal review"):  # the next action in words
        assert cell in row, cell
    assert "s3.goal-reviews" not in result.stdout
    assert "cannot load" in result.stdout and "RU101" in result.stdout
    assert max(len(line) for line in lines) <= 200


def test_status_chooses_table_or_lines_as_rich_measures_and_prints_many_cases_alike(
        examples_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick count of the width the status table needs (views.caseload._least_width) never goes over what
    rich measures, so a terminal wide enough for the table still gets it; and the lines of many cases, printed a
    batch at a time, are the lines printed one case at a time."""
    from rich.console import Console
    from rich.measure import Measurement

    from reunify.cli.views import caseload as views

    rows = status(examples_copy)
    rows += [dict(rows[0], case="[b]x[/]\x1b[2J漢字e\u0301", alerts=["an-alert-id-much-longer-than-any"]),
             dict(rows[1], error="bad [x]", stage=None, overdue=None, next_due=None, alerts=[]),
             dict(rows[2], worker="Averyveryverylongworkername", next_due=None, overdue=0, alerts=[])]
    measured = []
    real = Measurement.get

    def measure(console: Console, options: object, renderable: object) -> Measurement:
        result = real(console, options, renderable)
        if type(renderable).__name__ == "Table":
            measured.append(result)
        return result

    monkeypatch.setattr(Measurement, "get", measure)
    for some in ([rows[0]], rows[:3], rows[3:4], rows[4:5], rows[5:], rows):
        out = Console(file=io.StringIO(), width=10**6)
        monkeypatch.setattr(views, "console", lambda out=out: out)
        views.status_table(some)
        assert views._least_width(some) <= measured[-1].minimum
    # Lines rich would change: an emoji code, a line wider than the console (wrapped); and plain ones.
    rows += [dict(rows[0], case="amy :smile:"), dict(rows[1], next_action="x: " + "word " * 30),
             dict(rows[2], worker="W" * 40, next_action=None), dict(rows[0], case="tab\there", level=None),
             dict(rows[2], worker="Hannah Reid\\"), dict(rows[2], worker="Reid \\[2]"),
             dict(rows[2], worker="Ann:[b]:smile:"), dict(rows[1], error="bad   ")]
    monkeypatch.setattr(views, "LINES_AT_ONCE", 2)
    for colour, width in ((False, 100), (True, 100), (False, 60), (False, 80)):
        printed = []
        for batched in (True, False):
            out = Console(file=io.StringIO(), width=width, force_terminal=colour, no_color=not colour,
                          color_system="truecolor" if colour else None)
            monkeypatch.setattr(views, "console", lambda out=out: out)
            if batched:
                views.status_table(rows)
            else:
                out.print(f"Caseload status: {len(rows)} case(s), most urgent first")
                for r in rows:
                    for line in views._status_lines(r):
                        out.print(line)
            printed.append(out.file.getvalue())
        assert printed[0] == printed[1] and "cannot load" in printed[0] and "漢字" in printed[0]
    plain = Console(file=io.StringIO(), width=100, no_color=True, color_system=None)
    monkeypatch.setattr(plain, "print", lambda text: printed.append(text))  # what still goes through rich
    printed = []
    views._print_lines(plain, rows)
    # Through rich: markup, backslashes, emoji codes, trailing spaces, long lines; not the plain rows.
    assert not any(text.startswith("RU-2025-0087") for text in printed)
    assert sum(text.startswith("RU-2026-0311") for text in printed) == 3
    assert any(text.startswith("amy :smile:") for text in printed)


def test_audit_csv_one_row_per_case_and_question(examples_copy: Path) -> None:
    (examples_copy / "RU-2025-0087" / "factors.yaml").write_text("recurrence: [\n")
    result = run_cli("audit", str(examples_copy), "--as-of", "2026-11-24", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["as_of", "case", "question", "applicable", "met", "reason"]
    assert rows[0]["case"] == "RU-2025-0087" and rows[0]["reason"].startswith("not audited: ")
    voice = [r for r in rows if r["question"] == "Are the child's views recorded and a trusted adult named?"]
    assert [(r["case"], r["applicable"], r["met"]) for r in voice] == [("RU-2025-0142", "no", ""),
                                                                      ("RU-2026-0311", "yes", "no")]
    assert voice[1]["reason"] == "child's views not recorded"
    assert len(rows) == 1 + 2 * len({r["question"] for r in rows if r["question"]})


def test_audit_table_says_why_a_case_fails(examples_copy: Path) -> None:
    out = run_cli("audit", str(examples_copy), "--as-of", "2026-11-24").stdout
    assert "RU-2026-0311: child's views not recorded" in " ".join(out.replace("│", " ").split())


def test_audit_shares_and_failing_cases(examples_copy: Path) -> None:
    report = json.loads(run_cli("audit", str(examples_copy), "--as-of", "2026-11-24", "--format", "json").stdout)
    assert (report["as_of"], report["cases"]) == ("2026-11-24", 3)
    voice = next(q for q in report["questions"] if q["id"] == "child-voice")
    assert (voice["applicable"], voice["met"], voice["share"], voice["failing"]) == (2, 1, 0.5, ["RU-2026-0311"])
    for q in report["questions"]:
        assert {"id", "question", "source", "applicable", "met", "share", "failing"} <= set(q)


def test_audit_markdown_escapes_table_cells(examples_copy: Path) -> None:
    out = run_cli("audit", str(examples_copy), "--as-of", "2026-11-24", "--format", "markdown").stdout
    assert out.startswith("# Practice audit, 2026-11-24")
    assert ("| Are the child's views recorded and a trusted adult named? (`child-voice`) | Reunification Practice "
            "Framework; Reunification Process: Detailed Reunification Workflow | 1 | 2 | 50% | "
            "RU-2026-0311: child's views not recorded |") in out


def test_a_question_s_failing_cases_are_escaped_a_batch_at_a_time_as_one_cell() -> None:
    """The Markdown cell of a question's failing cases is as long as the caseload: it is escaped a batch of cases
    at a time (never held whole), and reads exactly as the whole cell escaped at once, whatever spacing, control
    characters and table syntax the reasons hold and wherever the batches end."""
    import random

    from reunify.cli.views.caseload import _cell, _cell_of

    generator = random.Random(3)
    letters = ["a", " ", "  ", "|", "\x1b", "\n", "\t", ";", "<", "&", "\x1c", "\xa0", "*", ""]
    for _ in range(2000):
        texts = ["".join(generator.choice(letters) for _ in range(generator.randint(0, 6)))
                 for _ in range(generator.randint(0, 9))]
        for batch in (1, 2, 3, 256):
            assert "".join(_cell_of(texts, batch)) == _cell("; ".join(texts)), (texts, batch)


def test_not_a_caseload_is_exit_2(tmp_path: Path) -> None:
    result = run_cli("status", str(tmp_path))
    assert result.returncode == 2 and "not a case folder" in result.stderr


def test_a_reader_that_stops_early_gets_no_traceback(examples_copy: Path) -> None:
    """`reunify audit --format csv | head`: the pipe closes before reunify writes."""
    process = subprocess.Popen([sys.executable, "-m", "reunify", "audit", str(examples_copy), "--format", "csv"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait() == 0 and "Traceback" not in stderr and "Error" not in stderr, stderr


@pytest.mark.parametrize("width", ["80", "100", "120"])
def test_status_on_a_narrow_terminal_lists_each_case_in_full(examples_copy: Path, width: str) -> None:
    """At 80 or 100 columns the table would squeeze the worker and the next action to nothing (or run past the
    edge): each case becomes a few lines instead, every fact whole, none wider than the terminal."""
    (examples_copy / "RU-2025-0087" / "factors.yaml").write_text("recurrence: [\n")
    result = subprocess.run([sys.executable, "-m", "reunify", "status", str(examples_copy), "--as-of", "2026-11-24"],
                            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1", "COLUMNS": width})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= int(width)
    text = " ".join(result.stdout.split())
    assert "RU-2025-0142 · Sam Patel · stage 3 · level MEDIUM, suggested HIGH · next due 2026-11-30" in text
    assert "alerts: reclassify-higher, new-risk next: Next goal review: g1 (due 2026-11-30)" in text
    assert "next: The team manager's Decision 1 to explore reunification is not recorded" in text
    assert "RU-2025-0087 · cannot load: 1 validation error(s): factors.yaml" in text
    assert "…" not in result.stdout  # nothing cut short


def test_strict_is_about_loading_and_fail_on_overdue_about_overdue_tasks(examples_copy: Path) -> None:
    """`status --strict` fails only on a case that did not load (docs/command-line.md), as `audit --strict` does; an overdue
    task, what `checklist --strict` fails on, is `status --fail-on-overdue`; each help says which."""
    day = ("--as-of", "2026-11-24")
    assert [r["case"] for r in status(examples_copy, "--overdue")] == ["RU-2025-0087"]
    assert run_cli("status", str(examples_copy), *day, "--strict").returncode == 0
    assert run_cli("status", str(examples_copy), *day, "--fail-on-overdue").returncode == 1
    assert run_cli("status", str(examples_copy), *day, "--fail-on-overdue", "--stage", "1").returncode == 0
    (examples_copy / "RU-2025-0087" / "factors.yaml").write_text("recurrence: [\n")
    assert run_cli("status", str(examples_copy), *day, "--strict").returncode == 1
    assert run_cli("status", str(examples_copy), *day, "--fail-on-overdue").returncode == 0
    helps = {name: help_words(run_cli(name, "--help").stdout) for name in ("status", "audit", "checklist")}
    assert "--strict exit 1 if any case failed to load (overdue tasks do not count)" in helps["status"]
    assert "--strict exit 1 if any case failed to load (overdue tasks do not count)" in helps["audit"]
    assert "--fail-on-overdue exit 1 if any case listed has an overdue task" in helps["status"]
    assert "--strict exit 1 when any task is overdue" in helps["checklist"]


@pytest.mark.parametrize(("command", "fmt"), [("status", "json"), ("status", "csv"), ("status", "table"),
                                             ("audit", "csv"), ("audit", "json"), ("audit", "table"),
                                             ("audit", "markdown")])
def test_rows_spooled_to_a_temporary_file_print_as_rows_held_in_memory(examples_copy: Path, command: str, fmt: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A big caseload's rows go to an unnamed temporary file while they wait to be sorted (caseload/spool.py):
    the same output, in the same order. `audit --format csv` lists cases by reference, then folder: a copy of a
    case under a name that is not UTF-8 sorts after it and keeps its name; the audit's other formats list each
    question's failing cases, and the cases not audited, from the same temporary file."""
    import shutil

    from reunify.caseload import spool

    if command == "audit":  # a copy of a case, and a copy that cannot be read (listed by its folder's name)
        shutil.copytree(examples_copy / "RU-2025-0142", examples_copy / "RU-2025-0142-copy")
        broken = examples_copy / os.fsdecode(b"RU-2025-0142-copy\xff")
        shutil.copytree(examples_copy / "RU-2025-0142", broken)
        (broken / "case.yaml").write_text("reference: [\n")
    args = (command, str(examples_copy), "--as-of", "2026-11-24", "--format", fmt, "--no-cache")
    held = run_cli(*args)
    made = []
    real_file = spool.Spool.__init__
    monkeypatch.setattr(spool, "IN_MEMORY", 100)  # the first row or two already go to the file
    monkeypatch.setattr(spool.Spool, "__init__", lambda self, **k: made.append(self) or real_file(self, **k))
    spooled = run_cli(*args)
    assert spooled.stdout == held.stdout and spooled.returncode == held.returncode
    assert made and made[0]._file is not None and made[0]._file.closed
    if command == "audit" and fmt != "csv":
        assert "RU-2025-0142-copy" in held.stdout  # not audited: listed by its folder, from the file too
    if (command, fmt) == ("audit", "csv"):
        cases = [line.split(",")[1] for line in held.stdout.splitlines()[1:]]
        assert cases == sorted(cases) and cases.count("RU-2025-0142") == 2 * cases.count("RU-2025-0087")
        assert "RU-2025-0142-copy\\xff" in cases


def test_a_full_or_missing_temporary_folder_keeps_the_rows_in_memory(examples_copy: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The spool is only a way to save memory: a temporary folder that cannot be written, or fills up part way,
    changes nothing a user sees."""
    import tempfile

    from reunify.caseload import spool

    args = ("status", str(examples_copy), "--as-of", "2026-11-24", "--format", "json", "--no-cache")
    held = run_cli(*args).stdout
    monkeypatch.setattr(spool, "IN_MEMORY", 100)
    monkeypatch.setattr(tempfile, "tempdir", str(examples_copy / "no-such-folder"))
    assert run_cli(*args).stdout == held
    monkeypatch.undo()
    monkeypatch.setattr(spool, "IN_MEMORY", 100)
    real_write, writes = spool.Spool._write, []

    def fills_up(self: spool.Spool, data: bytes, at: int) -> int:
        writes.append(data)
        if len(writes) == 2:
            raise OSError(28, "No space left on device")
        return real_write(self, data, at)

    monkeypatch.setattr(spool.Spool, "_write", fills_up)
    assert run_cli(*args).stdout == held and len(writes) == 2


def test_rows_that_cannot_be_read_back_end_the_command_with_a_message(examples_copy: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from reunify.caseload import spool

    monkeypatch.setattr(spool, "IN_MEMORY", 100)
    monkeypatch.setattr(spool.os, "pread", lambda *_: (_ for _ in ()).throw(OSError(5, "Input/output error")))
    for command in (("status",), ("audit", "--format", "csv"), ("audit", "--format", "json")):
        result = run_cli(*command, str(examples_copy), "--as-of", "2026-11-24", "--no-cache")
        assert result.returncode == 1 and "could not be read back: Input/output error" in result.stderr
        assert result.stderr.startswith(f"reunify: {command[0]}: ") and "Traceback" not in result.stderr
