"""The shape of the code: packages by pipeline stage, no import cycles, each option defined once."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from reunify.cli.spec import COMMANDS
from tests.conftest import ROOT

PACKAGE = ROOT / "reunify"
STAGES = {"case", "diagnostics", "checks", "framework", "reports", "trail", "caseload", "cli"}


def _module(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


MODULES = {_module(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path) -> set[str]:
    """Every reunify module this one imports, at any depth, except under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reunify"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("reunify")}
    return found & set(MODULES)


def test_no_loose_modules_beside_the_stage_packages() -> None:
    """Beside the stages only the front door (pipeline.py) and the table of source documents (sources.py), which
    every stage names its rules from."""
    loose = {p.name for p in PACKAGE.glob("*.py")}
    assert loose == {"__init__.py", "__main__.py", "pipeline.py", "sources.py"}
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == STAGES


def test_no_import_cycles() -> None:
    graph = {m: _imports(p) - {m} for m, p in MODULES.items()}
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            assert state.get(target) != 1, "import cycle: " + " -> ".join([*trail, module, target])
            if target not in state:
                visit(target, [*trail, module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_lower_stages_never_import_the_command_line() -> None:
    for module, path in MODULES.items():
        if not module.startswith(("reunify.cli", "reunify.__main__")):
            assert not {m for m in _imports(path) if m.startswith("reunify.cli")}, module


def test_each_option_is_defined_once_and_every_handler_exists() -> None:
    for command in COMMANDS:
        flags = [f for option in command.options for f in option.flags]
        assert len(flags) == len(set(flags)), command.name
        module, function = command.handler.split(":")
        assert callable(getattr(importlib.import_module(module), function)), command.handler


def test_checklist_tasks_are_declared_once_in_their_stage_module() -> None:
    from reunify.framework.checklist import TASKS

    ids = [t.id for t in TASKS]
    assert len(ids) == len(set(ids))
    for task in TASKS:
        assert task.id.startswith(f"s{task.stage}.")
        assert task.fn.__module__ in (f"reunify.framework.checklist.stage{task.stage}",
                                        "reunify.framework.checklist.meetings")


def test_the_reader_knows_yaml_not_the_case_format() -> None:
    """The reader is split by job (bounded reading, values with positions, syntax hints) and imports no part of the
    format: the schema check comes after it, never inside it."""
    reader = {"reunify.case.bounded", "reunify.case.yamlread", "reunify.case.yamlhints"}
    for module in reader:
        assert _imports(MODULES[module]) <= reader | {"reunify.diagnostics.record"}, module


def test_a_valid_file_is_read_without_the_syntax_hints() -> None:
    """The hints are looked at only when a file fails to parse: the pre-commit path never imports them."""
    import subprocess
    import sys

    script = ("import sys; from reunify.case.yamlread import parse_text; parse_text('a: 1\\n', 'f.yaml'); "
              "print('reunify.case.yamlhints' in sys.modules); parse_text('a: [\\n', 'f.yaml'); "
              "print('reunify.case.yamlhints' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == ["False", "True"]
