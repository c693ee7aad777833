"""Read the audit trail back: the commits that recorded decisions and classifications, with trailers.

`decide` writes one commit an entry with `Reunify-*` trailers; this reads them
with one streamed `git log` over the whole graph (through trail.git: every side
of every merge, and the folder's earlier names) and gives each entry's fields
as the trailers recorded them. `entry_fields` is the one conversion from a
file entry to trailer values, used both to write and to verify, so the two agree.

git's output is hostile input (docs/command-line.md, "Integrity of the trail"): fields are
NUL-separated, so an author name holding the old separator bytes
(\\x1c-\\x1f) or a newline cannot add a field, a trailer or a commit.
"""

from __future__ import annotations

from collections import namedtuple

from reunify.trail import git
from reunify.trail.launch import FORMAT

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs ~4 ms; history starts fast

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

CASE = "Reunify-Case"
RATIFIED = "Reunify-Ratified"  # a `decide --ratify` amendment of a recorded decision
DECISION_KEYS = {  # trailer -> field of a decision entry
    "Reunify-Decision": "decision", "Reunify-Date": "date", "Reunify-Outcome": "outcome", "Reunify-Role": "role",
    "Decided-By": "by", "Ratified-By": "ratified_by", "Reunify-Ratified-On": "ratified_on",
    "Reunify-Confirms": "classification", "Reunify-Rationale": "rationale", "Reunify-Despite": "despite",
}
CLASSIFICATION_KEYS = {  # trailer -> field of a classification entry
    "Reunify-Classification": "label", "Reunify-Date": "date", "Reunify-Level": "level",
    "Reunify-Suggested": "suggested", "Decided-By": "by", "Reunify-Rationale": "rationale",
}
RATIFICATION_FIELDS = ("ratified_by", "ratified_on")  # what a --ratify amendment may change
_EXACT = {k: k for k in (CASE, RATIFIED, *DECISION_KEYS, *CLASSIFICATION_KEYS)}
_KNOWN = {k.lower(): k for k in _EXACT}

# One commit that recorded an entry: kind is "decision" or "classification"; key is ("2", "2026-03-27") or
# ("RC1",); fields are the entry's fields as the trailers recorded them; case is the Reunify-Case trailer;
# ratified is True for a --ratify amendment; clash names trailers given twice with different values; before holds
# the blob ids of case.yaml in the parents (one a parent of a merge, "" where absent), after the one the commit made.
Recorded = namedtuple("Recorded", "commit author committer committed kind key fields case ratified clash before after")


def fingerprint(text: str | None) -> str | None:
    """Rationales stay out of trailers (free text); a digest still shows a later edit."""
    if not text:
        return None
    import hashlib

    return "sha256:" + hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def entry_fields(kind: str, entry: object) -> dict[str, str]:
    """The fields of a file entry (a record or a plain mapping) as the trailers record them:
    one-line strings, rationale as a digest."""
    names = DECISION_KEYS if kind == "decision" else CLASSIFICATION_KEYS
    out = {}
    for field in names.values():
        value = entry.get(field) if isinstance(entry, dict) else getattr(entry, field, None)
        if field == "rationale":
            value = fingerprint(value if isinstance(value, str) else None if value is None else str(value))
        if value is not None:
            out[field] = " ".join(str(value).split())  # a trailer is one line
    return out


def entry_key(kind: str, fields: dict[str, str]) -> tuple[str, ...]:
    """How `--verify` matches entries to commits: a decision by (decision, date), a classification by label."""
    return (fields.get("decision", ""), fields.get("date", "")) if kind == "decision" else (fields.get("label", ""),)


def trailers_for(reference: str, kind: str, fields: dict[str, str], *, ratified: str | None = None) -> list[tuple[str, str]]:
    names = DECISION_KEYS if kind == "decision" else CLASSIFICATION_KEYS
    by_field = {field: trailer for trailer, field in names.items()}
    extra = [(RATIFIED, ratified)] if ratified else []
    return [(CASE, reference), *extra] + [(by_field[field], value) for field, value in fields.items()]


FIELDS = 6  # of FORMAT (trail.launch, where history's git log is begun)


def trailers_of(block: str) -> tuple[dict[str, str], list[str]]:
    """The Reunify trailers of one commit (keys matched case-insensitively, first wins) and any given twice."""
    trailers: dict[str, str] = {}
    clash: list[str] = []
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        if not sep:
            continue
        name = _EXACT.get(key) or _KNOWN.get(key.strip().lower())  # git writes "Key: value"; a hand may not
        if name is None:
            continue
        value = value.strip()
        if name in trailers:
            if trailers[name] != value and name not in clash:
                clash.append(name)
            continue
        trailers[name] = value
    return trailers, clash


def _parse(touch: git.Touch) -> Recorded | None:
    commit, parents, author, committer, committed, block = touch.fields
    trailers, clash = trailers_of(block)
    if CASE not in trailers:
        return None
    if "Reunify-Decision" in trailers:
        kind, names = "decision", DECISION_KEYS
    elif "Reunify-Classification" in trailers:
        kind, names = "classification", CLASSIFICATION_KEYS
    else:
        return None
    fields = {field: trailers[t] for t, field in names.items() if t in trailers}
    after = touch.changes[0][1] if touch.changes else ""
    before = tuple(old for old, _, _ in touch.changes)
    if len(touch.changes) < len(parents.split()):  # a merge that kept one parent's file as it was
        before += (after,)
    return Recorded(commit.strip(), author, committer, committed, kind, entry_key(kind, fields), fields, trailers[CASE],
                    RATIFIED in trailers, tuple(clash), before or ("",), after)


def history(folder: Path | str, each: Callable[[Recorded], object] | None = None) -> list[Recorded]:
    """Commits that recorded an entry in this case's case.yaml, oldest first (ancestors before descendants).

    Why the whole graph: `git log -- PATH` simplifies history, following at each merge only a parent whose
    file the merge kept. A branch that rewrote a recorded decision (and copied its trailers), merged with
    `-X theirs`, then hides the commit that recorded it, and a merge that dropped an entry hides the commit
    that added it: the trail would show only what the merge kept, and --verify would pass. So every commit
    that touched case.yaml on every path into HEAD is read, each side of each merge (trail.git.Graph), and
    the folder is followed back through `git mv`. git runs in the case folder on the relative path (no second
    process to find the repository). Each record names the case its Reunify-Case trailer gives: `--verify`
    judges a case by its own reference's records and names the others (a corrected `reference:`).

    `each` is called with every record as it is read, while git is still printing: what a caller makes of a
    record then (history's table cells) costs no time of its own, where after the last commit it would.
    """
    walk = git.Graph(folder, FORMAT, FIELDS)
    parsed = {}
    for touch in walk:  # as git streams
        record = parsed[id(touch)] = _parse(touch)
        if record is not None and each is not None:
            each(record)
    if walk.moved:  # the walks of a moved case: its own commits in one order, a move's commit read again
        out = [r for touch in walk.settled() if (r := parsed[id(touch)] if id(touch) in parsed else _parse(touch))]
    else:
        out = [r for r in parsed.values() if r]
    out.reverse()
    return out


def describe_key(kind: str, key: tuple[str, ...]) -> str:
    from reunify.diagnostics.escape import terminal

    return terminal(f"Decision {key[0]} of {key[1]}" if kind == "decision" else f"classification {key[0]}")
