"""Export the case-file records as draft-07 JSON Schemas (for editors and check-jsonschema).

The schemas refuse what `validate` refuses wherever draft-07 can say it: the
Structs give types, words, patterns and dates; `RULES` adds the rules between
fields of one record that the Structs cannot carry; every pattern gets words
an editor shows instead of the regex. What draft-07 cannot say (references
between files, unique ids, dates in order, a quoted date, `2.0` for `2`) is
listed, with why, in tests/test_schema_agreement.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

from reunify.case.model import PATTERN_WORDS, Level, shown

_NON_BLANK = {"type": "string", "pattern": "\\S", "patternErrorMessage": "must not be blank: say why"}
# Rules between two fields of one record, as draft-07 conditions on the record's definition.
RULES: dict[str, list[dict]] = {
    # RU212: a ratification date names who ratified.
    "Decision": [{"if": {"properties": {"ratified_on": {"type": "string"}}, "required": ["ratified_on"]},
                  "then": {"properties": {"ratified_by": {"type": "string"}}, "required": ["ratified_by"]}}],
    # RU210: a level other than the one suggested has its rationale (one condition a level: draft-07 cannot
    # compare two fields, but the levels are few).
    "Classification": [{"if": {"properties": {"level": {"const": level},
                                              "suggested": {"type": "string", "not": {"const": level}}},
                               "required": ["level", "suggested"]},
                        "then": {"properties": {"rationale": _NON_BLANK}, "required": ["rationale"]}}
                       for level in get_args(Level)],
}

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def schemas() -> dict[str, dict]:
    """One self-contained schema a file kind, generated from the same Structs `validate` uses."""
    import msgspec

    from reunify.case.model import FILE_MODELS

    kinds = list(FILE_MODELS)
    _, components = msgspec.json.schema_components(
        [FILE_MODELS[k] for k in kinds], ref_template="#/definitions/{name}"
    )
    _worded(components)
    for name, rules in RULES.items():
        components[name]["allOf"] = rules
    roots = {FILE_MODELS[k].__name__ for k in kinds}
    definitions = {k: v for k, v in components.items() if k not in roots}
    out: dict[str, dict] = {}
    for kind in kinds:
        root = components[FILE_MODELS[kind].__name__]
        out[kind] = {
            "$schema": DRAFT_07,
            "title": f"reunify {kind}.yaml",
            "description": f"The {kind}.yaml file of a reunify case folder (see docs/case-format.md in the reunify repository).",
            **{k: v for k, v in root.items() if k != "title"},
            "definitions": _used(root, definitions),
        }
    return out


def _worded(node: Any) -> None:
    """Give every pattern its words (`patternErrorMessage`, shown by yaml-language-server) in place."""
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str) and node["pattern"] in PATTERN_WORDS:
            node["patternErrorMessage"] = f"must be {PATTERN_WORDS[node['pattern']]}"
        for value in node.values():
            _worded(value)
    elif isinstance(node, list):
        for value in node:
            _worded(value)


def _used(root: dict, definitions: dict[str, dict]) -> dict[str, dict]:
    """Only the definitions reachable from `root`, so each file's schema stays small."""
    wanted: dict[str, dict] = {}
    stack = [root]
    while stack:
        text = json.dumps(stack.pop())
        for name, body in definitions.items():
            if name not in wanted and f'"#/definitions/{name}"' in text:
                wanted[name] = body
                stack.append(body)
    return dict(sorted(wanted.items()))


def render(kind_schema: dict) -> str:
    return json.dumps(kind_schema, indent=2, ensure_ascii=False) + "\n"


SETTINGS_SCHEMA = "reunify-toml.schema.json"


def write(folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every kind, and reunify.toml's schema, atomically; returns the paths written."""
    from reunify.case.settings import json_schema
    from reunify.case.write import atomic_write, make_folders

    make_folders(folder)  # not Path.mkdir(parents=True), which recurses once a missing level
    files = {**{f"{kind}.schema.json": schema for kind, schema in schemas().items()}, SETTINGS_SCHEMA: json_schema()}
    written = []
    for name, schema in files.items():
        path = folder / name
        atomic_write(path, render(schema))
        written.append(path)
    return written


def _type_words(node: dict) -> str:
    if "$ref" in node:
        return "mapping (below)"
    if "anyOf" in node:
        words = [_type_words(n) for n in node["anyOf"] if n.get("type") != "null"]
        return " or ".join(words)
    if "enum" in node:
        return " \\| ".join(f"`{v}`" for v in node["enum"])
    if node.get("type") == "array":
        return f"list of {_type_words(node.get('items', {}))}"
    if node.get("format") == "date":
        return "date"
    if node.get("type") == "string" and "pattern" in node:
        return f"text matching `{shown(node['pattern'])}`"
    return {"string": "text", "boolean": "true/false", "integer": "whole number"}.get(node.get("type", ""), "value")


def _rows(node: dict, prefix: str, definitions: dict, lines: list[str], seen: tuple = ()) -> None:
    """One table row a field, descending into nested records (lists marked with [])."""
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        target = prop
        for option in [*prop.get("anyOf", []), prop]:
            ref = option.get("$ref") or option.get("items", {}).get("$ref")
            if ref:
                target = definitions[ref.rsplit("/", 1)[1]]
        path = f"{prefix}{name}"
        words = _type_words(prop)
        lines.append(f"| `{path}` | {words} | {'yes' if name in required else ''} | {prop.get('description', '')} |")
        if target is not prop and target.get("title") not in seen:
            _rows(target, f"{path}{'[]' if 'list' in words else ''}.", definitions, lines, (*seen, target.get("title")))


def format_reference() -> str:
    """The field-by-field format reference of docs/case-format.md, generated from the same Structs (`make docs`)."""
    lines: list[str] = []
    for kind, schema in schemas().items():
        lines += [f"### `{kind}.yaml`", "", "| field | type | required | meaning |", "|---|---|---|---|"]
        _rows(schema, "", schema["definitions"], lines)
        lines.append("")
    return "\n".join(lines)
