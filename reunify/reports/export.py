"""Word (DOCX) and HTML versions of the Markdown reports, converted by pandoc.

Reports go to panels, courts and families as Word documents. pandoc ships
inside the `pypandoc-binary` wheel, so a team installs nothing else. Each
report's first heading becomes the document's title (Word's Title style, the
HTML <title>), its sections Word headings, its pipe tables real tables. A
team's `docx_reference` (reunify.toml) gives the Word styles.

Mermaid, which Markdown viewers draw, means nothing to Word: the genogram is
drawn as a picture by Graphviz (`dot`, or `graphviz-pure` from the `docx`
extra) when it is installed, else the diagram is left out and the report's
tables of people and relationships carry it. Documents are British English
(`lang` en-GB: the HTML attribute, Word's proofing language) unless a team's
reference document sets its own; HTML tables wrap on screen and on A4 paper.
The risk level over time, a Mermaid chart in Markdown, is drawn again with
matplotlib (reports/pictures.py) as an image with its text alternative.
A team template cannot make pandoc embed a file from outside the case
repository: every image a report refers to is checked before conversion.
Nothing is written outside the output folder (the picture is drawn in a
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
from collections.abc import Collection, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# GitHub-flavoured Markdown, as the templates are written, plus a title block; raw HTML off: free text is
# already escaped, and nothing in a report should become markup in Word or a browser. Nor may free text
# become a live link (`www.example.com`), an emoji (`:warning:`) or mathematics (`$x$`): the templates use
# none of them.
READER = "gfm-raw_html-autolink_bare_uris-emoji-tex_math_dollars-tex_math_gfm+yaml_metadata_block"
_TITLE = re.compile(r"^# (.+)\n+", re.MULTILINE)
_MERMAID = re.compile(r"^```mermaid\n.*?^```\n", re.MULTILINE | re.DOTALL)
PRINTED_WIDTH = 5.84  # inches: pandoc shrinks a wider picture to the width between its Word page margins
LANGUAGE = "en-GB"
# Tables wrap rather than run off the page: fixed layout, long words broken, A4 paper when printed. pandoc's
# own style sheet makes a table a scrolling block, which a long word widens and the printed page cuts off.
STYLE = """<style>
table { display: table; overflow-x: visible; border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #888; padding: 0.2em 0.4em; vertical-align: top; overflow-wrap: anywhere; word-wrap: break-word; }
img { max-width: 100%; height: auto; }
@page { size: A4; margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  tr, img { break-inside: avoid; }
  thead { display: table-header-group; }
}
</style>
"""
# A table's heading cells say they head their columns (`scope`), which a screen reader announces with each cell.
HEADINGS = """function Table(table)
  for _, row in ipairs(table.head.rows) do
    for _, cell in ipairs(row.cells) do cell.attributes.scope = "col" end
  end
  return table
end
"""
# pandoc gives every picture it embeds an ARIA role; an <img> has that role already (ARIA in HTML: do not repeat it).
_REDUNDANT_ROLE = '<img role="img" '
NO_DRAWING = ("*The drawing needs Graphviz (`dot`), which is not installed here: the tables below show who is "
              "who and how they are related.*\n")


class ExportError(Exception):
    """pandoc could not make a document, or is not installed; the message says which and why."""


def pandoc_missing() -> str | None:
    """How to install pandoc when the `docx` extra is not installed (None when it is)."""
    try:
        import pypandoc  # noqa: F401
    except ImportError:
        pass
    else:
        return None
    return ("render: Word and HTML reports need pandoc, which is not installed with reunify itself: "
            "pip install 'reunify[docx]' (Markdown reports need nothing more)")


_IMAGE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # a URL scheme: http:, file:, data:


def images(markdown: str) -> list[str]:
    """Every image target of a Markdown document, as pandoc reads it (inline, reference-style, in tables)."""
    import pypandoc

    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Image":
                found.append(node["c"][2][0])
            walk(node.get("c"))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(pypandoc.convert_text(markdown, "json", format=READER))["blocks"])
    return found


def confined(target: str, root: Path, ours: Collection[str]) -> bool:
    """Whether an image target is a picture we drew (`ours`: the genogram, the risk charts) or a file inside the
    case repository `root`, all links followed; never a URL (pandoc would fetch it) nor a path leading out."""
    if target in ours:
        return True
    if not target or _IMAGE.match(target):
        return False
    try:
        where = (root / target).resolve()
        return where.is_relative_to(root.resolve()) and where.is_file()
    except (OSError, RuntimeError, ValueError):
        return False


def graphviz() -> str | None:
    """Graphviz's `dot` on PATH, else `graphviz-pure` (the same layout engine, which the `docx` extra installs
    beside this Python, on PATH or not)."""
    import sys

    beside = str(Path(sys.executable).parent)
    return shutil.which("dot") or shutil.which("graphviz-pure", path=os.pathsep.join([os.environ.get("PATH", ""), beside]))


def drawing(dot_text: str, folder: Path) -> Path | None:
    """The genogram as a PNG drawn by Graphviz into `folder`, or None when Graphviz is not installed or fails."""
    dot = graphviz()
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


def _convert(text: str, to: str, target: Path, resources: list[Path], reference: Path | None) -> Path:
    import pypandoc

    args = ["--standalone", f"--resource-path={os.pathsep.join(map(str, resources))}"]
    if to == "html":
        style = resources[0] / "style.html"
        args += ["--embed-resources", f"--include-in-header={style}",  # one file: the picture inside, nothing fetched
                 f"--lua-filter={resources[0] / 'headings.lua'}"]
    if to == "docx" and reference is not None:
        args.append(f"--reference-doc={reference}")  # the team's styles, their language included
    else:
        args.append(f"--metadata=lang:{LANGUAGE}")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        pypandoc.convert_text(text, to, format=READER, outputfile=temporary, extra_args=args)
        if to == "html":  # free text is escaped: the only `<img ` pandoc writes starts a real element
            page = Path(temporary).read_text(encoding="utf-8")
            Path(temporary).write_text(page.replace(_REDUNDANT_ROLE, "<img "), encoding="utf-8")
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except (RuntimeError, OSError) as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"pandoc could not write {target.name}: {str(exc).strip().splitlines()[-1]}") from None
    return target


def export(files: dict[str, str], formats: Iterable[str], folder: Path, reference: Path | None,
           root: Path) -> tuple[list[Path], bool]:
    """Write every Markdown report of `files` as each of `formats` into `folder`; images resolve only in the
    case repository `root` (else ExportError naming the report's template, and nothing is written).

    Returns (paths written, whether the genogram was drawn). pandoc runs once a document, several at a time.
    """
    from reunify.case.write import replaceable
    from reunify.diagnostics.escape import terminal
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
        (Path(scratch) / "style.html").write_text(STYLE, encoding="utf-8")
        (Path(scratch) / "headings.lua").write_text(HEADINGS, encoding="utf-8")
        documents = {name: document(for_export(text, Path(scratch), name.removesuffix(".md")),
                                    picture if name == "genogram.md" else None)
                     for name, text in files.items() if name.endswith(".md")}  # each risk chart drawn once
        ours = {p.name for p in Path(scratch).glob("*.png")}  # the pictures drawn here: genogram, risk charts
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            for name, targets in zip(documents, pool.map(images, documents.values()), strict=True):
                if (wrong := next((t for t in targets if not confined(t, root, ours)), None)) is not None:
                    raise ExportError(f"render: template {name}.j2 refers to the image {terminal(wrong)}, which is not "
                                      "a file inside the case repository: no document was written")
            jobs = [(text, to, folder / f"{name.removesuffix('.md')}.{to}") for name, text in documents.items()
                    for to in formats]
            written = list(pool.map(lambda job: _convert(*job, [Path(scratch), root], reference), jobs))
    return written, picture is not None
