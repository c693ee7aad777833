"""Rows sorted by a key without holding them all: in memory up to a bound, then in sorted runs on disk.

`status` prints every case's row most urgent first, so it must see them all
before printing one. Holding the rows (about 1 KB of JSON a case) and their
sort keys made a run's memory grow with the caseload. Here rows are held
with their keys up to `IN_MEMORY` bytes; then they are sorted and written as
one run to a temporary file that has no name on disk
(`tempfile.TemporaryFile`: O_TMPFILE where the system has it, else unlinked
at once, readable by this process alone, gone when it exits), and the runs
and what is still held are merged when read back (an external merge sort):
memory holds one bound's worth of rows and a read buffer a run.

`audit` and `outcomes` print several lists, each in its own order, one after the other: a question's failing
cases, then the next question's; the cases that came home, then those that could not be read. Each list is a
section of one spool (`Spool(sections=True)`), its keys starting with the section's number: a run notes where
each of its sections lies, so a section is read back on its own, as often as it is printed (`Section`).
"""

from __future__ import annotations

import heapq
import os
import struct
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import IO, Any, Generic, TypeVar

import msgspec

IN_MEMORY = 2 * 1024 * 1024  # bytes of rows held in memory: a caseload of about 2,000 cases never touches disk
READ = 32 * 1024  # bytes read from a run at a time, and written: a run costs this much memory while merging
_OVERHEAD = 200  # about what a held row's key and tuples cost beyond its bytes
_LENGTH = struct.Struct(">I")
_ENTRY = msgspec.msgpack.Decoder(tuple[tuple, bytes])

Key = tuple[Any, ...]
T = TypeVar("T")


class Lost(Exception):
    """Rows kept in the temporary file could not be read back (a disk error)."""


def _storable(key: Key) -> Key:
    """The key with its text as UTF-8 bytes, which sort as the text does, so a run on disk and the rows held
    compare alike; a name that is not UTF-8 keeps its order too (its surrogates written as they are)."""
    return tuple(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part for part in key)


def text(part: bytes) -> str:
    """A key's text as it was added, from the UTF-8 bytes the spool gives back."""
    return part.decode("utf-8", "surrogatepass")


class Spool:
    """(key, bytes) pairs added one at a time, then read back in key order: all at once, or, with `sections`, a
    section (the pairs whose keys start with one of a few numbers) at a time, each as often as asked. A temporary
    folder that is full or unwritable only keeps the rows in memory."""

    def __init__(self, sections: bool = False) -> None:
        self._held: list[tuple[Key, bytes]] = []
        self._size = 0
        self._file: IO[bytes] | None = None
        self._runs: list[tuple[int, int, dict[Any, tuple[int, int]]]] = []  # (start, end) of each sorted run in
        # the file, and of each section in it
        self._end = 0
        self._may_spill = True
        self._counts: Counter[Any] | None = Counter() if sections else None  # pairs added to each section

    def add(self, key: Key, data: bytes) -> None:
        """Keep `data` to be read back in the order of `key` (bools, numbers and text; its first part names its
        section)."""
        self._held.append((_storable(key), data))
        if self._counts is not None:
            self._counts[key[0]] += 1
        self._size += len(data) + _OVERHEAD
        if self._may_spill and self._size > IN_MEMORY:
            self._spill()

    def count(self, section: Any) -> int:
        """How many pairs were added to `section`."""
        assert self._counts is not None, "a spool made without sections"
        return self._counts[section]

    def _spill(self) -> None:
        """Write what is held as one sorted run; a temporary folder that cannot take it keeps it in memory."""
        if self._file is None:
            import tempfile

            try:
                self._file = tempfile.TemporaryFile(buffering=0)  # noqa: SIM115 - the spool's own, closed on exit
            except OSError:
                self._may_spill = False
                return
        self._held.sort(key=itemgetter(0))
        at, batch, starts = self._end, bytearray(), []  # starts: (section, where its first pair is written)
        try:
            for pair in self._held:
                if self._counts is not None and (not starts or starts[-1][0] != pair[0][0]):
                    starts.append((pair[0][0], at + len(batch)))
                entry = msgspec.msgpack.encode(pair)
                batch += _LENGTH.pack(len(entry)) + entry
                if len(batch) >= READ:
                    at = self._write(batch, at)
                    batch.clear()
            at = self._write(batch, at)
        except OSError:  # the temporary folder is full: the runs written stay, the rest stays in memory
            self._may_spill = False
            return
        bounds = [start for _, start in starts] + [at]  # each section ends where the next starts
        sections = {section: (bounds[i], bounds[i + 1]) for i, (section, _) in enumerate(starts)}
        self._runs.append((self._end, at, sections))
        self._end = at
        self._held, self._size = [], 0

    def _write(self, data: bytes | bytearray, at: int) -> int:
        """Write at `at` unbuffered, so a full disk is seen at once (a run cut short is written over by the
        next); where the next write goes."""
        assert self._file is not None
        if os.pwrite(self._file.fileno(), data, at) != len(data):
            raise OSError(28, "No space left on device")
        return at + len(data)

    def _run(self, start: int, end: int) -> Iterator[tuple[Key, bytes]]:
        """One run's (key, bytes) pairs in order, read a buffer at a time."""
        assert self._file is not None
        buffer, used, at = b"", 0, start
        while used < len(buffer) or at < end:
            while len(buffer) - used < 4 or len(buffer) - used < 4 + _LENGTH.unpack_from(buffer, used)[0]:
                try:
                    chunk = os.pread(self._file.fileno(), min(READ, end - at), at) if at < end else b""
                except OSError as exc:
                    raise Lost(exc.strerror or "cannot read") from exc
                if not chunk:
                    raise Lost("the temporary file was cut short")
                buffer, used, at = buffer[used:] + chunk, 0, at + len(chunk)
            (size,) = _LENGTH.unpack_from(buffer, used)
            yield _ENTRY.decode(buffer[used + 4:used + 4 + size])
            used += 4 + size

    def __iter__(self) -> Iterator[tuple[Key, bytes]]:
        """Every (key, bytes) in key order, the key's text as UTF-8 bytes."""
        self._held.sort(key=itemgetter(0))
        runs = [self._run(start, end) for start, end, _ in self._runs]
        return heapq.merge(*runs, self._held, key=itemgetter(0)) if runs else iter(self._held)

    def section(self, section: Any) -> Iterator[tuple[Key, bytes]]:
        """The (key, bytes) pairs of one section in key order, read from each run where the section lies."""
        assert self._counts is not None, "a spool made without sections"
        (first,) = _storable((section,))
        self._held.sort(key=itemgetter(0))
        low = bisect_left(self._held, first, key=_section)
        held = (self._held[at] for at in range(low, bisect_right(self._held, first, lo=low, key=_section)))
        runs = [self._run(*sections[first]) for _, _, sections in self._runs if first in sections]
        return heapq.merge(*runs, held, key=itemgetter(0)) if runs else held

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()


def _section(pair: tuple[Key, bytes]) -> Any:
    return pair[0][0]


class Section(Generic[T]):
    """One section of a spool as a list to print: read back each time it is iterated, each pair made into an
    item by `make`; never held."""

    def __init__(self, spool: Spool, section: Any, make: Callable[[Key, bytes], T]) -> None:
        self._spool, self._section, self._make = spool, section, make

    def __iter__(self) -> Iterator[T]:
        make = self._make
        return (make(key, data) for key, data in self._spool.section(self._section))

    def __len__(self) -> int:
        return self._spool.count(self._section)
