"""Bounded reading: the bytes of a case file, never more than 5 MiB + 1, never from a FIFO or device.

docs/command-line.md, "Hostile and broken input": only regular files are read, each bounded;
a symlink leading outside the repository is refused and never read; a file
that is not UTF-8 is an error naming the file. No YAML here: the reader
(`yamlread`) parses what this returns.
"""

from __future__ import annotations

from pathlib import Path

from reunify.diagnostics.record import Diagnostic, declare

# RU1xx raised before any YAML is parsed.
RU104 = declare("RU104", "error", "file is not valid UTF-8")
RU108 = declare("RU108", "error", "file is larger than 5 MiB")
RU110 = declare("RU110", "error", "file cannot be read")

MAX_BYTES = 5 * 1024 * 1024


def read_limited(path: Path, limit: int) -> tuple[bytes | None, str | None]:
    """At most `limit` + 1 bytes of a regular file, or (None, why not).

    Opened without blocking (a FIFO would otherwise hang the command), then
    checked on the open descriptor (no race between the check and the read):
    a FIFO, device, socket or folder is refused before a byte is read, and a
    file over `limit` is refused after reading one byte past it, never in full
    (a symlink to /dev/zero has no end).
    """
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return None, exc.strerror or "cannot open"
    try:
        status = os.fstat(fd)
        mode = status.st_mode
        if not stat.S_ISREG(mode):
            kind = ("a folder" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
                    else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
                    else "not a regular file")
            return None, f"it is {kind}, not a regular file"
        # The first read asks for one byte more than the file says it holds (the next read finds its end): a read
        # buffer sized to the limit, 1 MiB, made some runs spend ~30 us of CPU a file, not 5, in allocating it.
        want = min(status.st_size, limit) + 1
        chunks = []
        size = 0
        while size <= limit and (chunk := os.read(fd, min(want - size if size < want else 1 << 16, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            return None, "too large"
        return data, None
    except OSError as exc:
        return None, exc.strerror or "cannot read"
    finally:
        os.close(fd)


def outside(path: Path, root: Path | None) -> bool:
    """Whether `path`, with every symlink followed, lies outside `root` (None: no confinement).

    Only a symlink can lead out: `root` is an ancestor of the case folder's real
    location, so a plain file in it is inside (and costs no path resolution).
    """
    if root is None or not path.is_symlink():
        return False
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return True


def read_bytes(path: Path, file: str, root: Path | None = None,
               keep_bom: bool = False) -> tuple[str | None, list[Diagnostic]]:
    """Read and decode a file, refusing what is too large, not a regular file, outside `root`, or not UTF-8.

    `keep_bom` keeps a leading UTF-8 byte-order mark in the text, for an edit that must keep every byte.
    """
    if outside(path, root):
        try:
            path.resolve(strict=True)
            loop = False
        except RuntimeError:  # Python 3.11 reports a loop so; 3.13 as OSError ELOOP
            loop = True
        except OSError as exc:
            import errno

            loop = exc.errno == errno.ELOOP
        if loop:
            return None, [RU110.at(file, None, None, "it is a symbolic link that leads round in a loop: not read")]
        return None, [RU110.at(file, None, None, "it is a symbolic link to a file outside the repository: "
                                                 "not read (copy the file into the case instead)")]
    data, problem = read_limited(path, MAX_BYTES)
    if problem == "too large":
        return None, [RU108.at(file, None, None, "file is larger than 5 MiB; case files are at most 5 MiB")]
    if data is None:
        return None, [RU110.at(file, None, None, f"cannot read the file: {problem}")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [RU104.at(file, 1, 1, "the file is UTF-16 or UTF-32, not UTF-8: save it as UTF-8 in your editor")]
    if b"\x00" in data:
        return None, [RU104.at(file, *position(data, data.index(b"\x00")),
                               "the file holds NUL bytes, so it is not UTF-8 text (UTF-16?): save it as UTF-8 in your editor")]
    try:
        return data.decode("utf-8" if keep_bom else "utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return None, [RU104.at(file, *position(data, exc.start),
                               "the file is not valid UTF-8: save it as UTF-8 in your editor")]


def position(data: bytes, at: int) -> tuple[int, int]:
    """1-based (line, column) of byte offset `at`."""
    return data.count(b"\n", 0, at) + 1, at - (data.rfind(b"\n", 0, at) + 1) + 1
