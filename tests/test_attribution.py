"""One attribution per quote (issue 25, point 4): wherever a rule's quoted words appear (JSON, terminal, reports,
the supervision agenda), they are attributed to the source the rule declares, and to nothing else.

"If risks have increased discuss with SM" is the local authority's workflow: once it was "reunify's own
convention" in the risk classification report and the NSPCC framework in the supervision agenda.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from reunify.framework.movement import MEDIUM_HOLDS, NEW_RISK_ROWS, RULES
from reunify.framework.registry import PracticeRule
from reunify.framework.triggers import TRIGGERS
from tests.conftest import run_cli

DATES = ("2026-03-01", "2026-11-24")  # before and after the examples' new and re-emerged risks
# Each quoted passage (its opening words) and the rule that declares it.
DECLARED: dict[str, PracticeRule] = {
    **{r.quote[:40]: r for r in RULES.values() if r.id != "stage4-outcome"},
    **{row[:40]: RULES["new-risk"] for row in (*NEW_RISK_ROWS.values(), MEDIUM_HOLDS)},
    "Specific trigger points": TRIGGERS["trigger-cla-review"],
}
WORDS = re.compile(r"[Ii]n the words of (.+?): \"$")


def _texts(value: object) -> Iterator[str]:
    """Every string of a JSON document (a task's warnings too)."""
    if isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)
    elif isinstance(value, str):
        yield value


def _attribution(text: str, at: int) -> str:
    """Who the words at `at` are attributed to, read from what precedes them."""
    before = text[:at]
    opening = max(before.rfind("In the words of "), before.rfind("in the words of "))
    named = WORDS.search(before[opening:]) if opening >= 0 else None
    if named:
        return named.group(1)
    raise AssertionError(f"unattributed quotation: {text[max(0, at - 80):at + 60]!r}")


def _check(text: str, where: str, seen: dict) -> None:
    for opening, declared in DECLARED.items():
        for found in re.finditer(re.escape(opening), text):
            said = _attribution(text, found.start())
            assert said.startswith(declared.cites[0].name) and "convention" not in said, (where, opening, said)
            seen.setdefault(opening, set()).add(where)


def _run(*args: str) -> str:
    done = run_cli(*args)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "2000")  # one line an item on the terminal, so a quote is never split


def test_every_quote_in_every_output_has_its_rule_s_attribution(examples_copy: Path, tmp_path: Path,
                                                                 wide: None) -> None:
    seen: dict[str, set[str]] = {}
    cases = sorted(p for p in examples_copy.iterdir() if (p / "case.yaml").is_file())
    for as_of in DATES:
        for command in ("classify", "checklist", "supervise"):
            for case in cases:
                data = json.loads(_run(command, str(case), "--as-of", as_of, "--format", "json"))
                for text in _texts(data):
                    _check(text, f"{command} json", seen)
                _check(_run(command, str(case), "--as-of", as_of), f"{command} terminal", seen)
        for case in cases:
            _check(_run("supervise", str(case), "--as-of", as_of, "--format", "markdown"), "agenda", seen)
            out = tmp_path / case.name / as_of
            assert run_cli("render", str(case), "--as-of", as_of, "-o", str(out)).returncode == 0
            for report in sorted(out.glob("*.md")):
                _check(report.read_text(encoding="utf-8"), f"report {report.name}", seen)
        for row in json.loads(_run("status", str(examples_copy), "--as-of", as_of, "--format", "json")):
            for text in _texts(row):
                _check(text, "status json", seen)
    quote = RULES["reclassify-higher"].quote[:40]
    # The words this issue is about were found in every kind of output that carries them.
    assert {"classify json", "classify terminal", "supervise json", "supervise terminal", "agenda",
            "report risk-classification.md", "status json"} <= seen[quote]


def test_reclassify_higher_quotes_the_workflow_not_a_convention() -> None:
    """The rule is the tool's (convention=True); the words it quotes are the workflow's alone."""
    rule = RULES["reclassify-higher"]
    assert rule.convention and rule.quote == "If risks have increased discuss with SM"
    assert rule.cites[0].source == "la-workflow" and "convention" not in rule.source
