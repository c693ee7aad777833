"""Word (DOCX) and HTML versions of the Markdown reports, converted by pandoc.

Reports go to panels, courts and families as Word documents. pandoc ships
inside the `pypandoc-binary` wheel, so a team installs nothing else. Each
report's first heading becomes the document's title (Word's Title style, the
HTML <title>), its sections Word headings, its pipe tables real tables. A
team's `docx_reference` (reunify.toml) gives the Word styles.

Mermaid, which Markdown viewers draw, means nothing to Word: the genogram is
drawn as a picture by Graphviz `dot` when it is on PATH, else the diagram is
left out and the report's tables of people and relationships carry it.
The risk level over time, a Mermaid chart in Markdown, is drawn again with
matplotlib (reports/pictures.py). Nothing is written outside the output folder (the picture is drawn in a
hidden folder there and removed), and each file is written under a temporary
name and renamed into place, so no half-written document is ever left.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# GitHub-flavoured Markdown, as the templates are written, plus a title block; raw HTML off: free text is
# already escaped, and nothing in a report should become markup in Word or a browser. Nor may free text
# become a live link (`www.example.com`), an emoji (`:warning:`) or mathematics (`$x$`): the templates use
# none of them.
READER = "gfm-raw_html-autolink_bare_uris-emoji-tex_math_dollars-tex_math_gfm+yaml_metadata_block"
_TITLE = re.compile(r"^# (.+)\n+", re.MULTILINE)
_MERMAID = re.compile(r"^```mermaid\n.*?^```\n", re.MULTILINE | re.DOTALL)
NO_DRAWING = ("*The drawing needs Graphviz (`dot`), which is not installed here: the tables below show who is "
              "who and how they are related.*\n")


class ExportError(Exception):
    """pandoc could not make a document; the message says which and why."""


def drawing(dot_text: str, folder: Path) -> Path | None:
    """The genogram as a PNG drawn by Graphviz into `folder`, or None when `dot` is not on PATH or fails."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    picture = folder / "genogram.png"
    try:
        subprocess.run([dot, "-Tpng", "-Gdpi=150", "-o", str(picture)], input=dot_text.encode(), check=True,
                       capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return picture


def document(markdown: str, picture: Path | None) -> str:
    """The Markdown pandoc reads: the first heading as the title, the Mermaid diagram as the picture (or a note)."""
    heading = _TITLE.search(markdown)
    if heading:
        title = json.dumps(heading.group(1))  # a JSON string is a YAML scalar; pandoc reads it as Markdown
        markdown = f"---\ntitle: {title}\n---\n\n{markdown[:heading.start()]}{markdown[heading.end():]}"
    figure = f"![The genogram]({picture.name})\n" if picture else NO_DRAWING
    return _MERMAID.sub(lambda _: figure, markdown)


def _convert(text: str, to: str, target: Path, resources: Path, reference: Path | None) -> Path:
    import pypandoc

    args = ["--standalone", f"--resource-path={resources}"]
    if to == "html":
        args.append("--embed-resources")  # one file: the picture inside, nothing fetched
    if to == "docx" and reference is not None:
        args.append(f"--reference-doc={reference}")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        pypandoc.convert_text(text, to, format=READER, outputfile=temporary, extra_args=args)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except (RuntimeError, OSError) as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"pandoc could not write {target.name}: {str(exc).strip().splitlines()[-1]}") from None
    return target


def export(files: dict[str, str], formats: Iterable[str], folder: Path, reference: Path | None) -> tuple[list[Path], bool]:
    """Write every Markdown report of `files` as each of `formats` into `folder`.

    Returns (paths written, whether the genogram was drawn). pandoc runs once a document, several at a time.
    """
    from reunify.case.write import replaceable
    from reunify.reports.pictures import for_export

    if reference is not None and not reference.is_file():
        raise ExportError(f"the Word reference document {reference} does not exist")
    for name in files:
        for to in formats:
            target = folder / f"{name.removesuffix('.md')}.{to}"
            try:
                replaceable(target)
            except OSError as exc:
                raise ExportError(f"cannot write {target}: {exc.strerror}") from None
    with tempfile.TemporaryDirectory(prefix=".reunify-export-", dir=folder) as scratch:
        picture = drawing(files["genogram.dot"], Path(scratch)) if "genogram.dot" in files else None
        drawn = {name: for_export(text, Path(scratch), name.removesuffix(".md"))
                 for name, text in files.items() if name.endswith(".md")}  # the risk chart, once a report
        jobs = [(document(text, picture if name == "genogram.md" else None), to,
                 folder / f"{name.removesuffix('.md')}.{to}") for name, text in drawn.items() for to in formats]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            written = list(pool.map(lambda job: _convert(*job, Path(scratch), reference), jobs))
    return written, picture is not None
