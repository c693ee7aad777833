"""Export the case-file records as draft-07 JSON Schemas (for editors and check-jsonschema)."""

from __future__ import annotations

import json
from pathlib import Path

from reunify.case.model import shown

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def schemas() -> dict[str, dict]:
    """One self-contained schema a file kind, generated from the same Structs `validate` uses."""
    import msgspec

    from reunify.case.model import FILE_MODELS

    kinds = list(FILE_MODELS)
    _, components = msgspec.json.schema_components(
        [FILE_MODELS[k] for k in kinds], ref_template="#/definitions/{name}"
    )
    roots = {FILE_MODELS[k].__name__ for k in kinds}
    definitions = {k: v for k, v in components.items() if k not in roots}
    out: dict[str, dict] = {}
    for kind in kinds:
        root = components[FILE_MODELS[kind].__name__]
        out[kind] = {
            "$schema": DRAFT_07,
            "title": f"reunify {kind}.yaml",
            "description": f"The {kind}.yaml file of a reunify case folder (see the README's format reference).",
            **{k: v for k, v in root.items() if k != "title"},
            "definitions": _used(root, definitions),
        }
    return out


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


def write(folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every kind atomically; returns the paths written."""
    from reunify.case.write import atomic_write, make_folders

    make_folders(folder)  # not Path.mkdir(parents=True), which recurses once a missing level
    written = []
    for kind, schema in schemas().items():
        path = folder / f"{kind}.schema.json"
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
    """The README's field-by-field format reference, generated from the same Structs."""
    lines: list[str] = []
    for kind, schema in schemas().items():
        lines += [f"#### `{kind}.yaml`", "", "| field | type | required | meaning |", "|---|---|---|---|"]
        _rows(schema, "", schema["definitions"], lines)
        lines.append("")
    return "\n".join(lines)
