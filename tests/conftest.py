"""Shared fixtures: the example cases, temporary copies, and helpers to run the CLI."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "cases.example"
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


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed console entry point as a user would (the fast path for validate)."""
    return subprocess.run(
        [sys.executable, "-m", "reunify", *args],
        capture_output=True, text=True, cwd=cwd, env={**os.environ, "NO_COLOR": "1"},
    )


def write_case(folder: Path, **files: dict) -> Path:
    """Write a case folder from Python values (PyYAML writes dates as YAML dates)."""
    import yaml

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:  # case files never use anchors
            return True

    folder.mkdir(parents=True, exist_ok=True)
    files.setdefault("case", {})
    files["case"] = {"reference": "RU-T", "child": "amy", "legal_status": "care-order", **files["case"]}
    for kind, data in files.items():
        (folder / f"{kind}.yaml").write_text(yaml.dump(data, Dumper=NoAliases, sort_keys=False), encoding="utf-8")
    return folder


def load(folder: Path):
    from reunify.case.load import load_case

    case = load_case(folder)
    assert case.diagnostics == [], case.diagnostics
    return case
