"""The risk level over time (docs/command-line.md "Pictures"): a Mermaid chart with its words in Markdown, an image with a text
alternative in Word and HTML, and in the supervision agenda."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import pytest

from reunify.case.settings import Settings
from reunify.reports import pictures
from reunify.reports.render import render
from tests.conftest import AS_OF, EXAMPLES, load

TYLER = EXAMPLES / "RU-2025-0087"
charts = pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None, reason="needs reunify[charts]")


def test_the_picture_holds_each_classification_the_return_and_high_entries() -> None:
    data = pictures.risk_data(load(TYLER), AS_OF)
    assert data["classifications"] == [{"label": "RC1", "date": "2025-08-20", "level": "medium"},
                                       {"label": "RC2", "date": "2026-03-02", "level": "low"}]
    assert data["returned"] == "2026-05-11" and data["high"] == ["2026-05-11"]  # from the first classification on
    text = pictures.markdown(data)
    assert text.startswith("```mermaid\ngantt\n")
    assert "    RC1 medium :active, c0, 2025-08-20, 2026-03-02\n    RC2 low :done, c1, 2026-03-02, 2026-11-24\n" in text
    assert "    Return home :milestone, r0, 2026-05-11, 0d\n" in text
    assert text.endswith("*Risk level over time: RC1 medium on 2025-08-20; RC2 low on 2026-03-02; return home on "
                         "2026-05-11; high-significance chronology entries since the first classification on "
                         "2026-05-11.*")


def test_nothing_recorded_after_as_of_is_drawn() -> None:
    data = pictures.risk_data(load(TYLER), dt.date(2025, 9, 1))
    assert [c["label"] for c in data["classifications"]] == ["RC1"] and data["returned"] is None


@pytest.mark.parametrize("report", ["return-home-assessment", "risk-classification"])
def test_reports_carry_the_picture(report: str) -> None:
    text = render(load(TYLER), AS_OF, Settings(), [report], commit="abc1234")[f"{report}.md"]
    assert "## Risk level over time\n\n```mermaid\ngantt\n" in text


def test_the_supervision_agenda_carries_the_picture(tmp_path: Path) -> None:
    from reunify.cli import run

    target = tmp_path / "agenda.md"
    assert run(["supervise", str(TYLER), "--as-of", "2026-11-24", "--format", "markdown", "-o", str(target)]) == 0
    assert "### Risk level over time\n\n```mermaid\ngantt\n" in target.read_text()


@charts
def test_word_and_html_carry_the_picture_with_its_text_alternative(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    from reunify.cli import run

    assert run(["render", str(TYLER), "--as-of", "2026-11-24", "-r", "risk-classification", "--to", "docx",
                "--to", "html", "-o", str(tmp_path)]) == 0
    document = docx.Document(str(tmp_path / "risk-classification.docx"))
    images = [r.target_part for r in document.part.rels.values() if "image" in r.reltype]
    assert [i.content_type for i in images] == ["image/png"]
    described = [e.get("descr") for e in document.element.body.iter(qn("wp:docPr"))]
    assert described == [pictures.alternative(pictures.risk_data(load(TYLER), AS_OF))]
    assert "mermaid" not in "\n".join(p.text for p in document.paragraphs)
    html = (tmp_path / "risk-classification.html").read_text()
    image = re.search(r'<img [^>]*>', html).group(0)
    assert 'src="data:image/png;base64,' in image and 'alt="Risk level over time: RC1 medium' in image
    assert sorted(p.name for p in tmp_path.iterdir()) == ["risk-classification.docx", "risk-classification.html"]
