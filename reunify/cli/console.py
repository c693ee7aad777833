"""One rich Console for human output: plain when not a terminal, with NO_COLOR, TERM=dumb or PRE_COMMIT."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from itertools import islice
from typing import TypeVar

from rich.console import Console

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rich.table import Table

T = TypeVar("T")


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
    style = LEVEL_STYLE.get(level or "", "")
    return f"[{style}]{level_word(level)}[/]" if style else level_word(level)


def level_word(level: str | None) -> str:
    """A level as `level_text` writes it, without colour."""
    if level is None:
        return "none"
    return level.upper() if level in LEVEL_STYLE else level


STATUS_STYLE = {"done": "green", "missing": "yellow", "due": "cyan", "overdue": "bold red", "not-applicable": "dim"}


def status_text(status: str) -> str:
    """A checklist task's status as its word, coloured where colour is available."""
    return f"[{STATUS_STYLE[status]}]{status}[/]"


ROWS = 100  # rows `print_rows` draws at a time


def widest(out: Console, items: Iterable[T], cells: Callable[[T], Sequence[str]]) -> list[Sequence[str]]:
    """Two rows that size a table as all of `items`' rows would (`cells(item)` each), or none without items:
    rich sizes each column by its header and the largest minimum and maximum widths of its cells, so the first
    row holds each column's cell of the largest minimum, the second its cell of the largest maximum."""
    from rich.measure import Measurement

    measure = lru_cache(maxsize=1024)(lambda cell: Measurement.get(out, out.options, cell))  # dates, levels: few
    found: list[list[tuple[int, str]]] = []  # each column's (largest minimum, its cell), (largest maximum, its cell)
    for item in items:
        row = cells(item)
        found = found or [[(-1, ""), (-1, "")] for _ in row]
        for column, cell in zip(found, row, strict=True):
            least, most = measure(cell)
            if least > column[0][0]:
                column[0] = (least, cell)
            if most > column[1][0]:
                column[1] = (most, cell)
    return [[column[0][1] for column in found], [column[1][1] for column in found]] if found else []


def print_rows(out: Console, make: Callable[[], Table], items: Iterable[T], cells: Callable[[T], Sequence[str]],
               sizing: list[Sequence[str]] | None = None) -> None:
    """`out.print(table)` of the table `make` gives once a row of `cells(item)` is added for each of `items`, byte
    for byte, holding ROWS rows at a time: `items` is read twice (a spool's section), once if `sizing` (from
    `widest`) is given. Rich draws each row on its own (a table with no row styles and no lines between rows),
    so each chunk is drawn below the rows that size the whole table, in a table sized as the whole one would
    be, and printed without them."""
    sizing = widest(out, items, cells) if sizing is None else sizing
    if not sizing:
        out.print(make())
        return

    def drawn(rows: Iterable[Sequence[str]]) -> list[str]:
        table = make()
        for row in (*sizing, *rows):
            table.add_row(*row)
        with out.capture() as captured:
            out.print(table)
        return [line + "\n" for line in captured.get().split("\n")[:-1]]  # each line ends "\n", and only there

    once, twice = drawn(()), drawn(sizing)
    height = len(twice) - len(once)  # the sizing rows' lines
    above = next((i for i, (a, b) in enumerate(zip(once, twice, strict=False)) if a != b), len(once)) - height
    below = len(once) - above - height
    out.file.write("".join(once[:above]))
    rows = (cells(item) for item in items)
    while batch := list(islice(rows, ROWS)):
        lines = drawn(batch)
        out.file.write("".join(lines[above + height:len(lines) - below]))
    out.file.write("".join(once[len(once) - below:]))
