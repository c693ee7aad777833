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
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
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


MAX_SIZE = 10_000_000  # characters or items a template may build with * (a tool convention)


class ReportEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox (no list.append, dict.update: a template cannot change the data), with `*` and
    `**` checked so one expression cannot build a gigabyte string before the time limit can stop it."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise SecurityError("exponent too large for a report")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_SIZE:
                    raise SecurityError("a value too large for a report")
        return super().call_binop(context, operator, left, right)


class TeamLoader(FileSystemLoader):
    """A team's own templates, read as case files are (docs/command-line.md, "Hostile and broken input"): regular files only,
    at most 5 MiB, UTF-8, and none that resolves outside the repository holding the templates folder (a link
    to a file elsewhere, or to /dev/zero, is an error naming the template, its content never read)."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        from jinja2.exceptions import TemplateError, TemplateNotFound
        from jinja2.loaders import split_template_path

        from reunify.case.folders import boundary
        from reunify.case.yamlread import MAX_BYTES, read_limited

        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            path = Path(searchpath, *pieces)
            if not path.is_symlink() and not path.exists():
                continue
            try:
                inside = path.resolve().is_relative_to(boundary(Path(searchpath)))
            except (OSError, RuntimeError):  # a symlink loop
                inside = False
            if not inside:
                raise TemplateError(f"{template}: a symbolic link to a file outside the repository: not read")
            data, problem = read_limited(path, MAX_BYTES)
            if data is None:
                raise TemplateError(f"{template}: larger than 5 MiB" if problem == "too large"
                                    else f"{template}: cannot read it: {problem}")
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise TemplateError(f"{template}: not UTF-8: save it as UTF-8") from None
            return text, str(path), lambda: True
        raise TemplateNotFound(template)


def environment(overrides: Path | None = None) -> ReportEnvironment:
    loaders = [FileSystemLoader(str(templates_dir() / "reports"))]
    if overrides is not None:
        loaders.insert(0, TeamLoader(str(overrides)))
    env = ReportEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(cell=_cell, mermaid=escape.mermaid, dot=escape.dot, otherwise=_or,
                       join_or=_join, yesno=_yesno, label=labels.label, task=labels.task,
                       framework_words=labels.in_framework_words)
    return env
