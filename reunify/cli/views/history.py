"""Output of `reunify history`: the trail as a table or JSON; `--verify` findings as `validate` prints them.

Plain text (no rich): history, like validate, must start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TextIO

    from reunify.diagnostics.record import Diagnostic
    from reunify.trail.history import Recorded


def _row(r: Recorded) -> dict:
    return {"commit": r.commit, "author": r.author, "committer": r.committer, "committed": r.committed,
            "kind": r.kind, **r.fields}


def show(reference: str, records: list[Recorded], problems: list[Diagnostic] | None, fmt: str, out: TextIO) -> None:
    """`problems` is None without --verify, else the verify diagnostics (possibly none)."""
    if fmt == "json":
        import json

        from reunify.diagnostics.output import as_dicts

        data: dict = {"case": reference, "entries": [_row(r) for r in records]}
        if problems is not None:
            data["ok"] = not problems
            data["diagnostics"] = as_dicts(problems)
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    if fmt != "text" or problems:
        from reunify.diagnostics.output import WRITERS

        if fmt == "text":
            _write_table(reference, records, out)
        WRITERS[fmt](problems or [], 1, not problems, out)
        return
    _write_table(reference, records, out)
    if problems is not None:
        out.write("verify: every entry matches its commit\n")


def _write_table(reference: str, records: list[Recorded], out: TextIO) -> None:
    out.write(f"Audit trail of {reference} (oldest first)\n")
    if not records:
        out.write("no decisions or classifications were recorded with `reunify decide`\n")
        return
    rows = [("date", "entry", "level/outcome", "decided by", "committed by (author / committer)", "commit",
             "committed at")]
    for r in records:
        f = r.fields
        entry = f"Decision {f.get('decision', '')}" if r.kind == "decision" else f"Classification {f.get('label', '')}"
        result = f.get("outcome", "") if r.kind == "decision" else f.get("level", "")
        if f.get("despite"):
            result += f" (despite: {f['despite']})"  # a skipped step, recorded with its reason
        committed_by = r.author if r.author == r.committer else f"{r.author} / {r.committer}"
        rows.append((f.get("date", ""), entry, result, f.get("by", ""), committed_by, r.commit[:7], r.committed))
    widths = [max(map(len, column)) for column in zip(*rows, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out.write("\n".join(line.format(*row).rstrip() for row in rows) + "\n")
