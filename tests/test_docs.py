"""The generated parts of docs/ (rules, option tables, format reference, examples) match the code they come from."""

from __future__ import annotations

import difflib
import importlib.util

from tests.conftest import ROOT


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generate", ROOT / "docs" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_generated_page_is_current() -> None:
    stale = [
        "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"docs/{page.name}",
                                     f"docs/{page.name} (generated)"))
        for page, (old, new) in _generator().pages().items() if old != new
    ]
    assert not stale, "run `make docs`; these pages are not current:\n" + "\n".join(stale)


def test_sources_are_named_by_title_and_docs_pages_are_linked() -> None:
    source = _generator().source
    titled = {"source": "Reunification Practice Framework (Risk Classification Table)", "source_id": "nspcc-framework"}
    assert source(titled) == titled["source"]
    assert source({"source": "Risk Classification Table", "source_id": "nspcc-framework"}) == (
        "*Reunification Practice Framework* (Risk Classification Table)")
    assert source({"source": "docs/command-line.md (Integrity of the trail)"}) == (
        "[command-line.md](command-line.md) (Integrity of the trail)")


def test_every_command_has_its_section_in_the_command_line_page() -> None:
    """A new command in cli/spec.py gets its own section (and generated option table) in docs/command-line.md."""
    from reunify.cli.spec import COMMANDS

    page = (ROOT / "docs" / "command-line.md").read_text()
    missing = [c.name for c in COMMANDS if f"<!-- generated:options.{c.name} -->" not in page]
    assert not missing, f"add a section with <!-- generated:options.NAME --> markers for: {missing}"
