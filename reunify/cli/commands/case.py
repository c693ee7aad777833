"""Commands on one case folder: `new`, `classify`, `checklist`, `render`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reunify.cli.common import fail, load_for_result, print_json, shown, templates_refused, write_text


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

    loaded = load_for_result(options.case, options.as_of, command, options.format)
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

    loaded = load_for_result(options.case, options.as_of, "supervise", options.format)
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
    return write_text(text, options.output, "supervise")


def render(options: argparse.Namespace) -> int:
    """Write the chosen reports (default all) of each case given (or each case of a caseload folder) into
    CASE/reports or -o DIR, each atomically, as Markdown and/or (converted by pandoc) Word and HTML. With several
    cases, -o DIR gets a folder a case, and a terminal shows a progress bar."""
    from reunify.case.folders import NotACase, nearest_case, resolve
    from reunify.cli.views.caseload import with_progress

    if options.templates and not Path(options.templates).is_dir():
        return fail(f"--templates {options.templates}: not a folder")
    if any(f != "markdown" for f in options.to or ()):
        from reunify.reports.export import pandoc_missing

        if (missing := pandoc_missing()) is not None:  # before any report is written
            return fail(missing, 1)
    paths = options.cases or [nearest_case()]
    if paths == [None]:
        return fail("render: give a case folder: there is no case.yaml in this folder or any folder above it")
    if len(paths) == 1 and not (os.path.isdir(paths[0]) and not os.path.isfile(os.path.join(paths[0], "case.yaml"))):
        return _render_case(options, paths[0], Path(options.output) if options.output else None)  # its own messages
    try:
        folders, problems = resolve(paths, files_ok=False)
    except NotACase as exc:
        return fail(str(exc))
    for problem in problems:
        fail(f"render: {problem.diagnostic.file}: {problem.diagnostic.message}", 1)
    if len(folders) == 1 and not problems:
        return _render_case(options, str(folders[0]), Path(options.output) if options.output else None)
    codes = [1] * bool(problems)
    for folder in with_progress(folders, len(folders), True, "rendering reports", at_least=2):
        output = Path(options.output) / folder.name if options.output else None
        codes.append(_render_case(options, str(folder), output))
    return max(codes, default=0)


def _say(line: str) -> None:
    """Print a line of progress; a reader who left (`render ... | head`) does not stop the work."""
    try:
        print(line)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _render_case(options: argparse.Namespace, case: str, output: Path | None) -> int:
    """Render one case: every file written first, then what was written said (so a closed pipe loses nothing)."""
    from reunify.case.write import atomic_write, make_folders
    from reunify.reports import REPORTS
    from reunify.reports.render import ReportError
    from reunify.reports.render import render as render_reports

    names = options.report or list(REPORTS)
    formats = list(dict.fromkeys(options.to or ["markdown"]))
    templates = Path(options.templates) if options.templates else None
    loaded = load_for_result(case, options.as_of, "render")
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
    folder = output or valid.folder / "reports"
    if output is None:
        from reunify.case.yamlread import outside

        if outside(folder, valid.root):  # case data is never written out of the repository unasked
            return fail(f"render: {shown(folder)} is a symbolic link out of the repository: no report was written "
                        "(remove the link, or choose a folder with -o DIR)", 1)
    written: list[Path] = []
    drawn = True
    try:
        make_folders(folder)
        if output is None:
            written += _keep_out_of_git(folder, valid.root)
        for name, text in files.items():
            if name.endswith(".md") and "markdown" not in formats:
                continue
            atomic_write(folder / name, text)
            written.append(folder / name)
        converted = [f for f in formats if f != "markdown"]
        if converted:
            from reunify.reports.export import ExportError, export

            try:
                documents, drawn = export(files, converted, folder, reference, valid.root or valid.folder)
            except ExportError as exc:
                return fail(str(exc), 1)
            written += documents
    except OSError as exc:
        return fail(f"render: cannot write {exc.filename or folder}: {exc.strerror}", 1)
    for path in written:
        _say(f"wrote {shown(path)}")
    if "genogram.dot" in files and not drawn and any(f != "markdown" for f in formats):
        sys.stderr.write("note: Graphviz is not installed (pip install 'reunify[docx]', or your system's graphviz "
                         "package), so the Word/HTML genogram shows its tables without the drawing\n")
    checked = " (redacted: read them before they leave the team)" if options.redact else ""
    sys.stderr.write(f"note: the reports in {shown(folder)} hold personal data{checked}: keep them out of git and "
                     "share them only as your service allows\n")
    return 0


def _keep_out_of_git(folder: Path, root: Path | None) -> list[Path]:
    """A reports/.gitignore, the first time reports are written into a case inside a git repository."""
    from reunify.case.scaffold import REPORTS_GITIGNORE
    from reunify.case.write import atomic_write

    ignore = folder / ".gitignore"
    if root is None or not (root / ".git").exists() or ignore.exists() or ignore.is_symlink():
        return []
    atomic_write(ignore, REPORTS_GITIGNORE)
    return [ignore]
