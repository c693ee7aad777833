"""Escaping free text for each place it lands: Markdown paragraph, table cell, Mermaid label, DOT label.

Practitioner prose may hold anything (`<script>`, `|`, `*`, quotes, newlines):
it must never become markup, break a table or a diagram.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from reunify.diagnostics.escape import terminal

_INLINE = re.compile(r"([\\`*_\[\]{}|~!$])")  # `$`: math in GitHub's and pandoc's Markdown
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown(text: object) -> Markup:
    """Free text as a Markdown paragraph: no HTML, no emphasis, links, headings or list markers from it."""
    value = _INLINE.sub(r"\\\1", _html(terminal(str(text).replace("\r\n", "\n"), multiline=True)))
    value = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), value)
    lines = [line.strip() for line in value.split("\n")]
    return Markup("  \n".join(line for line in lines if line))  # hard breaks; no blank line to start a new block


def cell(text: object) -> Markup:
    """Free text in a Markdown table cell: one line, `|` escaped."""
    value = _INLINE.sub(r"\\\1", _html(" ".join(str(text).split())))
    return Markup(terminal(value))


def mermaid(text: object) -> Markup:
    """A Mermaid node or edge label, written inside double quotes (a backtick there would start Mermaid's own
    Markdown string)."""
    value = terminal(" ".join(str(text).split()))
    for char, entity in (("#", "#35;"), ("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;"),
                         ("[", "#91;"), ("]", "#93;"), ("{", "#123;"), ("}", "#125;"), ("`", "#96;")):
        value = value.replace(char, entity)
    return Markup(value)


def dot(text: object) -> Markup:
    """A Graphviz DOT label, written inside double quotes."""
    lines = (terminal(" ".join(line.split())).replace("\\", "\\\\").replace('"', '\\"') for line in str(text).splitlines())
    return Markup("\\n".join(lines))
