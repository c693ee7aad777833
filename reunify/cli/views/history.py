"""Output of `reunify history`: the trail as a table or JSON; `--verify` findings as `validate` prints them.

Plain text (no rich): history, like validate, must start fast. Every name and
value from git is escaped for the terminal (`diagnostics.escape.terminal`):
authors and trailers are whatever someone typed.
"""

from __future__ import annotations

from reunify.diagnostics.escape import terminal

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs ~4 ms; history starts fast

if TYPE_CHECKING:
    from typing import TextIO

    from reunify.diagnostics.record import Diagnostic
    from reunify.trail.history import Recorded

Signers = dict[str, tuple[bool, str]]


def _row(r: Recorded, signers: Signers | None) -> dict:
    row = {"commit": r.commit, "author": r.author, "committer": r.committer, "committed": r.committed,
           "kind": r.kind, "ratification": r.ratified, **r.fields}
    if signers is not None:
        good, said = signers.get(r.commit, (False, "not checked"))
        row["signature"] = {"good": good, "signer" if good else "problem": said}
    return row


def show(reference: str, records: list[Recorded], problems: list[Diagnostic] | None, fmt: str, out: TextIO,
         signers: Signers | None = None, made: dict[str, tuple[str, ...]] | None = None) -> None:
    """`problems` is None without --verify, else the verify diagnostics (possibly none); `made` holds the table
    cells already made of some records (`cells`), by commit."""
    if fmt == "json":
        from reunify.cli.common import json_text
        from reunify.diagnostics.output import as_dicts

        data: dict = {"case": reference, "entries": [_row(r, signers) for r in records]}
        if problems is not None:
            data["ok"] = not problems
            data["diagnostics"] = as_dicts(problems)
        out.write(json_text(data))
        return
    if fmt != "text" or problems:
        from reunify.diagnostics.output import WRITERS

        if fmt == "text":
            _write_table(reference, records, out, signers, made or {})
        WRITERS[fmt](problems or [], 1, not problems, out)
        return
    _write_table(reference, records, out, signers, made or {})
    if problems is not None:
        out.write("verify: every entry matches its commit" + (", every commit signed\n" if signers is not None else "\n"))


def cells(r: Recorded) -> tuple[str, ...]:
    """A record's row of the table (without --signed's column), escaped for the terminal. `history` makes each
    as git streams (trail.history.history's `each`), when Python would otherwise wait for git's next commit."""
    f = r.fields
    entry = f"Decision {f.get('decision', '')}" if r.kind == "decision" else f"Classification {f.get('label', '')}"
    result = f.get("outcome", "") if r.kind == "decision" else f.get("level", "")
    if r.ratified:
        entry, result = f"Ratified {entry}", f"by {f.get('ratified_by', '')} on {f.get('ratified_on', '')}"
    elif f.get("despite"):
        result += f" (despite: {f['despite']})"  # a skipped step, recorded with its reason
    committed_by = r.author if r.author == r.committer else f"{r.author} / {r.committer}"
    row = (f.get("date", ""), entry, result, f.get("by", ""), committed_by, r.commit[:7], r.committed)
    # One scan of the whole row in the common case; a cell is escaped only when the row needs it.
    return row if "".join(row).isprintable() else tuple(terminal(cell) for cell in row)


def _write_table(reference: str, records: list[Recorded], out: TextIO, signers: Signers | None,
                 made: dict[str, tuple[str, ...]]) -> None:
    out.write(f"Audit trail of {terminal(reference)} (oldest first)\n")
    if not records:
        out.write("no decisions or classifications were recorded with `reunify decide`\n")
        return
    head = ("date", "entry", "level/outcome", "decided by", "committed by (author / committer)", "commit", "committed at")
    rows = [(*head, "signed by") if signers is not None else head]
    for r in records:
        row = made.get(r.commit) or cells(r)
        if signers is not None:
            good, said = signers.get(r.commit, (False, "not checked"))
            rows.append((*row, terminal(said if good else f"NOT SIGNED ({said})")))
        else:
            rows.append(row)
    widths = [max(map(len, column)) for column in zip(*rows, strict=True)]
    line = "  ".join(f"%-{w}s" for w in widths)  # `%` over a tuple: a third faster than str.format(*row) a row
    out.write("\n".join([(line % row).rstrip() for row in rows]) + "\n")
