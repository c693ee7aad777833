"""Check loaded YAML values against the typed records, collecting *every* error.

`msgspec.convert` stops at the first error; a practitioner fixing five
mistakes must see five diagnostics in one run. So this walks the value tree
against `msgspec.inspect` type information of the same Structs that define the
format (and export the JSON Schema), reports each problem at its line and
column, and only then converts.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Any

import msgspec
import msgspec.inspect as mi

from reunify.case.model import PATTERN_WORDS, shown
from reunify.case.yamlread import DATE_SHAPE, RU203
from reunify.diagnostics.record import PER_FILE, Code, Diagnostic, declare

if TYPE_CHECKING:
    from reunify.case.yamlread import SourceMap

# RU2xx: the data does not match the case format (declared here, where they are found).
RU201 = declare("RU201", "error", "unknown key")
RU202 = declare("RU202", "error", "required key missing")
RU204 = declare("RU204", "error", "value is not one of the allowed words")
RU205 = declare("RU205", "error", "value does not match the required pattern (ids, references)")
RU206 = declare("RU206", "error", "impossible date")
RU208 = declare("RU208", "error", "number out of range, or list too short")
# RU1xx (how the YAML is written), found here because only the format knows which fields are prose.
RU120 = declare("RU120", "warning", "free text cut short: an unquoted ' #' starts a comment", hint=(
    "if the '#' and what follows belong to the text, put the whole value in quotes"))



@cache
def type_info(model: type) -> mi.Type:
    return mi.type_info(model)


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def describe(value: Any) -> str:
    """Say what a value is, in words a practitioner recognises."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, str):
        return f"text ({value!r})" if len(value) <= 40 else "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def suggest(word: str, choices: list[str]) -> str:
    import difflib  # only for a misspelt key or value: a valid case never needs it

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class _Walker:
    def __init__(self, file: str, smap: SourceMap) -> None:
        self.file = file
        self.smap = smap
        self.diags: list[Diagnostic] = []

    def report(self, code: Code, pos: tuple, message: str) -> None:
        self.diags.append(code.at(self.file, pos[0], pos[1], message))

    def where(self, path: tuple) -> str:
        return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")

    def check(self, value: Any, t: mi.Type, path: tuple) -> None:
        free_text = False
        while isinstance(t, mi.Metadata):
            free_text = free_text or bool((t.extra or {}).get("free_text"))
            t = t.type
        if free_text and isinstance(value, str) and path in self.smap.cut:
            self._cut(value, path)
        if isinstance(t, mi.UnionType):
            self._union(value, t, path)
        elif isinstance(t, mi.StructType):
            self._struct(value, t, path)
        elif isinstance(t, mi.ListType):
            self._list(value, t, path)
        elif isinstance(t, mi.StrType):
            self._str(value, t, path)
        elif isinstance(t, mi.DateType):
            self._date(value, path)
        elif isinstance(t, mi.BoolType):
            if not isinstance(value, bool):
                hint = " (write true or false)" if isinstance(value, str) else ""
                self.report(RU203, self.smap.value(path),
                            f"{self.where(path)}: expected true or false, got {describe(value)}{hint}")
        elif isinstance(t, mi.IntType):
            self._int(value, t, path)
        elif isinstance(t, mi.LiteralType):
            self._literal(value, list(t.values), path)
        elif isinstance(t, mi.NoneType):
            if value is not None:
                self.report(RU203, self.smap.value(path), f"{self.where(path)}: expected nothing")
        else:  # pragma: no cover - the models use only the types above
            raise TypeError(f"unsupported type in model: {t!r}")

    def _cut(self, value: str, path: tuple) -> None:
        from reunify.case.yamlhints import yaml_quoted

        line, column, comment = self.smap.cut[path]
        self.diags.append(RU120.at(self.file, line, column, f"the text stops before '#': {comment!r} was read as a "
                                   "comment", f"if '{comment}' is part of the text, write the value in quotes: "
                                   f"{yaml_quoted(value + ' ' + comment)}"))

    def _union(self, value: Any, t: mi.UnionType, path: tuple) -> None:
        members = []  # (as declared, with any metadata; unwrapped)
        for m in t.types:
            declared = m
            while isinstance(m, mi.Metadata):
                m = m.type
            members.append((declared, m))
        if value is None and any(isinstance(m, mi.NoneType) for _, m in members):
            return
        members = [(d, m) for d, m in members if not isinstance(m, mi.NoneType)]
        if members and all(isinstance(m, mi.LiteralType) for _, m in members):
            self._literal(value, [v for _, m in members for v in m.values], path)
        else:
            self.check(value, members[0][0], path)

    def _struct(self, value: Any, t: mi.StructType, path: tuple) -> None:
        if not isinstance(value, dict):
            self.report(RU203, self.smap.value(path),
                        f"{self.where(path) or 'the file'}: expected a mapping of keys, got {describe(value)}")
            return
        names = {f.encode_name: f for f in t.fields}
        for key in value:
            if key not in names:  # past the listed 100 (record.bounded) a suggestion is work nobody reads
                close = suggest(key, list(names)) if len(self.diags) < PER_FILE else ""
                self.report(RU201, self.smap.key((*path, key)),
                            f"unknown key '{key}'{' in ' + self.where(path) if path else ''}{close}")
        for name, field in names.items():
            if name not in value:
                if field.required:
                    self.report(RU202, self.smap.key(path) if path else (1, 1),
                                f"{self.where(path) or 'the file'}: missing required key '{name}'")
                continue
            child = value[name]
            if child is None and field.required:
                line, column = self.smap.key((*path, name))
                self.diags.append(RU202.at(self.file, line, column, f"{self.where((*path, name))}: a value is required",
                                           "write it after the colon; text that starts with '#' goes in quotes "
                                           "(an unquoted '#' starts a comment)"))
                continue
            self.check(child, field.type, (*path, name))

    def _list(self, value: Any, t: mi.ListType, path: tuple) -> None:
        if not isinstance(value, list):
            line, column = self.smap.value(path)
            hint = None
            if isinstance(value, str) and not value.startswith(("[", "-")):  # `people: mum, kayden`
                hint = f"write a list in square brackets: [{', '.join(v.strip() for v in value.split(','))}]"
            self.diags.append(RU203.at(self.file, line, column,
                                       f"{self.where(path)}: expected a list, got {describe(value)}", hint))
            return
        if t.min_length is not None and len(value) < t.min_length:
            self.report(RU208, self.smap.value(path),
                        f"{self.where(path)}: needs at least {t.min_length} item(s), has {len(value)}")
        if t.max_length is not None and len(value) > t.max_length:
            self.report(RU208, self.smap.value(path),
                        f"{self.where(path)}: takes at most {t.max_length} item(s), has {len(value)}")
        for i, item in enumerate(value):
            self.check(item, t.item_type, (*path, i))

    def _str(self, value: Any, t: mi.StrType, path: tuple) -> None:
        if not isinstance(value, str):
            hint = " (put it in quotes to keep it as text)" if value is not None else ""
            self.report(RU203, self.smap.value(path),
                        f"{self.where(path)}: expected text, got {describe(value)}{hint}")
            return
        if t.min_length and len(value) < t.min_length:
            self.report(RU208, self.smap.value(path), f"{self.where(path)}: must not be empty")
        elif t.pattern and not _pattern(t.pattern).fullmatch(value):  # the whole value: "RU-1\n" is no reference
            what = PATTERN_WORDS.get(t.pattern, f"the pattern {shown(t.pattern)}")
            edge = " (remove the spaces or line break around it)" if value.strip() != value else ""
            self.report(RU205, self.smap.value(path),
                        f"{self.where(path)}: {value!r} must be {what}{edge}")

    def _date(self, value: Any, path: tuple) -> None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return
        if isinstance(value, str) and DATE_SHAPE.match(value):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                self.report(RU206, self.smap.value(path), f"{self.where(path)}: {value} is not a real calendar date")
                return
            # Only a quoted date reaches here as text: unquoted, YAML reads it as a date.
            line, column = self.smap.value(path)
            self.diags.append(RU203.at(self.file, line, column,
                                       f"{self.where(path)}: {value} is in quotes, so it is read as text, not a date",
                                       f"remove the quotes: {path[-1] if path else 'date'}: {value}"))
        else:
            line, column = self.smap.value(path)
            self.diags.append(RU203.at(self.file, line, column,
                                       f"{self.where(path)}: expected a date YYYY-MM-DD, got {describe(value)}",
                                       _date_hint(value)))

    def _int(self, value: Any, t: mi.IntType, path: tuple) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            self.report(RU203, self.smap.value(path),
                        f"{self.where(path)}: expected a whole number, got {describe(value)}")
        elif t.ge is not None and value < t.ge:
            self.report(RU208, self.smap.value(path), f"{self.where(path)}: must be at least {t.ge}")

    def _literal(self, value: Any, allowed: list, path: tuple) -> None:
        if value in allowed and type(value) is type(allowed[allowed.index(value)]):
            return
        words = [str(a) for a in allowed]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and str(value) in words:
            hint = f' (write it in quotes: "{value}")'
        elif isinstance(value, str) and len(self.diags) < PER_FILE:
            hint = suggest(value, words)
        else:
            hint = ""
        self.report(RU204, self.smap.value(path),
                    f"{self.where(path)}: {describe(value)} is not one of: {', '.join(words)}{hint}")


_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\Z")  # 31/01/2026, as written in the UK


def _date_hint(value: Any) -> str | None:
    """For a date written day first (31/01/2026): the same date as case files write it."""
    match = _DAY_FIRST.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return f"write {dt.date(year, month, day).isoformat()} (year-month-day)"
    except ValueError:
        return "write the date as year-month-day, such as 2026-01-31"


def fast_convert(data: Any, model: type) -> Any:
    """The typed record, or None when the data breaks the format (then `check_and_convert` says where).

    msgspec checks the same Structs in C; it accepts exactly what the walker
    accepts (dates must already be dates: a quoted date is text), which a
    differential test holds it to.
    """
    try:
        return msgspec.convert(data, model, builtin_types=(dt.date,))
    except msgspec.ValidationError:
        return None


def check_and_convert(data: Any, model: type, file: str, smap: SourceMap) -> tuple[Any, list[Diagnostic]]:
    """Return (typed record or None, diagnostics) for one file's data."""
    walker = _Walker(file, smap)
    walker.check(data, type_info(model), ())
    if any(d.severity == "error" for d in walker.diags):
        return None, walker.diags
    try:
        return msgspec.convert(data, model), walker.diags  # warnings (RU120) do not stop the record
    except msgspec.ValidationError as exc:  # a gap between the walker and msgspec: still no traceback
        return None, [RU203.at(file, 1, 1, str(exc))]
