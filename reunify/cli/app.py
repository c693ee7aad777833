"""The interactive front end: a typer app generated from the command table (spec.py), with shell completion.

Every command, option and choice comes from `spec.COMMANDS`: each Option record
becomes a typer parameter by its kind, never by its name, so a new command or
option needs no code here. The app carries every command (for help and for
completion), but `reunify.cli.run` dispatches the commands in `spec.FAST` to
argparse before this module is imported; the parsed values reach the same
handlers in the same shape (an argparse.Namespace) from either front end.
"""

from __future__ import annotations

import argparse
import inspect
import os
from collections.abc import Callable
from enum import Enum

import typer
from rich.markup import escape

from reunify.cli.parser import EPILOG, PROG, nearest_case
from reunify.cli.spec import COMMANDS, Command, Option, choices, dest, help_text

TOP_HELP = "The NSPCC Reunification Practice Framework for case folders kept in git."


def _folders(incomplete: str, keep: Callable[[str], bool]) -> list[str]:
    """The sub-folders of the folder being typed whose path starts with what was typed, kept by `keep`."""
    parent, slash, start = incomplete.rpartition("/")
    try:
        entries = sorted(entry.name for entry in os.scandir(parent + slash or ".")
                         if entry.is_dir() and not entry.name.startswith("."))
    except OSError:
        return []
    found = [f"{parent}{slash}{name}" for name in entries if name.startswith(start)]
    return [path for path in found if keep(path)]


def _is_case(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "case.yaml"))


def complete_case(incomplete: str) -> list[str]:
    """CASE: folders holding case.yaml, and the folders on the way to them (a caseload, `cases/`)."""
    def on_the_way(path: str) -> bool:
        return _is_case(path) or any(_is_case(inner) for inner in _folders(f"{path}/", lambda _: True))

    return _folders(incomplete, on_the_way)


def complete_folder(incomplete: str) -> list[str]:
    """CASELOAD, -o DIR and the like: any folder."""
    return _folders(incomplete, lambda _: True)


COMPLETERS = {"CASE": complete_case, "CASELOAD": complete_folder, "DIR": complete_folder}


def _annotation(option: Option) -> object:
    """The Python type typer reads the option as: an Enum of its choices (so typer checks and completes them;
    typer takes no list of Literal), int, str, bool, or a list of one of these for the repeatable kinds."""
    if option.kind == "flag":
        return bool
    words = choices(option)
    one = Enum(dest(option), {str(word): word for word in words}) if words else (option.type or str)
    return list[one] if option.kind in ("many", "positionals") else one


def _parameter(option: Option, name: str) -> inspect.Parameter:
    """One typer parameter from one Option record, by its kind alone."""
    text = escape(help_text(option))  # typer reads help as rich markup: a `[` in it is text
    complete = COMPLETERS.get(option.metavar or option.flags[0])
    if option.kind in ("positional", "positionals"):
        required = option.kind == "positional" and option.default is None
        info = typer.Argument(... if required else option.default, metavar=option.flags[0], help=text,
                              show_default=False, autocompletion=complete)
    elif option.kind == "flag":
        info = typer.Option(False, *option.flags, help=text, show_default=False)
    else:
        metavar = option.metavar or ("WORD" if choices(option) else None)
        info = typer.Option(... if option.required else option.default, *option.flags, help=text, metavar=metavar,
                            show_default=False, show_choices=False, autocompletion=complete)
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=info, annotation=_annotation(option))


def _values(command: Command, given: dict[str, object]) -> argparse.Namespace:
    """Typer's values in argparse's shape, so a handler cannot tell the front ends apart: each under its dest,
    a repeatable option not given is None, and several values are a list."""
    def plain(value: object) -> object:
        return value.value if isinstance(value, Enum) else value

    out = {}
    for i, option in enumerate(command.options):
        value = given[f"option{i}"]
        if option.kind == "many":
            value = [plain(v) for v in value] if value else None
        elif option.kind == "positionals":
            value = [plain(v) for v in value or ()]
        out[dest(option)] = plain(value)
    return argparse.Namespace(**out)


def _callback(command: Command) -> Callable[..., None]:
    def callback(**given: object) -> None:
        from reunify.cli.common import call, fail

        options = _values(command, given)
        missing = nearest_case(options)
        raise typer.Exit(fail(f"{command.name}: {missing}") if missing else call(command.name, options))

    # named by position, not by dest: a dest may be a Python keyword (`--from`)
    parameters = [_parameter(option, f"option{i}") for i, option in enumerate(command.options)]
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__annotations__ = {p.name: p.annotation for p in parameters}
    callback.__name__ = command.name.replace("-", "_")
    return callback


def _version(shown: bool) -> None:
    if shown:
        from reunify.cli.common import print_version

        print_version()
        raise typer.Exit(0)


def _argument_type(self: object, ctx: object) -> None:
    """No type column beside an argument: its help says what it takes, and typer would print a Python type
    (`<list[str]>`) that means nothing to a social worker."""
    return None


def build(names: tuple[str, ...] | None = None) -> typer.Typer:
    """The typer app of the commands named (default: all of them, for help and completion)."""
    typer.core.TyperArgument.display_type_rich = _argument_type  # this process's help only; options keep theirs
    app = typer.Typer(name=PROG, help=TOP_HELP, epilog=EPILOG, add_completion=True, no_args_is_help=True,
                      pretty_exceptions_enable=False, pretty_exceptions_show_locals=False, rich_markup_mode="rich",
                      context_settings={"help_option_names": ["-h", "--help"]})

    @app.callback()
    def top(version: bool = typer.Option(False, "--version", "-V", help="print the version and exit",
                                          callback=_version, is_eager=True)) -> None:
        pass

    for command in COMMANDS:
        if names is None or command.name in names:
            app.command(command.name, help=escape(command.help), epilog=EPILOG)(_callback(command))
    return app


def run(args: list[str], names: tuple[str, ...] | None = None) -> int:
    """Run typer on `args`: the handler's exit code, 2 for a usage error (typer has said why), 0 for --help."""
    try:
        build(names)(args=args, prog_name=PROG)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
