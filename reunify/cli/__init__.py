"""Console entry point: dispatch a command to its front end, run its handler, exit with its code.

Two front ends, both built from the one command table (spec.py): the commands
whose start-up time users meet most (spec.FAST: `validate`, the pre-commit
hook; `history`; the caseload commands) are parsed by argparse, chosen here
before typer is imported, because typer (with the pydantic it converts values
with) costs ~220 ms of CPU to start here (docs/design.md, "One command table,
two front ends"); every other command, `--help` and
shell completion (`--install-completion`, `--show-completion`) go to the typer
app (`reunify.cli.app`). Handlers return the exit code.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs ~4 ms; history starts fast

if TYPE_CHECKING:
    from collections.abc import Iterable


class _Outlived:
    """stdout for a reader that may leave early (`reunify render CASE | head`): once the pipe is closed, what
    is left to print goes to /dev/null and the command finishes its work (every report written) and exits
    with its own code, with no traceback and no message. Everything else is the real stream's."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    def _reader_left(self) -> None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._reader_left()
            return len(text)

    def writelines(self, lines: Iterable[str]) -> None:  # a document made a piece at a time (audit's Markdown)
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._reader_left()
            self._stream.flush()  # what was buffered goes to /dev/null, so nothing is left to fail at exit


def main(argv: list[str] | None = None) -> None:
    if getattr(sys.stdout, "errors", None) == "strict" and hasattr(sys.stdout, "reconfigure"):
        # A file name that is not UTF-8 arrives as lone surrogates; under a UTF-8 locale such as en_GB.UTF-8
        # Python would refuse to print it (a traceback). Write its bytes back as they are, as the C locale does.
        sys.stdout.reconfigure(errors="surrogateescape")
    sys.stdout = _Outlived(sys.stdout)
    try:
        code = run(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:  # Ctrl-C: what was being written is abandoned (temporary files), no traceback
        sys.stderr.write("reunify: interrupted\n")
        sys.exit(130)
    sys.stdout.flush()
    if argv is None and sys.argv[1:2] == ["history"]:
        _leave(code)
    sys.exit(code)


def _leave(code: int) -> None:
    """End the process now, without the interpreter's teardown, which frees every object one at a time: after
    `history` over 5,000 commits, ~5 ms (4%) of a run measured against `git log` (docs/design.md, "Speed").
    Only for a command with nothing left to do at exit: history writes no file, starts no pool, keeps no
    temporary file, and registers nothing to run at exit; what it printed is flushed here."""
    sys.stderr.flush()
    os._exit(code)


COMPLETING = "_REUNIFY_COMPLETE"  # set by the completion script `--install-completion` installs: typer answers


def run(args: list[str]) -> int:
    """The exit code of `reunify ARGS`: spec.FAST commands through argparse, the rest through typer.

    `history` begins its `git log` before anything else is imported (commands.trail.start_history).
    """
    completing = COMPLETING in os.environ
    if args[:1] == ["history"] and not completing:
        from reunify.cli.commands.trail import start_history
        from reunify.trail.launch import stop_started

        start_history(args[1:])
        try:
            return _fast(args)
        finally:
            stop_started()
    from reunify.cli.common import print_version
    from reunify.cli.spec import BY_NAME, FAST

    if args and args[0] in FAST and not completing:
        return _fast(args)
    if args in (["--version"], ["-V"]):
        print_version()
        return 0
    if not args and not completing:
        return _usage(f"give a command: {', '.join(BY_NAME)} (`reunify --help` says what each does)")
    if args and args[0] not in BY_NAME and not args[0].startswith("-") and not completing:
        from difflib import get_close_matches

        near = get_close_matches(args[0], BY_NAME, n=1)
        guess = f"; did you mean '{near[0]}'?" if near else f": use one of {', '.join(BY_NAME)}"
        return _usage(f"unknown command {args[0]!r}{guess}")
    from reunify.cli import app

    return app.run(args, None if completing or not args or args[0] not in BY_NAME else (args[0],))


def _fast(args: list[str]) -> int:
    """A spec.FAST command: parsed by argparse, then run."""
    from reunify.cli.common import call
    from reunify.cli.parser import parse

    options = parse(args[0], args[1:])
    return options if isinstance(options, int) else call(args[0], options)


def _usage(message: str) -> int:
    from reunify.diagnostics.escape import terminal

    sys.stderr.write(f"usage: reunify [--version] COMMAND [options]\nreunify: error: {terminal(message)}\n")
    return 2
