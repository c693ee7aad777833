"""The Jinja2 environment for reports: sandboxed, strict, and escaping every value for Markdown.

Autoescape is for HTML, not Markdown, so it is off; instead `finalize`
escapes every `{{ value }}` as a Markdown paragraph unless a filter already
escaped it for its context (`cell`, `mermaid`, `dot`) or it is a fixed label.
Team templates (`--templates DIR` or `templates` in reunify.toml) override the
built-in ones by name and run in the sandbox.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from reunify import templates_dir
from reunify.reports import escape, labels

NOT_RECORDED = "not recorded"


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    if _empty(value):
        return NOT_RECORDED
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    return escape.markdown(value)


def _or(value: object, fallback: str = NOT_RECORDED) -> object:
    return fallback if _empty(value) else value


def _cell(value: object) -> Markup:
    return escape.cell(NOT_RECORDED if _empty(value) else value)


def _yesno(value: object) -> object:
    """true/false in words; a flag nobody filled in stays empty, so it reads "not recorded", never "no"."""
    return None if value is None else ("yes" if value else "no")


def _join(values: object, separator: str = ", ") -> object:
    if _empty(values):
        return NOT_RECORDED
    return separator.join(str(v) for v in values)  # type: ignore[union-attr]


def environment(overrides: Path | None = None) -> SandboxedEnvironment:
    loaders = [FileSystemLoader(str(templates_dir() / "reports"))]
    if overrides is not None:
        loaders.insert(0, FileSystemLoader(str(overrides)))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(cell=_cell, mermaid=escape.mermaid, dot=escape.dot, otherwise=_or,
                       join_or=_join, yesno=_yesno, label=labels.label, task=labels.task, source=labels.source,
                       framework_words=labels.in_framework_words)
    return env
