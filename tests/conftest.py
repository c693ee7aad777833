"""Shared fixtures: the example cases, temporary copies, and helpers to run the CLI.

`run_cli` here runs the CLI in this process (tests.runner.invoke): a test that needs a real process (start-up,
signals, a terminal, two processes at once) starts one itself or uses tests.runner.run_cli."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.builders import load, write_case  # noqa: F401 (tests import them from here)
from tests.runner import invoke as run_cli  # noqa: F401 (in-process; tests.runner.run_cli starts a process)

ROOT = Path(__file__).resolve().parent.parent


def pristine_copy(examples: Path, into: Path) -> Path:
    """`examples` copied to `into`/cases.example without what running reunify over them leaves (`make demo`
    writes reports/, `status` a cache), so tests read the cases as committed."""
    dest = into / "cases.example"
    shutil.copytree(examples, dest, ignore=shutil.ignore_patterns("reports", ".reunify-cache"))
    return dest


def _examples() -> Path:
    """One pristine copy per test process: a test that renders or edits "an example case" never writes
    inside the checkout, and `make demo` before `make test` changes nothing."""
    scratch = Path(tempfile.mkdtemp(prefix="reunify-examples-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    return pristine_copy(ROOT / "cases.example", scratch)


EXAMPLES = _examples()
EXAMPLE_CASES = sorted(p for p in EXAMPLES.iterdir() if (p / "case.yaml").is_file())
EXAMPLE_COUNT = sum(1 for _ in EXAMPLES.rglob("case.yaml"))  # every example case, the returns under outcomes/ too
AS_OF = dt.date(2026, 11, 24)

os.environ.setdefault("GIT_AUTHOR_NAME", "Test Author")
os.environ.setdefault("GIT_AUTHOR_EMAIL", "author@example.invalid")
os.environ.setdefault("GIT_COMMITTER_NAME", "Test Committer")
os.environ.setdefault("GIT_COMMITTER_EMAIL", "committer@example.invalid")


RETURNS = EXAMPLES / "outcomes"  # example returns home followed up for months (`reunify outcomes`)


@pytest.fixture
def examples_copy(tmp_path: Path) -> Path:
    """A writable copy of the example caseload's three cases at work (the status and audit tests' caseload),
    without the followed-up returns under outcomes/."""
    dest = tmp_path / "cases"
    shutil.copytree(EXAMPLES, dest, ignore=lambda folder, names: ["outcomes"] if Path(folder) == EXAMPLES else [])
    return dest


@pytest.fixture
def caseload_copy(tmp_path: Path) -> Path:
    """A writable copy of the whole example caseload, the followed-up returns included."""
    dest = tmp_path / "caseload"
    shutil.copytree(EXAMPLES, dest)
    return dest


@pytest.fixture
def minimal_case(tmp_path: Path) -> Path:
    """A small valid case folder to break in tests."""
    folder = tmp_path / "case-a"
    folder.mkdir()
    (folder / "case.yaml").write_text(
        "reference: RU-1\nchild: amy\nlegal_status: section-20\n", encoding="utf-8"
    )
    (folder / "genogram.yaml").write_text(
        "people:\n  - id: amy\n    name: Amy Test\n  - id: mum\n    name: Mum Test\n"
        "unions:\n  - partners: [mum]\n    children: [amy]\n",
        encoding="utf-8",
    )
    return folder


def help_words(text: str) -> str:
    """`--help` as a reader sees it: the words, without typer's box lines, its `<bool>` tag on flags, or where
    the lines wrap."""
    return " ".join(text.translate({ord(c): " " for c in "│╭╮╰╯─"}).replace(" <bool>", " ").split())
