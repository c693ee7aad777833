"""The caseload cache: loaded cases and their results kept between runs (docs/command-line.md, "Caseload cache").

Two things are kept a case. The *loaded* case (its typed records and the
diagnostics of loading), keyed, as ruff and mypy key theirs, by each file's
size, modification time, change time and inode and by the tool's build: any
difference and the case is loaded again. The change time is there because an
edit can put the modification time back (`touch -d`, `os.utime`, some sync
tools); nothing can set the change time but the system. And the case's
*results* (the status row, the audit answers, any kind registered in
caseload/results.py), kept for one context at a time: the `--as-of` date and
the settings in force. A second run on the same day reads them and computes
nothing; another date or another reunify.toml recomputes them from the loaded
case.

Entries are MessagePack written by msgspec (never pickle: a cache file must
not be able to run code), one file a case, each replaced atomically, so
parallel workers and interrupted runs never leave half an entry. The loaded
case and each result are kept as raw MessagePack inside the entry, decoded
only when used: a warm run decodes one small result a case. A malformed or
foreign entry is ignored and rebuilt.

A file modified within the last two seconds is not cached ("racy" in git's
words): an edit landing in the same timestamp tick with the same size would
otherwise go unseen.

The cache is other people's files too (docs/command-line.md, "Hostile and broken input"):
an entry is read like a case file, without blocking and only from a regular
file of bounded size (a FIFO or a link to /dev/zero is a miss, never a hang),
and a `.reunify-cache` or `cases` folder that is a symbolic link is not used
at all, so case data is never written outside the repository through it.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import stat
import time
from functools import cache
from pathlib import Path
from typing import BinaryIO

import msgspec

from reunify import __version__
from reunify.case.folders import boundary, real
from reunify.case.load import KINDS, Case
from reunify.case.model import FILE_MODELS
from reunify.diagnostics.record import Diagnostic

FOLDER = ".reunify-cache"
RACY_NS = 2_000_000_000
MAX_ENTRY = 64 * 1024 * 1024  # bytes: a case is at most seven files of 5 MiB; anything bigger is not ours
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_COUNT = itertools.count()
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# reunify's caseload cache: safe to delete.\n"


class Stamp(msgspec.Struct, array_like=True, frozen=True):
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


# One optional field a case file, typed by the file's record (case: CaseFile | None, ...).
Records = msgspec.defstruct("Records", [(kind, model | None, None) for kind, model in FILE_MODELS.items()],
                            omit_defaults=True)


class Loaded(msgspec.Struct, array_like=True):
    records: Records
    # Diagnostics of loading, each (kind, line, column, code, severity, message, hint): the file's path is
    # rebuilt from the folder as this run names it.
    diagnostics: list[tuple[str, int | None, int | None, str, str, str, str | None]]


class Judged(msgspec.Struct, array_like=True):
    """What the commands worked out from a loaded case in one context (as-of date and settings)."""

    context: str
    reference: str
    error: str | None  # the case's one-line error: then there are no results
    results: dict[str, msgspec.Raw]  # result kind -> its value, decoded with the kind's own type


class Entry(msgspec.Struct):
    version: str
    folder: str  # the case folder, resolved: a hash collision or a moved cache is a foreign entry
    stamps: dict[str, Stamp]  # one a file present
    loaded: msgspec.Raw  # a Loaded, decoded only when the case itself is needed
    judged: Judged | None = None


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(Entry)
_LOADED = msgspec.msgpack.Decoder(Loaded)


@cache
def build() -> str:
    """The tool's version and a digest of its own files (name, size, mtime): an editable install whose
    code changed is a new build, so no result of the old code is reused."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for folder, dirs, files in os.walk(package):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                digest.update(f"{folder[len(str(package)):]}/{name} {st.st_size} {st.st_mtime_ns}\n".encode())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def root_for(caseload: Path) -> Path:
    """Where the cache lives: the git repository's root above the caseload, else the caseload itself."""
    return boundary(caseload) / FOLDER


def stamps(folder: Path) -> dict[str, Stamp]:
    """Size, mtime, ctime and inode of each case file present; a symbolic link is stamped itself too
    (`KIND@link`), so a dangling or looping link is not taken for an absent file, nor a link made again
    to another target for the old one."""
    out = {}
    base = os.fspath(folder)
    for kind in KINDS:
        path = f"{base}/{kind}.yaml"
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISLNK(st.st_mode):
            out[f"{kind}@link"] = Stamp(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            try:
                st = os.stat(path)
            except OSError:
                continue
        out[kind] = Stamp(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return out


class Cache:
    """One folder of entries; every failure to read or write it only costs a fresh load."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # A linked cache folder could take case data anywhere: then no cache at all (the run is only slower).
        self.usable = not any(os.path.islink(p) for p in (root, root / "cases", root / "results"))

    def _path(self, resolved: str) -> Path:
        return self.root / "cases" / (hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:32]
                                      + ".msgpack")

    def entry(self, folder: Path, now: dict[str, Stamp]) -> Entry | None:
        """The case's entry, if every file is as it was when it was written; else None."""
        from reunify.case.yamlread import read_limited

        if not self.usable:
            return None
        resolved = real(folder)
        data, _ = read_limited(self._path(resolved), MAX_ENTRY)
        if data is None:  # absent, or not a regular file, or too large: a miss
            return None
        try:
            entry = _DECODER.decode(data)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        if entry.version != build() or entry.folder != resolved or entry.stamps != now:
            return None
        return entry

    @staticmethod
    def case(folder: Path, entry: Entry) -> Case | None:
        """The loaded case an entry keeps (None if that part is malformed)."""
        try:
            loaded = _LOADED.decode(entry.loaded)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        case = Case(folder)
        case.root = boundary(folder)
        for kind in KINDS:
            record = getattr(loaded.records, kind)
            if record is not None:
                case.records[kind] = record
        case.diagnostics = [Diagnostic(case.file(kind), line, column, code, severity, message, hint)
                            for kind, line, column, code, severity, message, hint in loaded.diagnostics]
        return case

    @staticmethod
    def loaded(case: Case) -> bytes | None:
        """A freshly loaded case as an entry keeps it, or None if it cannot be rebuilt from that."""
        kind_of = {case.file(kind): kind for kind in KINDS}
        if any(d.file not in kind_of for d in case.diagnostics):
            return None  # not a diagnostic of one of the case's files: do not guess how to rebuild it
        return _ENCODER.encode(Loaded(Records(**case.records),
                                      [(kind_of[d.file], d.line, d.column, d.code, d.severity, d.message, d.hint)
                                       for d in case.diagnostics]))

    def store(self, folder: Path, before: dict[str, Stamp], loaded: bytes, judged: Judged | None) -> bool:
        """Keep a case, unless a file changed while it was read or changed just now; whether it was kept."""
        if not self.usable:
            return False
        after = stamps(folder)
        if after != before or any(s.mtime_ns > time.time_ns() - RACY_NS for s in after.values()):
            return False
        resolved = real(folder)
        entry = Entry(build(), resolved, after, msgspec.Raw(loaded), judged)
        try:
            self.write(self._path(resolved), _ENCODER.encode(entry))
        except (OSError, UnicodeEncodeError):  # a read-only or full disk, a path msgspec cannot encode: no cache
            return False
        return True

    def write(self, path: Path, data: bytes) -> None:
        """Write an entry under a fresh temporary name and rename it over `path`."""
        tmp, handle = self.create(path)
        try:
            with handle:
                handle.write(data)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise

    def create(self, path: Path) -> tuple[str, BinaryIO]:
        """A fresh temporary file beside `path` (O_EXCL: never through a planted link), and its name.

        The name is the process id and a count, not tempfile's random one: a cold run writes one entry a case,
        and mkstemp's name drawing cost more than the write. A name left by a crashed process is skipped."""
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
            for name, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", _TAG)):
                try:  # only if absent, and never through a link
                    fd = os.open(self.root / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
                except FileExistsError:
                    continue
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
        while True:
            tmp = f"{path.parent}/.{path.name}.{os.getpid()}.{next(_COUNT)}.tmp"
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
            except FileExistsError:
                continue
            return tmp, os.fdopen(fd, "wb")
