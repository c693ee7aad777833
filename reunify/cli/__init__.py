"""Console entry point: parse one command's options (built from spec.py), run its handler, exit.

There is one front end, argparse, built from the command table: no option is
defined twice, and no command pays for typer's start-up (~170-190 ms here;
`validate` runs in every commit). Handlers return the exit code.
"""

from __future__ import annotations

import sys


class _Outlived:
    """stdout for a reader that may leave early (`reunify render CASE | head`): once the pipe is closed, what
    is left to print goes to /dev/null and the command finishes its work (every report written) and exits
    with its own code, with no traceback and no message. Everything else is the real stream's."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    def _reader_left(self) -> None:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._reader_left()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._reader_left()
            self._stream.flush()  # what was buffered goes to /dev/null, so nothing is left to fail at exit


def main(argv: list[str] | None = None) -> None:
    sys.stdout = _Outlived(sys.stdout)
    code = run(sys.argv[1:] if argv is None else argv)
    sys.stdout.flush()
    sys.exit(code)


def run(args: list[str]) -> int:
    from reunify.cli.spec import BY_NAME

    if args and args[0] in BY_NAME:
        from importlib import import_module

        from reunify.cli.parser import parse

        options = parse(args[0], args[1:])
        if isinstance(options, int):
            return options
        module, function = BY_NAME[args[0]].handler.split(":")
        return getattr(import_module(module), function)(options)
    from reunify.cli.parser import top_parser

    parser = top_parser()
    if args in (["--version"], ["-V"]):
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"reunify {version('reunify')}")
        except PackageNotFoundError:  # running from a checkout that was never installed
            from reunify import __version__

            print(f"reunify {__version__}")
        return 0
    if args in (["--help"], ["-h"]):
        parser.print_help()
        return 0
    parser.print_usage(sys.stderr)
    if not args:
        sys.stderr.write(f"reunify: error: give a command: {', '.join(BY_NAME)} (`reunify --help` says what each does)\n")
        return 2
    from difflib import get_close_matches

    near = get_close_matches(args[0], BY_NAME, n=1)
    guess = f"; did you mean '{near[0]}'?" if near else f": use one of {', '.join(BY_NAME)}"
    sys.stderr.write(f"reunify: error: unknown command {args[0]!r}{guess}\n")
    return 2
