"""The framework's rule registry (issue 19, point 3): every practice rule declared one way, once, citing its
documents by title, in their own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reunify.framework import registry
from reunify.framework.registry import KINDS, PracticeRule, declare, load
from reunify.reports.labels import task as task_name
from reunify.sources import SOURCES, Cite
from tests.builders import strings_in

SEEDS = Path("/work/shared/seeds")  # the documents' text, where this machine has it
FILES = {"ddscp-guide": "000", "ddscp-audit": "001", "nspcc-framework": "002", "la-workflow": "003",
         "tm-training": "004"}


def test_every_kind_is_declared_and_each_id_once() -> None:
    rules = load()
    assert {r.kind for r in rules.values()} == set(KINDS)
    assert all(rule_id == r.id for rule_id, r in rules.items())


def test_a_duplicate_id_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "REGISTRY", dict(load()))
    again = PracticeRule("rc3-due", "task", (Cite(None),), ("",), "never")
    with pytest.raises(ValueError, match="duplicate practice rule id rc3-due"):
        declare(again)


def test_sources_are_titles_with_a_stable_id() -> None:
    for rule in load().values():
        assert rule.source_id in (*SOURCES, "convention"), rule.id
        assert SOURCES[rule.source_id].title in rule.source if rule.source_id in SOURCES else True
        assert not re.search(r"\b00[0-4]\b|\bseed", rule.source + rule.when + (rule.note or ""), re.I), rule.id


def test_rules_that_quote_say_whose_words_they_are() -> None:
    for rule in load().values():
        if rule.kind in ("movement", "trigger", "order"):
            assert rule.quote, rule.id
        said = rule.words()
        assert said.count("in the words of ") == sum(1 for q in rule.quotes if q), rule.id


def test_every_task_is_named_where_it_is_declared() -> None:
    for rule in load().values():
        if rule.kind == "task":
            assert rule.name and task_name(rule.id) == rule.name, rule.id


def _plain(text: str) -> str:
    """Words and single spaces: the text extraction's emphasis marks (`**`) and line breaks are not the words."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are not on this machine")
def test_quotes_are_the_documents_words_verbatim() -> None:
    """Slips are fixed only inside [brackets]; "..." leaves words out."""
    texts = {doc: _plain(next(SEEDS.glob(f"{n}_*.txt")).read_text(encoding="utf-8")) for doc, n in FILES.items()}
    for rule in load().values():
        for cite, quote in zip(rule.cites, rule.quotes, strict=True):
            if not quote or cite.source is None:
                continue
            for part in re.split(r"\s*\.\.\.\s*", _plain(quote)):
                pattern = r"\s*".join(re.escape(w) if not w.startswith("[") else r"\S*"
                                      for w in re.split(r"(\[[^]]*\])|\s+", part) if w)
                assert re.search(pattern, texts[cite.source]), (rule.id, part)


def test_no_output_of_the_framework_names_a_seed_or_a_file_number(examples_copy: Path) -> None:
    """What users read from the framework names documents by title: never "seed" or "002"."""
    import json

    from tests.conftest import run_cli

    outputs = [json.loads(run_cli("rules", "--format", "json").stdout)]
    for case in sorted(p for p in examples_copy.iterdir() if (p / "case.yaml").is_file()):
        for command in ("classify", "checklist", "supervise"):
            for as_of in ("2026-03-01", "2026-11-24"):
                outputs.append(json.loads(run_cli(command, str(case), "--as-of", as_of, "--format", "json").stdout))
    outputs.append(json.loads(run_cli("audit", str(examples_copy), "--format", "json").stdout))
    for text in (s for out in outputs for s in strings_in(out)):
        assert not re.search(r"\b00[0-4]\b|\bseeds?\b", text, re.I), text


def test_alert_urgency_is_read_from_the_declarations() -> None:
    """docs/command-line.md `status`: order checks, then reclassify-higher and new-risk, then the moves to severe when overdue."""
    from reunify.framework.alerts import URGENCY

    assert URGENCY == ("return-at-high", "return-before-decision-3", "return-before-cpag", "reclassify-higher",
                       "new-risk", "high-to-severe", "high-protective-lost")
