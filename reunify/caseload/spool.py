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


class Spool:
    """Byte strings added one at a time and read back in any order, by the number `add` gave."""

    def __init__(self) -> None:
        self._held: list[bytes] = []  # while in memory
        self._size = 0
        self._file: IO[bytes] | None = None
        self._starts = array("q")  # once in the file: where each string starts
        self._end = 0

    def add(self, data: bytes) -> int:
        """Keep `data`; the number to read it back by."""
        if self._file is not None:
            self._write(data)
            return len(self._starts) - 1
        self._held.append(data)
        self._size += len(data)
        if self._size > IN_MEMORY:
            import tempfile

            self._file = tempfile.TemporaryFile()  # noqa: SIM115 - the spool's own, closed by `close`
            held, self._held = self._held, []
            for kept in held:
                self._write(kept)
        return len(self._held) - 1 if self._file is None else len(self._starts) - 1

    def _write(self, data: bytes) -> None:
        self._starts.append(self._end)
        self._file.write(data)  # type: ignore[union-attr]  # only once the file is open
        self._end += len(data)

    def get(self, number: int) -> bytes:
        """The byte string `add` numbered so."""
        if self._file is None:
            return self._held[number]
        self._file.flush()
        start = self._starts[number]
        stop = self._starts[number + 1] if number + 1 < len(self._starts) else self._end
        return os.pread(self._file.fileno(), stop - start, start)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()
