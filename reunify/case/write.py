"""Writing files: never half written, and edits that keep every byte the practitioner wrote.

`atomic_write` (and `atomic_writer`, for a document written a piece at a
time) writes a temp file in the same folder, then renames it into place.
`append_entry` adds one list entry to case.yaml as text: the practitioner's
comments, key order, quoting and layout are sacred, so the new entry is
rendered by us and spliced in after the last line of the list (found from the
source map), never by re-dumping the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from reunify.case.yamlread import SourceMap, parse_text, resolve_plain

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .,'()/&+;!?-]*$")


NOT_REGULAR = "not a regular file (reunify never replaces a symbolic link, FIFO, device or folder)"


def replaceable(path: Path) -> None:
    """Raise OSError unless `path` is absent or a regular file: a rename would otherwise replace a link (whose
    target was meant) or a device (`-o /dev/null` run as root once replaced /dev/null by a file)."""
    import errno
    import stat

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, NOT_REGULAR, str(path))


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) in one rename; the old file survives any failure. Only a regular
    file is replaced (`replaceable`)."""
    with atomic_writer(path) as handle:
        handle.write(text)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """A text file (UTF-8) that replaces `path` in one rename when the block ends, so a long document is written as
    it is made, never held whole; the old file survives any failure, the block's own included."""
    replaceable(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_folders(path: Path) -> list[Path]:
    """`mkdir -p` without recursion (pathlib's recurses once a level: a path 1,100 folders deep would crash).

    Returns the folders it made, outermost first; if one cannot be made (a name longer than the system
    allows, a file in the way), those made before it are removed again and the OSError is raised.
    """
    missing = []
    here = path
    while not here.is_dir():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    made: list[Path] = []
    try:
        for folder in reversed(missing):
            try:
                os.mkdir(folder)
            except FileExistsError:
                if not folder.is_dir():
                    raise
                continue
            made.append(folder)
    except OSError:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        raise
    return made


class EditError(Exception):
    """The edit cannot be made safely; the message says why."""


def scalar(value: object) -> str:
    """A YAML scalar that reads back as exactly `value` (quoted when plain text would not)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    plain_ok = (_PLAIN.match(text) and resolve_plain(text) == text and text.strip() == text
                and ": " not in text and " #" not in text
                and text.lower() not in ("yes", "no", "on", "off", "y", "n"))
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def render_entry(fields: dict[str, object], dash_indent: int) -> str:
    """A block-style list item: `- key: value` lines at the list's own indentation."""
    lines = []
    for i, (key, value) in enumerate((k, v) for k, v in fields.items() if v is not None):
        prefix = " " * dash_indent + ("- " if i == 0 else "  ")
        lines.append(f"{prefix}{key}: {scalar(value)}\n")
    return "".join(lines)


def _top_level_key_lines(text: str) -> list[int]:
    """0-based line numbers of top-level mapping keys (column 0, not comments)."""
    return [n for n, line in enumerate(text.splitlines()) if line[:1] not in ("", " ", "#", "-") and ":" in line]


def _parsed(text: str) -> tuple[dict, SourceMap]:
    """case.yaml's data and source map, as the round-trip parser reads it; EditError if it has errors."""
    data, smap, diags = parse_text(text, "case.yaml", "ruamel")
    if diags or not isinstance(data, dict):
        raise EditError("case.yaml has errors: run `reunify validate` and fix them first")
    return data, smap


def _read_back(text: str, expected: dict, failure: str) -> str:
    """`text`, once it reads back as exactly `expected` (the old data plus the edit); else EditError(failure)."""
    after, _, diags = parse_text(text, "case.yaml", "ruamel")
    if diags or after != expected:
        raise EditError(failure)
    return text


def _next_top_level_key(text: str, line: int) -> int:
    """0-based line of the first top-level key after 0-based `line`, or the number of lines: where the value
    that `line` belongs to ends."""
    following = [n for n in _top_level_key_lines(text) if n > line]
    return following[0] if following else len(text.splitlines())


def _insert_before(text: str, first: int, end: int, block: str) -> str:
    """`block` inserted after the last line of `text`'s lines `first` to `end` (0-based, end excluded) that holds
    more than a comment, in the file's own line endings."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    last = end - 1
    while last > first and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
        last -= 1
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    return "".join(lines[: last + 1]) + block.replace("\n", newline) + "".join(lines[last + 1:])


def append_entry(text: str, key: str, fields: dict[str, object]) -> str:
    """Return `text` with one entry appended to the top-level list `key` (created if absent).

    The result is read back: it must hold exactly the old data plus the new entry.
    """
    data, smap = _parsed(text)
    expected = dict(data)
    expected[key] = [*(expected.get(key) or []), {k: v for k, v in fields.items() if v is not None}]
    return _read_back(_splice(text, data, smap, key, fields), expected,
                      f"cannot add to {key} without changing other values (unusual layout); add it by hand")


def amend_entry(text: str, key: str, index: int, fields: dict[str, object]) -> str:
    """Return `text` with new keys added to entry `index` of the top-level list `key` (for `decide --ratify`).

    The keys are inserted as lines after the entry's last line, at its own
    indentation; every other byte is kept, and the result is read back: it
    must hold exactly the old data with those keys added.
    """
    data, smap = _parsed(text)
    items = data.get(key)
    if not isinstance(items, list) or not 0 <= index < len(items) or not isinstance(items[index], dict):
        raise EditError(f"{key} has no entry {index + 1}")
    if any(k in items[index] for k in fields):
        raise EditError(f"the entry already has {', '.join(k for k in fields if k in items[index])}")
    lines = text.splitlines(keepends=True)
    first_key = next(iter(items[index]))
    key_line, key_col = smap.keys[(key, index, first_key)]
    if smap.values[(key, index)][0] != key_line or lines[key_line - 1].rstrip().endswith(("{", "}")):
        raise EditError(f"{key} entry {index + 1} is not a block mapping (one key a line); edit it by hand")
    added = "".join(f"{' ' * (key_col - 1)}{k}: {scalar(v)}\n" for k, v in fields.items() if v is not None)
    end = smap.values[(key, index + 1)][0] - 1 if index + 1 < len(items) else _next_top_level_key(text, key_line - 1)
    after_text = _insert_before(text, key_line - 1, end, added)
    expected = dict(data)
    expected[key] = [*items[:index], {**items[index], **{k: v for k, v in fields.items() if v is not None}},
                     *items[index + 1:]]
    return _read_back(after_text, expected, f"cannot add to {key} entry {index + 1} without changing other values "
                      "(unusual layout); add it by hand")


def _splice(text: str, data: dict, smap: SourceMap, key: str, fields: dict[str, object]) -> str:
    """Insert the rendered entry after the last line of the list `key` (positions from `smap`)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if key not in data or data[key] is None:
        if key in data:  # `key:` with nothing after it
            at = smap.keys[(key,)][0]  # 1-based line of the key: insert right after it
            entry = render_entry(fields, 2).replace("\n", newline)
            return "".join(lines[:at]) + entry + "".join(lines[at:])
        body = text if not text or text.endswith(("\n", "\r")) else text + newline
        return body + f"{key}:{newline}" + render_entry(fields, 2).replace("\n", newline)
    items = data[key]
    if not isinstance(items, list):
        raise EditError(f"{key} in case.yaml is not a list")
    key_line = smap.keys[(key,)][0] - 1
    value_line, value_col = smap.values[(key,)]
    if value_line - 1 == key_line and lines[key_line][value_col - 1:].lstrip().startswith("["):
        if items:
            raise EditError(f"{key} is written in flow style [ ... ]; write it as a block list (one '- ' item a "
                            "line) so reunify can add an entry without rewriting it")
        # `key: []  # comment`: drop only the brackets, then start a block list.
        line = lines[key_line]
        opening = line.index("[")
        closing = line.index("]", opening)
        rest = line[closing + 1:]
        head = line[:opening].rstrip() + (rest if rest.strip() else newline)
        entry = render_entry(fields, 2).replace("\n", newline)
        return "".join(lines[:key_line]) + head + entry + "".join(lines[key_line + 1:])
    first_item_line = smap.values[(key, 0)][0] - 1
    dash = lines[first_item_line].index("-")
    return _insert_before(text, key_line, _next_top_level_key(text, key_line), render_entry(fields, dash))
