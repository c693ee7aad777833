"""`reunify validate` over a caseload: cases checked in worker processes, reported as a serial run would.

Each worker sends back only what validate keeps of a case (its reference and
diagnostics); the main process puts them in the folders' order and adds the
checks across cases (duplicate references, settings), so the output is
byte-identical to checking one case after another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from reunify.caseload.pool import Job, run
from reunify.checks.registry import RU100
from reunify.diagnostics.record import Diagnostic
from reunify.pipeline import Checked, case_diagnostics, validate_folders


def check_one(job: Job) -> Checked:
    """One case's diagnostics (runs in a worker process; validate reads every file afresh, no cache)."""
    path, as_of, _ = job
    try:
        return case_diagnostics(Path(path), as_of)
    except Exception as exc:  # a bug must not take the caseload down: say so where the case is
        return None, [RU100.at(str(Path(path) / "case.yaml"), None, None,
                               f"internal error while checking this case: {type(exc).__name__}; please report it")]


def validate_many(folders: list[Path], as_of: dt.date, progress: Callable[[Iterator[Checked]], Iterator[Checked]],
                  workers: int | None = None) -> list[Diagnostic]:
    """Every folder checked in parallel; `progress` wraps the stream of finished cases (a progress bar)."""
    return validate_folders(folders, as_of, checked=progress(run(folders, as_of, check_one, workers=workers, ordered=True)))
