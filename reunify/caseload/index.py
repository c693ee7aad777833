"""The results index: a second `status`, `audit` or `outcomes` of an unchanged caseload, read from one file.

The case entries (caseload/cache.py) spare a run the loading and the
computing, but reading one file a case in worker processes still costs about
0.1 ms a case, plus starting the workers. The index keeps, for one kind of
result over one caseload folder, what each case's entry would answer: the
stamps of its files, the context (as-of date and settings), its reference,
and its error or its value. The main process checks each case against it
(its files' `stat`s and the settings in force) and hands only the cases that
changed, or were never seen, to the workers; at the end of the run it writes
the index again from this run's cases alone, so a case deleted since drops out.

A case is kept only when its entry was (files unchanged while read, none
changed in the last two seconds), and read back only while its files, date,
settings and the tool's build are those it was computed under: what the
entries promise, the index promises. It is other people's file too: read
like an entry (bounded, from a regular file, never through a linked cache
folder), written to a temporary file and renamed; a malformed or foreign
index (another build, another caseload folder, another kind) is ignored and
written afresh.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import msgspec

from reunify.case.folders import real
from reunify.caseload.cache import Cache, Stamp, build

MAX_INDEX = 1 << 30  # bytes: about 2 million cases' status rows; anything bigger is not ours


NONE = msgspec.Raw(b"\xc0")  # MessagePack's nil: the value of a case with an error


class Known(msgspec.Struct, array_like=True):
    """One case's result as the index keeps it; the value stays MessagePack until a run needs it."""

    stamps: bytes  # a digest of its files' stamps (`seal`): a few bytes a case, whatever the caseload's size
    context: str
    reference: str
    error: str | None
    value: msgspec.Raw  # NONE when there is an error (msgspec reads no `Raw | None`)


class _File(msgspec.Struct):
    version: str
    kind: str
    caseload: str  # the caseload folder, resolved: an index copied from elsewhere is foreign
    # resolved case folder -> its Known, left as MessagePack: a run holds the file's bytes, not 10,000 objects
    cases: dict[str, msgspec.Raw]


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(_File)
_KNOWN = msgspec.msgpack.Decoder(Known)


def seal(stamps: dict[str, Stamp]) -> bytes:
    """The stamps of a case's files as 16 bytes: any file added, removed or touched gives other bytes."""
    return hashlib.blake2b(_ENCODER.encode(stamps), digest_size=16).digest()


class Index:
    """The index of one kind of result over one caseload folder: read once, written once a run."""

    def __init__(self, store: Cache, kind: str, caseload: Path) -> None:
        self.store = store
        self.kind = kind
        self.caseload = str(real(caseload))
        digest = hashlib.sha256(f"{kind}\0{self.caseload}".encode("utf-8", "surrogateescape")).hexdigest()[:32]
        self.path = store.root / "results" / f"{kind}-{digest}.msgpack"
        self.old = self._read()
        self.new: dict[str, msgspec.Raw] = {}

    def _read(self) -> dict[str, msgspec.Raw]:
        from reunify.case.bounded import read_limited

        if not self.store.usable:
            return {}
        data, _ = read_limited(self.path, MAX_INDEX)
        if data is None:
            return {}
        try:
            found = _DECODER.decode(data)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return {}
        if found.version != build() or found.kind != self.kind or found.caseload != self.caseload:
            return {}
        return found.cases

    def look_up(self, resolved: str, stamps: dict[str, Stamp], context: str) -> Known | None:
        """What the case gave last time, if its files and context are those it was computed under (kept for
        the next run as it was read)."""
        raw = self.old.get(resolved)
        if raw is None:
            return None
        try:
            known = _KNOWN.decode(raw)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        if known.stamps != seal(stamps) or known.context != context:
            return None
        self.new[resolved] = raw
        return known

    def keep(self, resolved: str, known: Known) -> None:
        """What a case computed in this run gave (not kept when its text is not UTF-8: a folder's own name)."""
        try:
            self.new[resolved] = msgspec.Raw(_ENCODER.encode(known))
        except UnicodeEncodeError:
            return

    def forget(self, resolved: str) -> None:
        """A case whose kept result could not be read after all: computed again in this run."""
        self.new.pop(resolved, None)

    def write(self) -> None:
        """Replace the index with this run's cases (unless nothing changed); a failure costs only speed."""
        if not self.store.usable or self.new == self.old:
            return
        try:
            self.store.write(self.path, _ENCODER.encode(_File(build(), self.kind, self.caseload, self.new)))
        except (OSError, UnicodeEncodeError):  # a path that is not UTF-8 cannot be kept: the next run reads afresh
            return
