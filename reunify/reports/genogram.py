"""Draw the genogram as Mermaid (for Markdown viewers) and Graphviz DOT, by the conventions practitioners read.

Generations run top to bottom, each on one level; partners stand side by side
joined through a small union point, the line's style showing the couple's
status; children hang from their parents' union, siblings level and in birth
order. Squares are male, circles female, hexagons other or unknown; † marks a
person who has died; the child has a double outline; people of the household
the child would return to are shaded (a boundary round them, as drawn by hand,
would pull Graphviz's generations apart). Emotional bonds are labelled lines that do not move anyone.
Works on the report context (so redaction applies).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from reunify.reports import escape
from reunify.reports.labels import label

FONT_SIZE = 12  # points in the drawing; the Word picture is never shrunk below 9 pt (export.PRINTED_WIDTH)
# How each union status draws its line (DOT style, pen width); Mermaid has solid, thick and dotted links.
UNION_LINE = {"married": ("solid", 2.5), "cohabiting": ("solid", 1), "partners": ("solid", 1),
              "separated": ("dashed", 1), "divorced": ("dotted", 1.5), "single": ("solid", 1), None: ("solid", 1)}
MERMAID_LINK = {"married": "===", "separated": "-.-", "divorced": "-.-"}
GENERATION_YEARS = 25  # years between generations, to place someone the unions do not
WRAP = 16  # characters a line of a name in the DOT drawing
MARK_DIED = "†"  # a dagger: in every font Graphviz and Word use (a Latin cross, U+271D, is not)


def _label(person: dict[str, Any], separator: str, wrap: int = 0) -> str:
    """Name (wrapped at `wrap` characters, to keep a drawing narrow enough to print its text at 9 pt), years."""
    import textwrap

    name = f"{MARK_DIED} " * bool(person.get("died")) + (person.get("name") or person["id"])
    parts = (textwrap.wrap(name, wrap, break_long_words=False) or [name]) if wrap else [name]
    years = [f"b. {str(person['born'])[:4]}"] if person.get("born") else []
    years += [f"d. {str(person['died'])[:4]}"] if person.get("died") else []
    if years:
        parts.append(" ".join(years))
    return separator.join(parts)


def _node_id(person_id: str) -> str:
    """A DOT and Mermaid node id: `p_` and the person id (or its redaction token) with anything but letters and
    digits as `_`, so no id can break either syntax."""
    return "p_" + re.sub(r"[^A-Za-z0-9]", "_", person_id)


def _born(person: dict[str, Any] | None) -> str:
    """A sort key putting people in birth order, those with no date of birth last (and in their listed order)."""
    return str((person or {}).get("born") or "9999")


def generations(genogram: dict[str, Any]) -> dict[str, int]:
    """Each person's generation, 0 at the top: partners share one, children sit one below their parents' union.

    Someone related to no one by a union stands with the generation nearest their year of birth (one
    above or below the others included), or in the top one when it is not known. Hostile data (someone their own ancestor) cannot
    loop: the passes are bounded by the number of people.
    """
    people = [p["id"] for p in genogram.get("people") or []]
    level = dict.fromkeys(people, 0)
    unions = genogram.get("unions") or []
    for _ in range(len(people) + 1):
        changed = False
        for union in unions:
            partners = [p for p in union["partners"] if p in level]
            top = max((level[p] for p in partners), default=None)
            if top is None:
                continue
            for who, at in [*((p, top) for p in partners), *((c, top + 1) for c in union.get("children") or [])]:
                if who in level and level[who] < at:
                    level[who] = at
                    changed = True
        if not changed:
            break
    related = {p for u in unions for p in [*u["partners"], *(u.get("children") or [])]}
    years: dict[int, list[int]] = {}
    born = {p["id"]: int(str(p["born"])[:4]) for p in genogram.get("people") or [] if str(p.get("born") or "")[:4].isdigit()}
    for pid in related & born.keys():
        years.setdefault(level[pid], []).append(born[pid])
    if years:  # someone related to no one by a union stands with the generation nearest their year of birth
        mean = {g: sum(ys) / len(ys) for g, ys in years.items()}
        mean[min(mean) - 1] = mean[min(mean)] - GENERATION_YEARS
        mean[max(mean) + 1] = mean[max(mean)] + GENERATION_YEARS
        for pid in born.keys() - related:
            level[pid] = min(mean, key=lambda g: abs(mean[g] - born[pid]))
    top = min(level.values(), default=0)
    level.update(dict.fromkeys(set(level) - related - born.keys(), top))
    return {pid: g - top for pid, g in level.items()}


def _ordered(genogram: dict[str, Any]) -> tuple[list[list[dict[str, Any]]], dict[str, int]]:
    """The people generation by generation, top first (within one, siblings in birth order and partners
    together), and each person's generation."""
    level = generations(genogram)
    people = {p["id"]: p for p in genogram.get("people") or []}
    seen: dict[str, None] = {}
    for union in genogram.get("unions") or []:  # partners next to each other, then each sibship by birth
        seen.update(dict.fromkeys(p for p in union["partners"] if p in people))
        seen.update(dict.fromkeys(sorted((c for c in union.get("children") or [] if c in people),
                                         key=lambda c: _born(people[c]))))
    seen.update(dict.fromkeys(people))
    rows: list[list[dict[str, Any]]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for pid in seen:
        rows[level[pid]].append(people[pid])
    return rows, level


def mermaid(genogram: dict[str, Any] | None, child: str) -> str:
    if not genogram or not genogram.get("people"):
        return ""
    lines = ["flowchart TD"]
    shapes = {"male": ('["', '"]'), "female": ('(("', '"))'), None: ('{{"', '"}}')}
    rows, level = _ordered(genogram)
    people = {p["id"]: p for row in rows for p in row}
    for number, row in enumerate(rows, 1):
        lines.append(f'  subgraph generation{number}["Generation {number}"]')
        for p in row:
            left, right = shapes.get(p.get("sex"), shapes[None])
            lines.append(f"    {_node_id(p['id'])}{left}{escape.mermaid(_label(p, ' · '))}{right}")
        lines.append("  end")
    for i, union in enumerate(genogram.get("unions") or []):
        u = f"u{i}"
        status = union.get("status")
        lines.append(f'  {u}(("{escape.mermaid(label(status, "UnionStatus") or "union")}"))')
        link = MERMAID_LINK.get(status, "---")
        lines += [f"  {_node_id(p)} {link} {u}" for p in union["partners"]]
        children = sorted(union.get("children") or [], key=lambda c: _born(people.get(c)))
        lines += [f"  {u} --> {_node_id(c)}" for c in children]
    for bond in genogram.get("bonds") or []:
        a, b = sorted(bond["between"], key=lambda who: level.get(who, 0))  # drawn downwards: no one is pushed up
        arrow = "===" if bond["kind"] == "close" else "-.-" if bond["kind"] in ("distant", "cut-off") else "---"
        lines.append(f'  {_node_id(a)} {arrow}|"{escape.mermaid(label(bond["kind"], "BondKind"))}"| {_node_id(b)}')
    household = [_node_id(p["id"]) for row in rows for p in row if p.get("household")]
    lines.append("  classDef child stroke-width:4px")
    lines.append(f"  class {_node_id(child)} child")
    if household:
        lines.append("  classDef household fill:#e8e8e8")
        lines.append(f"  class {','.join(household)} household")
    return "\n".join(lines)


def dot(genogram: dict[str, Any] | None, child: str, title: str) -> str:
    """A directed graph Graphviz lays out top to bottom: one `rank=same` level a generation (its union points
    with it), flat edges partner → union → partner keeping couples side by side, invisible edges keeping
    siblings in birth order, invisible edges keeping each generation below the one before (people the unions
    do not relate), and bonds drawn without constraining the layout."""
    genogram = genogram or {}
    lines = ["digraph genogram {", f'  label="{escape.dot(title)}";',
             f"  labelloc=t; rankdir=TB; nodesep=0.2; fontname=Helvetica; fontsize={FONT_SIZE};",
             f"  node [fontname=Helvetica, fontsize={FONT_SIZE}, style=filled, fillcolor=white];",
             f"  edge [dir=none, fontname=Helvetica, fontsize={FONT_SIZE}];"]
    shapes = {"male": "box", "female": "ellipse"}
    rows, level = _ordered(genogram)
    people = {p["id"]: p for row in rows for p in row}

    def node(p: dict[str, Any]) -> str:
        extra = ", peripheries=2, penwidth=2" if p["id"] == child else ""
        extra += ", fillcolor=gray90" if p.get("household") else ""
        return (f'{_node_id(p["id"])} [label="{escape.dot(_label(p, chr(10), WRAP))}", '
                f'shape={shapes.get(p.get("sex"), "hexagon")}{extra}];')

    lines += [f"  {node(p)}" for row in rows for p in row]
    members: list[list[str]] = [[_node_id(p["id"]) for p in row] for row in rows]
    has_left: set[str] = set()
    has_right: set[str] = set()
    for i, union in enumerate(genogram.get("unions") or []):
        u = f"u{i}"
        status = union.get("status")
        partners = [p for p in union["partners"] if p in people]
        style, width = UNION_LINE.get(status, UNION_LINE[None])
        status_words = escape.dot(label(status, "UnionStatus") or "") if len(partners) == 2 else ""  # a couple's
        lines.append(f'  {u} [shape=point, width=0.08, fillcolor=black, xlabel="{status_words}"];')
        if partners:
            members[level[partners[0]]].append(u)
        if len(partners) == 2 and (partners[0] in has_right or partners[1] in has_left):
            partners.reverse()  # someone with two partners stands between them, not beside both
        if len(partners) == 2:
            has_right.add(partners[0])
            has_left.add(partners[1])
        chain = [_node_id(partners[0]), u, *(_node_id(p) for p in partners[1:])] if partners else [u]
        if len(chain) > 1:
            lines.append(f"  {' -> '.join(chain)} [style={style}, penwidth={width}, weight=10];")
        children = sorted((c for c in union.get("children") or [] if c in people), key=lambda c: _born(people[c]))
        lines += [f"  {u} -> {_node_id(c)};" for c in children]
        for older, younger in itertools.pairwise(children):
            if level[older] == level[younger]:
                lines.append(f"  {_node_id(older)} -> {_node_id(younger)} [style=invis];")
    for bond in genogram.get("bonds") or []:
        a, b = bond["between"]
        lines.append(f'  {_node_id(a)} -> {_node_id(b)} [label="{escape.dot(label(bond["kind"], "BondKind"))}", '
                     "style=dotted, constraint=false];")
    lines += [f"  {{ rank=same; {'; '.join(row)}; }}" for row in members if row]
    firsts = [row[0] for row in members if row]  # each generation below the one before, related or not
    lines += [f"  {upper} -> {lower} [style=invis, weight=0];" for upper, lower in itertools.pairwise(firsts)]
    lines.append("}")
    return "\n".join(lines) + "\n"
