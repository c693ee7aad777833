"""Build argparse parsers from the command table (spec.py), for the commands run before typer is imported.

Only the parser of the command being run is built, so a command pays for its
own options alone (the pre-commit hook runs `validate` on every commit). Help
texts and choice lists are spec.py's, as the typer app shows them.
"""

from __future__ import annotations

import argparse

from reunify.cli.spec import BY_NAME, NEAREST_CASE, Command, Option, choices, dest, help_text

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs ~4 ms; history starts fast

if TYPE_CHECKING:
    import typing

PROG = "reunify"
EPILOG = "Exit codes: 0 ok; 1 problems found; 2 usage error or a path that is not a case folder."


class _Formatter(argparse.HelpFormatter):
    """argparse's help, but never breaking a word at its hyphen (`service-` / `manager` reads as two words)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        if width is None:  # as argparse sizes it, without importing shutil: every parser builds a formatter
            import os
            import sys

            try:
                width = int(os.environ.get("COLUMNS", "0"))
            except ValueError:
                width = 0
            if width <= 0:
                try:
                    width = os.get_terminal_size(sys.__stdout__.fileno()).columns
                except (AttributeError, ValueError, OSError):
                    width = 0
            width = (width or 80) - 2
        super().__init__(prog, indent_increment, max_help_position, width)

    def _split_lines(self, text: str, width: int) -> list[str]:
        import textwrap

        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        return textwrap.fill(" ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent,
                             break_on_hyphens=False)


def _add(parser: argparse.ArgumentParser, option: Option) -> None:
    words = choices(option)
    text = help_text(option)
    if option.kind == "positional":
        optional = {"nargs": "?", "default": option.default} if option.default is not None else {}
        parser.add_argument(dest(option), metavar=option.flags[0], help=text, **optional)
        return
    if option.kind == "positionals":
        parser.add_argument(dest(option), metavar=option.flags[0], nargs="*", help=text)
        return
    if option.kind == "flag":
        parser.add_argument(*option.flags, dest=dest(option), action="store_true", help=text)
        return
    metavar = option.metavar or ("WORD" if words else None)
    parser.add_argument(*option.flags, dest=dest(option), default=option.default, choices=words, type=option.type,
                        metavar=metavar, required=option.required,
                        action="append" if option.kind == "many" else "store", help=text)


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages escaped: they quote the arguments, and the pre-commit hook passes file
    names from the case repository as arguments (a file named `-x<ESC>[2J.yaml` would reach the log raw)."""

    def error(self, message: str) -> typing.NoReturn:
        from reunify.diagnostics.escape import terminal

        super().error(terminal(message))


def command_parser(command: Command) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} {command.name}", description=command.help, epilog=EPILOG,
                     formatter_class=_Formatter)
    for option in command.options:
        _add(parser, option)
    return parser


def parse(name: str, argv: list[str]) -> argparse.Namespace | int:
    """The parsed options of command `name`, or the exit code argparse chose (0 for --help, 2 for misuse)."""
    parser = command_parser(BY_NAME[name])
    try:
        options = parser.parse_args(argv)
        missing = nearest_case(options)
        if missing:
            parser.error(missing)
        return options
    except SystemExit as exc:
        return int(exc.code or 0)


def nearest_case(options: argparse.Namespace) -> str | None:
    """Fill in a CASE left out: the nearest folder holding case.yaml, this one or a parent (docs/command-line.md); or say
    why there is none. Both front ends call this after parsing."""
    if getattr(options, "case", None) != NEAREST_CASE:
        return None
    from reunify.case.folders import nearest_case as find

    found = find()
    if found is None:
        return "give a case folder: there is no case.yaml in this folder or any folder above it"
    options.case = found
    return None
