"""One rich Console for human output: plain when not a terminal, with NO_COLOR, TERM=dumb or PRE_COMMIT."""

from __future__ import annotations

import os
from functools import cache

from rich.console import Console


@cache
def console(stderr: bool = False) -> Console:
    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(stderr=stderr, no_color=plain, highlight=False, soft_wrap=False)


LEVEL_STYLE = {"low": "green", "medium": "yellow", "high": "red", "severe": "bold magenta",
               "incomplete": "dim", "not-assessed": "dim"}


def level_text(level: str | None) -> str:
    """A level as a word (so it reads without colour), coloured where colour is available."""
    if level is None:
        return "none"
    style = LEVEL_STYLE.get(level, "")
    return f"[{style}]{level.upper()}[/]" if style else level
