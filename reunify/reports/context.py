"""What a report template sees: the case's records and the same results the CLI shows.

Templates never compute practice logic: classification and checklist come from
the framework layer via `reunify.framework.results`. `--redact` rewrites the whole
context before rendering: people become initials, staff become their roles,
dates of birth keep only year and month.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

import msgspec
import msgspec.inspect as mi

from reunify.case.load import Case
from reunify.case.model import FILE_MODELS, Person
from reunify.case.schema_check import type_info
from reunify.case.settings import Settings
from reunify.framework import classification as table
from reunify.framework import results
from reunify.framework.facts import Facts
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


def _when(item: dict[str, Any]) -> tuple:
    """Where a dated record stands in time: an approximate date (only its month known) at the start of its
    month, undated records last."""
    date = item.get("date")
    if date is None:
        return (1, "", 0, "")
    text = str(date)
    return (0, text[:7], 1 - bool(item.get("approximate")), text)


def in_date_order(value: Any) -> Any:
    """`value` with every list of dated records (chronology entries, meetings, decisions, classifications,
    visits, reviews...) in date order; records of one date keep the order the file gives them."""
    if isinstance(value, dict):
        return {k: in_date_order(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [in_date_order(v) for v in value]
        if items and all(isinstance(v, dict) and "date" in v for v in items):
            items.sort(key=_when)
        return items
    return value


def build(case: Case, as_of: dt.date, settings: Settings, commit: str) -> dict[str, Any]:
    data = {kind: in_date_order(filled(msgspec.to_builtins(case.records.get(kind)), type_info(model)))
            for kind, model in FILE_MODELS.items()}
    record = case.case
    assert record is not None
    people = {p["id"]: p for p in data["genogram"]["people"]}
    # A child missing from the genogram still has every field, so each report renders ("not recorded").
    child = people.get(record.child) or {**filled({}, type_info(Person)), "id": record.child, "name": record.child}
    facts = Facts(case, as_of, settings)
    classification = results.classification(case, as_of, settings, facts)
    return {
        "header": {"reference": record.reference, "as_of": as_of.isoformat(), "commit": commit},
        **data,  # case, chronology, genogram, factors, agreements, contingency, plan: every key present
        "people": people,
        "child": child,
        "parents": parents(case, as_of),
        "returned": facts.returned is not None,
        "classification": classification,
        "young_person": young_person(classification),
        "checklist": results.checklist(case, as_of, settings, facts),
        "criteria_titles": {key: title for key, (title, _words) in table.ROWS.items()},
    }


# Advice that means the adults are looking again at how safe things are (the young person's report then says so
# and never "safe to go home"), when in force as status reads it (alerts.is_safeguarding: high-to-severe once its six
# months have passed).
LOOKING_AGAIN = ("new-risk", "reclassify-higher", "high-to-severe")


def young_person(classification: dict[str, Any]) -> dict[str, Any]:
    """What the young person's report may tell the child (Detailed Reunification Workflow: the level is confirmed ("TM
    discussion with Service Manager ... to confirm level of risk"), then shared ("Use the risk
    classification table to help explain the decision and Young Persons Report")).

    `colour_level`: the recorded level, never the tool's suggestion (None: no classification yet).
    `looking_again`: new-risk, reclassify-higher or high-to-severe is in force, so the report says the adults are
    looking again at how safe things are, never that it is safe to go home.
    `criteria_confirmed`: the sentences about helpers and worries (the criteria today) agree with the recorded
    level: a classification is recorded, the suggestion today is that level, and nothing is being looked at again.
    Otherwise the child would read "green" beside "a big chance you could be hurt again".
    """
    from reunify.framework.alerts import is_safeguarding

    recorded = classification["recorded"]
    looking_again = any(a["rule"] in LOOKING_AGAIN and is_safeguarding(a["rule"], a["overdue"])
                        for a in classification["advice"])
    confirmed = recorded is not None and not looking_again and classification["suggested"] == recorded["level"]
    return {"colour_level": recorded["level"] if recorded else None, "looking_again": looking_again,
            "criteria_confirmed": confirmed}


def _initials(name: str) -> str:
    parts = [p for p in re.split(r"[\s-]+", name) if p and p[0].isalpha()]
    return "".join(p[0].upper() for p in parts) if parts else "X"


# Keys whose values name someone (docs/command-line.md, "render": every by/signed_off_by/ratified_by/who, attendees, carers,
# trusted adult), wherever they sit in the case; any other key ending in _by counts too.
NAME_KEYS = {"by", "who", "owner", "carer", "attendees", "trusted_adult", "person", "parties", "shared_with"}
# Words never treated as a name part on their own (titles and joining words); a tool convention.
NOT_NAMES = {"the", "and", "of", "for", "mr", "mrs", "ms", "miss", "mx", "dr", "de", "van", "von", "la", "le"}


def _named(value: Any, key: str = "") -> list[str]:
    """Every name-like string under the keys that hold names."""
    out: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _named(v, k)
    elif isinstance(value, list):
        for v in value:
            out += _named(v, key)
    elif isinstance(value, str) and value.strip() and (key in NAME_KEYS or key.endswith("_by")):
        out.append(value.strip())
    return out


def _parts(name: str, capitals_only: bool) -> list[str]:
    """First names, surnames and short names ("Jo", "Al") of a full name; single letters are initials already.

    `capitals_only` keeps only capitalised words: in a staff or service name
    ("Women's Aid worker") the lower-case words are ordinary words, not names.
    """
    return [p for p in re.split(r"[^\w']+", name) if len(p) >= 2 and p.lower() not in NOT_NAMES and p[0].isalpha()
            and (p[0].isupper() or not capitals_only)]


def redaction_map(context: dict[str, Any]) -> dict[str, str]:
    """What to replace, keyed by the lower-cased name: full names, person ids, and each part of a name.

    One rule for every name: a person becomes their role where the case gives
    one (staff, decision makers), else the initials of their full name (a
    number added when two share them, so the diagram keeps one node each); a
    first name, surname or short name alone becomes the same as the full name
    ("Chloe" and "Chloe Hughes" both "CH"), unless several people share it (a
    family surname), which becomes its initial. Matching is case-insensitive
    and on word boundaries.
    """
    replacements: dict[str, str] = {}
    taken: set[str] = set()
    family: set[str] = set()  # genogram names: every part of them is a name
    everything = {k: v for k, v in context.items() if k in FILE_MODELS}
    # Every word of every name and id: a token that were one of them would itself be replaced (the last pass
    # over each report), or judged a name below, and `p_LH` would become `p_[redacted]` in the diagrams.
    words = {fold(w) for text in [*_named(everything), *(p.get("name") or "" for p in context["genogram"]["people"]),
                                  *(p["id"] for p in context["genogram"]["people"]),
                                  *(context["case"]["team"][f] or "" for f in STAFF_ROLES)]
             for w in re.split(r"[^\w]+", text) if w}

    def put(name: str, replacement: str) -> None:
        if name.strip():
            replacements.setdefault(name.strip().lower(), replacement)

    numbers: dict[str, int] = {}  # the last number given to each base, so 20,000 "PN"s cost no more than one
    for person in context["genogram"]["people"]:
        base = re.sub(r"[^A-Za-z0-9]", "", _initials(person.get("name") or person["id"])) or "X"
        number = numbers.get(base.lower(), 1)
        token = base if number == 1 else f"{base}{number}"
        while token.lower() in taken or fold(token) in words:
            number += 1
            token = f"{base}{number}"
        numbers[base.lower()] = number
        taken.add(token.lower())
        put(person["id"], token)
        put(person.get("name") or "", token)
        family.add((person.get("name") or "").strip().lower())
    for field, role in STAFF_ROLES.items():
        name = context["case"]["team"][field]
        if name:
            put(name, role)
    for decision in context["case"]["decisions"]:
        role = (decision["role"] or "decision maker").replace("-", " ")
        for name, what in ((decision["by"], f"the {role}"), (decision["ratified_by"], "the head of service")):
            if name:
                put(name, what)
    known: dict[str, set[str]] = {}  # each word of a genogram or staff name: whose replacement it is
    for name, replacement in list(replacements.items()):
        for part in _parts(name, capitals_only=False):
            known.setdefault(part.lower(), set()).add(replacement)
    for name in _named(everything):  # "Mrs Khan" is Farah Khan when no one else is a Khan
        whose = set.intersection(*(known.get(p.lower(), set()) for p in parts)) if (parts := _parts(name, True)) else set()
        put(name, next(iter(whose)) if len(whose) == 1 else _initials(name))
    originals = {n.strip().lower(): n.strip() for n in [*_named(everything),
                                                          *(p.get("name") or "" for p in context["genogram"]["people"]),
                                                          *(context["case"]["team"][f] or "" for f in STAFF_ROLES)]}
    owners: dict[str, set[str]] = {}  # each word of a name: whose replacement it stands for
    for name, replacement in list(replacements.items()):
        for part in _parts(originals.get(name, name), capitals_only=name not in family):
            owners.setdefault(part.strip().lower(), set()).add(replacement)
    for part, tokens in owners.items():  # one rule for every name: a word of one person's name is that person
        put(part, next(iter(tokens)) if len(tokens) == 1 else part[0].upper())  # a shared surname, its initial
    taboo = _pattern(replacements)
    for name, replacement in replacements.items():  # a replacement must not itself hold a name
        if taboo.search(replacement):
            replacements[name] = "[redacted]"
    return dict(sorted(replacements.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def fold(text: str) -> str:
    """A name as redaction compares it: without case or accents, so `İlker`, `ILKER` and `Ilker` (and `Zoë`
    and `Zoe`) are one name. Python's case-insensitive matching pairs `İ` with `i` and `ſ` with `s`, which
    lower-casing alone does not."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def redactor(mapping: dict[str, str]) -> Callable[[str], str]:
    """A function replacing every mapped name in a text (case- and accent-insensitive, whole words only)."""
    if not mapping:
        return lambda text: text
    folded: dict[str, str] = {}
    for name, replacement in mapping.items():
        folded.setdefault(fold(name), replacement)
    pattern = _pattern({v for name in mapping for v in (name, fold(name))})
    return lambda text: pattern.sub(lambda m: folded.get(fold(m.group(1)), "[redacted]"), text)


LONGEST = 100  # characters: a longer "name" is found by its parts, each a name too; it keeps the pattern small


def _pattern(names: Iterable[str]) -> re.Pattern[str]:
    """One regular expression finding any of `names` as whole words, in any case.

    The names are merged into a trie (`jo(?:anne)?`), so a match costs the length of the name, not the number
    of names: a plain alternation of a hostile genogram's 20,000 people took minutes a report.
    """
    trie: dict[str, dict] = {}
    for name in names:
        if 0 < len(name) <= LONGEST:
            node = trie
            for char in name:
                node = node.setdefault(char, {})
            node[""] = {}  # a name ends here

    def branch(node: dict[str, dict]) -> str:
        arms = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not arms:
            return ""
        body = arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"
        return f"(?:{body})?" if "" in node else body

    body = branch(trie) or "(?!)"  # no names: a pattern that never matches
    return re.compile(rf"(?<!\w)({body})(?!\w)", re.IGNORECASE)


def redact(context: dict[str, Any]) -> tuple[dict[str, Any], Callable[[str], str]]:
    """The whole context with names replaced (free text and ids included) and dates of birth degraded,
    and the replacing function, for a last pass over each rendered report."""
    mapping = redaction_map(context)
    replace = redactor(mapping)

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, str):
            if key == "born":
                return value[:7]
            return replace(value)
        if isinstance(value, dt.date) and key == "born":
            return value.isoformat()[:7]
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        return value

    redacted = walk({k: v for k, v in context.items() if k not in ("header", "people", "child")})
    redacted["people"] = {p["id"]: p for p in redacted["genogram"]["people"]}
    child = redacted["case"]["child"]
    redacted["child"] = redacted["people"].get(child) or {"id": child, "name": child}
    redacted["header"] = {**context["header"], "redacted": True}
    return redacted, replace
