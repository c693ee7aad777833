"""Property-based tests (hypothesis): for any input, a diagnostic or safe output, never an exception, never an
unescaped control character or name. Runs are kept short (a few dozen examples each) so the suite stays fast."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reunify.case.yamlread import parse_text
from reunify.diagnostics.escape import has_control, terminal
from reunify.reports import escape
from reunify.reports.context import redact
from tests.builders import strings_in

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
PIECES = [*"ab: -\n\t#&*!|>'\"[]{},?%@`0129.", "\x1b", "\x85", "\u2028", "\ufeff", "!!str ", "&a ", "*a", "---\n",
          "key: ", "\n  - ", "2025-01-01"]
YAMLISH = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@FAST
@given(st.one_of(YAMLISH, ANY_TEXT))
def test_the_yaml_reader_gives_values_or_diagnostics_never_an_exception(text: str) -> None:
    for engine in ("fast", "ruamel"):
        data, _, diags = parse_text(text, "case.yaml", engine)
        assert data is None or isinstance(data, dict)
        assert data is not None or diags


@FAST
@given(YAMLISH)
def test_both_parsers_agree(text: str) -> None:
    fast = parse_text(text, "f.yaml", "fast")
    slow = parse_text(text, "f.yaml", "ruamel")
    if not fast[2] and not slow[2]:
        assert fast[0] == slow[0]


@FAST
@given(ANY_TEXT)
def test_terminal_escaping_leaves_no_control_character(text: str) -> None:
    shown = terminal(text)
    assert not has_control(shown) and not CONTROL.search(shown)
    kept = terminal(text, multiline=True)
    assert not has_control(kept, multiline=True)
    assert "\n" not in shown and kept.count("\n") == text.count("\n")


@FAST
@given(ANY_TEXT)
def test_report_escapers_leave_no_control_character_and_no_markup(text: str) -> None:
    paragraph = str(escape.markdown(text))
    assert not CONTROL.search(paragraph) and "<" not in paragraph
    assert not any(line.lstrip().startswith(("#", ">", "- ", "* ", "+ ")) for line in paragraph.split("\n"))
    cell = str(escape.cell(text))
    assert not CONTROL.search(cell) and "\n" not in cell and not re.search(r"(?<!\\)\|", cell)
    mermaid = str(escape.mermaid(text))
    assert not CONTROL.search(mermaid) and not set(mermaid) & set('"<>[]{}|\n')
    dot = str(escape.dot(text))
    assert not CONTROL.search(dot) and "\n" not in dot and not re.search(r'(?<!\\)"', dot.replace("\\\\", ""))


NAME = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPRSTUVWYZéöÅ")), min_size=2, max_size=8)


@FAST
@given(st.lists(st.tuples(NAME, NAME), min_size=1, max_size=4), st.lists(NAME, max_size=3), st.data())
def test_the_redactor_leaves_no_name(people: list[tuple[str, str]], staff: list[str], data: st.DataObject) -> None:
    names = [f"{first.capitalize()} {last.capitalize()}" for first, last in people]
    staff_names = [s.capitalize() for s in staff]
    everyone = names + staff_names
    words = [w for n in everyone for w in n.split()]
    prose = " ".join(data.draw(st.lists(st.sampled_from([*words, *(w.upper() for w in words),
                                                          *(w.lower() for w in words), "and", "the", "."]),
                                        max_size=12)))
    context = {
        "header": {"reference": "RU-1"},
        "genogram": {"people": [{"id": f"p{i}", "name": n, "born": None} for i, n in enumerate(names)]},
        "case": {"child": "p0", "team": {"social_worker": staff_names[0] if staff_names else None, "team_manager": None,
                                         "service_manager": None, "qaro": None, "head_of_service": None,
                                         "chronologist": None},
                 "decisions": [{"by": s, "role": None, "ratified_by": None} for s in staff_names[1:]],
                 "meetings": [{"attendees": [*everyone, "p0"], "notes": prose}]},
        "people": {}, "child": {},
    }
    redacted, scrub = redact(context)
    # The case reference is kept, not a name: a person called "Ru" is not left in "RU-1".
    flat = "\n".join([*strings_in(redacted), scrub(prose)]).replace("RU-1", "")
    for word in words:
        if word.lower() in {"the", "and", "of", "for", "mr", "mrs", "ms", "miss", "mx", "dr", "de", "van", "von",
                            "la", "le"}:
            continue
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", flat, re.IGNORECASE), (word, flat)
