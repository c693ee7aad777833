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

from reunify.reports.export import PRINTED_WIDTH, graphviz
from tests.builders import hostile_case  # noqa: F401 (a fixture)
from tests.conftest import EXAMPLE_CASES, help_words, run_cli

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
    assert "<table>" in html and '<th scope="col">significance</th>' in html  # a screen reader names the column


@pytest.mark.skipif(graphviz() is None, reason="Graphviz is not installed: neither `dot` nor `graphviz-pure` "
                    "(pip install 'reunify[docx]') is on PATH or beside this Python")
def test_genogram_is_a_picture_when_graphviz_is_installed(tmp_path: Path) -> None:
    result = render(LILY, tmp_path, "--to", "docx", "--to", "html", "-r", "genogram")
    assert result.returncode == 0 and "Graphviz" not in result.stdout, result.stdout + result.stderr
    document = docx.Document(str(tmp_path / "genogram.docx"))
    assert len(document.inline_shapes) == 1
    html = (tmp_path / "genogram.html").read_text()
    assert 'aria-label="The genogram" src="data:image/png;base64,' in html
    assert 'role="img"' not in html  # an <img> has that role already: html-validate calls repeating it an error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["genogram.docx", "genogram.dot", "genogram.html"]


@pytest.mark.skipif(graphviz() is None, reason="Graphviz is not installed")
def test_genogram_text_is_at_least_9_points_as_printed(tmp_path: Path) -> None:
    """The picture fits between the margins and its smallest text (the bond labels) prints at 9 pt or more:
    Word's width of the picture against the width Graphviz drew it at, times the font size in the drawing."""
    import re

    result = render(LILY, tmp_path, "--to", "docx", "-r", "genogram")
    assert result.returncode == 0, result.stderr
    shape = docx.Document(str(tmp_path / "genogram.docx")).inline_shapes[0]
    text = (tmp_path / "genogram.dot").read_text()
    drawn = subprocess.run([graphviz(), "-Tplain"], input=text, capture_output=True, text=True, check=True).stdout
    natural = float(drawn.split()[2])  # inches: "graph 1 WIDTH HEIGHT"
    smallest = min(int(size) for size in re.findall(r"fontsize=(\d+)", text))
    assert shape.width <= docx.shared.Inches(PRINTED_WIDTH)  # fits between the margins
    assert smallest * shape.width.inches / natural >= 9, (smallest, shape.width.inches, natural)


def test_genogram_is_its_tables_without_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Graphviz is made unfindable (nothing is uninstalled)."""
    from reunify.cli import run
    from reunify.reports import export

    monkeypatch.setattr(export, "graphviz", lambda: None)
    out = tmp_path / "out"
    code = run(["render", str(LILY), "-o", str(out), "--as-of", "2026-11-24", "--to", "docx", "--to", "html",
                "-r", "genogram"])
    assert code == 0
    assert "pip install 'reunify[docx]'" in capsys.readouterr().err
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


def test_html_and_word_are_british_english(tmp_path: Path) -> None:
    result = render(LILY, tmp_path, "--to", "docx", "--to", "html", "-r", "chronology")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "chronology.html").read_text()
    assert '<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB" xml:lang="en-GB">' in html
    styles = docx.Document(str(tmp_path / "chronology.docx")).styles.element
    languages = {e.get(docx.oxml.ns.qn("w:val")) for e in styles.iter(docx.oxml.ns.qn("w:lang"))}
    assert languages == {"en-GB"}  # Word's proofing language for every style


def test_html_tables_wrap_on_screen_and_on_a4_paper(tmp_path: Path) -> None:
    """The style sheet that makes tables wrap; test_export_checkers.py opens the reports in Chromium at A4 width."""
    result = render(LILY, tmp_path, "--to", "html", "-r", "cpag-pack")
    assert result.returncode == 0, result.stderr
    head = (tmp_path / "cpag-pack.html").read_text().split("</head>")[0]
    for rule in ("display: table; overflow-x: visible", "table-layout: fixed", "overflow-wrap: anywhere",
                 "word-wrap: break-word", "@page { size: A4", "@media print", "img { max-width: 100%"):
        assert rule in head, rule


def test_a_team_template_cannot_embed_a_file_from_outside_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(LILY, repo / "cases" / "lily")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    secret = tmp_path / "secret.png"
    shutil.copy(Path(docx.__file__).parent / "templates" / "default-header.xml", secret)  # any file outside
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 8)
    team = repo / "team-templates" / "body"
    team.mkdir(parents=True)
    for target in (str(secret), "../secret.png", "cases/../../secret.png", "http://example.org/x.png",
                   "file:///etc/hostname"):
        (team / "chronology.md.j2").write_text(f"# Chronology\n\n![seal]({target})\n\n[a]: {target}\n\n![b][a]\n")
        out = tmp_path / "out"
        result = render(repo / "cases" / "lily", out, "--to", "html", "--to", "docx", "-r", "chronology",
                        "--templates", str(repo / "team-templates"))
        assert result.returncode == 1, (target, result.stderr)
        assert "template chronology.md.j2 refers to the image" in result.stderr and "outside" not in result.stdout
        assert not list(out.glob("*.html")) and not list(out.glob("*.docx")), target
    (team / "chronology.md.j2").write_text("# Chronology\n\n![Our logo](logo.png)\n")
    result = render(repo / "cases" / "lily", tmp_path / "ok", "--to", "html", "-r", "chronology",
                    "--templates", str(repo / "team-templates"))
    assert result.returncode == 0, result.stderr
    assert 'src="data:image/png;base64,' in (tmp_path / "ok" / "chronology.html").read_text()  # inside: embedded


def test_word_without_pandoc_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """pypandoc made unimportable, as in an environment installed without the `docx` extra."""
    from reunify.cli import run

    monkeypatch.setitem(sys.modules, "pypandoc", None)
    code = run(["render", str(LILY), "-o", str(tmp_path / "out"), "--as-of", "2026-11-24", "--to", "docx"])
    err = capsys.readouterr().err
    assert code == 1 and "pip install 'reunify[docx]'" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()  # nothing written
