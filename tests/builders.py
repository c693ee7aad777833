"""What more than one test module builds: case folders and their data, bad inputs, a trail repository, a hostile
case, a run on a terminal. Test modules import these from here, never from one another, so a test module can
change without breaking another. (Fixtures here are brought into a module by assignment: `repo = flat_repo`.)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.runner import invoke

D = dt.date


# ------------------------------------------------------------------------------------------ case folders
def write_case(folder: Path, **files: dict) -> Path:
    """Write a case folder from Python values (PyYAML writes dates as YAML dates)."""
    import yaml

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:  # case files never use anchors
            return True

    folder.mkdir(parents=True, exist_ok=True)
    files.setdefault("case", {})
    files["case"] = {"reference": "RU-T", "child": "amy", "legal_status": "care-order", **files["case"]}
    for kind, data in files.items():
        (folder / f"{kind}.yaml").write_text(yaml.dump(data, Dumper=NoAliases, sort_keys=False), encoding="utf-8")
    return folder


def load(folder: Path):
    from reunify.case.load import load_case

    case = load_case(folder)
    assert case.diagnostics == [], case.diagnostics
    return case


# ------------------------------------------------------------------ factors (the traffic-light table)
JAN_2026 = D(2026, 1, 1)


def rf(id_: str, status: str, since: D = JAN_2026, **extra) -> dict:
    return {"id": id_, "name": id_.title(), "status": status, "since": since, **extra}


def pf(id_: str, apparent: bool = True, **extra) -> dict:
    return {"id": id_, "name": id_.title(), "apparent": apparent, **extra}


FULL_LOW = {
    "assessed": D(2026, 1, 1),
    "risk_factors": [rf("dv", "addressed")],
    "protective_factors": [pf("nan")],
    "capacity_to_change": {"sustained": True, "since": D(2025, 12, 1)},
    "wishes": {"parents": "wants-return", "child": "wants-return"},
    "recurrence": "unlikely",
}


# ------------------------------------------------------------------------------ the workflow checklist
GENOGRAM = {
    "people": [{"id": "amy", "name": "Amy", "born": D(2015, 1, 1), "household": True},
               {"id": "mum", "name": "Mum", "born": D(1990, 1, 1), "household": True, "police_check": D(2025, 1, 1)},
               {"id": "dad", "name": "Dad", "born": D(1988, 1, 1)}],
    "unions": [{"partners": ["mum", "dad"], "children": ["amy"]}],
}


def rc(label: str, date: D, level: str, **extra) -> dict:
    return {"label": label, "date": date, "level": level, **extra}


def smart_agreement(**changes) -> dict:
    goal = {"id": "g1", "goal": "Stop drinking", "measure": "tests", "agreed": True, "realistic": True,
            "due": D(2026, 4, 1), "owner": "mum"}
    agreement = {"id": "pa", "made": D(2026, 1, 1), "objectives": ["home"], "goals": [goal],
                 "review_every_weeks": 6, "consequences": "plan paused", "signed": D(2026, 1, 1)}
    return {"agreements": [{**agreement, **changes}]}


def ids(kind: str) -> list[str]:
    """The ids of the practice rules of one kind ("task", "audit", "movement", "trigger", "order"), as the
    framework's registry declares them: adding a rule touches its module and its test, never a list here."""
    from reunify.framework.registry import of_kind

    return [r.id for r in of_kind(kind)]


# ------------------------------------------------------------------------------------------ bad input
HEAD = b"reference: RU-1\nchild: amy\nlegal_status: other\n"
BOMB = b"".join(
    [b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n".encode()
       for i in range(9)]
)

# (name, case.yaml content, expected code, expected line of the first diagnostic)
BAD_INPUTS: list[tuple[str, bytes, str, int | None]] = [
    ("yaml-syntax", b"reference: RU-1\nchild: [amy\nlegal_status: other\n", "RU101", 3),
    ("tab-indentation", b"reference: RU-1\nplacement:\n\ttype: foster\n", "RU102", 3),
    ("duplicate-key", HEAD + b"child: bob\n", "RU103", 4),
    ("invalid-utf8", HEAD + b"trusted_adult: \xff\xfe\n", "RU104", 4),
    ("empty-file", b"", "RU105", None),
    ("comments-only", b"# nothing yet\n", "RU105", None),
    ("top-level-list", b"- reference\n- child\n", "RU106", 1),
    ("scalar-document", b"just some words\n", "RU106", 1),
    ("alias-bomb", BOMB, "RU107", 1),
    ("too-large", HEAD + b"#" * (5 * 1024 * 1024 + 10) + b"\n", "RU108", None),
    ("tag", HEAD + b"trusted_adult: !!binary aGk=\n", "RU109", 4),
    ("two-documents", HEAD + b"---\nreference: RU-2\n", "RU111", 5),
    ("unknown-key", HEAD + b"trusted_adlt: Aunt Jo\n", "RU201", 4),
    ("missing-required", b"reference: RU-1\nchild: amy\n", "RU202", 1),
    ("wrong-type", HEAD + b"meetings: yes\n", "RU203", 4),
    ("bad-enum", b"reference: RU-1\nchild: amy\nlegal_status: interim-care\n", "RU204", 3),
    ("unquoted-decision", HEAD + b"decisions:\n  - {decision: 1, date: 2026-01-05, by: Jo}\n", "RU204", 5),
    ("bad-id", b"reference: RU-1\nchild: Amy\nlegal_status: other\n", "RU205", 2),
    ("impossible-date", HEAD + b"placement:\n  type: foster\n  since: 2025-13-40\n", "RU206", 6),
    ("date-as-text", HEAD + b"placement:\n  type: foster\n  since: last week\n", "RU203", 6),
    ("null-required", b"reference: RU-1\nchild:\nlegal_status: other\n", "RU202", 2),
    ("deep-nesting", HEAD + b"team: " + b"[" * 200 + b"]" * 200 + b"\n", "RU112", 4),
    ("colon-in-text", HEAD + b"trusted_adult: Nan: the maternal grandmother\n", "RU101", 4),
    ("hash-in-flow-list", HEAD + b"meetings:\n  - kind: other\n    date: 2026-01-05\n    attendees: [Sam #2, Jo]\n",
     "RU101", 8),
    ("quoted-date", HEAD + b"placement:\n  type: foster\n  since: '2025-03-01'\n", "RU203", 6),
    ("number-too-long", HEAD + b"trusted_adult: " + b"9" * 4400 + b"\n", "RU203", 4),
]


# ------------------------------------------------------------------------------------------ the trail
def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


# The CPAG panel met first, so the order guard lets Decision `cpag` through on any later day.
FLAT_CASE = "reference: RU-T\nchild: amy\nlegal_status: care-order\nmeetings:\n  - kind: cpag\n    date: 2025-12-01\n"


@pytest.fixture
def flat_repo(tmp_path: Path) -> Path:
    """A git repository with one committed case, amy/ (FLAT_CASE)."""
    root = tmp_path / "repo"
    case = root / "amy"
    case.mkdir(parents=True)
    (case / "case.yaml").write_text(FLAT_CASE, encoding="utf-8")
    (case / "genogram.yaml").write_text("people:\n  - {id: amy, name: Amy}\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "case opened")
    return root


@pytest.fixture
def ssh_signing(repo: Path, tmp_path: Path) -> Path:
    """The `repo` fixture's repository set to sign commits with a new ssh key (skipped without ssh-keygen)."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alex", "-f", str(key)], check=True)
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f"alex@example.invalid {(tmp_path / 'key.pub').read_text()}")
    for name, value in (("gpg.format", "ssh"), ("user.signingkey", str(key)),
                        ("gpg.ssh.allowedSignersFile", str(allowed))):
        git(repo, "config", name, value)
    return key


def decision(n: int) -> list[str]:
    """Decision `cpag` on day n: after the panel (FLAT_CASE), so any number can be recorded in order."""
    return ["--decision", "cpag", "--by", f"Manager {n}", "--role", "corporate-director", "--outcome", "proceed",
            "--rationale", f"Round {n}", "--date", f"2026-01-{n:02d}"]


def verify_json(case: Path, *extra: str) -> tuple[int, dict]:
    result = invoke("history", str(case), "--verify", "--format", "json", *extra)
    return result.returncode, json.loads(result.stdout)


# ------------------------------------------------------------------------------------ a hostile case
HOSTILE = "<script>alert(1)</script> | *bold* [link](http://x) # `code` \\ &amp; ![img](x.png)\n- item\n1. one"


FREE_TEXT = {"event", "analysis", "notes", "evidence", "consequences", "transition", "pattern", "rationale",
             "child_views", "what", "when", "goal", "measure", "support", "permanence", "baby_safety", "service"}


def _poison(value: object, key: str = "") -> object:
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    enum = value in ("none", "some", "substantial")  # capacity_to_change.evidence is a word, not prose
    return HOSTILE if key in FREE_TEXT and isinstance(value, str) and not enum else value


@pytest.fixture
def hostile_case(tmp_path: Path) -> Path:
    """RU-2025-0142 (every file present) with every free-text field and one name made hostile."""
    import yaml

    from tests.conftest import EXAMPLE_CASES

    source = EXAMPLE_CASES[1]
    files = {p.stem: _poison(yaml.safe_load(p.read_text())) for p in source.glob("*.yaml")}
    for person in files["genogram"]["people"]:
        if person["id"] == "dad":
            person["name"] = '<script>Ryan | "Doyle"</script>'
    case = write_case(tmp_path / "hostile", **files)
    assert invoke("validate", str(case)).returncode == 0
    return case


# ------------------------------------------------------------------------------------------ a terminal
def on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """Run reunify with stdout and stderr on a pseudo-terminal, as pre-commit does."""
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "reunify", *args], stdout=child, stderr=child, env=env)
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    process.wait()
    os.close(main)
    return out


def decision_3(repo: Path) -> Path:
    """A committed case (flat_repo) with Decision 3 to proceed recorded by decide, ready for a ratification."""
    case = repo / "amy"
    (case / "case.yaml").write_text(FLAT_CASE + "team:\n  head_of_service: Chris Lane\n")
    # What the order guard asks for before Decision 3: an agreement and a staged contingency plan.
    (case / "agreements.yaml").write_text("agreements:\n  - id: pa-1\n    made: 2026-01-10\n")
    (case / "contingency.yaml").write_text("stages:\n  - stage: 1\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "team, agreement and contingency plan")
    result = invoke("decide", str(case), "--decision", "3", "--by", "Alex Moore", "--role", "service-manager",
                     "--outcome", "proceed", "--rationale", "Ready", "--date", "2026-02-01")
    assert result.returncode == 0, result.stderr
    return case


def strings_in(value: object) -> list[str]:
    """Every string inside a JSON-like value (dicts, lists), to search all that a command printed."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return [value] if isinstance(value, str) else []
