"""Two ways to run the CLI in a test: `invoke` calls its entry point in this process (milliseconds), `run_cli`
starts `python -m reunify` as a user would (a few hundred milliseconds, mostly start-up).

Tests use `invoke`; the subprocess smoke tests (test_cli_smoke.py) and tests about the process itself (start-up
imports, signals, two processes at once, output to a real pipe) use `run_cli`.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from pathlib import Path
from unittest import mock

SUBPROCESS_ENV = {"NO_COLOR": "1"}  # what both runners add to the environment: plain words, no escape codes


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the console entry point in a new process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "reunify", *args],
        capture_output=True, text=True, cwd=cwd, env={**os.environ, **SUBPROCESS_ENV},
    )


def _forget_process_state() -> None:
    """What reunify keeps for the life of a process, looked up from files that tests then change: the
    nearest reunify.toml or repository of a folder, the parsed settings, the rich consoles."""
    folders, settings, console = (sys.modules.get(f"reunify.{m}") for m in ("case.folders", "case.settings", "cli.console"))
    if folders:
        folders._NEAREST.clear()
    if settings:
        settings._cached.cache_clear()
    if console:
        console.console.cache_clear()


def invoke(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `reunify ARGS` through `reunify.cli.run` in this process, with what `run_cli` gives a process: NO_COLOR,
    stdout and stderr that are not terminals (so 120 columns unless COLUMNS is set), `cwd` as the working folder.
    Returns what `run_cli` returns; an exception that escapes is printed as Python would print it, exit 1, so
    "no traceback" assertions still see it."""
    from reunify.cli import run

    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    _forget_process_state()  # each run starts as a new process would
    try:
        with mock.patch.dict(os.environ, SUBPROCESS_ENV), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            if cwd is not None:
                os.chdir(cwd)
            try:
                code = run(list(args)) or 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
                if isinstance(exit_.code, str):
                    err.write(exit_.code + "\n")
            except Exception:
                err.write(traceback.format_exc())
                code = 1
    finally:
        os.chdir(here)
        _forget_process_state()
    return subprocess.CompletedProcess(["reunify", *args], code, out.getvalue(), err.getvalue())
