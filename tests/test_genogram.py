"""The genogram as practitioners read it, proved on Graphviz's placed output (`dot -Tplain`), not on the DOT text:
generations top to bottom, partners level and side by side, children below their parents' union, siblings level
in birth order; and the Mermaid version declaring the same generations."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from reunify.case.settings import Settings
from reunify.reports.export import graphviz
from reunify.reports.genogram import dot, generations, mermaid
from reunify.reports.render import render
from tests.conftest import AS_OF, EXAMPLE_CASES, load, write_case

DOT = graphviz()
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz is not installed: neither `dot` nor `graphviz-pure` "
                               "(pip install 'reunify[docx]') is on PATH or beside this Python")


def person(pid: str, sex: str, born: str, died: str | None = None, **more: object) -> dict:
    dates = {"born": dt.date.fromisoformat(born), **({"died": dt.date.fromisoformat(died)} if died else {})}
    return {"id": pid, "name": pid.replace("-", " ").title(), "sex": sex, **dates, **more}


# Step-parents with children of both unions: mum's children with dad (divorced) and with her husband, who has a
# son by his former partner.
STEP = {"people": [person("mum", "female", "1985-01-01", household=True), person("dad", "male", "1983-01-01"),
                   person("stepdad", "male", "1980-01-01", household=True), person("ex", "female", "1982-01-01"),
                   person("ava", "female", "2012-05-01"), person("ben", "male", "2009-03-01"),
                   person("cal", "male", "2019-07-01", household=True), person("dan", "male", "2008-02-01")],
        "unions": [{"partners": ["mum", "dad"], "status": "divorced", "children": ["ava", "ben"]},
                   {"partners": ["mum", "stepdad"], "status": "married", "children": ["cal"]},
                   {"partners": ["stepdad", "ex"], "status": "separated", "children": ["dan"]}]}
# A grandmother raising a sibling group: her late husband, their daughter and the daughter's three children.
GRAN = {"people": [person("kid-c", "female", "2020-01-01", household=True), person("kid-a", "male", "2014-01-01",
                                                                                    household=True),
                   person("gran", "female", "1960-01-01", household=True),
                   person("grandad", "male", "1958-01-01", died="2019-06-01"),
                   person("mum", "female", "1988-01-01"), person("dad", "male", "1987-01-01"),
                   person("kid-b", "female", "2016-01-01", household=True)],
        "unions": [{"partners": ["mum", "dad"], "status": "separated", "children": ["kid-c", "kid-a", "kid-b"]},
                   {"partners": ["gran", "grandad"], "status": "married", "children": ["mum"]}],
        "bonds": [{"between": ["kid-a", "gran"], "kind": "close"}]}
# A deceased parent: the father now lives with a new partner; his parents are alive.
DECEASED = {"people": [person("amy", "female", "2017-01-01"), person("mum", "female", "1990-01-01", died="2021-03-01"),
                       person("dad", "male", "1989-01-01", household=True), person("jess", "female", "1992-01-01",
                                                                                   household=True),
                       person("pop", "male", "1950-01-01"), person("nana", "female", "1952-01-01"),
                       person("baby", "male", "2024-01-01", household=True)],
            "unions": [{"partners": ["pop", "nana"], "status": "married", "children": ["dad"]},
                       {"partners": ["dad", "mum"], "status": "married", "children": ["amy"]},
                       {"partners": ["dad", "jess"], "status": "cohabiting", "children": ["baby"]}],
            "bonds": [{"between": ["amy", "jess"], "kind": "conflict"}]}
HARD = {"step-parents": (STEP, "cal"), "grandparent-raising-siblings": (GRAN, "kid-a"), "deceased-parent": (DECEASED, "amy")}


def placed(text: str) -> dict[str, tuple[float, float]]:
    """Each node's (x, y) as Graphviz places it (y grows upwards in the plain format)."""
    out = subprocess.run([DOT, "-Tplain"], input=text, capture_output=True, text=True, check=True).stdout
    return {m[1]: (float(m[2]), float(m[3])) for m in re.finditer(r'^node (\S+) (\S+) (\S+)', out, re.MULTILINE)}


def node(pid: str) -> str:
    return "p_" + re.sub(r"[^A-Za-z0-9]", "_", pid)


def assert_drawn_by_convention(genogram: dict) -> None:
    at = placed(dot(genogram, genogram["people"][0]["id"], "test"))
    born = {p["id"]: str(p.get("born") or "9999") for p in genogram["people"]}
    for i, union in enumerate(genogram["unions"]):
        partners = [at[node(p)] for p in union["partners"]]
        u = at[f"u{i}"]
        assert all(abs(y - u[1]) < 0.01 for _, y in partners), f"partners of union {i} are not level"
        if len(partners) == 2:
            left, right = sorted(x for x, _ in partners)
            assert left < u[0] < right, f"union {i} is not between its partners"
        children = sorted(union.get("children") or [], key=lambda c: born[c])
        for c in children:
            assert at[node(c)][1] < u[1] - 0.1, f"{c} is not below their parents"
        ys = {round(at[node(c)][1], 2) for c in children}
        assert len(ys) <= 1, f"siblings {children} are not level"
        xs = [at[node(c)][0] for c in children]
        assert xs == sorted(xs), f"siblings {children} are not in birth order, oldest on the left"
    level = generations(genogram)
    for a in genogram["people"]:
        for b in genogram["people"]:
            if level[a["id"]] == level[b["id"]]:
                assert abs(at[node(a["id"])][1] - at[node(b["id"])][1]) < 0.01, f"{a['id']} and {b['id']} not level"
            elif level[a["id"]] < level[b["id"]]:
                assert at[node(a["id"])][1] > at[node(b["id"])][1], f"{a['id']} is not above {b['id']}"


@needs_dot
@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda p: p.name)
def test_example_genograms_are_drawn_by_generation(case: Path) -> None:
    import yaml

    assert_drawn_by_convention(yaml.safe_load((case / "genogram.yaml").read_text()))


@needs_dot
def test_chloe_stands_with_her_sister_below_her_mother() -> None:
    """RU-2025-0142: Chloe was drawn level with her mother Denise, and her sister Joanne level with the child."""
    text = render(load(EXAMPLE_CASES[1]), AS_OF, Settings(), ["genogram"], commit="x")["genogram.dot"]
    at = placed(text)
    assert at["p_nan"][1] > at["p_mum"][1] == at["p_aunt_jo"][1] > at["p_lily"][1]
    assert at["p_aunt_jo"][0] < at["p_mum"][0]  # Joanne (1996) is the elder sister


@needs_dot
@pytest.mark.parametrize("name", HARD)
def test_hard_families_are_drawn_by_generation(name: str) -> None:
    assert_drawn_by_convention(HARD[name][0])


def test_generations_of_the_hard_families() -> None:
    assert generations(STEP) == {"mum": 0, "dad": 0, "stepdad": 0, "ex": 0, "ava": 1, "ben": 1, "cal": 1, "dan": 1}
    assert generations(GRAN)["gran"] == 0 and generations(GRAN)["mum"] == 1 and generations(GRAN)["kid-c"] == 2
    assert generations(DECEASED) == {"amy": 2, "mum": 1, "dad": 1, "jess": 1, "pop": 0, "nana": 0, "baby": 2}


def test_someone_their_own_ancestor_cannot_hang_the_drawing() -> None:
    loop = {"people": [person("a", "male", "1990-01-01"), person("b", "female", "1991-01-01")],
            "unions": [{"partners": ["a"], "children": ["b"]}, {"partners": ["b"], "children": ["a"]}]}
    assert set(generations(loop)) == {"a", "b"}
    assert "p_a" in dot(loop, "a", "t") and "p_b" in mermaid(loop, "a")


def test_deceased_child_and_shapes_as_the_legend_says(tmp_path: Path) -> None:
    case = write_case(tmp_path / "dead", case={"child": "amy"}, genogram=DECEASED)
    files = render(load(case), AS_OF, Settings(), ["genogram"], commit="x")
    legend, drawing = files["genogram.md"], files["genogram.dot"]
    assert "† marks a person who has died" in " ".join(legend.split()) and "(deceased)" not in legend + drawing
    assert 'p_mum [label="† Mum\\nb. 1990 d. 2021", shape=ellipse' in drawing
    assert 'p_dad [label="Dad\\nb. 1989", shape=box, fillcolor=gray90];' in drawing  # the household is shaded
    assert "p_amy [" in drawing and "peripheries=2" in drawing.split("p_amy [")[1].split("\n")[0]
    assert 'p_mum(("† Mum · b. 1990 d. 2021"))' in legend
    for status, style in (("married", "style=solid, penwidth=2.5"), ("cohabiting", "style=solid, penwidth=1")):
        assert any(style in line for line in drawing.splitlines() if "->" in line), status


def test_mermaid_declares_the_generations_top_first_siblings_by_birth() -> None:
    text = mermaid(GRAN, "kid-a")
    blocks = re.findall(r'subgraph generation(\d)\["Generation \d"\]\n(.*?)\n  end', text, re.DOTALL)
    members = {int(n): re.findall(r"p_(\w+)", body) for n, body in blocks}
    assert members == {1: ["gran", "grandad"], 2: ["mum", "dad"], 3: ["kid_a", "kid_b", "kid_c"]}
    assert text.index("u0 --> p_kid_a") < text.index("u0 --> p_kid_b") < text.index("u0 --> p_kid_c")
    assert "classDef household" in text and "class p_gran,p_kid_a,p_kid_b,p_kid_c household" in text
