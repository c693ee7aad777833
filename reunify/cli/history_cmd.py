"""`reunify history`: the audit trail from git, shared by the fast front end and the typer app.

Plain text output (no rich): history, like validate, starts without typer.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kept out of start-up: history should cost little more than git log
    from typing import TextIO


def _entries(case) -> list[tuple[str, tuple[str, ...], dict[str, str]]]:
    from reunify.trail import entry_fields

    record = case.case
    out = [("decision", (d.decision, d.date.isoformat()), entry_fields("decision", d)) for d in record.decisions or []]
    out += [("classification", (c.label,), entry_fields("classification", c)) for c in record.classifications or []]
    return out


def _row(r) -> dict:
    return {"commit": r.commit, "author": r.author, "committer": r.committer, "committed": r.committed,
            "kind": r.kind, **r.fields}


def run_history(folder_text: str, fmt: str, verify: bool, out: TextIO | None = None,
                err: TextIO | None = None) -> int:
    """Without --verify no YAML is read: the path-limited `git log` is the whole answer."""
    from reunify import trail

    out = out or sys.stdout
    err = err or sys.stderr
    folder = folder_text
    if fmt not in ("text", "json"):
        err.write("reunify history: --format must be text or json\n")
        return 2
    if not os.path.isfile(os.path.join(folder, "case.yaml")):
        err.write(f"reunify history: {folder}: not a case folder (no case.yaml)\n")
        return 2
    case = None
    if verify:
        from pathlib import Path

        from reunify import diagnostic_output
        from reunify.case.load import load_case

        case = load_case(Path(folder), kinds=("case",))
        if case.case is None:
            diagnostic_output.write_text(case.diagnostics, 1, err)
            return 1
    try:
        records = trail.history(folder, case.case.reference if case else None)
    except trail.GitError as exc:
        err.write(f"reunify history: {exc}\n")
        return 2
    reference = case.case.reference if case else (records[-1].case if records else os.path.basename(folder))
    problems = trail.verify(_entries(case), records) if case else []
    if fmt == "json":
        import json

        data: dict = {"case": reference, "entries": [_row(r) for r in records]}
        if verify:
            data["problems"] = [{"kind": p.kind, "key": list(p.key), "message": p.message} for p in problems]
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        _write_text(reference, records, out)
        if verify:
            lines = [f"verify: {p.kind}: {p.message}\n" for p in problems]
            lines.append(f"verify: {len(problems)} problem(s)\n" if problems else
                         "verify: every entry matches its commit\n")
            out.write("".join(lines))
    return 1 if problems else 0


def _write_text(reference: str, records: list, out: TextIO) -> None:
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
        committed_by = r.author if r.author == r.committer else f"{r.author} / {r.committer}"
        rows.append((f.get("date", ""), entry, result, f.get("by", ""), committed_by, r.commit[:7], r.committed))
    widths = [max(map(len, column)) for column in zip(*rows, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out.write("\n".join(line.format(*row).rstrip() for row in rows) + "\n")
