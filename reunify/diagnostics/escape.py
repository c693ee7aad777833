"""The one escaping function for human output: no case text can drive a terminal or a CI log.

Case files come from many hands; a key, a name or a git author may hold ESC
(colour, cursor moves, window titles), BEL, CR (overwrite a line) or a newline
followed by `::error` (a forged CI annotation). Every string from a case that
is printed to a terminal or log goes through `terminal` (docs/command-line.md, "Hostile and
broken input"): C0 controls (newline kept only in multi-line blocks), DEL and
C1 controls are shown as `\\x1b`. Line and paragraph separators and the
bidirectional overrides are shown as `\\u2028`, `\\u202e` (a tool convention:
they reorder or break lines in terminals and editors just as invisibly). A
file name that is not UTF-8 reaches Python as lone surrogates (`\\udcff`), which
no UTF-8 output can hold: each is shown as the byte it stands for (`\\xff`), as
`ls -b` shows it (`utf8`).
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udcff]")
_CONTROL_KEEP_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udcff]")
_CONTROL_KEEP_BREAKS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udcff]")


_SURROGATE = re.compile("[\udc80-\udcff]")


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: object, multiline: bool = False) -> str:
    """`text` with every control character shown escaped (`\\x1b`); newlines kept when `multiline`."""
    text = str(text)
    if text.isprintable():  # every character escaped here is non-printable: the common case costs one scan
        return text
    return (_CONTROL_KEEP_NEWLINE if multiline else _CONTROL).sub(_show, text)


def utf8(text: str) -> str:
    """`text` as UTF-8 can hold it: a non-UTF-8 file name's bytes shown as `\\xff`, all else unchanged (for
    JSON and CSV, whose own escaping deals with control characters)."""
    return _SURROGATE.sub(_show, text) if not text.isprintable() else text


def csv_cell(text: str) -> str:
    """`text` for a CSV cell: control characters escaped as `terminal` does, except tab, CR and newline, which a
    quoted cell holds as they are (a spreadsheet shows them as spacing and line breaks; docs/command-line.md's formula check
    looks for a leading tab or CR)."""
    return text if text.isprintable() else _CONTROL_KEEP_BREAKS.sub(_show, text)


def quoted(text: object) -> str:
    """A key or value named in a message: in single quotes, escaped."""
    return f"'{terminal(text)}'"


def has_control(text: str, multiline: bool = False) -> bool:
    """Whether `terminal` would change `text`: names and labels given to `new` and `decide` must hold none."""
    return bool((_CONTROL_KEEP_NEWLINE if multiline else _CONTROL).search(text))
