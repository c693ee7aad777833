"""Read the audit trail back: the commits that recorded decisions and classifications, with trailers.

`decide` writes one commit an entry with `Reunify-*` trailers; this reads them
with one streamed `git log` (through trail.git) and gives each entry's fields
as the trailers recorded them. `entry_fields` is the one conversion from a
file entry to trailer values, used both to write and to verify, so the two agree.
"""

from __future__ import annotations

from collections import namedtuple
from typing import TYPE_CHECKING

from reunify.trail import git

if TYPE_CHECKING:
    from pathlib import Path

CASE = "Reunify-Case"
DECISION_KEYS = {  # trailer -> field of a decision entry
    "Reunify-Decision": "decision", "Reunify-Date": "date", "Reunify-Outcome": "outcome", "Reunify-Role": "role",
    "Decided-By": "by", "Ratified-By": "ratified_by", "Reunify-Confirms": "classification",
    "Reunify-Rationale": "rationale", "Reunify-Despite": "despite",
}
CLASSIFICATION_KEYS = {  # trailer -> field of a classification entry
    "Reunify-Classification": "label", "Reunify-Date": "date", "Reunify-Level": "level",
    "Reunify-Suggested": "suggested", "Decided-By": "by", "Reunify-Rationale": "rationale",
}

# One commit that recorded an entry: kind is "decision" or "classification"; key is ("2", "2026-03-27") or
# ("RC1",); fields are the entry's fields as the trailers recorded them; case is the Reunify-Case trailer.
Recorded = namedtuple("Recorded", "commit author committer committed kind key fields case")


def fingerprint(text: str | None) -> str | None:
    """Rationales stay out of trailers (free text); a digest still shows a later edit."""
    if not text:
        return None
    import hashlib

    return "sha256:" + hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def entry_fields(kind: str, entry: object) -> dict[str, str]:
    """The fields of a file entry as the trailers record them: one-line strings, rationale as a digest."""
    names = DECISION_KEYS if kind == "decision" else CLASSIFICATION_KEYS
    out = {}
    for field in names.values():
        value = getattr(entry, field, None)
        if field == "rationale":
            value = fingerprint(value)
        if value is not None:
            out[field] = " ".join(str(value).split())  # a trailer is one line
    return out


def trailers_for(reference: str, kind: str, fields: dict[str, str]) -> list[tuple[str, str]]:
    names = DECISION_KEYS if kind == "decision" else CLASSIFICATION_KEYS
    by_field = {field: trailer for trailer, field in names.items()}
    return [(CASE, reference)] + [(by_field[field], value) for field, value in fields.items()]


FORMAT = "%H%x1f%an%x1f%cn%x1f%cI%x1f%(trailers:only,unfold,separator=%x1d,key_value_separator=%x1c)%x1e"


def _parse(record: str, reference: str | None) -> Recorded | None:
    parts = record.split("\x1f", 4)
    if len(parts) < 5 or CASE not in parts[4]:
        return None
    flat = parts[4].replace("\x1d", "\x1c").split("\x1c")  # key, value, key, value ...
    trailers = dict(zip(flat[::2], flat[1::2], strict=False))
    if reference is not None and trailers.get(CASE) != reference:
        return None
    if "Reunify-Decision" in trailers:
        kind, names = "decision", DECISION_KEYS
    elif "Reunify-Classification" in trailers:
        kind, names = "classification", CLASSIFICATION_KEYS
    else:
        return None
    fields = {field: trailers[t] for t, field in names.items() if t in trailers}
    key = (fields.get("decision", ""), fields.get("date", "")) if kind == "decision" else (fields.get("label", ""),)
    return Recorded(parts[0].strip(), parts[1], parts[2], parts[3], kind, key, fields, trailers.get(CASE, ""))


def history(folder: Path | str, reference: str | None = None) -> list[Recorded]:
    """Commits that recorded an entry in this case's case.yaml, oldest first, in one `git log` call.

    git runs in the case folder on the relative path (no second process to find
    the repository). With `reference`, only commits whose Reunify-Case trailer
    names it are kept. Renames are not followed: `--follow` guesses renames by
    similarity, and case files made from one template look alike across cases.
    """
    out = [r for text in git.log_records(folder, "case.yaml", FORMAT, b"\x1e") if (r := _parse(text, reference))]
    out.reverse()
    return out


def describe_key(kind: str, key: tuple[str, ...]) -> str:
    return f"Decision {key[0]} of {key[1]}" if kind == "decision" else f"classification {key[0]}"
