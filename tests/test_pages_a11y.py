"""The HTML pages as real checkers read them: axe-core (in jsdom) finds no accessibility violation and
html-validate's recommended rules find no error, on the outcome page and the team manager's status page.

Both are installed from npm into a temporary folder (node is on the machine), as test_editor.py installs
yaml-language-server; without node and npm the test is skipped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

pytestmark = pytest.mark.integration

AXE = """
const fs = require("fs");
const { JSDOM, VirtualConsole } = require("jsdom");
const axe = fs.readFileSync(require.resolve("axe-core"), "utf8");
(async () => {
  const out = {};
  for (const file of process.argv.slice(2)) {
    // jsdom has no canvas: axe's colour-contrast check reports "incomplete" there, and says so on the console
    const dom = new JSDOM(fs.readFileSync(file, "utf8"), {runScripts: "outside-only", pretendToBeVisual: true,
                                                          virtualConsole: new VirtualConsole()});
    dom.window.eval(axe);
    const result = await dom.window.axe.run(dom.window.document, {resultTypes: ["violations"]});
    out[file] = result.violations.map(v => `${v.id}: ${v.help} (${v.nodes.length})`);
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(2); });
"""


@pytest.fixture(scope="module")
def checkers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("node and npm are needed to install axe-core, jsdom and html-validate")
    prefix = tmp_path_factory.mktemp("a11y")
    subprocess.run(["npm", "install", "--prefix", str(prefix), "axe-core@4", "jsdom@24", "html-validate@8",
                    "--no-audit", "--no-fund", "--loglevel=error"], check=True, capture_output=True, timeout=300)
    (prefix / "axe.js").write_text(AXE)
    (prefix / "htmlvalidate.json").write_text('{"extends": ["html-validate:recommended"]}')
    return prefix


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("pages")
    caseload = folder / "cases"
    shutil.copytree(EXAMPLES, caseload, ignore=shutil.ignore_patterns("reports"))
    written = []
    for command in ("outcomes", "status"):
        target = folder / f"{command}.html"
        result = run_cli(command, str(caseload), "--as-of", "2026-11-24", "--format", "html", "-o", str(target))
        assert result.returncode == 0, result.stderr
        written.append(target)
    return written


def test_axe_finds_no_violation(checkers: Path, pages: list[Path]) -> None:
    result = subprocess.run(["node", str(checkers / "axe.js"), *map(str, pages)], capture_output=True, text=True,
                            cwd=checkers, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {str(p): [] for p in pages}


def test_html_validate_finds_no_error(checkers: Path, pages: list[Path]) -> None:
    validator = checkers / "node_modules" / ".bin" / "html-validate"
    result = subprocess.run([str(validator), "--config", str(checkers / "htmlvalidate.json"), *map(str, pages)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
