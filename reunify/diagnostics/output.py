"""Writers for diagnostics: text for people (the offending line and a caret), JSON, and CI formats.

`WRITERS` maps each `--format` name to its writer, so `validate` and
`history --verify` print the same way and a new format is added in one place.
Every writer takes (diagnostics, number of cases, ok, stream).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from reunify.diagnostics.escape import terminal
from reunify.diagnostics.record import Diagnostic


def _source_line(file: str, line: int, cache: dict[str, list[str]]) -> str | None:
    """The offending line, read again bounded and from a regular file only (never a FIFO or device)."""
    if file not in cache:
        from reunify.case.bounded import MAX_BYTES, read_limited

        data, _ = read_limited(Path(file), MAX_BYTES)
        lines = _BREAKS.split(data.decode("utf-8-sig", "replace")) if data is not None else []
        if lines and lines[-1] == "":  # the break that ends the last line starts no line of its own
            lines.pop()
        cache[file] = lines
    lines = cache[file]
    return lines[line - 1] if 0 < line <= len(lines) else None


_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks: the parsers count lines by these
WIDTH = 100


def _window(text: str, column: int) -> tuple[str, int]:
    """At most WIDTH characters of a long line, around the column; returns (text, caret offset)."""
    if len(text) <= WIDTH:
        return text, column
    start = max(0, min(column - WIDTH // 2, len(text) - WIDTH))
    shown = text[start:start + WIDTH]
    prefix = "…" if start else ""
    suffix = "…" if start + WIDTH < len(text) else ""
    return prefix + shown + suffix, column - start + len(prefix)


def write_text(diags: Iterable[Diagnostic], cases: int, ok: bool, out: TextIO) -> None:
    """`file:line:col: CODE message`, then the line itself with a caret under the column, then any hint."""
    cache: dict[str, list[str]] = {}
    errors = warnings = 0
    for d in diags:
        if d.severity == "error":
            errors += 1
        else:
            warnings += 1
        where = f"{d.file}:{d.line}:{d.column}" if d.line and d.column else f"{d.file}:{d.line}" if d.line else d.file
        prefix = "warning: " if d.severity == "warning" else ""
        out.write(f"{terminal(where)}: {d.code} {prefix}{terminal(d.message)}\n")
        text = _source_line(d.file, d.line, cache) if d.line else None
        if text is not None:
            window, caret = _window(text, (d.column or 1) - 1)
            shown = terminal(window)
            caret = len(terminal(window[:caret]))  # escapes widen the line: keep the caret under the column
            gutter = str(d.line)
            out.write(f"  {gutter} | {shown}\n")
            out.write(f"  {' ' * len(gutter)} | {' ' * caret}^\n")
        if d.hint:
            out.write(f"  hint: {terminal(d.hint)}\n")
    plural = "case" if cases == 1 else "cases"
    if errors or warnings:
        out.write(f"{errors} error(s), {warnings} warning(s) in {cases} {plural}\n")
    else:
        out.write(f"{cases} {plural} checked: no problems\n")


def as_dicts(diags: Iterable[Diagnostic]) -> list[dict]:
    return [d._asdict() for d in diags]


def write_json(diags: Iterable[Diagnostic], cases: int, ok: bool, out: TextIO) -> None:
    import json  # only for --format json: the text a hook prints needs none

    out.write(json.dumps({"ok": ok, "cases": cases, "diagnostics": as_dicts(diags)}, ensure_ascii=False, indent=2))
    out.write("\n")


def _escape_data(text: str) -> str:
    """GitHub's workflow-command escaping (%, CR, LF), after every other control character is shown escaped:
    case text can never end the line and start an annotation of its own."""
    return terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_path(file: str) -> str:
    """`file` relative to the root of its git work tree, as CI shows files beside the repository, wherever the
    command ran from; outside git, as given (relative to the current folder when given so)."""
    import os

    from reunify.case.folders import nearest

    absolute = Path(os.path.abspath(file))
    root = nearest(absolute.parent, ".git")
    return absolute.relative_to(root).as_posix() if root is not None else file


def _key_paths(file: str) -> dict[tuple[int, int], str]:
    """Each position of the file to the deepest key path there (`people[3].born`), read again bounded and
    confined to the repository; empty when the file does not parse."""
    from reunify.case.bounded import read_bytes
    from reunify.case.folders import boundary
    from reunify.case.yamlread import parse_text

    path = Path(file)
    text, _ = read_bytes(path, file, boundary(path.parent))
    if text is None:
        return {}
    _, smap, _ = parse_text(text, file)
    deepest: dict[tuple[int, int], tuple] = {}
    for table in (smap.values, smap.keys):
        for where, pos in table.items():
            if len(where) >= len(deepest.get(pos, ())):
                deepest[pos] = where
    return {pos: "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")
            for pos, where in deepest.items()}


def write_github(diags: Iterable[Diagnostic], cases: int, ok: bool, out: TextIO) -> None:
    """GitHub Actions workflow commands (GitLab reads the same lines in job logs), files named from the
    repository's root."""
    for d in diags:
        props = [f"file={_escape_property(repository_path(d.file))}"]
        if d.line:
            props += [f"line={d.line}"] + ([f"col={d.column}"] if d.column else [])
        props.append(f"title={d.code}")
        out.write(f"::{d.severity} {','.join(props)}::{_escape_data(d.message)}\n")


def write_gitlab(diags: Iterable[Diagnostic], cases: int, ok: bool, out: TextIO) -> None:
    """A GitLab Code Quality report (artifacts:reports:codequality).

    GitLab tells new findings from old ones by fingerprint, so it hashes what stays when the file is edited
    elsewhere: the code, the repository-relative path and the key path (never the line or the message). The
    same finding twice at one place (no key path: a syntax error) is told apart by its order.
    """
    import hashlib
    import json

    paths: dict[str, dict[tuple[int, int], str]] = {}
    seen: dict[str, int] = {}
    issues = []
    for d in diags:
        if d.file not in paths:
            paths[d.file] = _key_paths(d.file)
        file = repository_path(d.file)
        key = paths[d.file].get((d.line, d.column), "") if d.line and d.column else ""
        identity = f"{d.code}\0{file}\0{key}"
        seen[identity] = seen.get(identity, 0) + 1
        issues.append({
            "description": terminal(f"{d.code} {d.message}"),
            "check_name": d.code,
            "fingerprint": hashlib.sha1(f"{identity}\0{seen[identity]}".encode()).hexdigest(),
            "severity": "major" if d.severity == "error" else "minor",
            "location": {"path": terminal(file), "lines": {"begin": d.line or 1}},
        })
    out.write(json.dumps(issues, indent=2, ensure_ascii=False) + "\n")


Writer = Callable[[Iterable[Diagnostic], int, bool, TextIO], None]
WRITERS: dict[str, Writer] = {"text": write_text, "json": write_json, "github": write_github, "gitlab": write_gitlab}
