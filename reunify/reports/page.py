"""One standalone HTML page: the shell every page shares, tables with real headers, and charts as images.

A page is read by a team manager in a browser, printed, or mailed: one file, no script, nothing fetched.
It is written for assistive technology too: `lang="en-GB"`, a title, table headers with `scope`, and a text
alternative for every chart (the chart's numbers are in a table beside it as well). Every free text passes
through `markupsafe.escape`; only this module writes markup.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Iterator, Sequence

from markupsafe import Markup, escape

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:2rem auto;max-width:70rem;
padding:0 1rem;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #767676;padding:.3rem .5rem;
text-align:left;vertical-align:top}thead th{background:#e8e8e8}
figure{margin:1rem 0}figure img{max-width:100%;height:auto}.caution{color:#8a1c00;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:2rem}.alert{color:#8a1c00}
"""


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], caption: str,
          row_headers: bool = True) -> Iterator[Markup]:
    """A table with column headers (`scope="col"`) and, when `row_headers`, each row's first cell a row header,
    made a row at a time as the page is written (a table of every case is never held). Cells are escaped unless
    already Markup."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    yield Markup(f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>")
    for row in rows:
        cells = [f'<th scope="row">{escape(v)}</th>' if i == 0 and row_headers else f"<td>{escape(v)}</td>"
                 for i, v in enumerate("" if v is None else v for v in row)]
        yield Markup(f"<tr>{''.join(cells)}</tr>")
    yield Markup("</tbody></table>")


def figure(svg: bytes | None, alt: str, caption: str) -> Markup:
    """A chart as an embedded SVG image with its text alternative; without the chart, the text alone."""
    if svg is None:
        return Markup(f"<p>{escape(alt)}</p>")
    data = base64.b64encode(svg).decode("ascii")
    return Markup(f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'
                  f"<figcaption>{escape(caption)}</figcaption></figure>")


def page(title: str, *parts: Markup | str | Iterable[Markup]) -> str:
    """The whole document as one text (`written`)."""
    return "".join(written(title, *parts))


def written(title: str, *parts: Markup | str | Iterable[Markup]) -> Iterator[str]:
    """The whole document a piece at a time: parts that are Markup go in as they are, plain strings become escaped
    paragraphs, and a part made of pieces (a `table`) is written as they come."""
    yield (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
           f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{escape(title)}</h1>\n")
    for number, part in enumerate(parts):
        if number:
            yield "\n"
        if isinstance(part, str):
            yield str(part) if isinstance(part, Markup) else f"<p>{escape(part)}</p>"
        else:
            yield from part
    yield "\n</main>\n</body>\n</html>\n"


def heading(text: str, level: int = 2) -> Markup:
    return Markup(f"<h{level}>{escape(text)}</h{level}>")


def chart(draw: Callable[..., bytes], *args: object) -> bytes | None:
    """`draw(*args)` from reports.charts, or None when matplotlib is not installed (the page keeps its tables)."""
    from reunify.reports.charts import NoCharts

    try:
        return draw(*args)
    except NoCharts:
        return None
