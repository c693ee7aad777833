"""Syntax hints: what to change when a file does not parse (RU101), in the practitioner's terms.

YAML's own messages ("did not find expected '-' indicator") name the parser's
state, not the slip; these look at the offending lines and say what to write.
Imported only when a file fails to parse, so valid files never pay for it.
"""

from __future__ import annotations

import re
from typing import Any


def yaml_quoted(text: str) -> str:
    """`text` as a YAML quoted scalar, for hints that show the corrected line."""
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_KEY_AND_TEXT = r"^(\s*(?:- )?[A-Za-z_][\w-]*:\s+)(\S.*?)\s*$"
_KEY_AT = re.compile(r"(\s*)((?:-\s+)?)([A-Za-z_][\w-]*):(?:\s|$)")  # indent, "- ", key of a block key line


def _key(line: str) -> tuple[int, str] | None:
    """(column, key) of the block key a line starts with, if it starts with one."""
    match = _KEY_AT.match(line)
    return (len(match.group(1)) + len(match.group(2)), match.group(3)) if match else None


def _spaces(n: int) -> str:
    return f"{n} spaces in" if n else "at the start of the line"


def _line_above(lines: list[str], number: int) -> str | None:
    """The nearest line above `number` (0-based) that holds more than a comment."""
    for line in reversed(lines[:number]):
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return None


def _indent_hint(problem: str, lines: list[str], mark: Any, context: Any) -> str | None:
    """What to change when a line does not line up with the ones above it (a tool convention: YAML's own
    messages, "did not find expected '-' indicator", name the parser's state, not the practitioner's slip)."""
    line = lines[mark.line]
    here = _key(line)
    if "mapping values are not allowed" in problem and here is not None:  # the line's own key colon
        above = _line_above(lines, mark.line)
        if above is not None and re.match(r"\s*-[^\s-]", above):
            fixed = re.sub(r"^(\s*)-", r"\1- ", above.rstrip())
            return f"a list entry starts with '- ', a dash then a space: write {fixed.strip()!r}"
        where = _key(above) if above is not None else None
        if where is not None and where[0] < here[0]:
            return (f"{here[1]!r} is indented further than {where[1]!r} on the line above, so it reads as part of "
                    f"that line: line it up with {where[1]!r} ({_spaces(where[0])})")
    at_line_start = here is not None and mark.column == len(line) - len(line.lstrip(" "))
    if context is None or not at_line_start or context.line >= len(lines):
        return None
    first = _key(lines[context.line])
    if first is None:
        return None
    if "while parsing a block collection" in problem:  # name the entry the line is in, not the list's first
        dash = " " * context.column + "- "
        number = _nearest(lines, context.line, mark.line, lambda n: lines[n].startswith(dash) and _key(lines[n]))
        entry = _key(lines[number]) or first
        return (f"{here[1]!r} does not line up with the list it is in: each entry starts with '- ' "
                f"{_spaces(context.column)}, and its keys line up under {entry[1]!r} of line {number + 1} "
                f"({_spaces(entry[0])}); indent it to match, or start a new entry with '- '")
    if "while parsing a block mapping" in problem:
        number = _nearest(lines, context.line, mark.line, lambda n: (_key(lines[n]) or (-1,))[0] == first[0])
        sibling = _key(lines[number]) or first
        above = _line_above(lines, mark.line)
        near = _key(above) if above is not None else None
        other = f" or with {near[1]!r} on the line above ({_spaces(near[0])})" if near and near[0] != first[0] else ""
        return (f"{here[1]!r} does not line up with the keys above it: line it up with {sibling[1]!r} of line "
                f"{number + 1} ({_spaces(sibling[0])}){other}")
    return None


def _nearest(lines: list[str], first: int, before: int, fits: Any) -> int:
    """The last line from `first` up to `before` (0-based, excluded) that `fits`, else `first`."""
    return next((n for n in range(before - 1, first - 1, -1) if fits(n)), first)


def _layout_hint(problem: str, lines: list[str], mark: Any, context: Any) -> str | None:
    """What to change for the commonest syntax mistakes in practitioners' prose (RU101)."""
    line = lines[mark.line] if mark.line < len(lines) else None
    if "while scanning a quoted scalar" in problem and context is not None:
        return (f"the quote opened on line {context.line + 1} is never closed: end the text with the same "
                "quote mark")
    if "could not find expected ':'" in problem and context is not None and context.line < len(lines):
        written = re.match(r"(\s*(?:- )?[A-Za-z_][\w-]*:)(\S.*)$", lines[context.line].rstrip())
        if written:
            return (f"a key needs a space after its colon: write "
                    f"{(written.group(1) + ' ' + written.group(2)).strip()!r} (line {context.line + 1})")
    if line is None:
        return None
    match = re.match(_KEY_AND_TEXT, line)
    if "mapping values are not allowed" in problem and match and mark.column >= len(match.group(1)):
        return (f"a colon followed by a space starts a new key; put text holding ': ' in quotes: "
                f"{match.group(1).strip()} {yaml_quoted(match.group(2))}")
    if match and match.group(2).startswith("'") and mark.column > len(match.group(1)):
        return ("an apostrophe inside text in single quotes ends the text: write it twice ('') or put the text "
                f"in double quotes: {match.group(1).strip()} {yaml_quoted(match.group(2)[1:-1].replace(chr(39) * 2, chr(39)))}")
    return _indent_hint(problem, lines, mark, context)


def _hash_hint(lines: list[str], marks: tuple[Any, ...]) -> str | None:
    """A '#' on the problem's line, or where its context began (a flow list is read to its end first)."""
    for at in marks:
        if at is not None and at.line < len(lines) and (" #" in lines[at.line] or
                                                        lines[at.line].lstrip().startswith("#")):
            return "a '#' after a space starts a comment, which cuts the line short: put text holding '#' in quotes"
    return None


def syntax_hint(message: str, lines: list[str], mark: Any, context: Any) -> str | None:
    """The hint for a parser error at `mark` (its context, where one began, at `context`), if any fits."""
    return _layout_hint(message, lines, mark, context) or _hash_hint(lines, (mark, context))
