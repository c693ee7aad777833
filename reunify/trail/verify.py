"""`history --verify`: does case.yaml still say what its commits recorded?

Entries are matched to commits by key (classification `label`; decision
`decision` + `date`). Each finding is a Diagnostic pointing into case.yaml, so
it prints like `validate` in every format.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from reunify.diagnostics.record import Diagnostic, declare
from reunify.trail.history import Recorded, describe_key, entry_fields

if TYPE_CHECKING:
    from reunify.case.load import Case

SOURCE = "cli.md (Git audit trail)"
RU501 = declare("RU501", "error", "an entry in case.yaml that no commit recorded", SOURCE,
                "record decisions and classifications with `reunify decide`, not by hand")
RU502 = declare("RU502", "error", "an entry differs from what its commit recorded", SOURCE,
                "put the entry back as recorded; record a new decision with `reunify decide` instead of editing one")
RU503 = declare("RU503", "error", "a recorded entry is no longer in case.yaml", SOURCE,
                "restore the entry from the commit that recorded it (git show COMMIT:PATH)")


class Entry(NamedTuple):
    kind: str  # "decision" | "classification"
    key: tuple[str, ...]
    fields: dict[str, str]
    path: tuple  # where it is in case.yaml, for line and column


def entries(case: Case) -> Iterator[Entry]:
    """The decisions and classifications of case.yaml, as the trailers would record them."""
    record = case.case
    assert record is not None
    for i, d in enumerate(record.decisions or []):
        yield Entry("decision", (d.decision, d.date.isoformat()), entry_fields("decision", d), ("decisions", i))
    for i, c in enumerate(record.classifications or []):
        yield Entry("classification", (c.label,), entry_fields("classification", c), ("classifications", i))


def verify(case: Case, records: list[Recorded]) -> list[Diagnostic]:
    """Unrecorded (RU501), changed (RU502) and deleted (RU503) entries, each placed in case.yaml."""
    file = case.file("case")
    latest: dict[tuple[str, tuple[str, ...]], Recorded] = {}
    for record in records:
        latest[(record.kind, record.key)] = record
    out = []
    seen = set()
    for entry in entries(case):
        seen.add((entry.kind, entry.key))
        record = latest.get((entry.kind, entry.key))
        name = describe_key(entry.kind, entry.key)
        if record is None:
            line, col = case.pos("case", entry.path)
            out.append(RU501.at(file, line, col, f"{name} is in case.yaml but no commit recorded it"))
            continue
        changed = sorted(f for f in set(entry.fields) | set(record.fields)
                         if entry.fields.get(f) != record.fields.get(f))
        if changed:
            line, col = case.pos("case", (*entry.path, changed[0]))
            out.append(RU502.at(file, line, col, f"{name} differs from what commit {record.commit[:7]} recorded: "
                                f"{', '.join(changed)}"))
    for (kind, key), record in latest.items():
        if (kind, key) not in seen:
            line, col = case.pos("case", ("decisions" if kind == "decision" else "classifications",))
            out.append(RU503.at(file, line, col, f"{describe_key(kind, key)} recorded by commit {record.commit[:7]} "
                                "is no longer in case.yaml"))
    return out
