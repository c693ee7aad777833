"""Commands on one case folder: `new`, `classify`, `checklist`, `render`."""

from __future__ import annotations

import argparse
from pathlib import Path

from reunify.cli.common import fail, load_for_result, print_json


def new(options: argparse.Namespace) -> int:
    """Scaffold a case folder that validates at once."""
    import re

    from reunify.case.scaffold import scaffold

    case = Path(options.case)
    if case.exists():
        return fail(f"{case} already exists: choose a new folder")
    if not re.fullmatch(r"[A-Za-z0-9-]+", options.reference):
        return fail("--reference may hold only letters, digits and hyphens")
    if not options.child_name.strip():
        return fail("--child-name must not be empty")
    try:
        written = scaffold(case, options.reference, options.child_name.strip(), options.legal_status)
    except OSError as exc:
        return fail(f"cannot create {case}: {exc.strerror}")
    for path in written:
        print(f"wrote {path}")
    return 0


def classify(options: argparse.Namespace) -> int:
    from reunify.framework import results

    loaded = load_for_result(options.case, options.as_of)
    if isinstance(loaded, int):
        return loaded
    result = results.classification(*loaded)
    if options.format == "json":
        print_json(result)
    else:
        from reunify.cli.views import classify as view

        view.show(result)
    return 0


def checklist(options: argparse.Namespace) -> int:
    from reunify.case import settings
    from reunify.framework import results

    loaded = load_for_result(options.case, options.as_of)
    if isinstance(loaded, int):
        return loaded
    case, day = loaded
    result = results.checklist(case, day, settings.for_case(case.folder)[0])
    if options.format == "json":
        print_json(result)
    else:
        from reunify.cli.views import checklist as view

        view.show(result)
    return 1 if options.strict and any(t["status"] == "overdue" for t in result["tasks"]) else 0


def render(options: argparse.Namespace) -> int:
    """Write the chosen reports (default all) into CASE/reports or -o DIR, each atomically, as Markdown
    and/or (converted by pandoc) Word and HTML."""
    from jinja2 import TemplateError

    from reunify.case import settings
    from reunify.case.write import atomic_write
    from reunify.reports import REPORTS
    from reunify.reports.render import render as render_reports

    names = options.report or list(REPORTS)
    formats = list(dict.fromkeys(options.to or ["markdown"]))
    templates = Path(options.templates) if options.templates else None
    if templates is not None and not templates.is_dir():
        return fail(f"--templates {templates}: not a folder")
    loaded = load_for_result(options.case, options.as_of)
    if isinstance(loaded, int):
        return loaded
    valid, day = loaded
    found, _ = settings.for_case(valid.folder)
    reference = found.docx_reference if "docx" in formats else None
    if reference is not None and not reference.is_file():
        return fail(f"{found.path}: docx_reference {reference}: no such file (give the path of a Word document, "
                    "relative to reunify.toml)")
    try:
        files = render_reports(valid, day, found, names, redact=options.redact, templates=templates)
    except TemplateError as exc:
        return fail(f"a report template failed: {type(exc).__name__}: {exc}", 1)
    folder = Path(options.output) if options.output else valid.folder / "reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            if name.endswith(".md") and "markdown" not in formats:
                continue
            atomic_write(folder / name, text)
            print(f"wrote {folder / name}")
        converted = [f for f in formats if f != "markdown"]
        if converted:
            return _export(files, converted, folder, reference)
    except OSError as exc:
        return fail(f"cannot write to {folder}: {exc.strerror}", 1)
    return 0


def _export(files: dict[str, str], formats: list[str], folder: Path, reference: Path | None) -> int:
    from reunify.reports.export import ExportError, export

    try:
        written, drawn = export(files, formats, folder, reference)
    except ExportError as exc:
        return fail(str(exc), 1)
    for path in written:
        print(f"wrote {path}")
    if "genogram.dot" in files and not drawn:
        print("note: Graphviz `dot` is not on PATH, so the Word/HTML genogram shows its tables without the drawing")
    return 0
