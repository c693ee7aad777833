"""Commands on one case folder: `new`, `classify`, `checklist`, `render`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reunify.cli.common import fail, load_for_result, print_json, shown, templates_refused


def new(options: argparse.Namespace) -> int:
    """Scaffold a case folder that validates at once."""
    import re

    from reunify.case.model import REFERENCE_PATTERN
    from reunify.case.scaffold import scaffold
    from reunify.diagnostics.escape import has_control

    case = Path(options.case)
    if _unwritable(options.case) or _unwritable(options.child_name):
        return fail("new: the folder and the child's name must be text the system can write (UTF-8); "
                    f"{shown(repr(options.case if _unwritable(options.case) else options.child_name))} is not", 1)
    try:
        if case.exists() or case.is_symlink():
            return fail(f"{shown(case)} already exists: choose a new folder")
    except OSError as exc:  # a name longer than the system allows
        return fail(f"new: cannot create {shown(case)}: {exc.strerror}", 1)
    if not re.fullmatch(REFERENCE_PATTERN, options.reference):
        return fail("--reference may hold only letters, digits and hyphens")
    if not options.child_name.strip() or has_control(options.child_name):
        return fail("--child-name must not be empty or hold control characters")
    try:
        written = scaffold(case, options.reference, options.child_name.strip(), options.legal_status)
    except (OSError, UnicodeError) as exc:  # scaffold removed what it wrote: nothing half built is left
        return fail(f"new: cannot create {shown(case)}: {getattr(exc, 'strerror', None) or exc}", 1)
    for path in written:
        print(f"wrote {shown(path)}")
    return 0


def _unwritable(text: str) -> bool:
    """Text that cannot be written as UTF-8: argv bytes that were not UTF-8 arrive as lone surrogates."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _result(options: argparse.Namespace, command: str, compute: str) -> dict | int:
    """Load the case, compute `reunify.framework.results.<compute>`, print it as JSON or through its view."""
    from importlib import import_module

    from reunify.framework import results

    loaded = load_for_result(options.case, options.as_of, command)
    if isinstance(loaded, int):
        return loaded
    result = getattr(results, compute)(*loaded)
    if options.format == "json":
        print_json(result)
    else:
        import_module(f"reunify.cli.views.{command}").show(result)
    return result


def classify(options: argparse.Namespace) -> int:
    result = _result(options, "classify", "classification")
    return result if isinstance(result, int) else 0


def checklist(options: argparse.Namespace) -> int:
    result = _result(options, "checklist", "checklist")
    if isinstance(result, int):
        return result
    return 1 if options.strict and any(t["status"] == "overdue" for t in result["tasks"]) else 0


def supervise(options: argparse.Namespace) -> int:
    """The agenda for a supervision session, on screen, as JSON, or as Markdown to keep in the case record."""
    import io

    from reunify.cli.common import json_text
    from reunify.cli.views import supervise as view
    from reunify.framework import results

    loaded = load_for_result(options.case, options.as_of, "supervise")
    if isinstance(loaded, int):
        return loaded
    if options.format == "markdown" and (refused := templates_refused(loaded[2], "supervise")) is not None:
        return refused
    agenda = results.supervision(*loaded)
    if options.format == "json":
        text = json_text(agenda)
    elif options.format == "markdown":
        from reunify.reports.render import ReportError

        try:
            from reunify.reports import pictures

            picture = pictures.markdown(pictures.risk_data(loaded[0], loaded[1]))
            text = view.markdown(agenda, loaded[2].templates, picture)
        except ReportError as exc:
            return fail(f"supervise: {exc}", 1)
    elif options.output is None:
        view.show(agenda)
        return 0
    else:
        buffer = io.StringIO()
        view.show(agenda, buffer)
        text = buffer.getvalue()
    if options.output is None:
        sys.stdout.write(text)
        return 0
    from reunify.case.write import atomic_write

    target = Path(options.output)
    try:
        atomic_write(target, text)
    except OSError as exc:
        return fail(f"supervise: cannot write {shown(target)}: {exc.strerror}", 1)
    print(f"wrote {shown(target)}")
    return 0


def render(options: argparse.Namespace) -> int:
    """Write the chosen reports (default all) into CASE/reports or -o DIR, each atomically, as Markdown
    and/or (converted by pandoc) Word and HTML."""
    from reunify.case.write import atomic_write, make_folders
    from reunify.reports import REPORTS
    from reunify.reports.render import ReportError
    from reunify.reports.render import render as render_reports

    names = options.report or list(REPORTS)
    formats = list(dict.fromkeys(options.to or ["markdown"]))
    templates = Path(options.templates) if options.templates else None
    if templates is not None and not templates.is_dir():
        return fail(f"--templates {templates}: not a folder")
    loaded = load_for_result(options.case, options.as_of, "render")
    if isinstance(loaded, int):
        return loaded
    valid, day, found = loaded
    if templates is None and (refused := templates_refused(found, "render")) is not None:
        return refused
    reference = found.docx_reference if "docx" in formats else None
    if reference is not None and not reference.is_file():
        return fail(f"{shown(found.path)}: docx_reference {shown(reference)}: no such file (give the path of a Word "
                    "document, relative to reunify.toml)")
    try:
        files = render_reports(valid, day, found, names, redact=options.redact, templates=templates)
    except ReportError as exc:
        return fail(f"render: {exc}; no report was written", 1)
    folder = Path(options.output) if options.output else valid.folder / "reports"
    if options.output is None:
        from reunify.case.yamlread import outside

        if outside(folder, valid.root):  # case data is never written out of the repository unasked
            return fail(f"render: {shown(folder)} is a symbolic link out of the repository: no report was written "
                        "(remove the link, or choose a folder with -o DIR)", 1)
    try:
        make_folders(folder)
        for name, text in files.items():
            if name.endswith(".md") and "markdown" not in formats:
                continue
            atomic_write(folder / name, text)
            print(f"wrote {shown(folder / name)}")
        converted = [f for f in formats if f != "markdown"]
        if converted:
            return _export(files, converted, folder, reference)
    except OSError as exc:
        return fail(f"render: cannot write {exc.filename or folder}: {exc.strerror}", 1)
    return 0


def _export(files: dict[str, str], formats: list[str], folder: Path, reference: Path | None) -> int:
    from reunify.reports.export import ExportError, export

    try:
        written, drawn = export(files, formats, folder, reference)
    except ExportError as exc:
        return fail(str(exc), 1)
    for path in written:
        print(f"wrote {shown(path)}")
    if "genogram.dot" in files and not drawn:
        print("note: Graphviz `dot` is not on PATH, so the Word/HTML genogram shows its tables without the drawing")
    return 0
