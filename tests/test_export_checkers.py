"""Every HTML report as real clients read it: a headless Chromium at A4 width, on screen and printed, finds
nothing wider than the page, and html-validate finds no error.

The reports are those of every example case, plus one whose chronology quotes a long record address (a
word no browser may break unless told to). playwright-core and html-validate are installed from npm into a
temporary folder, as test_editor.py installs yaml-language-server; playwright-core drives the Debian
`chromium` (apt-get install chromium). Without node and npm, or without a browser, the test says so and skips.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_CASES, run_cli

pytestmark = pytest.mark.integration

# A4 is 210 mm wide: 794 CSS pixels on screen. Printed with the style sheet's 2 cm margins, 170 mm (642 px)
# is left for the text. Every element must end inside that width, no table may be wider than what holds it,
# and no cell's content may be cut off. The PDF is printed too, at the paper size the style sheet asks for.
BROWSER = """
const { chromium } = require("playwright-core");
const [executable, pdfs, ...files] = process.argv.slice(2);
const MEASURE = () => {
  const width = document.documentElement.clientWidth, found = [];
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "");
  if (document.documentElement.scrollWidth > width) found.push(`page ${document.documentElement.scrollWidth}px`);
  for (const e of document.body.querySelectorAll("*")) {
    const right = e.getBoundingClientRect().right;
    if (right > width + 0.5) found.push(`${name(e)} ends at ${Math.round(right)}px`);
    if (e.matches("table") && e.scrollWidth > e.parentElement.clientWidth)
      found.push(`${name(e)} ${e.scrollWidth}px wide in ${e.parentElement.clientWidth}px`);
    if (e.matches("td, th") && e.scrollWidth > e.clientWidth) found.push(`${name(e)} cut off`);
  }
  return found;
};
(async () => {
  const browser = await chromium.launch({ executablePath: executable });
  const page = await browser.newPage();
  const out = {};
  for (const [n, file] of files.entries()) {
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.goto("file://" + file);
    const screen = await page.evaluate(MEASURE);
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 642, height: 1123 });
    const print = await page.evaluate(MEASURE);
    await page.pdf({ path: `${pdfs}/${n}.pdf`, preferCSSPageSize: true });
    out[file] = { screen, print };
  }
  await browser.close();
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(2); });
"""
LONG_WORD = "https://records.example.invalid/" + "0123456789abcdef" * 8


@pytest.fixture(scope="module")
def checkers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("node and npm are needed to install playwright-core and html-validate")
    prefix = tmp_path_factory.mktemp("checkers")
    subprocess.run(["npm", "install", "--prefix", str(prefix), "playwright-core@1", "html-validate@8",
                    "--no-audit", "--no-fund", "--loglevel=error"], check=True, capture_output=True, timeout=300)
    (prefix / "browser.js").write_text(BROWSER)
    # html-validate's recommended rules, less one about spelling: pandoc writes void elements as `<meta ... />`,
    # which HTML allows (the slash is ignored); the rule only asks every document to spell them one way.
    (prefix / "htmlvalidate.json").write_text(json.dumps(
        {"extends": ["html-validate:recommended"], "rules": {"void-style": "off"}}))
    return prefix


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("reports")
    long = folder / "long-word"
    shutil.copytree(EXAMPLE_CASES[1], long)  # RU-2025-0142: every file present
    chronology = long / "chronology.yaml"
    text = chronology.read_text(encoding="utf-8")
    assert "First recorded incident;" in text
    chronology.write_text(text.replace("First recorded incident;", f"First recorded incident ({LONG_WORD});"),
                          encoding="utf-8")
    written = []
    for case in [*EXAMPLE_CASES, long]:
        out = folder / "html" / case.name
        result = run_cli("render", str(case), "--to", "html", "-o", str(out), "--as-of", "2026-11-24")
        assert result.returncode == 0, result.stderr
        written += sorted(out.glob("*.html"))
    assert len(written) == 4 * 12, written  # every report of every case
    assert LONG_WORD in (folder / "html" / "long-word" / "chronology.html").read_text(encoding="utf-8")
    return written


def test_nothing_is_wider_than_a4_on_screen_or_printed(checkers: Path, pages: list[Path], tmp_path: Path) -> None:
    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if browser is None:
        pytest.skip("no headless browser: install Chromium (apt-get install chromium) to check the HTML at A4 width")
    result = subprocess.run(["node", str(checkers / "browser.js"), browser, str(tmp_path), *map(str, pages)],
                            capture_output=True, text=True, cwd=checkers, timeout=600)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {str(p): {"screen": [], "print": []} for p in pages}
    for pdf in tmp_path.glob("*.pdf"):  # the page size the browser printed at: A4 is 595 × 842 points
        box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
        assert box is not None and (round(float(box[1])), round(float(box[2]))) == (595, 842), pdf
    assert len(list(tmp_path.glob("*.pdf"))) == len(pages)


def test_html_validate_finds_no_error(checkers: Path, pages: list[Path]) -> None:
    validator = checkers / "node_modules" / ".bin" / "html-validate"
    result = subprocess.run([str(validator), "--config", str(checkers / "htmlvalidate.json"), *map(str, pages)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
