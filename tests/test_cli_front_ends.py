"""The two front ends built from the one command table (typer, and argparse for the pre-commit hook's `validate`
and `history`) accept the same options with the same results: every command runs through both, on the same
inputs, and must exit with the same code and print the same stdout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reunify.cli import run
from reunify.cli.common import call
from reunify.cli.parser import parse
from reunify.cli.spec import BY_NAME, FAST
from tests.conftest import EXAMPLE_CASES

DAY = ("--as-of", "2026-11-24")
RUNS = [
    ("validate", ".", "--format", "json", *DAY),
    ("validate", "lily/plan.yaml", "lily/case.yaml", "--strict", "-f", "github"),
    ("validate",),
    ("new", "ann", "--reference", "RU-1", "--child-name", "Ann Lee", "--legal-status", "section-20"),
    ("new", "ann", "--child-name", "Ann Lee"),
    ("classify", "lily", *DAY, "-f", "json"),
    ("classify", "lily", *DAY),
    ("classify", "lily", "--as-of", "20261124"),
    ("checklist", "lily", *DAY, "--strict", "--format", "json"),
    ("checklist", "lily", "--format", "yaml"),
    ("render", "lily", "-r", "chronology", "--report", "genogram", "-t", "markdown", "-o", "out", *DAY, "--redact"),
    ("render", "lily", "--report", "nope"),
    ("decide", "lily", "--classification", "RC3", "--level", "high", "--by", "Alex Moore", "--rationale", "why",
     "--date", "2026-11-20", "--no-commit"),
    ("decide", "lily", "--decision", "4", "--by", "Alex Moore"),
    ("history", "lily", "--format", "json", "--verify", "--signed"),
    ("history", "lily", "--signed"),
    ("status", ".", *DAY, "--format", "csv", "--stage", "3", "--level", "medium", "--fail-on-overdue", "--no-cache"),
    ("status", *DAY, "--limit", "1", "-f", "json", "--worker", "sam", "--supervision"),
    ("status", "lily", *DAY, "-f", "csv", "--manager", "a", "--overdue", "--bom", "--strict"),
    ("status", "--stage", "7"),
    ("audit", ".", *DAY, "--format", "markdown", "--strict"),
    ("supervise", "lily", *DAY, "-f", "markdown"),
    ("supervise", "lily", *DAY, "-o", "agenda.txt"),
    ("schema", "-o", "schemas"),
    ("rules", "--format", "json"),
    ("rules", "--format"),
]


def _argparse(args: tuple[str, ...]) -> int:
    options = parse(args[0], list(args[1:]))
    return options if isinstance(options, int) else call(args[0], options)


def _typer(args: tuple[str, ...]) -> int:
    from reunify.cli import app

    return app.run(list(args))


def test_every_command_is_run_through_both_front_ends() -> None:
    assert {args[0] for args in RUNS} == set(BY_NAME), "add a run of the new command to RUNS"


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_both_front_ends_give_the_same_exit_code_and_output(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            args: tuple[str, ...]) -> None:
    results = []
    for front_end in (_argparse, _typer):  # each in a fresh, identical folder: commands may write
        where = tmp_path / front_end.__name__.strip("_")
        shutil.copytree(EXAMPLE_CASES[1], where / "lily")
        monkeypatch.chdir(where)
        code = front_end(args)
        out = capsys.readouterr()
        results.append((code, out.out.replace(str(where), "<here>")))
    assert results[0] == results[1], results
    assert results[0][0] in (0, 1, 2)


def test_the_hook_and_the_trail_never_import_typer() -> None:
    """`validate` and `history` are parsed by argparse before typer is imported (start-up time); run() of any
    other command goes to typer."""
    import subprocess
    import sys

    for command in FAST:
        probe = (f"import sys; from reunify.cli import run; run(['{command}', '--help']); "
                 "sys.stderr.write(str('typer' in sys.modules))")
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        assert result.stderr.endswith("False"), (command, result.stderr)
    assert run(["rules", "--format", "nope"]) == 2
