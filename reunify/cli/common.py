"""Helpers every handler shares: "today" and --as-of, usage errors, JSON, and loading a valid case.

Imports are lazy: `history` must start in little more than the `git log` it wraps.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs ~4 ms; history starts fast

if TYPE_CHECKING:  # nor collections.abc, ~2 ms: history starts its git log after importing this module
    import datetime as dt
    from collections.abc import Callable, Iterable, Iterator
    from pathlib import Path
    from typing import TextIO

    from reunify.case.load import Case
    from reunify.case.settings import Settings


def fail(message: str, code: int = 2) -> int:
    """Say why on stderr and return the exit code (2: usage; 1: the command ran and refused).

    The message is escaped here (it may quote a path or a name from a case).
    """
    from reunify.diagnostics.escape import terminal

    sys.stderr.write(f"reunify: {terminal(message)}\n")
    return code


def shown(value: object) -> str:
    """A path or name for a message: control characters escaped."""
    from reunify.diagnostics.escape import terminal

    return terminal(value)


def not_a_case(command: str, folder: str | Path) -> int:
    """Exit 2 saying why `folder` is not a case folder and what to give instead: a missing path, a case file
    rather than its folder, or a caseload rather than one of its cases."""
    import os

    folder = str(folder)
    if not os.path.lexists(folder):
        why = "no such folder"
    elif not os.path.isdir(folder):
        parent = os.path.dirname(folder) or "."
        why = f"a file, not a folder: give its case folder, {shown(parent)}" if \
            os.path.isfile(os.path.join(parent, "case.yaml")) else "a file, not a case folder"
    else:
        try:
            inside = sorted(entry.path for entry in os.scandir(folder)
                            if entry.is_dir() and os.path.isfile(os.path.join(entry.path, "case.yaml")))
        except OSError:  # unreadable: say only what we know
            inside = []
        why = (f"not a case folder but a folder of cases: give one of them, such as {shown(inside[0])} "
               f"(`reunify status {shown(folder)}` lists them all)") if inside else "not a case folder (no case.yaml)"
    return fail(f"{command}: {shown(folder)}: {why}")


def parse_date(text: str, option: str) -> dt.date:
    """Exactly YYYY-MM-DD (docs/command-line.md): Python alone would also take 20250101 and ISO week dates like 2025-W01-1."""
    import datetime as dt
    import re

    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text, re.ASCII):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    from reunify.diagnostics.escape import quoted

    raise ValueError(f"{option}: {quoted(text)} is not a date YYYY-MM-DD")


def parse_as_of(text: str | None) -> dt.date:
    """The as-of date; "today" is read here, at the edge, and nowhere in the rules."""
    import datetime as dt

    return dt.date.today() if text is None else parse_date(text, "--as-of")


def json_text(data: object) -> str:
    """One JSON document as every command prints it: indented, non-ASCII kept, a final newline."""
    return "".join(_json(data)) + "\n"


def print_json(data: object, out: TextIO | None = None) -> None:
    """`json_text(data)` written to stdout (or `out`) as it is encoded, a few thousand pieces at a time: an
    audit of 10,000 cases prints 3.6 MB, and its lists are read back from a spool as they are written."""
    out = out or sys.stdout
    pieces: list[str] = []
    for piece in _json(data):
        pieces.append(piece)
        if len(pieces) >= 4096:
            out.write("".join(pieces))
            pieces.clear()
    out.write("".join(pieces) + "\n")


def _json(data: object) -> Iterator[str]:
    """`data` in pieces as `json.dumps(data, indent=2, ensure_ascii=False)` writes it, except that a mapping of
    any kind is an object and any other iterable (a generator, a spool's section) a list, each drawn as it is
    written, never held."""
    from collections.abc import Iterable, Mapping
    from json.encoder import encode_basestring as string

    def pieces(value: object, level: int) -> Iterator[str]:
        if isinstance(value, str):
            yield string(value)
        elif value is None or isinstance(value, bool | int | float):
            yield _scalar(value)
        elif isinstance(value, Mapping | Iterable) and not isinstance(value, bytes | bytearray):
            pairs = isinstance(value, Mapping)
            inside, first = "\n" + "  " * (level + 1), True
            for item in value.items() if pairs else value:
                yield ("{" if pairs else "[") + inside if first else "," + inside
                first = False
                if pairs:
                    key, item = item
                    yield string(key if isinstance(key, str) else _key(key)) + ": "
                yield from pieces(item, level + 1)
            yield ("{}" if pairs else "[]") if first else "\n" + "  " * level + ("}" if pairs else "]")
        else:
            raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    return pieces(data, 0)


def _scalar(value: bool | int | float | None) -> str:
    """null, true, false or a number as `json` writes it (NaN and the infinities as its words)."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return int.__repr__(value)
    if value != value:
        return "NaN"
    return "Infinity" if value == float("inf") else "-Infinity" if value == -float("inf") else float.__repr__(value)


def _key(key: object) -> str:
    """A key that is not text, as `json` writes it: a number, true, false or null, else TypeError."""
    if key is None or isinstance(key, bool | int | float):
        return _scalar(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def print_json_list(items: Iterable[bytes]) -> None:
    """A JSON list of items already encoded as compact JSON (msgspec), streamed item by item, byte for byte
    what `print_json` prints for the decoded list, without holding it (status over a whole caseload).
    msgspec's formatter indents as `json.dumps(indent=2, ensure_ascii=False)` does, escapes included, and is
    several times faster; only a float would read differently (1e16 for 1e+16), and the rows hold none."""
    import msgspec

    first = True
    for item in items:
        body = msgspec.json.format(item, indent=2).decode("utf-8").replace("\n", "\n  ")
        sys.stdout.write(("[\n  " if first else ",\n  ") + body)
        first = False
    sys.stdout.write("[]\n" if first else "\n]\n")


def show_diagnostics(diags: list, fmt: str, cases: int = 1) -> None:
    """Why a command computed no result: the diagnostics on stderr, as `validate` prints them, and for a
    machine format (json, github, gitlab) also on stdout in that format, as `validate` writes it
    (`{"ok": false, "diagnostics": [...]}`), so `--format json` always prints one JSON document."""
    from reunify.diagnostics.output import WRITERS, write_text

    write_text(diags, cases, False, sys.stderr)
    if fmt != "text" and fmt in WRITERS:
        WRITERS[fmt](diags, cases, False, sys.stdout)


def settings_for(folder: Path, command: str, fmt: str = "text") -> Settings | int:
    """The reunify.toml settings in force for a case, or exit 2 after printing where they are wrong.

    Every command reads settings the same strict way (docs/command-line.md, "Settings").
    """
    from reunify.case import settings

    try:
        return settings.strict(folder)
    except settings.SettingsError as exc:
        show_diagnostics(exc.diagnostics, fmt)
        return fail(f"{command}: {exc.diagnostics[0].file} is invalid: fix it first")


def templates_refused(found: Settings, command: str) -> int | None:
    """Exit 2 when reunify.toml's `templates` names no folder: a team's reports are never silently rendered
    from the built-in templates instead (docs/command-line.md, "Settings": no value is silently ignored)."""
    if found.templates is None:
        return None
    try:
        if found.templates.is_dir():
            return None
    except (OSError, ValueError):
        pass
    return fail(f"{command}: {found.path}: templates {found.templates}: not a folder (give the path of a folder "
                "of report templates, relative to reunify.toml)")


def settings_refused(folder: str, command: str, fmt: str = "text") -> int | None:
    """For commands that use no setting (history): exit 2 if a reunify.toml applies and is invalid, else None.

    Looks for the file with os.path first, so a repository without one pays
    nothing for the settings module (history must start fast).
    """
    import os

    here = os.path.realpath(folder)
    while not os.path.isfile(os.path.join(here, "reunify.toml")):
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent
    from pathlib import Path

    found = settings_for(Path(folder), command, fmt)
    return found if isinstance(found, int) else None


def load_for_result(folder_text: str, as_of_text: str | None, command: str,
                    fmt: str = "text") -> tuple[Case, dt.date, Settings] | int:
    """A valid case, the as-of date and the settings in force, or the exit code after saying why.

    A case with validation errors gets no result: its diagnostics go to stderr
    (and with --format json, as JSON on stdout) and the exit is 1 (a result
    computed from misread data is worse than none); invalid settings are exit 2,
    like any usage error.
    """
    from pathlib import Path

    from reunify.case.folders import is_case_folder
    from reunify.diagnostics.record import errors
    from reunify.pipeline import check_case

    try:
        day = parse_as_of(as_of_text)
    except ValueError as exc:
        return fail(str(exc))
    folder = Path(folder_text)
    if not is_case_folder(folder):
        return not_a_case(command, folder)
    found = settings_for(folder, command, fmt)
    if isinstance(found, int):
        return found
    case, diags = check_case(folder, day)
    problems = errors(diags)
    if problems:
        show_diagnostics(problems, fmt)
        return fail("fix these errors first; no result was computed", 1)
    return case, day, found


def call(name: str, options: object) -> int:
    """Run command `name`'s handler on the parsed options (from either front end): its exit code."""
    from importlib import import_module

    from reunify.cli.spec import BY_NAME

    module, function = BY_NAME[name].handler.split(":")
    return getattr(import_module(module), function)(options)


def print_version() -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        print(f"reunify {version('reunify')}")
    except PackageNotFoundError:  # running from a checkout that was never installed
        from reunify import __version__

        print(f"reunify {__version__}")


def write_text(text: str, output: str | None, command: str) -> int:
    """`text` to stdout, or to `output` atomically (0), or the exit code after saying why it could not be written."""
    return write_out(lambda out: out.write(text), output, command)


def write_out(write: Callable[[TextIO], object], output: str | None, command: str) -> int:
    """What `write` writes, to stdout or atomically to `output` (0), or the exit code after saying why it could not
    be written: a long document goes out as it is made, never held as one text."""
    if output is None:
        write(sys.stdout)
        return 0
    from pathlib import Path

    from reunify.case.write import atomic_writer

    target = Path(output)
    try:
        with atomic_writer(target) as handle:
            write(handle)
    except OSError as exc:
        return fail(f"{command}: cannot write {shown(target)}: {exc.strerror}", 1)
    print(f"wrote {shown(target)}")
    return 0
