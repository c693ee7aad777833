"""One rich Console for human output: plain when not a terminal, with NO_COLOR, TERM=dumb or PRE_COMMIT."""

from __future__ import annotations

import os
import sys
from functools import cache

from rich.console import Console


def plain() -> bool:
    """No colour, no styles, no live display: NO_COLOR, TERM=dumb, or a pre-commit hook (which runs on a
    pseudo-terminal, so isatty() alone would say colour)."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb" or bool(os.environ.get("PRE_COMMIT"))


@cache
def console(stderr: bool = False) -> Console:
    """Plain words when colour is unavailable; 120 columns when writing to a file or pipe (not 80)."""
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() or os.environ.get("COLUMNS") else 120
    if plain():  # no escape codes at all: not even bold
        return Console(stderr=stderr, color_system=None, no_color=True, highlight=False, soft_wrap=False, width=width)
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


def safe(value: object) -> str:
    """Case text for a rich table or line: control characters escaped (diagnostics.escape.terminal), then
    rich markup escaped, so a name can neither drive the terminal nor pass for markup."""
    from rich.markup import escape

    from reunify.diagnostics.escape import terminal

    return escape(terminal(value))


LEVEL_STYLE = {"low": "green", "medium": "yellow", "high": "red", "severe": "bold magenta",
               "incomplete": "dim", "not-assessed": "dim"}


def level_text(level: str | None) -> str:
    """A level as a word (so it reads without colour), coloured where colour is available."""
    if level is None:
        return "none"
    style = LEVEL_STYLE.get(level, "")
    return f"[{style}]{level.upper()}[/]" if style else level


STATUS_STYLE = {"done": "green", "missing": "yellow", "due": "cyan", "overdue": "bold red", "not-applicable": "dim"}


def status_text(status: str) -> str:
    """A checklist task's status as its word, coloured where colour is available."""
    return f"[{STATUS_STYLE[status]}]{status}[/]"
