"""Rows held for sorting: their bytes in memory up to a bound, then in an unnamed temporary file.

`status` prints every case's row most urgent first, so it must see them all
before printing one. Holding the rows (about 1 KB of JSON a case) made a
run's memory grow with the caseload; past `IN_MEMORY` bytes they go to a
temporary file that has no name on disk (`tempfile.TemporaryFile`: O_TMPFILE
where the system has it, else unlinked at once, readable by this process
alone, gone when it exits), and only each row's sort key and place stay in
memory.
"""

from __future__ import annotations

import os
from array import array
from typing import IO

IN_MEMORY = 2 * 1024 * 1024  # bytes of rows kept in memory: a caseload of about 2,000 cases never touches disk


class Lost(Exception):
    """Rows kept in the temporary file could not be read back (a disk error)."""


class Spool:
    """Byte strings added one at a time and read back in any order, by the number `add` gave. A temporary
    folder that is full or unwritable only keeps them in memory."""

    def __init__(self) -> None:
        self._held: list[bytes] = []  # while in memory
        self._size = 0
        self._file: IO[bytes] | None = None
        self._starts = array("q")  # once in the file: where each string starts
        self._end = 0
        self._may_spill = True

    def add(self, data: bytes) -> int:
        """Keep `data`; the number to read it back by."""
        if self._file is not None:
            try:
                self._write(self._file, data)
                return len(self._starts) - 1
            except OSError:  # the temporary folder is full: back to memory, and there it stays
                self._to_memory(self._file)
        self._held.append(data)
        self._size += len(data)
        if self._may_spill and self._size > IN_MEMORY:
            self._to_file()
        return len(self._held) - 1 if self._file is None else len(self._starts) - 1

    def _to_file(self) -> None:
        import tempfile

        self._may_spill = False
        try:
            file = tempfile.TemporaryFile(buffering=0)  # noqa: SIM115 - the spool's own, closed on exit
        except OSError:
            return
        try:
            for data in self._held:
                self._write(file, data)
        except OSError:
            file.close()
            self._starts, self._end = array("q"), 0
            return
        self._file, self._held = file, []

    def _write(self, file: IO[bytes], data: bytes) -> None:
        """Append unbuffered, so a full disk is seen at once and what was written is known exactly."""
        if file.write(data) != len(data):
            raise OSError(28, "No space left on device")
        self._starts.append(self._end)
        self._end += len(data)

    def _to_memory(self, file: IO[bytes]) -> None:
        self._file = None
        try:
            self._held = [self._read(file, n) for n in range(len(self._starts))]
        finally:
            file.close()

    def _read(self, file: IO[bytes], number: int) -> bytes:
        start = self._starts[number]
        stop = self._starts[number + 1] if number + 1 < len(self._starts) else self._end
        try:
            data = os.pread(file.fileno(), stop - start, start)
        except OSError as exc:
            raise Lost(exc.strerror or "cannot read") from exc
        if len(data) != stop - start:
            raise Lost("the temporary file was cut short")
        return data

    def get(self, number: int) -> bytes:
        """The byte string `add` numbered so."""
        return self._held[number] if self._file is None else self._read(self._file, number)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()
