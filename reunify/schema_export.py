"""Export the case-file records as draft-07 JSON Schemas (for editors and check-jsonschema)."""

from __future__ import annotations

import json
from pathlib import Path

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def schemas() -> dict[str, dict]:
    """One self-contained schema a file kind, generated from the same Structs `validate` uses."""
    import msgspec

    from reunify.case.model import FILE_MODELS

    kinds = list(FILE_MODELS)
    _, components = msgspec.json.schema_components(
        [FILE_MODELS[k] for k in kinds], ref_template="#/definitions/{name}"
    )
    out: dict[str, dict] = {}
    for kind in kinds:
        root_name = FILE_MODELS[kind].__name__
        root = dict(components[root_name])
        definitions = {k: v for k, v in components.items() if k != root_name and k not in _roots(kinds)}
        out[kind] = {
            "$schema": DRAFT_07,
            "title": f"reunify {kind}.yaml",
            "description": f"The {kind}.yaml file of a reunify case folder (see the README's format reference).",
            **{k: v for k, v in root.items() if k != "title"},
            "definitions": _used(root, definitions),
        }
    return out


def _roots(kinds: list[str]) -> set[str]:
    from reunify.case.model import FILE_MODELS

    return {FILE_MODELS[k].__name__ for k in kinds}


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
    from reunify.fileio import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in schemas().items():
        path = folder / f"{kind}.schema.json"
        atomic_write(path, render(schema))
        written.append(path)
    return written
