"""Many cases: load each in a worker process, keep one small row a case, never the cases.

A case that cannot be read becomes a row with its error; the run goes on.
Results stream back from the pool (memory does not grow with the caseload
beyond the rows), and rows are sorted at the end.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from reunify.case.load import Case
from reunify.case.settings import Settings

Job = tuple[str, dt.date, str | None]  # (case folder, as-of date, cache folder or None)


def load(folder: Path, as_of: dt.date, cache_root: str | None) -> tuple[Case | None, Settings | None, str | None]:
    """(case, settings, error): error is one line naming the first problem, or None.

    With a cache, an unchanged case is not read again (caseload/cache.py).
    """
    from reunify.case import settings
    from reunify.case.load import load_case
    from reunify.diagnostics.record import errors
    from reunify.pipeline import check

    try:
        if cache_root is None:
            case = load_case(folder)
        else:
            from reunify.caseload.cache import Cache, stamps

            store = Cache(Path(cache_root))
            now = stamps(folder)
            case = store.load(folder, now)
            if case is None:
                case = load_case(folder)
                store.store(case, now)
        diags = check(case, as_of)
    except Exception as exc:
        return None, None, f"could not be read: {type(exc).__name__}"
    problems = errors(diags)
    if problems or case.case is None:
        if not problems:
            return case, None, "case.yaml could not be read"
        first = problems[0]
        where = f"{Path(first.file).name}:{first.line}" if first.line else Path(first.file).name
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        return case, None, f"{len(problems)} validation error(s): {where} {first.code} {first.message}{more}"
    found, invalid = settings.for_case(folder)
    if invalid:
        return case, None, f"{invalid[0].file}: {invalid[0].message}"
    return case, found, None


def guarded(work: Callable[[Job], Any], job: Job) -> Any:
    """`work(job)`, or a row naming the failure: one broken case never stops a caseload."""
    try:
        return work(job)
    except Exception as exc:  # a bug in a rule must not take the caseload down; the row says so
        return {"case": Path(job[0]).name, "path": job[0], "error": f"could not be processed: {type(exc).__name__}"}


def run(folders: Iterable[Path], as_of: dt.date, work: Callable[[Job], Any], cache_root: Path | None = None,
        workers: int | None = None, ordered: bool = False) -> Iterator[Any]:
    """Apply `work` to every case folder in worker processes, yielding rows as they finish (in the
    folders' order when `ordered`, as `validate` needs to print exactly what a serial run prints)."""
    from functools import partial

    jobs = ((str(f), as_of, None if cache_root is None else str(cache_root)) for f in folders)
    task = partial(guarded, work)
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        yield from map(task, jobs)
        return
    with get_context("fork" if hasattr(os, "fork") else "spawn").Pool(workers) as pool:
        yield from (pool.imap if ordered else pool.imap_unordered)(task, jobs, chunksize=8)
