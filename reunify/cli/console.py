"""One rich Console for human output: plain when not a terminal, with NO_COLOR, TERM=dumb or PRE_COMMIT."""

from __future__ import annotations

import os
import sys
from functools import cache

from rich.console import Console


@cache
def console(stderr: bool = False) -> Console:
    """Plain words when colour is unavailable; 120 columns when writing to a file or pipe (not 80)."""
    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() or os.environ.get("COLUMNS") else 120
    return Console(stderr=stderr, no_color=plain, highlight=False, soft_wrap=False, width=width)


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
