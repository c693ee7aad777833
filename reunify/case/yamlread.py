"""Read one YAML case file into plain Python values plus a source map.

The reader is three modules, one job each: `bounded` reads a file's bytes
(regular files only, at most 5 MiB), this module turns YAML into values with
their positions, and `yamlhints` says what to change when a file does not
parse (imported only then). None of them knows the case format: the schema
check (`schema_check`) comes after.

This is the only module that knows YAML. Two parsers can compose the node
tree: PyYAML's C parser (fast, used by every read-only command) and ruamel.yaml
(the round-trip library, used where the tool edits a file). Both only *parse*:
turning nodes into values is done here, once, with YAML 1.2 core rules, so both
paths give identical values and diagnostics whatever their own resolvers think
(PyYAML alone would read `yes` as true and `010` as 8). Duplicate keys, tabs in
indentation, anchors/aliases, tags, empty files and non-mapping documents are
diagnosed here, with their line and column. Nothing here raises on user input.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

# Bounded reading lives in `bounded`; commands outside `case/` still import it from here.
from reunify.case.bounded import MAX_BYTES, outside, read_bytes, read_limited  # noqa: F401
from reunify.diagnostics.record import Diagnostic, declare

if TYPE_CHECKING:
    from pathlib import Path

# RU1xx: the file cannot be read as YAML the way case files are written (declared here, where they arise).
RU101 = declare("RU101", "error", "YAML syntax error")
RU102 = declare("RU102", "error", "a tab is used for indentation")
RU103 = declare("RU103", "error", "duplicate key in a mapping")
RU105 = declare("RU105", "error", "file is empty")
RU106 = declare("RU106", "error", "top-level value is not a mapping")
RU107 = declare("RU107", "error", "anchors and aliases are not allowed in case files")
RU109 = declare("RU109", "error", "YAML tags are not allowed in case files")
RU111 = declare("RU111", "error", "more than one YAML document in a file")
RU112 = declare("RU112", "error", "values nested deeper than case files ever need (more than 50 levels)")
# RU2xx are the format's (schema_check), but the reader meets this one first: a key that is a list or mapping.
RU203 = declare("RU203", "error", "value has the wrong type")

Engine = Literal["fast", "ruamel"]
MAX_DEPTH = 50  # case files nest about 6 deep; this bounds recursion for hostile input
Path_ = tuple  # a path into the data: ("people", 3, "born")
Pos = tuple[int, int]  # 1-based (line, column)

_STD = "tag:yaml.org,2002:"
# "value" is what YAML 1.1 resolvers call a plain `=`: plain text here, as in YAML 1.2.
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")}
_PLAIN_TAGS = {_STD + t for t in ("str", "map", "seq")}  # what both parsers give an untagged value here
_PLAIN_STR = _STD + "str"
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")  # a date as case files write it


class SourceMap:
    """Where each value (and each mapping key) of a file came from."""

    __slots__ = ("cut", "keys", "values")

    def __init__(self) -> None:
        self.values: dict[Path_, Pos] = {}
        self.keys: dict[Path_, Pos] = {}
        # Plain text followed by ` #...` on its line: where the '#' is, and the comment (the schema check
        # warns when the field is free text, RU120).
        self.cut: dict[Path_, tuple[int, int, str]] = {}

    def value(self, path: Path_) -> Pos | tuple[None, None]:
        """Position of the value at `path`, or of its nearest recorded ancestor."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (None, None))

    def key(self, path: Path_) -> Pos | tuple[None, None]:
        """Position of the key that introduces `path` (the value's, for list items)."""
        return self.keys.get(path) or self.value(path)


class NumberTooLong(ValueError):
    """A whole number with more digits than Python converts: the reader reports it (RU203) instead."""


_WORDS: dict[str, Any] = {**dict.fromkeys(_NULL), **dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}
_NUMBER_START = frozenset("0123456789+-.")


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted) scalar with the YAML 1.2 core schema, plus dates.

    Most plain scalars are words: only text starting as a number, a date or
    .inf/.nan can be one, so the patterns are tried on those alone.
    """
    if text in _WORDS:
        return _WORDS[text]
    if text[0] not in _NUMBER_START:
        return text
    if len(text) == 10 and DATE_SHAPE.match(text):  # the commonest (dates fill chronologies): tried first
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # an impossible date stays text; the schema check names it
    if _INT.match(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits, 4,300 by default)
            raise NumberTooLong(text) from None
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


_COMMENT_AFTER = r"\s+#"  # patterns used only on a problem are compiled then, not at start-up (re caches them)


class _Builder:
    """Turns a composed node tree (from either parser) into values and, when asked, a source map.

    Valid files never need positions (`status` over a caseload reads tens of
    thousands of them), so the source map is built only when `positions` is
    true; the loader asks for it again, lazily, when a file has a problem.
    """

    def __init__(self, file: str, text: str, positions: bool) -> None:
        self.file = file
        self.text = text
        self._lines: list[str] | None = None  # split only when a line has to be looked at
        self.smap = SourceMap()
        self.positions = positions
        self.diags: list[Diagnostic] = []
        # Only needed, with positions, to find text cut short by a comment.
        self.comments = positions and " #" in text
        self.tags = "!" in text  # a value can be written as text with `!` or `!!str` only where one appears

    def line(self, number: int) -> str:
        """Line `number` (0-based, as marks count) of the text, or "" past its end."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines[number] if number < len(self._lines) else ""

    def _note_comment(self, node: Any, path: Path_) -> None:
        """Remember a comment right after plain text on its line: in prose, `#2` or `# of visits` was most
        likely meant as text, and YAML silently dropped it."""
        end = node.end_mark
        rest = self.line(end.line)[end.column:].rstrip("\r")
        if re.match(_COMMENT_AFTER, rest):
            self.smap.cut[path] = (end.line + 1, end.column + len(rest) - len(rest.lstrip()) + 1, rest.strip())

    def build(self, node: Any, path: Path_ | None, depth: int) -> Any:
        if path is not None:
            mark = node.start_mark
            self.smap.values[path] = (mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            if not any(d.code == "RU112" for d in self.diags):
                mark = node.start_mark
                self.diags.append(RU112.at(self.file, mark.line + 1, mark.column + 1,
                                           f"values are nested more than {MAX_DEPTH} levels deep here"))
            return None
        tag = str(node.tag)
        if tag not in _ALLOWED_TAGS:
            mark = node.start_mark
            self.diags.append(RU109.at(self.file, mark.line + 1, mark.column + 1,
                                       f"tag {tag!r} is not allowed: write plain values"))
            return None
        kind = node.id  # "scalar" | "sequence" | "mapping", in both parsers' node classes
        if kind == "scalar":
            if node.style in (None, ""):
                try:
                    value = resolve_plain(node.value)
                except NumberTooLong:
                    mark = node.start_mark
                    self.diags.append(RU203.at(self.file, mark.line + 1, mark.column + 1,
                                               f"a number of {len(node.value)} digits is too long to read",
                                               "if it is text, put it in quotes"))
                    return None
                if isinstance(value, str):
                    if self.comments and path is not None:
                        self._note_comment(node, path)
                    return value
                # `!!str 123` or `! 123` is the text "123": only a value that would not be text needs the look.
                return node.value if self.tags and self._written_as_text(node.start_mark, tag) else value
            if node.style == ">":  # ruamel marks fold points with BEL, which YAML text never holds
                return node.value.replace("\a", "")
            return node.value
        if kind == "sequence":
            return [self.build(item, None if path is None else (*path, i), depth + 1)
                    for i, item in enumerate(node.value)]
        return self._mapping(node, path, depth)

    def quick(self, node: Any, depth: int) -> Any:
        """`build` without positions for the shapes valid files are made of: untagged values, text keys
        each given once, numbers Python converts, in a file that writes no `!` (`parse_text` asks only
        then). Anything else goes to `build`, which names the problem: a status over a caseload reads
        tens of thousands of files, and these checks are most of what building costs there. A plain
        scalar in a mapping, the commonest node, is resolved in place (a call a value less)."""
        if depth > MAX_DEPTH or node.tag not in _PLAIN_TAGS:
            return self.build(node, None, depth)
        kind = node.id
        if kind == "scalar":
            style = node.style
            if not style:
                try:
                    return resolve_plain(node.value)
                except NumberTooLong:
                    return self.build(node, None, depth)
            return node.value.replace("\a", "") if style == ">" else node.value
        if kind == "sequence":
            return [self.quick(item, depth + 1) for item in node.value]
        out: dict[str, Any] = {}
        reported = len(self.diags)
        for key_node, value_node in node.value:
            key = key_node.value
            if key_node.id != "scalar" or key in out:  # build reports it, and each value once
                del self.diags[reported:]
                return self.build(node, None, depth)
            if (value_node.id == "scalar" and not value_node.style and value_node.tag == _PLAIN_STR
                    and depth < MAX_DEPTH):  # one level deeper is too deep: `quick` lets `build` say so (RU112)
                try:
                    out[key] = resolve_plain(value_node.value)
                    continue
                except NumberTooLong:
                    pass
            out[key] = self.quick(value_node, depth + 1)
        return out

    def _written_as_text(self, mark: Any, tag: str) -> bool:
        """Whether the source writes `!` or `!!str` before this scalar.

        Both parsers resolve the tag of a plain scalar themselves (YAML 1.1 in
        PyYAML), so an explicit `!!str` shows only in the source text.
        """
        line = self.line(mark.line)
        token = line[mark.column:].split(None, 1)[0] if line[mark.column:mark.column + 1] == "!" else ""
        return token == "!" or (bool(token) and tag == _STD + "str")

    def _mapping(self, node: Any, path: Path_ | None, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                km = key_node.start_mark
                self.diags.append(RU203.at(self.file, km.line + 1, km.column + 1,
                                           "a key must be a plain word, not a list or mapping"))
                continue
            key = str(key_node.value)
            if key in out:
                km = key_node.start_mark
                first = next(k for k, _ in node.value if k.id == "scalar" and str(k.value) == key)
                self.diags.append(RU103.at(self.file, km.line + 1, km.column + 1,
                                           f"duplicate key '{key}' (first defined on line {first.start_mark.line + 1}); "
                                           "keep one and delete the other"))
                continue
            if path is None:
                out[key] = self.build(value_node, None, depth + 1)
            else:
                km = key_node.start_mark
                self.smap.keys[(*path, key)] = (km.line + 1, km.column + 1)
                out[key] = self.build(value_node, (*path, key), depth + 1)
        return out


@cache
def _fast_loader() -> type:
    """PyYAML's C parser with a resolver that only names node kinds.

    Values are resolved once, by `_Builder` (YAML 1.2 rules); PyYAML's own
    resolver would run its YAML 1.1 regular expressions on every scalar for
    nothing. Untagged nodes get the plain str/seq/map tags; explicit tags are
    kept, so `!!binary` is still refused.
    """
    import operator

    import yaml as pyyaml

    tags = {"scalar": _STD + "str", "sequence": _STD + "seq", "mapping": _STD + "map"}

    class Loader(getattr(pyyaml, "CBaseLoader", pyyaml.BaseLoader)):  # type: ignore[misc]
        def resolve(self, kind: type, value: object, implicit: object) -> str:
            return tags[kind.id]

        # No path resolvers here, yet the C composer calls these two around every node: built-in callables
        # that take the same arguments and do nothing cost a third of a Python method (a builtin is not a
        # descriptor, so it is called as it is, without `self`).
        descend_resolver = operator.is_  # (parent, index) -> a bool nobody reads
        ascend_resolver = tuple  # () -> the empty tuple

    return Loader


@cache
def _fast_nodes() -> tuple[type, type, type]:
    """Node classes for PyYAML's C composer whose construction runs in C.

    The composer makes a node for every scalar, list and mapping of a file
    through the names `ScalarNode`, `SequenceNode` and `MappingNode` of its
    own module, and PyYAML's node classes set their fields in Python: about
    a quarter of composing a chronology. msgspec structs with the same fields, in the
    order the composer passes them, are made in C. `_Builder` reads only those
    fields and `id`, so it takes either kind of node (ruamel's too).
    """
    import msgspec

    class Scalar(msgspec.Struct, gc=False):  # holds only text and marks: no cycle can pass through it
        tag: Any
        value: Any
        start_mark: Any
        end_mark: Any
        style: Any = None
        id = "scalar"  # not annotated: a class attribute, not a field

    class Sequence(msgspec.Struct):
        tag: Any
        value: Any  # the items; a mapping's are (key, value) pairs
        start_mark: Any
        end_mark: Any  # set when the collection ends
        flow_style: Any = None
        id = "sequence"

    class Mapping(Sequence):
        id = "mapping"

    return Scalar, Sequence, Mapping


_SWAP = threading.Lock()


def _fast_compose(text: str) -> list[Any]:
    """Every document of `text`, composed by PyYAML's C parser into `_fast_nodes`.

    The composer's node classes are swapped in for this call only and put
    back after it, so any other use of PyYAML in the process still gets
    PyYAML's own nodes, except one in another thread during the call (the
    command line reads files on one thread). Without the C extension, PyYAML's pure-Python
    composer makes its own nodes, which `_Builder` reads as well.
    """
    import yaml as pyyaml

    loader = _fast_loader()
    composer = getattr(pyyaml, "_yaml", None)
    if composer is None:
        return list(pyyaml.compose_all(text, Loader=loader))
    with _SWAP:  # two threads swapping at once could leave the structs in place for good
        kept = composer.ScalarNode, composer.SequenceNode, composer.MappingNode
        composer.ScalarNode, composer.SequenceNode, composer.MappingNode = _fast_nodes()
        try:
            return list(pyyaml.compose_all(text, Loader=loader))
        finally:
            composer.ScalarNode, composer.SequenceNode, composer.MappingNode = kept


@cache
def _ruamel_scanner() -> type:
    """ruamel.yaml's round-trip scanner, taking tabs where libyaml (the fast parser) takes them.

    YAML allows a tab as separation within a line; ruamel refuses one after a
    value (`date: 2025-01-02<TAB># note`) or inside plain text, libyaml does
    not. One file must get one verdict whichever command reads it (`decide`
    edits through ruamel), so ruamel is taught libyaml's rule: a tab is
    whitespace wherever a key cannot start (not in indentation).
    """
    from ruamel.yaml.scanner import RoundTripScanner

    class Scanner(RoundTripScanner):  # type: ignore[misc]
        def _blanks(self) -> int:
            length = 0
            while self.reader.peek(length) in " \t":
                length += 1
            return length

        def scan_to_next_token(self) -> Any:
            if not self.allow_simple_key and not self.flow_level:
                self.reader.forward(self._blanks())
            return super().scan_to_next_token()

        def scan_plain_spaces(self, indent: Any, start_mark: Any) -> Any:
            length = self._blanks()
            blanks = self.reader.prefix(length)
            if "\t" not in blanks:
                return super().scan_plain_spaces(indent, start_mark)
            self.reader.forward(length)
            if self.reader.peek() in "\0\r\n\x85\u2028\u2029":  # blanks ending a line are not text
                return super().scan_plain_spaces(indent, start_mark)
            return [blanks]

    return Scanner


def _parser(engine: Engine) -> tuple[Any, Any, type[Exception]]:
    """Return (compose_all, parse_events, error class) for the chosen engine."""
    if engine == "ruamel":
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        yaml = YAML(typ="rt")
        yaml.Scanner = _ruamel_scanner()
        return yaml.compose_all, yaml.parse, YAMLError
    import yaml as pyyaml

    loader = _fast_loader()
    return (
        _fast_compose,
        lambda text: pyyaml.parse(text, Loader=loader),
        pyyaml.YAMLError,
    )


def _syntax(file: str, exc: Exception, text: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"{problem} ({context})" if context else str(problem)
    if mark is None:
        return RU101.at(file, None, None, message)
    from reunify.case.yamlhints import syntax_hint

    return RU101.at(file, mark.line + 1, mark.column + 1, message,
                    syntax_hint(message, text.splitlines(), mark, getattr(exc, "context_mark", None)))


def _tab_indent(file: str, text: str) -> Diagnostic | None:
    if "\t" not in text:
        return None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent and stripped and not stripped.startswith("#"):
            return RU102.at(file, number, indent.index("\t") + 1,
                        "a tab is used for indentation: YAML indents with spaces only")
    return None


# Where an anchor or alias can start: `&name` or `*name` at the start of a line or after a space, a byte-order
# mark or one of `[{,:` (flow collections; a value after a quoted key). Prose such as "seen at A&E" or "5*3"
# cannot hold one.
_MAY_ANCHOR = re.compile("(?:^|[\\s\\[{,:\ufeff])[&*]\\S", re.MULTILINE)


def _anchor(file: str, text: str, parse_events: Any) -> Diagnostic | None:
    """Refuse anchors and aliases before composing, so an alias bomb never expands. The events are read only
    for a text where one could be: the check costs a second parse."""
    if ("&" not in text and "*" not in text) or not _MAY_ANCHOR.search(text):
        return None
    for event in parse_events(text):
        if getattr(event, "anchor", None):
            mark = event.start_mark
            what = "alias" if type(event).__name__ == "AliasEvent" else "anchor"
            return RU107.at(file, mark.line + 1, mark.column + 1,
                        f"{what} '{event.anchor}' found: case files do not use anchors or "
                        "aliases; write the values out in full")
    return None


def parse_text(text: str, file: str, engine: Engine = "fast",
               positions: bool = True) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Parse a whole file's text. Returns (mapping or None, source map, diagnostics).

    With `positions` false the source map stays empty (diagnostics still carry
    their own line and column): the fast path for files that turn out valid.
    """
    empty = SourceMap()
    tab = _tab_indent(file, text)
    if tab:
        return None, empty, [tab]
    compose_all, parse_events, error = _parser(engine)
    try:
        alias = _anchor(file, text, parse_events)
        if alias:
            return None, empty, [alias]
        documents = list(compose_all(text))
    except error as exc:
        if "maximum nesting depth" in str(getattr(exc, "problem", "")):
            mark = exc.problem_mark  # type: ignore[attr-defined]
            return None, empty, [RU112.at(file, mark.line + 1, mark.column + 1,
                                      f"values are nested more than {MAX_DEPTH} levels deep here")]
        return None, empty, [_syntax(file, exc, text)]
    except RecursionError:  # ruamel's composer recurses once a level
        return None, empty, [RU112.at(file, None, None,
                                  f"values are nested more than {MAX_DEPTH} levels deep")]
    documents = [d for d in documents if d is not None]
    if not documents:
        return None, empty, [RU105.at(file, None, None, "the file is empty: it needs at least its required keys")]
    if len(documents) > 1:
        mark = documents[1].start_mark
        return None, empty, [RU111.at(file, mark.line + 1, mark.column + 1,
                                  "a second YAML document starts here (after ---); a case file holds one")]
    root = documents[0]
    if root.id != "mapping":
        mark = root.start_mark
        return None, empty, [RU106.at(file, mark.line + 1, mark.column + 1,
                                  "the file must be a mapping of keys to values, not a list or a single value")]
    builder = _Builder(file, text, positions)
    data = builder.build(root, () if positions else None, 0) if positions or builder.tags else builder.quick(root, 0)
    return data, builder.smap, builder.diags


def read_file(path: Path, file: str, engine: Engine = "fast",
              root: Path | None = None) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Read, decode and parse one case file (refused when it resolves outside `root`)."""
    text, diags = read_bytes(path, file, root)
    if text is None:
        return None, SourceMap(), diags
    return parse_text(text, file, engine)
