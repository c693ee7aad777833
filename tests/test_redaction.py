"""`render --redact` (docs/command-line.md): no name the case holds survives in any report, Mermaid and DOT ids included."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from reunify.reports import REPORTS
from tests.conftest import EXAMPLES, run_cli


def test_no_name_of_any_kind_survives(tmp_path: Path) -> None:
    case = tmp_path / "c"
    shutil.copytree(EXAMPLES / "RU-2025-0142", case)
    text = (case / "case.yaml").read_text()
    text = text.replace("  signed_off_by: Jo Rivers", "  signed_off_by: Gwen Okafor")
    text = text.replace("    by: Alex Moore", "    by: Priyanka Tull", 1)
    text = text.replace("attendees: [Sam Patel]", "attendees: [Sam Patel, Ola Brisk]")
    (case / "case.yaml").write_text(text)
    contingency = (case / "contingency.yaml").read_text().replace("who: nan", "who: Al Munro", 1)
    (case / "contingency.yaml").write_text(contingency)
    chronology = (case / "chronology.yaml").read_text()
    chronology = re.sub(r'event: "', 'event: "al and JO, ola, GWEN OKAFOR, Priyanka, hughes and lily said: ', chronology,
                        count=1)
    (case / "chronology.yaml").write_text(chronology)
    result = run_cli("render", str(case), "--redact", "-o", str(tmp_path / "out"), "--as-of", "2026-11-24")
    assert result.returncode == 0, result.stderr
    everything = "\n".join(p.read_text() for p in (tmp_path / "out").iterdir())
    assert len(list((tmp_path / "out").iterdir())) == len(REPORTS) + 1
    names = ["Gwen", "Okafor", "Priyanka", "Tull", "Ola", "Brisk", "Al", "Munro", "Jo", "Rivers", "Sam", "Patel",
             "Alex", "Moore", "Lily", "Hughes", "Chloe", "Ryan", "Doyle", "Denise", "Farah", "Khan",
             # person ids, which Mermaid and DOT node ids were made from
             "lily", "mum", "dad", "nan", "aunt-jo", "mrs-khan"]
    for name in names:
        found = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", everything, re.IGNORECASE)
        assert found is None, (name, everything[max(0, found.start() - 80):found.end() + 80])
    assert "p_lily" not in everything and "p_LH" in everything


def test_the_redacted_young_persons_report_reads_as_a_sentence(tmp_path: Path) -> None:
    """Staff become roles under --redact; the child's report then said "Your social worker is the social worker."."""
    result = run_cli("render", str(EXAMPLES / "RU-2025-0142"), "--redact", "--report", "young-person",
                     "-o", str(tmp_path), "--as-of", "2026-11-24")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "young-person.md").read_text()
    assert "is the social worker" not in text and "Sam Patel" not in text
    assert "You have a social worker who is helping you and your family." in text


def test_every_name_is_redacted_by_one_rule() -> None:
    """A first name alone becomes what the full name becomes (it was "Chloe" -> "C" beside "Kayden" -> "KW"); staff
    and decision makers their role; a surname the family shares its initial."""
    import datetime as dt

    from reunify.case.settings import Settings
    from reunify.reports import context as ctx
    from tests.conftest import load

    for case in sorted(EXAMPLES.iterdir()):
        if not (case / "case.yaml").is_file():
            continue
        built = ctx.build(load(case), dt.date(2026, 11, 24), Settings(), "x")
        mapping = ctx.redaction_map(built)
        people = [p["name"] for p in built["genogram"]["people"]]
        staff = [n for n in built["case"]["team"].values() if n]
        for full in people + staff:
            words = [w for w in re.split(r"[^\w']+", full) if len(w) >= 2 and w[0].isupper()]
            for word in words:
                sharers = [other for other in people + staff if word in re.split(r"[^\w']+", other)
                           and mapping[other.lower()] != mapping[full.lower()]]
                expected = word[0] if sharers else mapping[full.lower()]
                assert mapping[word.lower()] == expected, (case.name, full, word, mapping[word.lower()])
    lily = ctx.redaction_map(ctx.build(load(EXAMPLES / "RU-2025-0142"), dt.date(2026, 11, 24), Settings(), "x"))
    assert lily["chloe"] == lily["chloe hughes"] == lily["mum"] and lily["hughes"] == "H"
    assert lily["sam"] == lily["sam patel"] == "the social worker"
