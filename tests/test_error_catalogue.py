"""The error catalogue: `tests/errors/<CODE>/` reproduces each diagnostic code, with its expected output.

Like hledger's catalogue of error messages: one folder a code, holding a minimal
case (or caseload) and `expected.txt`, a transcript of the command and what it
prints (stdout, then stderr, then `[exit N]`). A folder may also hold `setup.sh`
(run first, with `$REUNIFY` set to the command) for codes that need a git
history, or be reproduced by a `python` script when no case can cause it (RU100:
a check that crashes). The catalogue must cover every code `reunify rules` lists.
Set REUNIFY_UPDATE_CATALOGUE=1 to rewrite the transcripts after a deliberate change.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reunify.cli.views.rules import catalogue

CATALOGUE = Path(__file__).parent / "errors"
ENTRIES = sorted(p for p in CATALOGUE.iterdir() if p.is_dir())
# Fixed identities and dates, so commits (and their hashes) are the same on every run.
GIT_ENV = {"GIT_AUTHOR_NAME": "Sam Patel", "GIT_AUTHOR_EMAIL": "sam@example.invalid",
           "GIT_COMMITTER_NAME": "Sam Patel", "GIT_COMMITTER_EMAIL": "sam@example.invalid",
           "GIT_AUTHOR_DATE": "2026-03-27T10:00:00+00:00", "GIT_COMMITTER_DATE": "2026-03-27T10:00:00+00:00",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1", "COLUMNS": "120"}
REUNIFY = f"{shlex.quote(sys.executable)} -m reunify"


def test_every_code_has_a_reproducer() -> None:
    codes = [c.code for c in catalogue()]
    assert sorted(p.name for p in ENTRIES) == sorted(codes)


def _transcript(entry: Path, work: Path) -> tuple[str, str]:
    """(expected, actual) transcripts for one catalogue entry, run in a copy of it."""
    shutil.copytree(entry, work)
    expected = (work / "expected.txt").read_text(encoding="utf-8")
    command = expected.splitlines()[0]
    assert command.startswith("$ "), f"{entry.name}/expected.txt must start with '$ COMMAND'"
    env = {**os.environ, **GIT_ENV, "REUNIFY": REUNIFY, "PYTHONPATH": str(Path(__file__).parent.parent)}
    if (work / "setup.sh").exists():
        subprocess.run(["bash", "setup.sh"], cwd=work, env=env, check=True, capture_output=True)
    args = shlex.split(command[2:])
    argv = [sys.executable, "-m", "reunify", *args[1:]] if args[0] == "reunify" else [sys.executable, *args[1:]]
    result = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True)
    actual = f"{command}\n{result.stdout}{result.stderr}[exit {result.returncode}]\n"
    actual = actual.replace(str(work.resolve()), ".").replace(str(work), ".")
    return expected, re.sub(r"\b[0-9a-f]{7}\b", "<commit>", actual)  # hashes depend on git's version


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda p: p.name)
def test_reproducer_prints_its_code(entry: Path, tmp_path: Path) -> None:
    expected, actual = _transcript(entry, tmp_path / entry.name)
    assert "Traceback" not in actual
    assert re.search(rf"\b{entry.name}\b", actual), f"{entry.name} does not appear in its reproducer's output"
    if os.environ.get("REUNIFY_UPDATE_CATALOGUE"):
        (entry / "expected.txt").write_text(actual, encoding="utf-8")
        return
    assert actual == expected
