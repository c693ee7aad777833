"""Regenerate the generated parts of docs/ (`make docs`); `python docs/generate.py --check` only reports.

Each page is hand-written prose around marked blocks,
`<!-- generated:NAME -->` ... `<!-- end generated:NAME -->`; only the text
between the markers is rewritten, from the code that defines it: the rules
table (`reunify rules --format json`), the case-format model, the command table
(`reunify/cli/spec.py`) and an example case. tests/test_docs.py fails, with the
diff, when a page is not current.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from reunify.sources import CONVENTION, SOURCES

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
EXAMPLE = ROOT / "cases.example" / "RU-2025-0087"  # the example case with every file
BLOCK = re.compile(r"(<!-- generated:(?P<name>[\w.-]+) -->\n)(?P<body>.*?)(<!-- end generated:(?P=name) -->)", re.S)

_CONTRACTS = {page: page for page in ("command-line.md", "case-format.md", "practice-rules.md")}
# A docs/ page named in a source, not already inside a Markdown link (so `titled` can run twice).
_CITED = re.compile(r"(?<!\[)(?<!\]\()(?:docs/)?\b(" + "|".join(map(re.escape, _CONTRACTS)) + r")( §\d+)?")


def titled(text: str) -> str:
    """A source or quotation with the contract pages it names linked (docs/ pages)."""
    text = _CITED.sub(lambda m: f"[{_CONTRACTS[m.group(1)]}]({_CONTRACTS[m.group(1)]})", text)
    return CONVENTION if text == "tool" else text


def source(entry: dict) -> str:
    """The source cell: the framework's title when it gives a `source_id`, else today's string read by `titled`."""
    known = SOURCES.get(entry.get("source_id") or "")
    text = titled(entry["source"])
    if known and known.title not in text:
        text = f"*{known.title}* ({text})"
    return text


def cell(value: object) -> str:
    """A Markdown table cell: sources by title, pipes escaped, lines joined, nothing for None."""
    return "" if value is None else titled(" ".join(str(value).split())).replace("|", "\\|")


def table(head: tuple[str, ...], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def convention(entry: dict) -> str:
    if entry.get("convention"):
        return "**tool convention**"
    return f"ours: {titled(entry['convention_note'])}" if entry.get("convention_note") else ""


def quoted(words: str | None) -> str:
    return f"\"{titled(words)}\"" if words else ""


def _rules() -> dict:
    from reunify.case.settings import Settings
    from reunify.cli.views.rules import table as rules_table

    return rules_table(Settings())


def movement(rules: dict) -> str:
    return table(("id", "moves to", "when", "source", "the document's words", "convention"),
                 [(f"`{r['id']}`", r["level"] or "", r["when"], source(r), quoted(r.get("quote")), convention(r))
                  for r in rules["movement"]])


def triggers(rules: dict) -> str:
    return table(("id", "trigger point", "when", "source", "convention"),
                 [(f"`{t['id']}`", quoted(t.get("quote")), t["when"], source(t), convention(t))
                  for t in rules["triggers"]])


def order_checks(rules: dict) -> str:
    return table(("id", "when", "source", "the document's words"),
                 [(f"`{c['id']}`", c["when"], source(c), quoted(c.get("quote"))) for c in rules["order_checks"]])


def checklist(rules: dict) -> str:
    out, stage = [], None
    for task in rules["checklist"]:
        if task["stage"] != stage:
            stage = task["stage"]
            tasks = [t for t in rules["checklist"] if t["stage"] == stage]
            out += [f"### Stage {stage}: {task['stage_name']}\n",
                    table(("task", "evidence the tool looks for", "source", "the document's words", "convention"),
                          [(f"`{t['id']}`", t["evidence"], source(t), quoted(t.get("quote")), convention(t))
                           for t in tasks])]
    return "\n".join(out)


def audit(rules: dict) -> str:
    return table(("id", "question", "source", "the document's words", "convention"),
                 [(f"`{q['id']}`", titled(q["question"]), source(q), quoted(q.get("quote")), convention(q))
                  for q in rules["audit"]])


def conventions(rules: dict) -> str:
    return "".join(f"- {cell(titled(c))}\n" for c in rules["conventions"])


def annex1(rules: dict) -> str:
    a = rules["annex1"]
    rows = [(kind, domain, ", ".join(f"`{c}`" for c in codes))
            for kind in ("risk", "protective") for domain, codes in a[kind].items()]
    return (f"Source: {source(a)}. Convention: {titled(a['convention_note'])}.\n\n"
            + table(("kind", "domain", "codes"), rows))


def diagnostics(rules: dict) -> str:
    return table(("code", "severity", "what it means", "source", "hint"),
                 [(f"`{d['code']}`", d["severity"], d["summary"], source(d), d.get("hint")) for d in rules["diagnostics"]])


SETTING_WORDS = {
    "templates": "a folder of template overrides",
    "baby_age_years": "a child under this age counts as a baby (audit questions about babies)",
    "leaving_care_prompt": "the age, `NyMm`, from which `trigger-leaving-care-age` prompts a review (ours)",
    "reclassify_every_months": "after RC3, reclassify at least this often (months)",
    "plan_review_every_months": "months between reviews of the reunification plan",
    "supervision_every_weeks": "weeks between supervision meetings (`status --supervision`)",
    "docx_reference": "a Word file whose styles the Word reports use",
}


def settings(rules: dict) -> str:
    s = rules["settings"]
    rows = [(f"`{k}`", "" if v is None else f"`{v}`", SETTING_WORDS.get(k, "")) for k, v in s.items()
            if k in SETTING_WORDS]
    visits = [(f"`{status}`", v["first_within_days"], v["until_first_review_days"], v["after_first_review_days"])
              for status, v in s["visiting"].items()]
    return (table(("setting", "default", "meaning"), rows) + "\n"
            + f"The visiting table (`[visiting.<legal status>]`; source: {s['visiting_source']}), in days:\n\n"
            + table(("legal status", "first visit within", "until the first review, every", "after it, every"), visits))


def options() -> dict[str, Callable[[], str]]:
    """One option table a command, from the command table."""
    from reunify.cli.spec import COMMANDS
    from reunify.cli.spec import choices as choices_of

    def one(command) -> str:
        rows = []
        for o in command.options:
            choices = choices_of(o)
            words = " | ".join(f"`{c}`" for c in choices) if choices else ""
            default = "" if o.default is None or o.kind == "flag" else f"`{o.default}`"
            takes = {"flag": "", "many": "repeatable", "positionals": "zero or more"}.get(o.kind, "")
            rows.append((", ".join(f"`{f}`" for f in o.flags), titled(o.help), words, default,
                         "yes" if o.required else takes))
        head = f"`reunify {command.name}`: {titled(command.help)}\n\n"
        return head + table(("option", "meaning", "words it accepts", "default", "required / repeats"), rows)

    return {f"options.{c.name}": (lambda c=c: one(c)) for c in COMMANDS}


def examples() -> dict[str, Callable[[], str]]:
    """Each file of the example case, as it is in cases.example/."""
    return {f"example.{p.stem}": (lambda p=p: f"```yaml\n{p.read_text(encoding='utf-8')}```\n")
            for p in sorted(EXAMPLE.glob("*.yaml"))}


def blocks() -> dict[str, Callable[[], str]]:
    from reunify.case.schema_export import format_reference

    rules: dict = {}

    def from_rules(fn: Callable[[dict], str]) -> Callable[[], str]:
        return lambda: fn(rules or rules.update(_rules()) or rules)

    return {**{name: from_rules(fn) for name, fn in (
        ("movement", movement), ("triggers", triggers), ("order-checks", order_checks), ("checklist", checklist),
        ("audit", audit), ("conventions", conventions), ("annex1", annex1), ("diagnostics", diagnostics),
        ("settings", settings))},
        "format-reference": lambda: format_reference() + "\n", **options(), **examples()}


def pages() -> dict[Path, tuple[str, str]]:
    """Every page holding a generated block: (as it is, as it should be)."""
    fill = blocks()
    out = {}
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        unknown = {m["name"] for m in BLOCK.finditer(text)} - fill.keys()
        if unknown:
            raise SystemExit(f"{page.name}: no generator for block(s) {', '.join(sorted(unknown))}")
        new = BLOCK.sub(lambda m: m.group(1) + fill[m["name"]]() + m.group(4), text)
        out[page] = (text, new)
    return out


def main(argv: list[str]) -> int:
    from reunify.case.write import atomic_write

    check = "--check" in argv
    stale = {page: new for page, (old, new) in pages().items() if old != new}
    for page, new in stale.items():
        if not check:
            atomic_write(page, new)
        print(f"{'stale' if check else 'wrote'}: docs/{page.name}")
    return 1 if stale and check else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
