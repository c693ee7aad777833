"""`render --to docx|html`: Word and HTML documents converted by pandoc, opened as a reader would open them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import docx.shared
import pytest

from tests.conftest import EXAMPLE_CASES, help_words, run_cli
from tests.test_reports import hostile_case  # noqa: F401 (a fixture)

LILY = EXAMPLE_CASES[1]  # RU-2025-0142: every file present


def render(case: Path, out: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "reunify", "render", str(case), "-o", str(out), "--as-of", "2026-11-24", *args]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1", **(env or {})})
    assert "Traceback" not in result.stderr
    return result


def test_word_document_has_a_title_headings_and_real_tables(tmp_path: Path) -> None:
    result = render(LILY, tmp_path, "--to", "docx", "-r", "return-home-assessment")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["return-home-assessment.docx"]  # only what was asked
    document = docx.Document(str(tmp_path / "return-home-assessment.docx"))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[0] == ("Title", "Return Home Assessment: Lily Hughes")
    assert styles[1][1].startswith("Case RU-2025-0142 · as of 2026-11-24 · case commit ")
    assert ("Heading 2", "Risk factors") in styles
    assert len(document.tables) >= 3
    first = document.tables[0]
    assert [c.text for c in first.rows[1].cells] == ["Child", "Lily Hughes (born 2024-02-11)"]


def test_html_document_has_a_title_headings_and_tables(tmp_path: Path) -> None:
    result = render(LILY, tmp_path, "--to", "html", "--to", "markdown", "-r", "chronology")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chronology.html", "chronology.md"]
    html = (tmp_path / "chronology.html").read_text()
    assert "<title>Analytical chronology: Lily Hughes</title>" in html
    assert '<h1 class="title">Analytical chronology: Lily Hughes</h1>' in html
    assert "<table>" in html and "<th>significance</th>" in html


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed on this machine")
def test_genogram_is_a_picture_when_graphviz_is_on_path(tmp_path: Path) -> None:
    result = render(LILY, tmp_path, "--to", "docx", "--to", "html", "-r", "genogram")
    assert result.returncode == 0 and "Graphviz" not in result.stdout, result.stdout + result.stderr
    document = docx.Document(str(tmp_path / "genogram.docx"))
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].width <= docx.shared.Inches(6.5)  # fits between the margins
    assert 'aria-label="The genogram" src="data:image/png;base64,' in (tmp_path / "genogram.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["genogram.docx", "genogram.dot", "genogram.html"]


def test_genogram_is_its_tables_without_graphviz(tmp_path: Path) -> None:
    """Graphviz is taken off PATH (nothing is uninstalled): only git stays reachable."""
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "git").symlink_to(shutil.which("git"))
    out = tmp_path / "out"
    result = render(LILY, out, "--to", "docx", "--to", "html", "-r", "genogram", env={"PATH": str(bare)})
    assert result.returncode == 0, result.stderr
    assert "Graphviz `dot` is not on PATH" in result.stdout
    document = docx.Document(str(out / "genogram.docx"))
    assert len(document.inline_shapes) == 0
    text = "\n".join(p.text for p in document.paragraphs)
    assert "The drawing needs Graphviz" in text and "flowchart" not in text
    relationships = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert ["Lily Hughes", "child of", "Chloe Hughes and Ryan Doyle"] in relationships
    html = (out / "genogram.html").read_text()
    assert "<img" not in html and "flowchart" not in html and "separated from" in html


def test_team_word_styles_from_reunify_toml(tmp_path: Path) -> None:
    import pypandoc

    repo = tmp_path / "repo"
    shutil.copytree(LILY, repo / "cases" / "lily")
    reference = repo / "styles" / "council.docx"
    reference.parent.mkdir()
    reference.write_bytes(subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
                                         capture_output=True, check=True).stdout)
    styled = docx.Document(str(reference))
    styled.styles["Title"].font.name = "Georgia"
    styled.save(str(reference))
    (repo / "reunify.toml").write_text('docx_reference = "styles/council.docx"\n')
    result = render(repo / "cases" / "lily", tmp_path / "out", "--to", "docx", "-r", "checklist")
    assert result.returncode == 0, result.stderr
    assert docx.Document(str(tmp_path / "out" / "checklist.docx")).styles["Title"].font.name == "Georgia"

    (repo / "reunify.toml").write_text('docx_reference = "styles/missing.docx"\n')
    missing = render(repo / "cases" / "lily", tmp_path / "out2", "--to", "docx", "-r", "checklist")
    assert missing.returncode == 2 and "reunify.toml: docx_reference" in missing.stderr
    assert "no such file" in missing.stderr and not (tmp_path / "out2").exists()
    assert render(repo / "cases" / "lily", tmp_path / "out3", "-r", "checklist").returncode == 0  # Markdown needs none


def test_free_text_cannot_become_markup_in_html_or_word(hostile_case: Path, tmp_path: Path) -> None:  # noqa: F811
    result = render(hostile_case, tmp_path, "--to", "html", "--to", "docx", "-r", "chronology", "-r", "genogram")
    assert result.returncode == 0, result.stderr
    for name in ("chronology.html", "genogram.html"):
        html = (tmp_path / name).read_text()
        assert "<script>" not in html and '<a href="http://x"' not in html and "<strong>bold" not in html, name
        assert "&lt;script&gt;" in html, name  # shown as text
    chronology = docx.Document(str(tmp_path / "chronology.docx"))
    cells = [c.text for t in chronology.tables for row in t.rows for c in row.cells]
    assert any("<script>alert(1)</script>" in c for c in cells)  # the text itself, in its table cell


def test_render_help_names_the_formats() -> None:
    text = help_words(run_cli("render", "--help").stdout)
    assert "--to" in text and "markdown | docx | html" in text
