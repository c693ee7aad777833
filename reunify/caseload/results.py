"""Per-case results of the caseload commands, computed in a worker or read back from the cache.

Each command says what it keeps of one case as a `Kind`: a name, the msgspec
type of the value and the function computing it from (case, as-of date,
settings). Declaring one is one line, e.g. `STATUS = Kind("status", Row,
status_of)`; `judge(STATUS, job)` then gives (reference, error, value) for a
case. With a cache, a case whose files, `--as-of` date, settings in force and
tool build are those the value was computed under is not loaded at all: the
value is read back (caseload/cache.py). Every value goes through its
MessagePack form, fresh or cached, so output is byte-identical either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.caseload.pool import Job


class Kind(NamedTuple):
    """One kind of per-case result: module-level values only, so a job pickles for a worker process."""

    name: str
    type: Any  # a msgspec type (a Struct, or a container of them)
    compute: Callable[[Case, dt.date, Settings], Any]


_ENCODER = msgspec.msgpack.Encoder()


@cache
def _decoder(type_: Any) -> msgspec.msgpack.Decoder:
    return msgspec.msgpack.Decoder(type_)


_DIGESTS: dict[int, tuple[Settings, str]] = {}


def _context(as_of: dt.date, found: Settings) -> str:
    """What results depend on besides the case's files: the date and the settings' values (not the file's
    layout or comments). The tool's build is the entry's own key, and covers the defaults."""
    if found.path is None:
        return f"{as_of.isoformat()} defaults"
    kept = _DIGESTS.get(id(found))
    if kept is None or kept[0] is not found:  # settings.load keeps one object a file: digested once
        import hashlib

        kept = _DIGESTS[id(found)] = found, hashlib.sha256(repr(found).encode()).hexdigest()[:32]
    return f"{as_of.isoformat()} {kept[1]}"


def _error(case: Case, as_of: dt.date) -> str | None:
    """One line naming the case's first validation problem, or None for a valid case."""
    from reunify.diagnostics.record import errors
    from reunify.pipeline import check

    problems = errors(check(case, as_of))
    if not problems:
        return "case.yaml could not be read" if case.case is None else None
    first = problems[0]
    where = f"{Path(first.file).name}:{first.line}" if first.line else Path(first.file).name
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{len(problems)} validation error(s): {where} {first.code} {first.message}{more}"


def judge(kind: Kind, job: Job) -> tuple[str, str | None, Any]:
    """(reference, error, value) of one case: error is one line naming the first problem (value None)."""
    from reunify.case import settings
    from reunify.case.load import load_case

    path, as_of, cache_root = job
    folder = Path(path)
    found, invalid = settings.for_case(folder)
    store = entry = judged = None
    if cache_root is not None and not invalid:
        from reunify.caseload.cache import Cache, Judged, stamps

        store = Cache(Path(cache_root))
        now = stamps(folder)
        context = _context(as_of, found)
        entry = store.entry(folder, now)
        if entry is not None and entry.judged is not None and entry.judged.context == context:
            judged = entry.judged
            if judged.error is not None:
                return judged.reference, judged.error, None
            if kind.name in judged.results:
                try:
                    return judged.reference, None, _decoder(kind.type).decode(judged.results[kind.name])
                except (msgspec.DecodeError, msgspec.ValidationError):
                    pass  # a malformed result: computed again below
    try:
        case = store.case(folder, entry) if store is not None and entry is not None else None
        loaded = bytes(entry.loaded) if case is not None and entry is not None else None
        if case is None:
            case = load_case(folder)
        error = _error(case, as_of)
    except Exception as exc:
        return folder.name, f"could not be read: {type(exc).__name__}", None
    if error is None and invalid:
        error = f"{invalid[0].file}: {invalid[0].message}"
    value = data = None
    if error is None:
        data = _ENCODER.encode(kind.compute(case, as_of, found))
        value = _decoder(kind.type).decode(data)
    if store is not None:
        results = dict(judged.results) if judged is not None else {}
        if data is not None:
            results[kind.name] = msgspec.Raw(data)
        loaded = loaded if loaded is not None else store.loaded(case)
        if loaded is not None:
            store.store(folder, now, loaded, Judged(context, case.reference, error, results))
    return case.reference, error, value
