"""The results index: a second `status`, `audit` or `outcomes` of an unchanged caseload, read from one file.

The case entries (caseload/cache.py) spare a run the loading and the
computing, but reading one file a case in worker processes still costs about
0.1 ms a case, plus starting the workers. The index keeps, for one kind of
result over one caseload folder, what each case's entry would answer: the
stamps of its files, the context (as-of date and settings), its reference,
and its error or its value. The main process checks each case against it
(its files' `stat`s and the settings in force) and hands only the cases that
changed, or were never seen, to the workers; the index is then written again
from this run's cases alone, so a case deleted since drops out.

Records are kept in the order the caseload's folders are walked (by name,
a folder before the folders inside it: `folders.order`), so the main process
matches the walk against the file as two sorted streams and holds neither
in memory; a record out of that order is only not matched, and its case is
computed again.

The file is a stream of records, each its length (4 bytes) then MessagePack:
first the head (build, kind, caseload), then one record a case. It is read
and written a record at a time, never held whole: a run's memory does not
grow with the caseload by the index's size. When every case was found
unchanged and none dropped out, the file is not written at all.

A case is kept only when its entry was (files unchanged while read, none
changed in the last two seconds), and read back only while its files, date,
settings and the tool's build are those it was computed under: what the
entries promise, the index promises. It is other people's file too: read
like an entry (from a regular file, never through a link or a linked cache
folder, each record and the whole bounded), written to a temporary file and
renamed; a malformed or foreign index (another build, another caseload
folder, another kind) is ignored and written afresh, and a malformed record
ends the reading there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import struct
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import msgspec

from reunify.case.folders import order, real
from reunify.caseload.cache import MAX_ENTRY, Cache, Stamp, build

MAX_INDEX = 1 << 30  # bytes read at most: about 2 million cases' status rows; anything bigger is not ours
_LENGTH = struct.Struct(">I")
NONE = msgspec.Raw(b"\xc0")  # MessagePack's nil: the value of a case with an error


class Known(msgspec.Struct, array_like=True):
    """One case's result as the index keeps it; the value stays MessagePack until a run needs it."""

    stamps: bytes  # a digest of its files' stamps (`seal`): a few bytes a case, whatever the caseload's size
    context: str
    reference: str
    error: str | None
    value: msgspec.Raw  # NONE when there is an error (msgspec reads no `Raw | None`)


class Head(msgspec.Struct, array_like=True):
    """The index's first record: an index of another build, kind or caseload folder is foreign."""

    version: str
    kind: str
    caseload: str  # the caseload folder, resolved: an index copied from elsewhere is foreign


class Record(msgspec.Struct, array_like=True):
    folder: str  # the case folder's name relative to the caseload folder (the head's), in the walk's order
    known: Known


class Named(msgspec.Struct, array_like=True):
    """A record's first field alone: the name a kept record is merged by, its value left unread."""

    folder: str


_ENCODER = msgspec.msgpack.Encoder()
_HEAD = msgspec.msgpack.Decoder(Head)
_RECORD = msgspec.msgpack.Decoder(Record)
_NAMED = msgspec.msgpack.Decoder(Named)


def seal(stamps: dict[str, Stamp]) -> bytes:
    """The stamps of a case's files as 16 bytes: any file added, removed or touched gives other bytes."""
    return hashlib.blake2b(_ENCODER.encode(stamps), digest_size=16).digest()


def framed(data: bytes) -> bytes:
    """One record as the file holds it: its length, then its bytes."""
    return _LENGTH.pack(len(data)) + data


def _frames(handle: BinaryIO) -> Iterator[bytes]:
    """Each record's bytes in turn, stopping at the end, at a cut-off record, past the index's bound or at a
    read error."""
    read = 0
    try:
        while len(prefix := handle.read(4)) == 4:
            (size,) = _LENGTH.unpack(prefix)
            read += 4 + size
            if size > MAX_ENTRY or read > MAX_INDEX:
                return
            data = handle.read(size)
            if len(data) != size:
                return
            yield data
    except OSError:
        return


class Index:
    """The index of one kind of result over one caseload folder: read once, and written again only if a case
    changed, was added or dropped out."""

    def __init__(self, store: Cache, kind: str, caseload: Path) -> None:
        self.store = store
        self.head = Head(build(), kind, real(caseload))
        key = f"{kind}\0{self.head.caseload}".encode("utf-8", "surrogateescape")
        self.path = store.root / "results" / f"{kind}-{hashlib.sha256(key).hexdigest()[:32]}.msgpack"
        self._old: BinaryIO | None = None  # the file read, kept open: its records are copied from it, not the path
        self._seen = 0  # records of the file read
        self._kept = array("q")  # which of them this run keeps, by their place in it (8 bytes a case)
        self._out: BinaryIO | None = None  # the next index, once this run has something new for it
        self._waiting: Iterator[tuple[list[str], bytes]] = iter(())  # kept records not yet copied to it
        self._next: tuple[list[str], bytes] | None = None
        self._tmp = ""
        self._failed = False  # the next index could not be written: the old one stays

    def _frames(self) -> Iterator[tuple[int, bytes]]:
        """(place, bytes) of each case's record, if the index is of this build, kind and caseload."""
        if self._old is None:
            return
        self._old.seek(0)
        frames = _frames(self._old)
        try:
            if _HEAD.decode(next(frames, b"")) != self.head:
                return
        except (msgspec.DecodeError, msgspec.ValidationError):
            return
        yield from enumerate(frames)

    def records(self) -> Iterator[tuple[int, Record]]:
        """(place, record) of each case as the last run left it, streamed; `keep` the places this run uses.
        A malformed record ends the reading: what follows it is not trusted either."""
        self._old = _open(self.path) if self.store.usable else None
        for place, data in self._frames():
            self._seen += 1
            try:
                record = _RECORD.decode(data)
            except (msgspec.DecodeError, msgspec.ValidationError):
                return
            yield place, record

    def keep(self, place: int) -> None:
        """Keep a record `records` gave for the next run: its case was found unchanged (places in order)."""
        self._kept.append(place)

    def add(self, name: str, known: Known) -> None:
        """What a case computed in this run gave, for the next run: cases added in the walk's order, each after
        the kept records before it (a case whose text is not UTF-8 is not kept)."""
        try:
            data = framed(_ENCODER.encode(Record(name, known)))
        except UnicodeEncodeError:
            return
        if self._start() is not None:
            self._copy_kept(order(name))
            self._write(data)

    def _start(self) -> BinaryIO | None:
        """The next index, begun with the head (a failure costs speed, never the run)."""
        if self._out is not None or self._failed or not self.store.usable:
            return self._out
        try:
            head = framed(_ENCODER.encode(self.head))
        except UnicodeEncodeError:  # a caseload folder whose name is not UTF-8: no index
            self._failed = True
            return None
        _sweep(self.path)
        try:
            self._tmp, self._out = self.store.create(self.path)
        except OSError:  # a read-only or full cache: not tried again for every case
            self._failed = True
            return None
        self._waiting = self._kept_records()
        self._next = next(self._waiting, None)
        self._write(head)
        return self._out

    def _kept_records(self) -> Iterator[tuple[list[str], bytes]]:
        """(sort key, bytes) of the records this run kept, read again from the file in its order. A file
        written over in place since the first reading (a copied-back cache) ends the copying where it no longer
        reads: those cases are computed again next time."""
        kept = iter(self._kept)
        wanted = next(kept, None)
        for place, data in self._frames():
            if place == wanted:
                try:
                    name = _NAMED.decode(data).folder
                except (msgspec.DecodeError, msgspec.ValidationError):
                    return
                yield order(name), data
                wanted = next(kept, None)

    def _copy_kept(self, before: list[str] | None) -> None:
        """Copy the kept records that come before `before` in the walk's order (all of them for None)."""
        while self._next is not None and (before is None or self._next[0] < before):
            self._write(framed(self._next[1]))
            self._next = next(self._waiting, None)

    def _write(self, data: bytes) -> None:
        if self._out is not None:
            try:
                self._out.write(data)
            except OSError:
                self.abandon()

    def finish(self) -> None:
        """Put the next index in place if anything changed: a case added, or a record of the last not kept."""
        if self._out is None and self._seen != len(self._kept):
            self._start()
        self._copy_kept(None)
        if self._out is not None:
            out, self._out = self._out, None
            try:
                out.close()
                os.replace(self._tmp, self.path)
            except OSError:
                Path(self._tmp).unlink(missing_ok=True)
        self._close_old()

    def abandon(self) -> None:
        """Give up the next index (a failure, or the run stopped early): the old one stays."""
        self._failed = True
        self._waiting, self._next = iter(()), None
        if self._out is not None:
            out, self._out = self._out, None
            with contextlib.suppress(OSError):
                out.close()
            Path(self._tmp).unlink(missing_ok=True)
        self._close_old()

    def _close_old(self) -> None:
        if self._old is not None:
            self._old.close()
            self._old = None


def _sweep(path: Path) -> None:
    """Remove the next indexes that runs killed while writing them left behind (`.NAME.PID.N.tmp`, their
    process gone): a run holds its next index open while it computes, and SIGTERM or a closed terminal
    skips every clean-up. A process of the same id on another machine sharing the folder only loses its
    index, which costs it speed."""
    prefix = f".{path.name}."
    try:
        listing = os.scandir(path.parent)
    except OSError:  # no results folder yet
        return
    with listing:
        for entry in listing:
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid = entry.name[len(prefix):].split(".", 1)[0]
            if pid.isascii() and pid.isdigit() and len(pid) < 10 and int(pid) != os.getpid() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _open(path: Path) -> BinaryIO | None:
    """An index file to read, if it is a regular file reached without a link (never a FIFO: no blocking)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return os.fdopen(fd, "rb", buffering=1 << 16)
