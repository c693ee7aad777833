"""Per-case results of the caseload commands, computed in a worker or read back from the cache.

Each command says what it keeps of one case as a `Kind`: a name, the msgspec
type of the value, the function computing it from (case, as-of date,
settings) and the function making the command's row of it, e.g. `STATUS =
Kind("status", Status, status_of, status_row)`. `rows(STATUS, folders, ...)`
then gives every case's row. With a cache, a case whose files, `--as-of`
date, settings in force and tool build are those its value was computed
under is not loaded at all: the main process reads it from the results index
(caseload/index.py), else a worker from the case's entry (caseload/cache.py),
and only what changed is computed. Every value goes through its MessagePack
form, fresh or cached, so output is byte-identical either way.
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
from reunify.caseload.spool import text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from reunify.case.folders import Caseload, Names
    from reunify.caseload.index import Index, Known

Row = dict[str, Any]


class Kind(NamedTuple):
    """One kind of per-case result: module-level values only, so a job pickles for a worker process."""

    name: str
    type: Any  # a msgspec type (a Struct, or a container of them)
    compute: Callable[[Case, dt.date, Settings], Any]
    row: Callable[[str, str, str | None, Any], Row]  # (folder, reference, error, value) -> the command's row


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


def judge(kind: Kind, job: Job) -> tuple[str, str | None, Any, Known | None]:
    """(reference, error, value, what the index may keep) of one case: error is one line naming the first
    problem (value None); nothing is kept for the index without a cache, or when the case's entry was not."""
    from reunify.case import settings
    from reunify.case.load import load_case

    path, as_of, cache_root = job
    folder = Path(path)
    found, invalid = settings.for_case(folder)
    store = entry = judged = None
    if cache_root is not None and not invalid:
        from reunify.caseload.cache import Cache, Judged, stamps
        from reunify.caseload.index import NONE, Known, seal

        store = Cache(Path(cache_root))
        now = stamps(folder)
        context = _context(as_of, found)
        entry = store.entry(folder, now)
        if entry is not None and entry.judged is not None and entry.judged.context == context:
            judged = entry.judged
            if judged.error is not None:
                return judged.reference, judged.error, None, Known(seal(now), context, judged.reference, judged.error, NONE)
            raw = judged.results.get(kind.name)
            if raw is not None:
                try:
                    value = _decoder(kind.type).decode(raw)
                except (msgspec.DecodeError, msgspec.ValidationError):
                    pass  # a malformed result: computed again below
                else:
                    return judged.reference, None, value, Known(seal(now), context, judged.reference, None, raw)
    try:
        case = store.case(folder, entry) if store is not None and entry is not None else None
        loaded = bytes(entry.loaded) if case is not None and entry is not None else None
        if case is None:
            case = load_case(folder)
        error = _error(case, as_of)
    except Exception as exc:
        return folder.name, f"could not be read: {type(exc).__name__}", None, None
    if error is None and invalid:
        error = f"{invalid[0].file}: {invalid[0].message}"
    value = data = None
    if error is None:
        data = _ENCODER.encode(kind.compute(case, as_of, found))
        value = _decoder(kind.type).decode(data)
    known = None
    if store is not None:
        results = dict(judged.results) if judged is not None else {}
        if data is not None:
            results[kind.name] = msgspec.Raw(data)
        loaded = loaded if loaded is not None else store.loaded(case)
        if loaded is not None and store.store(folder, now, loaded, Judged(context, case.reference, error, results)):
            known = Known(seal(now), context, case.reference, error, NONE if data is None else msgspec.Raw(data))
    return case.reference, error, value, known


def judged_row(kind: Kind, job: Job) -> tuple[Row, Known | None]:
    """One case's row, and what the results index may keep of it (runs in a worker process)."""
    reference, error, value, known = judge(kind, job)
    return kind.row(job[0], reference, error, value), known


FEW = 16  # changed cases worth computing in the main process rather than starting workers for


def _workers(cases: int) -> int | None:
    """One (the main process itself) for a few cases, where starting workers costs more than they save."""
    return 1 if cases <= FEW else None


def rows(kind: Kind, caseload: Caseload, as_of: dt.date, cache_root: Path | None) -> Iterator[Row]:
    """Every case's row under the caseload, in no set order: from the results index where nothing changed, the
    rest computed (in workers when there are more than a few), and the index written again for the next run.
    Cases go by name in the walk's order, so memory holds neither every case's folder nor the index."""
    from functools import partial

    from reunify.caseload.pool import run

    work = partial(judged_row, kind)
    if cache_root is None:
        for result in run(caseload.folders(), as_of, work, workers=_workers(len(caseload.names))):
            yield result if isinstance(result, dict) else result[0]  # a dict: the row of a case that failed
        return
    from reunify.case.folders import Names
    from reunify.caseload.cache import Cache
    from reunify.caseload.index import Index

    index = Index(Cache(cache_root), kind.name, caseload.root)
    changed = Names()
    try:
        yield from _unchanged(kind, index, caseload, changed, as_of)
        computed = run(map(caseload.folder, changed), as_of, work, cache_root, workers=_workers(len(changed)),
                       ordered=True)  # in the walk's order, as the index keeps them
        for result, name in zip(computed, changed, strict=True):  # computed first: its pool closes as it ends
            if isinstance(result, dict):
                yield result
                continue
            row, known = result
            if known is not None:
                index.add(name, known)
            yield row
        index.finish()
    except BaseException:  # interrupted, or the reader stopped early: the last index stays, no temporary file
        index.abandon()
        raise


def _unchanged(kind: Kind, index: Index, caseload: Caseload, changed: Names, as_of: dt.date) -> Iterator[Row]:
    """The row of each case the index holds unchanged (its files' stamps, the date and the settings in force
    as they were); the others' names go to `changed`. The walk and the index are both in the walk's order:
    they are read side by side, each once."""
    from reunify.case import settings
    from reunify.case.folders import order
    from reunify.caseload.cache import stamps
    from reunify.caseload.index import seal

    records = ((order(record.folder), place, record) for place, record in index.records())
    ahead = next(records, None)  # (sort key, place, record) of the next record not yet passed
    for name in caseload.names:
        key = order(name)
        while ahead is not None and ahead[0] < key:  # a case deleted since, or a record out of order
            ahead = next(records, None)
        if ahead is None or ahead[0] != key:
            changed.add(name)
            continue
        _, place, record = ahead
        folder = caseload.folder(name)
        known = record.known
        found, invalid = settings.for_case(folder)
        if invalid or known.context != _context(as_of, found) or known.stamps != seal(stamps(folder)):
            changed.add(name)
            continue
        try:
            value = None if known.error is not None else _decoder(kind.type).decode(known.value)
        except (msgspec.DecodeError, msgspec.ValidationError):  # a malformed result: computed again
            changed.add(name)
            continue
        index.keep(place)
        yield kind.row(str(folder), known.reference, known.error, value)
    for _ in records:  # counted: records left over are cases deleted since, and the index is written again
        pass


_FAILED = msgspec.msgpack.Decoder(tuple[bytes, bytes])


def kept_failed(row: Row) -> bytes:
    """A row that failed to load as a spool keeps it beside a key holding its case (`failed_row`): its path and
    error, a name not UTF-8 kept as it is."""
    return msgspec.msgpack.encode(tuple(row[k].encode("utf-8", "surrogatepass") for k in ("path", "error")))


def failed_row(key: tuple, data: bytes) -> Row:
    """A failed row read back from a spool: {"case", "path", "error"}, its case the key's second part."""
    path, error = _FAILED.decode(data)
    return {"case": text(key[1]), "path": text(path), "error": text(error)}
