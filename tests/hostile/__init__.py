"""Hostile and broken input, in one folder; these are its helpers: a case to break, and what output must never hold."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import EXAMPLES

# Control characters (newline aside) and the bidirectional overrides: never printed raw (docs/command-line.md).
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


def no_traceback(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-1500:]
    return result


def lily(where: Path) -> Path:
    """A copy of the example case RU-2025-0142 (every file present) at `where`."""
    shutil.copytree(EXAMPLES / "RU-2025-0142", where)
    return where
