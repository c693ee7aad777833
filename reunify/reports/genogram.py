"""Draw the genogram as Mermaid (for Markdown viewers) and Graphviz DOT, with genogram conventions.

Squares are male, circles female, hexagons other or unknown; a deceased
person is marked with a cross; the child is highlighted; the household the
child would return to is a boundary around its members; each union is a small
node joining the partners (solid line for married/cohabiting/partners, dashed
for separated/divorced) with lines down to their children; emotional bonds
are labelled edges. Works on the report context (so redaction applies).
"""

from __future__ import annotations

import re
from typing import Any

from reunify.reports import escape
from reunify.reports.labels import label

SOLID = {"married", "cohabiting", "partners", "single", None}


def _label(person: dict[str, Any]) -> str:
    parts = [person.get("name") or person["id"]]
    if person.get("born"):
        parts.append(f"b. {str(person['born'])[:4]}")
    if person.get("died"):
        parts.append(f"d. {str(person['died'])[:4]} (deceased)")
    return " · ".join(parts)


def _node_id(person_id: str) -> str:
    """A DOT and Mermaid node id: `p_` and the person id (or its redaction token) with anything but letters and
    digits as `_`, so no id can break either syntax."""
    return "p_" + re.sub(r"[^A-Za-z0-9]", "_", person_id)


def mermaid(genogram: dict[str, Any] | None, child: str) -> str:
    if not genogram or not genogram.get("people"):
        return ""
    lines = ["flowchart TD"]
    shapes = {"male": ('["', '"]'), "female": ('(("', '"))'), None: ('{{"', '"}}')}
    household = [p for p in genogram["people"] if p.get("household")]
    outside = [p for p in genogram["people"] if not p.get("household")]

    def node(p: dict[str, Any]) -> str:
        left, right = shapes.get(p.get("sex"), shapes[None])
        cross = "✝ " if p.get("died") else ""
        return f"{_node_id(p['id'])}{left}{cross}{escape.mermaid(_label(p))}{right}"

    if household:
        lines.append('  subgraph household["Household the child would return to"]')
        lines += [f"    {node(p)}" for p in household]
        lines.append("  end")
    lines += [f"  {node(p)}" for p in outside]
    for i, union in enumerate(genogram.get("unions") or []):
        u = f"u{i}"
        status = union.get("status")
        lines.append(f'  {u}(("{escape.mermaid(label(status, "UnionStatus") or "union")}"))')
        link = "---" if status in SOLID else "-.-"
        lines += [f"  {_node_id(p)} {link} {u}" for p in union["partners"]]
        lines += [f"  {u} --> {_node_id(c)}" for c in union.get("children") or []]
    for bond in genogram.get("bonds") or []:
        a, b = bond["between"]
        arrow = "===" if bond["kind"] == "close" else "-.-" if bond["kind"] in ("distant", "cut-off") else "---"
        lines.append(f'  {_node_id(a)} {arrow}|"{escape.mermaid(label(bond["kind"], "BondKind"))}"| {_node_id(b)}')
    lines.append("  classDef child stroke-width:4px")
    lines.append(f"  class {_node_id(child)} child")
    return "\n".join(lines)


def dot(genogram: dict[str, Any] | None, child: str, title: str) -> str:
    lines = ["graph genogram {", f'  label="{escape.dot(title)}";', "  node [fontname=Helvetica];"]
    people = (genogram or {}).get("people") or []
    shapes = {"male": "box", "female": "ellipse"}

    def node(p: dict[str, Any]) -> str:
        extra = ", penwidth=3" if p["id"] == child else ""
        extra += ", style=dashed" if p.get("died") else ""
        return f'{_node_id(p["id"])} [label="{escape.dot(_label(p))}", shape={shapes.get(p.get("sex"), "hexagon")}{extra}];'

    household = [p for p in people if p.get("household")]
    if household:
        lines.append('  subgraph cluster_household { label="Household the child would return to"; style=rounded;')
        lines += [f"    {node(p)}" for p in household]
        lines.append("  }")
    lines += [f"  {node(p)}" for p in people if not p.get("household")]
    for i, union in enumerate((genogram or {}).get("unions") or []):
        status = union.get("status")
        lines.append(f'  u{i} [shape=point, xlabel="{escape.dot(label(status, "UnionStatus") or "")}"];')
        style = "" if status in SOLID else " [style=dashed]"
        lines += [f"  {_node_id(p)} -- u{i}{style};" for p in union["partners"]]
        lines += [f"  u{i} -- {_node_id(c)};" for c in union.get("children") or []]
    for bond in (genogram or {}).get("bonds") or []:
        a, b = bond["between"]
        lines.append(f'  {_node_id(a)} -- {_node_id(b)} [label="{escape.dot(label(bond["kind"], "BondKind"))}", style=dotted, '
                     "constraint=false];")
    lines.append("}")
    return "\n".join(lines) + "\n"
