"""`reunify outcomes` (docs/command-line.md "Outcomes"): the cohort, breakdown within 12 months, the Kaplan-Meier share still
home, and the HTML page; `status --format html`, the team manager's page. CLI tests run in-process."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reunify.framework.outcomes import FollowUp, Survival, months_between
from tests.conftest import EXAMPLES, write_case

AS_OF = "2026-11-24"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    """Run `reunify ARGS` in this process through the entry point: (exit code, stdout, stderr)."""
    from reunify.cli import run

    monkeypatch.setenv("NO_COLOR", "1")

    def call(*args: str) -> tuple[int, str, str]:
        code = run(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return call


def outcomes(cli, folder: Path, *args: str) -> dict:
    code, out, err = cli("outcomes", str(folder), "--as-of", AS_OF, "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


# ------------------------------------------------------------------ Kaplan-Meier and calendar months
def kaplan_meier(times: list[tuple[float, bool]]) -> list[tuple[float, float]]:
    """The estimate's steps from (time, event) pairs in any order (`Survival` is fed them in time order)."""
    estimate = Survival(len(times))
    for time, event in sorted(times):
        estimate.add(time, event)
    return estimate.finish().steps


def test_kaplan_meier_hand_computed() -> None:
    """Five cases: events at 1, 3 and 4, censored at 2 and 5. S(1) = 4/5; S(3) = 4/5 x 2/3; S(4) = S(3) x 1/2."""
    steps = kaplan_meier([(1, True), (2, False), (3, True), (4, True), (5, False)])
    assert [t for t, _ in steps] == [1, 3, 4]
    assert [round(s, 4) for _, s in steps] == [0.8, 0.5333, 0.2667]


def test_kaplan_meier_textbook_example() -> None:
    """Freireich's 6-MP leukaemia remission data (weeks; + censored), the worked example of Kleinbaum and Klein,
    "Survival Analysis: A Self-Learning Text", chapter 2: S = .857, .807, .753, .690, .627, .538, .448. A case
    censored at an event's time (6+) is at risk for it."""
    times = [6, 6, 6, 7, 10, 13, 16, 22, 23]
    censored = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35]
    steps = kaplan_meier([(t, True) for t in times] + [(t, False) for t in censored])
    assert [(t, round(s, 3)) for t, s in steps] == [(6, 0.857), (7, 0.807), (10, 0.753), (13, 0.69), (16, 0.627),
                                                   (22, 0.538), (23, 0.448)]


def test_kaplan_meier_of_nothing_and_of_censoring_only() -> None:
    assert kaplan_meier([]) == []
    assert kaplan_meier([(3, False), (5, False)]) == []


def test_months_are_calendar_months() -> None:
    day = dt.date
    assert months_between(day(2025, 1, 31), day(2025, 2, 28)) == 1.0  # month ends clamp, as add_months does
    assert months_between(day(2025, 3, 10), day(2025, 8, 10)) == 5.0
    assert 5 < months_between(day(2025, 3, 10), day(2025, 8, 20)) < 6
    assert months_between(day(2025, 3, 10), day(2025, 3, 10)) == 0.0
    assert months_between(day(9999, 12, 1), day(9999, 12, 31)) == 0.0  # the next month is past 9999: no crash


def test_still_home_month_by_month_counted_as_the_times_come() -> None:
    """Each whole month's share and number at risk, worked out from the times as they stream by, against the
    definitions (docs/command-line.md, "Outcomes"): at risk at month m, the cases observed m months or more;
    the share, the product over event times on or before m; None past the last month observed. Times fall on
    whole months and share them, events and censoring alike."""
    import random

    generator = random.Random(7)
    for _ in range(300):
        times = [(generator.choice([generator.randint(0, 26), generator.uniform(0, 26)]), generator.random() < 0.4)
                 for _ in range(generator.randint(0, 12))]
        estimate = Survival(len(times))
        for time, event in sorted(times):
            estimate.add(time, event)
        months = list(estimate.finish())
        last = max((t for t, _ in times), default=-1.0)
        share = 1.0
        for t in sorted({t for t, e in times if e}):
            share *= 1 - sum(e for u, e in times if u == t) / sum(1 for u, _ in times if u >= t)
            for point in months:
                if point["month"] >= t and point["month"] <= last:
                    point["expected"] = round(share, 3)
        for point in months:
            assert point["at_risk"] == sum(1 for t, _ in times if t >= point["month"]), (times, point)
            expected = point.pop("expected", 1.0) if point["month"] <= last else None
            assert point["share"] == expected, (times, point)
        assert [m["month"] for m in months] == list(range(25))


def summarised(cases: list[FollowUp], as_of: dt.date, start: dt.date | None = None,
               end: dt.date | None = None) -> dict:
    """The outcomes document of these returns (caseload/outcomes.py), its lists read back."""
    from reunify.caseload.outcomes import summarise
    from reunify.caseload.spool import Spool

    rows = [{"case": f.case, "path": f.case, "error": None, "follow_up": f} for f in cases]
    with Spool(sections=True) as spool:
        report = summarise(rows, as_of, start, end, spool)
        return json.loads(json.dumps({**report, "still_home": list(report["still_home"]), "cases": list(report["cases"]),
                                      "errors": list(report["errors"]),
                                      "still_home_by_level": {k: list(v) for k, v in report["still_home_by_level"].items()}}))


def test_summary_is_pure_and_counts_eligibility() -> None:
    """A return three months ago is neither a success nor a failure; one that broke down at month 2 counts."""
    day = dt.date
    cases = [FollowUp("a", day(2025, 1, 1), "high", "broke-down", day(2025, 3, 1)),
             FollowUp("b", day(2025, 1, 1), "low", "home", None),
             FollowUp("c", day(2026, 8, 1), "low", "home", None),
             FollowUp("d", day(2025, 6, 1), "medium", "exited", day(2025, 9, 1))]
    report = summarised(cases, day(2026, 11, 1))
    assert report["breakdown_12m"] == {"eligible": 2, "broke_down": 1, "rate": 0.5}
    assert report["by_level"]["low"] == {"cohort": 2, "eligible": 1, "broke_down": 0, "rate": 0.0}
    assert report["by_level"]["medium"]["eligible"] == 0  # exited at month 3: follow-up never complete
    assert report["by_level"]["severe"] == {"cohort": 0, "eligible": 0, "broke_down": 0, "rate": None}
    assert summarised(cases, day(2026, 11, 1)) == report
    assert summarised(cases, day(2026, 11, 1), day(2025, 2, 1), day(2025, 12, 31))["cohort"] == 1
    assert [c["case"] for c in report["cases"]] == ["a", "b", "d", "c"]  # by return date, then reference


# ------------------------------------------------------------------ the example caseload
def test_example_caseload(cli, caseload_copy: Path) -> None:
    report = outcomes(cli, caseload_copy)
    assert list(report) == ["as_of", "from", "to", "cohort", "breakdown_12m", "by_level", "still_home",
                            "still_home_by_level", "cases", "errors"]
    assert report["cohort"] == 6 and report["errors"] == []
    by_case = {c["case"]: c for c in report["cases"]}
    assert list(by_case["RU-2024-0219"]) == ["case", "returned", "level_at_return", "status", "ended", "months_home"]
    assert by_case["RU-2024-0219"] == {"case": "RU-2024-0219", "returned": "2024-09-02", "level_at_return": "high",
                                       "status": "broke-down", "ended": "2025-02-10", "months_home": 5}
    assert by_case["RU-2024-0307"]["status"] == "exited" and by_case["RU-2024-0307"]["ended"] == "2026-01-20"
    assert by_case["RU-2025-0023"]["months_home"] == 14 and by_case["RU-2025-0023"]["status"] == "home"
    assert by_case["RU-2024-0307"]["level_at_return"] == "medium"  # RC2 low came after the return
    assert report["breakdown_12m"] == {"eligible": 4, "broke_down": 2, "rate": 0.5}
    assert report["by_level"]["high"] == {"cohort": 1, "eligible": 1, "broke_down": 1, "rate": 1.0}
    assert report["by_level"]["medium"] == {"cohort": 2, "eligible": 1, "broke_down": 0, "rate": 0.0}
    home = report["still_home"]
    assert [p["month"] for p in home] == list(range(25))
    assert home[0] == {"month": 0, "share": 1.0, "at_risk": 6}
    assert home[6] == {"month": 6, "share": 0.8, "at_risk": 4}  # Jayden left home at month 5
    assert home[9]["share"] == 0.533  # Amira at month 8 of the four at risk: 0.8 x 2/3
    assert home[14]["share"] == 0.533 and home[15]["share"] is None  # nobody observed 15 months yet


def test_from_and_to_bound_the_return_dates(cli, caseload_copy: Path) -> None:
    report = outcomes(cli, caseload_copy, "--from", "2025-01-01", "--to", "2025-12-31")
    assert [c["case"] for c in report["cases"]] == ["RU-2024-0412", "RU-2025-0023"]
    assert (report["from"], report["to"]) == ("2025-01-01", "2025-12-31")
    assert outcomes(cli, caseload_copy, "--as-of", "2024-12-31")["cohort"] == 2  # later returns have not happened


def test_not_a_caseload_is_exit_2(cli, tmp_path: Path) -> None:
    code, out, err = cli("outcomes", str(tmp_path / "missing"))
    assert code == 2 and out == "" and "Traceback" not in err


def test_from_after_to_is_a_usage_error(cli, caseload_copy: Path) -> None:
    code, out, err = cli("outcomes", str(caseload_copy), "--from", "2026-01-01", "--to", "2025-01-01")
    assert code == 2 and out == ""
    assert "--from 2026-01-01 is after --to 2025-01-01" in err and "Traceback" not in err
    code, _, err = cli("outcomes", str(caseload_copy), "--from", "20250101")
    assert code == 2 and "--from: '20250101' is not a date YYYY-MM-DD" in err


def test_csv_one_row_a_case_formula_safe(cli, caseload_copy: Path) -> None:
    broken = caseload_copy / "=HYPERLINK(x)"
    broken.mkdir()
    (broken / "case.yaml").write_text("reference: [\n")
    code, out, err = cli("outcomes", str(caseload_copy), "--as-of", AS_OF, "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["as_of", "case", "returned", "level_at_return", "status", "ended", "months_home"]
    assert len(rows) == 7 and {r["as_of"] for r in rows} == {AS_OF}
    assert rows[0] == {"as_of": AS_OF, "case": "RU-2024-0219", "returned": "2024-09-02", "level_at_return": "high",
                       "status": "broke-down", "ended": "2025-02-10", "months_home": "5"}
    failed = rows[-1]
    assert failed["case"] == "'=HYPERLINK(x)" and failed["status"].startswith("not counted: 1 validation error(s)")


# ------------------------------------------------------------------ bad input
def test_cases_that_fail_to_load_are_named_never_dropped(cli, caseload_copy: Path) -> None:
    (caseload_copy / "outcomes" / "RU-2024-0219" / "case.yaml").write_text("reference: [\n")
    report = outcomes(cli, caseload_copy)
    assert report["cohort"] == 5
    assert [e["case"] for e in report["errors"]] == ["RU-2024-0219"]
    assert "case.yaml:2 RU101" in report["errors"][0]["error"]
    code, out, _ = cli("outcomes", str(caseload_copy), "--as-of", AS_OF)
    assert code == 0 and "not counted RU-2024-0219" in out
    assert cli("outcomes", str(caseload_copy), "--as-of", AS_OF, "--strict")[0] == 1


@pytest.mark.parametrize(("outcome", "why"), [
    ({"status": "broke-down"}, "outcome broke-down has no date: record outcome.date, the day the child left home again"),
    ({"status": "exited"}, "outcome exited has no date"),
    ({"status": "broke-down", "date": dt.date(2025, 1, 1)},
     "outcome broke-down is dated 2025-01-01, before the return home on 2025-03-01"),
])
def test_an_outcome_that_cannot_be_placed_is_an_error_row(cli, tmp_path: Path, outcome: dict, why: str) -> None:
    write_case(tmp_path / "load" / "bad", case={"return_home": {"date": dt.date(2025, 3, 1)}, "outcome": outcome},
               genogram={"people": [{"id": "amy", "name": "Amy Test"}]})
    report = outcomes(cli, tmp_path / "load")
    assert report["cohort"] == 0 and report["errors"][0]["case"] == "RU-T"
    assert why in report["errors"][0]["error"]


def test_a_caseload_with_no_returns(cli, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "RU-2026-0311", tmp_path / "load" / "mia")
    report = outcomes(cli, tmp_path / "load")
    assert report["cohort"] == 0 and report["breakdown_12m"] == {"eligible": 0, "broke_down": 0, "rate": None}
    assert all(p["share"] is None and p["at_risk"] == 0 for p in report["still_home"])
    for fmt in ("table", "markdown", "html", "csv"):
        code, out, err = cli("outcomes", str(tmp_path / "load"), "--as-of", AS_OF, "--format", fmt)
        assert code == 0 and "Traceback" not in err, (fmt, err)
        assert fmt == "csv" or "0 return(s) home" in out, (fmt, out)


def test_an_outcome_after_as_of_has_not_happened_yet(cli, caseload_copy: Path) -> None:
    report = outcomes(cli, caseload_copy, "--as-of", "2025-01-31")
    jayden = next(c for c in report["cases"] if c["case"] == "RU-2024-0219")
    assert (jayden["status"], jayden["ended"], jayden["months_home"]) == ("home", None, 4)


# ------------------------------------------------------------------ memory: the spool and the long table
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html"])
def test_rows_spooled_to_a_temporary_file_print_as_rows_held_in_memory(caseload_copy: Path, tmp_path: Path, fmt: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each return's row and time home, and each case not read, wait in a spool (caseload/spool.py) until they are
    printed, and the table of returns is drawn a few rows at a time (cli.console.print_rows): with a spool that
    writes nearly every pair to its temporary file and a table drawn a row at a time, the same bytes, on screen
    and in a file. Two folders of one reference and two unreadable folders keep the order they came in."""
    from reunify.caseload import spool
    from reunify.cli import console
    from tests.conftest import run_cli

    shutil.copytree(caseload_copy / "outcomes" / "RU-2024-0219", caseload_copy / "outcomes" / "RU-2024-0219-copy")
    for name in ("=HYPERLINK(x)", "z-broken"):
        (caseload_copy / "outcomes" / name).mkdir()
        (caseload_copy / "outcomes" / name / "case.yaml").write_text("reference: [\n")
    args = ("outcomes", str(caseload_copy), "--as-of", AS_OF, "--format", fmt, "--no-cache")
    held = run_cli(*args)
    files = [run_cli(*args, "-o", str(tmp_path / "held"))] if fmt != "table" else []
    made = []
    real_init = spool.Spool.__init__
    monkeypatch.setattr(spool, "IN_MEMORY", 100)
    monkeypatch.setattr(spool.Spool, "__init__", lambda self, **k: made.append(self) or real_init(self, **k))
    monkeypatch.setattr(console, "ROWS", 1)
    spooled = run_cli(*args)
    assert (spooled.stdout, spooled.returncode) == (held.stdout, held.returncode) and held.returncode == 0
    assert made and made[0]._file is not None and made[0]._file.closed
    assert "RU-2024-0219" in held.stdout and "z-broken" in held.stdout
    if files:
        run_cli(*args, "-o", str(tmp_path / "spooled"))
        assert (tmp_path / "spooled").read_bytes() == (tmp_path / "held").read_bytes()
        assert (tmp_path / "held").read_text(encoding="utf-8") == held.stdout


def test_a_file_written_as_it_is_made_is_replaced_only_when_whole(caseload_copy: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`-o FILE` is written as the document is made, into a temporary file renamed over FILE at the end: when the
    spool's temporary file cannot be read back part way, FILE keeps what it held and nothing is left beside it."""
    from reunify.caseload import spool
    from tests.conftest import run_cli

    target = tmp_path / "out" / "outcomes.md"
    target.parent.mkdir()
    target.write_text("the last report\n")
    monkeypatch.setattr(spool, "IN_MEMORY", 100)
    monkeypatch.setattr(spool.os, "pread", lambda *_: (_ for _ in ()).throw(OSError(5, "Input/output error")))
    for fmt in ("markdown", "json", "table"):
        result = run_cli("outcomes", str(caseload_copy), "--as-of", AS_OF, "--format", fmt, "--no-cache",
                         *(("-o", str(target)) if fmt != "table" else ()))
        assert result.returncode == 1 and "could not be read back: Input/output error" in result.stderr, fmt
        assert "Traceback" not in result.stderr
    assert target.read_text() == "the last report\n" and [p.name for p in target.parent.iterdir()] == ["outcomes.md"]


@pytest.mark.parametrize("width", [200, 60, 24])
@pytest.mark.parametrize("colour", [None, "truecolor"])
def test_a_long_table_drawn_a_few_rows_at_a_time_is_the_whole_table(width: int, colour: str | None,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`print_rows` prints what rich prints for the whole table, byte for byte: columns sized by the widest cells
    wherever they are, cells that wrap, styles, a terminal too narrow for the table."""
    from rich.console import Console
    from rich.table import Table

    from reunify.cli import console

    def make() -> Table:
        table = Table(title="Each return home")
        for column in ("case", "returned", "words"):
            table.add_column(column)
        return table

    rows = [(f"RU-{n}", "2025-01-0" + str(n % 9 + 1), " ".join(["word"] * (n % 7)) + ("[bold]x[/]" if n % 5 else ""))
            for n in range(40)]
    rows[5] = ("RU-5", "2025-02-01", " ".join(["short"] * 12))  # the widest words cell...
    rows[17] = ("RU-a-much-longer-reference-than-the-rest", "2025-02-01", "an-unbreakable-word")  # ...its longest word

    def printed(draw) -> str:
        out = io.StringIO()
        screen = Console(file=out, width=width, color_system=colour, force_terminal=colour is not None)
        draw(screen)
        return out.getvalue()

    def whole(screen: Console) -> None:
        table = make()
        for row in rows:
            table.add_row(*row)
        screen.print(table)

    monkeypatch.setattr(console, "ROWS", 3)
    expected = printed(whole)
    assert printed(lambda screen: console.print_rows(screen, make, rows, lambda row: row)) == expected
    assert printed(lambda screen: console.print_rows(screen, make, [], lambda row: row)) == printed(
        lambda screen: screen.print(make()))


# ------------------------------------------------------------------ the pages
def _page_is_accessible(text: str) -> None:
    assert text.startswith("<!DOCTYPE html>\n<html lang=\"en-GB\">")
    assert re.search(r"<title>[^<]+</title>", text)
    assert '<th scope="col">' in text and "<script" not in text
    for img in re.findall(r"<img [^>]*>", text):
        assert re.search(r'alt="[^"]{20,}"', img), img


def test_outcomes_page(cli, caseload_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "outcomes.html"
    code, out, err = cli("outcomes", str(caseload_copy), "--as-of", AS_OF, "--format", "html", "-o", str(target))
    assert code == 0, err
    assert out == f"wrote {target}\n"
    text = target.read_text()
    _page_is_accessible(text)
    assert "Line chart of the share of children still home" in text
    if _has_matplotlib():
        assert text.count('<img src="data:image/svg+xml;base64,') == 1
    # fewer than five eligible: counts and a caution, never a bare percentage
    assert "<td>1 of 1 broke down within 12 months (too few to read as a rate)</td>" in text
    assert "<td>100%</td>" not in text


def test_outcomes_page_escapes_free_text(cli, caseload_copy: Path, tmp_path: Path) -> None:
    broken = caseload_copy / "<script>alert(1)<!--"
    broken.mkdir()
    (broken / "case.yaml").write_text("reference: [\n")
    code, out, _ = cli("outcomes", str(caseload_copy), "--as-of", AS_OF, "--format", "html")
    assert code == 0
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;!--" in out


def test_status_page(cli, examples_copy: Path, tmp_path: Path) -> None:
    case = examples_copy / "RU-2025-0142" / "case.yaml"
    case.write_text(case.read_text().replace("social_worker: Sam Patel", "social_worker: \"Sam <b>Patel</b>\""))
    target = tmp_path / "status.html"
    code, _, err = cli("status", str(examples_copy), "--as-of", AS_OF, "--format", "html", "-o", str(target))
    assert code == 0, err
    text = target.read_text()
    _page_is_accessible(text)
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', text)
    assert rows == ["RU-2025-0087", "RU-2025-0142", "RU-2026-0311"]  # most urgent first, as status orders them
    assert "Sam &lt;b&gt;Patel&lt;/b&gt;" in text and "<b>Patel" not in text
    assert "return-before-cpag" in text and "reclassify-higher: " in text  # alerts, with the advice's words
    assert "Bar chart, Cases by recorded level: low: 1, medium: 1, high: 0, severe: 0, none: 1." in text
    assert "Bar chart, Cases by stage: stage 1: 1, stage 2: 0, stage 3: 1, stage 4: 0, stage 5: 1." in text
    code, _, err = cli("status", str(examples_copy), "-o", str(target))
    assert code == 2 and "add --format html" in err


def _has_matplotlib() -> bool:
    import importlib.util

    return importlib.util.find_spec("matplotlib") is not None


def test_only_drawing_commands_import_matplotlib(caseload_copy: Path) -> None:
    """validate, status and outcomes as JSON never load matplotlib (import lazily what only one command needs)."""
    probe = ("import sys; from reunify.cli import run; code = run(sys.argv[1:]); "
             "print('matplotlib' in sys.modules, file=sys.stderr)")
    for args in (["validate", str(caseload_copy)], ["status", str(caseload_copy), "--format", "json"],
                 ["outcomes", str(caseload_copy), "--format", "json"]):
        result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
        assert result.stderr.strip().splitlines()[-1] == "False", args
