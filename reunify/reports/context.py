"""What a report template sees: the case's records and the same results the CLI shows.

Templates never compute practice logic: classification and checklist come from
the framework layer via `reunify.results`. `--redact` rewrites the whole
context before rendering: people become initials, staff become their roles,
dates of birth keep only year and month.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import msgspec
import msgspec.inspect as mi

from reunify.case.load import Case
from reunify.case.model import FILE_MODELS, Person
from reunify.case.schema_check import type_info
from reunify.case.settings import Settings
from reunify.framework import classification as table
from reunify.framework import results
from reunify.framework.dates import age_on
from reunify.framework.family import parents

STAFF_ROLES = {
    "social_worker": "the social worker", "team_manager": "the team manager",
    "service_manager": "the service manager", "qaro": "the reviewing officer",
    "head_of_service": "the head of service", "chronologist": "the chronologist",
}


def filled(value: Any, t: mi.Type) -> Any:
    """`value` with every absent key present: None, an empty list, or a record of Nones.

    Templates then read `case.assessment.completed` without tests on every
    level, and an absent value renders as "not recorded".
    """
    while isinstance(t, mi.Metadata):
        t = t.type
    if isinstance(t, mi.UnionType):
        members = [m.type if isinstance(m, mi.Metadata) else m for m in t.types]
        inner = next((m for m in members if isinstance(m, (mi.StructType, mi.ListType))), None)
        return filled(value, inner) if inner is not None else value
    if isinstance(t, mi.StructType):
        source = value or {}
        return {f.encode_name: filled(source.get(f.encode_name), f.type) for f in t.fields}
    if isinstance(t, mi.ListType):
        return [filled(v, t.item_type) for v in value or []]
    return value


def build(case: Case, as_of: dt.date, settings: Settings, commit: str) -> dict[str, Any]:
    data = {kind: filled(msgspec.to_builtins(case.records.get(kind)), type_info(model))
            for kind, model in FILE_MODELS.items()}
    record = case.case
    assert record is not None
    people = {p["id"]: p for p in data["genogram"]["people"]}
    # A child missing from the genogram still has every field, so each report renders ("not recorded").
    child = people.get(record.child) or {**filled({}, type_info(Person)), "id": record.child, "name": record.child}
    born = case.genogram and next((p.born for p in case.genogram.people or [] if p.id == record.child), None)
    return {
        "header": {"reference": record.reference, "as_of": as_of.isoformat(), "commit": commit},
        "case": data["case"],
        "chronology": data.get("chronology"),
        "genogram": data.get("genogram"),
        "factors": data.get("factors"),
        "agreements": data.get("agreements"),
        "contingency": data.get("contingency"),
        "plan": data.get("plan"),
        "people": people,
        "child": child,
        "child_age": age_on(born, as_of) if born else None,
        "parents": parents(case, as_of),
        "classification": (classified := results.classification(case, as_of)),
        # The recorded classification's own entry (its suggestion then, its rationale), for the reports to quote.
        "recorded_entry": next((c for c in data["case"]["classifications"] if classified["recorded"]
                                and c["label"] == classified["recorded"]["label"]), None),
        "checklist": results.checklist(case, as_of, settings),
        "criteria_titles": {key: title for key, (title, _words) in table.ROWS.items()},
        "meaning": table.MEANING,
    }


def _initials(name: str) -> str:
    parts = [p for p in re.split(r"[\s-]+", name) if p and p[0].isalpha()]
    return "".join(p[0].upper() for p in parts) if parts else "X"


def redaction_map(context: dict[str, Any]) -> dict[str, str]:
    """Names to replace, longest first: full names, then each part of a name."""
    replacements: dict[str, str] = {}
    for person in context["people"].values():
        name = person.get("name") or ""
        replacements.setdefault(name, _initials(name))
        for part in re.split(r"[\s-]+", name):
            if len(part) > 2 and part[0].isupper() and part not in ("The", "And"):
                replacements.setdefault(part, part[0])
    for field, role in STAFF_ROLES.items():
        name = context["case"]["team"][field]
        if name:
            replacements.setdefault(name, role)
            for part in name.split():
                if len(part) > 2:
                    replacements.setdefault(part, role)
    # Decision makers outside the team section (a corporate director, a panel chair) by their role.
    for decision in context["case"]["decisions"]:
        role = (decision["role"] or "decision maker").replace("-", " ")
        for name, what in ((decision["by"], f"the {role}"), (decision["ratified_by"], "the head of service")):
            if name and name not in context["people"]:
                replacements.setdefault(name, what)
    return dict(sorted(replacements.items(), key=lambda kv: -len(kv[0])))


def redact(context: dict[str, Any]) -> dict[str, Any]:
    """The whole context with names replaced (free text included) and dates of birth degraded."""
    mapping = redaction_map(context)
    if not mapping:
        return context
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in mapping) + r")\b")

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, str):
            if key == "born":
                return value[:7]
            return pattern.sub(lambda m: mapping[m.group(1)], value)
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        return value

    redacted = walk({k: v for k, v in context.items() if k != "header"})
    redacted["header"] = {**context["header"], "redacted": True}
    return redacted
