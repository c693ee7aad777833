"""Reports under attack: names written in any case, person ids that collide with initials or the
diagram's syntax, a team template reading outside the repository, free text that pandoc would turn into
math, emoji or links.

Part of an adversarial review (issue 13), written from docs/command-line.md's contract: each test is an attack that broke
the tool before the fix beside it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.hostile import lily, no_traceback


# -------------------------------------------------------------------------------------- reports
def test_redaction_matches_any_case_of_a_name_and_never_raises() -> None:
    """Python's case-insensitive matching pairs `İ` with `i` and `ſ` with `s`, but lower-casing them gives
    other text: a name written that way raised KeyError, and a genogram name with `İ` survived redaction."""
    from reunify.reports.context import redactor

    replace = redactor({"ilker": "ID", "sam": "the social worker", "i̇pek": "IY"})
    assert replace("İlker and ILKER, ſam") == "ID and ID, the social worker"
    assert replace("İPEK and Ipek and İpek") == "IY and IY and IY"


def test_redaction_keeps_every_person_in_the_genogram(tmp_path: Path) -> None:
    """A person id equal to another person's initials (`ch` beside Chloe Hughes), or to a word of the
    diagram's own syntax (`u0`, `child`), made node ids `p_[redacted]` (invalid DOT and Mermaid) or
    rewired the drawing."""
    case = lily(tmp_path / "lily")
    for name in ("genogram.yaml", "case.yaml", "contingency.yaml", "chronology.yaml", "plan.yaml", "agreements.yaml"):
        text = (case / name).read_text()
        text = re.sub(r"\bnan\b(?=[,\]\n])", "ch", text)
        text = re.sub(r"\baunt-jo\b", "u0", text)
        (case / name).write_text(text)
    assert run_cli("validate", str(case)).returncode == 0
    out = tmp_path / "out"
    assert run_cli("render", str(case), "--redact", "-r", "genogram", "-o", str(out), "--as-of", "2026-11-24") \
        .returncode == 0
    dot = (out / "genogram.dot").read_text()
    nodes = re.findall(r"^\s*(\S+) \[label=", dot, re.MULTILINE)
    assert len(nodes) == 6 and len(set(nodes)) == 6 and all(re.fullmatch(r"p_\w+|u\d+", n) for n in nodes), nodes
    assert "u0 -> p_" in dot and "u1 -> p_" in dot
    mermaid = (out / "genogram.md").read_text().split("```mermaid")[1]
    assert "[redacted]" not in mermaid and "u0 --> p_" in mermaid
    if shutil.which("dot"):
        assert subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True).returncode == 0


def test_a_team_template_cannot_read_a_file_outside_the_repository(tmp_path: Path) -> None:
    case = lily(tmp_path / "repo" / "lily")
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("THE-SECRET")
    templates = tmp_path / "repo" / "templates"
    templates.mkdir()
    (templates / "chronology.md.j2").write_text('Chronology {% include "notes.j2" %}\n')
    (templates / "notes.j2").symlink_to(secret)
    out = tmp_path / "out"
    result = no_traceback(run_cli("render", str(case), "--templates", str(templates), "-r", "chronology",
                                  "-o", str(out), "--as-of", "2026-11-24"))
    assert result.returncode == 1 and "notes.j2" in result.stderr and "THE-SECRET" not in result.stderr
    assert not out.exists()
    (templates / "notes.j2").unlink()
    with open(templates / "notes.j2", "w") as handle:
        handle.truncate(6 * 1024 * 1024)
    result = no_traceback(run_cli("render", str(case), "--templates", str(templates), "-r", "chronology",
                                  "-o", str(out), "--as-of", "2026-11-24"))
    assert result.returncode == 1 and "notes.j2" in result.stderr and "5 MiB" in result.stderr


def test_free_text_never_becomes_math_emoji_or_links(tmp_path: Path) -> None:
    case = lily(tmp_path / "lily")
    text = (case / "chronology.yaml").read_text()
    (case / "chronology.yaml").write_text(text.replace('event: "', 'event: "Owes $x^2$ :warning: www.e.vil ', 1))
    out = tmp_path / "out"
    result = run_cli("render", str(case), "-r", "chronology", "--to", "markdown", "--to", "html", "-o", str(out),
                     "--as-of", "2026-11-24")
    assert result.returncode == 0, result.stderr
    assert "Owes \\$x^2\\$" in (out / "chronology.md").read_text()
    html = (out / "chronology.html").read_text()
    assert "Owes $x^2$ :warning: www.e.vil" in html and "class=\"math" not in html and "e.vil\"" not in html


def test_redacting_a_huge_genogram_takes_seconds_not_hours(tmp_path: Path) -> None:
    """1,000 people sharing initials (a hostile genogram, well under 5 MiB): a name check compiled a regular
    expression for every pair of names, and the redaction pattern was one alternation of every name; the
    render took three minutes (20,000 people: hours)."""
    case = lily(tmp_path / "lily")
    people = "".join(f"  - id: p{i}\n    name: Person Number{i}\n    sex: female\n" for i in range(1000))
    text = (case / "genogram.yaml").read_text()
    (case / "genogram.yaml").write_text(text.replace("people:\n", "people:\n" + people, 1))
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "reunify", "render", str(case), "--redact", "-r", "genogram",
                             "-o", str(out), "--as-of", "2026-11-24"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Number999" not in (out / "genogram.md").read_text() and "PN1000" in (out / "genogram.md").read_text()


@pytest.mark.parametrize(("body", "words"), [('{{ "x"|center(700000000) }}', "ran out of memory"),
                                             ('{{ ("x" * 10000000)|replace("x", "xxxxxxx") }}', "more than 64 MiB")])
def test_a_team_template_cannot_fill_memory_or_disk(tmp_path: Path, body: str, words: str) -> None:
    """One call in C cannot be interrupted by the time limit: `center(3000000000)` filled 3 GB for half a minute
    and wrote it as a report. A template may grow the process by 512 MiB and write 64 MiB."""
    case = lily(tmp_path / "lily")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "chronology.md.j2").write_text(body)
    result = no_traceback(run_cli("render", str(case), "--templates", str(tmp_path / "t"), "-r", "chronology",
                                  "-o", str(tmp_path / "out"), "--as-of", "2026-11-24"))
    assert result.returncode == 1 and words in result.stderr and "chronology.md.j2" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_name_cannot_start_a_mermaid_markdown_string() -> None:
    """Inside a Mermaid label, "`...`" is Mermaid's own Markdown: a name written `**Bold**` in backticks was drawn
    bold."""
    from reunify.reports.escape import mermaid

    assert "`" not in mermaid("`**Ryan**`") and "#96;**Ryan**#96;" in mermaid("`**Ryan**`")
