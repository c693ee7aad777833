"""`reunify new`, `reunify schema` and `reunify rules`; the schemas agree with `validate`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reunify.case.model import FILE_MODELS
from reunify.case.schema_export import render, schemas
from tests.conftest import EXAMPLE_CASES, ROOT, run_cli

CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def test_new_case_validates_at_once_and_carries_modelines(tmp_path: Path) -> None:
    (tmp_path / "reunify.toml").write_text("")
    result = run_cli("new", str(tmp_path / "cases" / "c1"), "--reference", "RU-2026-9",
                     "--child-name", "Zoë Ånström", "--legal-status", "section-20")
    assert result.returncode == 0, result.stdout + result.stderr
    case = tmp_path / "cases" / "c1"
    assert sorted(p.name for p in case.iterdir()) == sorted([*(f"{kind}.yaml" for kind in FILE_MODELS), "reports"])
    assert (case / "reports" / ".gitignore").read_text().splitlines()[1:] == ["*", "!.gitignore"]  # reports stay out of git
    for kind in FILE_MODELS:
        assert (case / f"{kind}.yaml").read_text().startswith(
            f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"), kind
        assert (tmp_path / "schemas" / f"{kind}.schema.json").exists()
    assert "name: \"Zoë Ånström\"" in (case / "genogram.yaml").read_text()
    assert run_cli("validate", str(case), "--strict").returncode == 0
    checklist = run_cli("checklist", str(case), "--format", "json").stdout
    assert json.loads(checklist)["stage"] == 1


_EXAMPLE = re.compile(r"^# ( *(?:- )?[a-z_]+:(?: |$))")  # `#   - id: mum`, not `# Prose: ...` or `#   # more`


def _uncommented(text: str) -> str:
    """The file with every example line made live: `#   - id: mum` becomes `  - id: mum`."""
    return "".join(line[2:] if _EXAMPLE.match(line) else line for line in text.splitlines(keepends=True))


def _paths(value: object, prefix: str = "") -> set[str]:
    if isinstance(value, dict):
        return {p for k, v in value.items() for p in {prefix + k} | _paths(v, prefix + k + ".")}
    if isinstance(value, list):
        return {p for item in value for p in _paths(item, prefix.rstrip(".") + "[].")}
    return set()


def _model_paths(kind: str) -> set[str]:
    schema = schemas()[kind]
    out: set[str] = set()

    def walk(node: dict, prefix: str, seen: tuple) -> None:
        for name, prop in node.get("properties", {}).items():
            out.add(prefix + name)
            for option in [prop, *prop.get("anyOf", [])]:
                ref = option.get("$ref") or option.get("items", {}).get("$ref")
                if ref and ref not in seen:
                    many = option.get("type") == "array"
                    walk(schema["definitions"][ref.rsplit("/", 1)[1]], f"{prefix}{name}{'[]' if many else ''}.",
                         (*seen, ref))

    walk(schema, "", ())
    return out


@pytest.mark.parametrize("kind", list(FILE_MODELS))
def test_new_files_carry_a_commented_example_of_every_field(tmp_path: Path, kind: str) -> None:
    """Uncommenting every example gives a well-formed file naming every field of the format, each with a
    value of the right type (fields the format adds later are allowed: they may not be in this model yet)."""
    from reunify.case.schema_check import check_and_convert
    from reunify.case.yamlread import parse_text

    assert run_cli("new", str(tmp_path / "c"), "--reference", "R-1", "--child-name", "Ann Lee").returncode == 0
    text = _uncommented((tmp_path / "c" / f"{kind}.yaml").read_text())
    data, smap, diags = parse_text(text, f"{kind}.yaml")
    assert diags == [], diags
    missing = _model_paths(kind) - _paths(data)
    assert not missing, f"{kind}.yaml has no example of {sorted(missing)}"
    _, problems = check_and_convert(data, FILE_MODELS[kind], f"{kind}.yaml", smap)
    assert [d for d in problems if d.code != "RU201"] == []


@pytest.mark.parametrize(("name", "reference"), [("Null Smith", "RU-1"), ("True Jones", "True"), ("no", "no"),
                                                ("Kay", "0123"), ("False", "NULL")])
def test_new_quotes_names_and_references_yaml_would_read_as_something_else(tmp_path: Path, name: str,
                                                                          reference: str) -> None:
    """`Null`, `True`, `no`, `0123` unquoted would be read as nothing, true/false or a number: written quoted, the
    scaffold is valid at once."""
    case = tmp_path / "c"
    assert run_cli("new", str(case), "--reference", reference, "--child-name", name).returncode == 0
    result = run_cli("validate", str(case), "--strict")
    assert result.returncode == 0, result.stdout


def test_new_refuses_a_reference_another_case_of_the_repository_uses(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert run_cli("new", str(tmp_path / "team-a" / "c1"), "--reference", "RU-7", "--child-name", "Amy").returncode == 0
    before = sorted(tmp_path.rglob("*"))
    again = run_cli("new", str(tmp_path / "team-b" / "c2"), "--reference", "RU-7", "--child-name", "Bea")
    assert again.returncode == 1
    assert f"reference RU-7 is already used by the case in {tmp_path / 'team-a' / 'c1'}" in again.stderr
    assert sorted(tmp_path.rglob("*")) == before  # nothing written, no folder made


def test_new_refuses_existing_folder_and_bad_status(tmp_path: Path) -> None:
    assert run_cli("new", str(tmp_path), "--reference", "R", "--child-name", "A").returncode == 2
    bad = run_cli("new", str(tmp_path / "x"), "--reference", "R", "--child-name", "A", "--legal-status", "care")
    assert bad.returncode == 2 and not (tmp_path / "x").exists()


def test_committed_schemas_are_up_to_date() -> None:
    for kind, schema in schemas().items():
        assert (ROOT / "schemas" / f"{kind}.schema.json").read_text() == render(schema), kind


def test_every_field_has_a_description() -> None:
    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert "description" in prop, f"{where}.{name}"
            for key, value in node.items():
                walk(value, f"{where}.{key}")

    for kind, schema in schemas().items():
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in json.dumps(schema)
        walk(schema, kind)


def test_schemas_pass_the_draft_07_metaschema() -> None:
    files = sorted(str(p) for p in (ROOT / "schemas").glob("*.json"))
    result = subprocess.run([*CHECK_JSONSCHEMA, "--check-metaschema", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", list(schemas()))
def test_check_jsonschema_accepts_every_example_file(kind: str) -> None:
    files = [str(c / f"{kind}.yaml") for c in EXAMPLE_CASES if (c / f"{kind}.yaml").exists()]
    result = subprocess.run([*CHECK_JSONSCHEMA, "--schemafile", str(ROOT / "schemas" / f"{kind}.schema.json"),
                             *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


BROKEN = [
    ("case", "reference: RU-1\nchild: amy\nlegal_status: interim-care\n"),
    ("case", "reference: RU-1\nchild: amy\nlegal_status: other\nchlid: x\n"),
    ("case", "reference: RU-1\nlegal_status: other\n"),
    ("genogram", "people:\n  - id: Amy\n    name: Amy\n"),
    ("factors", "risk_factors:\n  - {id: a, name: A, status: sorted, since: 2025-01-01}\n"),
    ("agreements", "agreements:\n  - id: pa\n    review_every_weeks: 0\n"),
    ("plan", "support:\n  - service: X\n    start: 2025-02-30\n"),
    ("contingency", "stages:\n  - stage: one\n"),
]


@pytest.mark.parametrize(("kind", "text"), BROKEN)
def test_schema_and_validate_both_reject_broken_files(tmp_path: Path, kind: str, text: str) -> None:
    case = tmp_path / "c"
    shutil.copytree(EXAMPLE_CASES[0], case)
    (case / f"{kind}.yaml").write_text(text)
    checked = subprocess.run([*CHECK_JSONSCHEMA, "--schemafile", str(ROOT / "schemas" / f"{kind}.schema.json"),
                              str(case / f"{kind}.yaml")], capture_output=True, text=True)
    assert checked.returncode == 1
    assert run_cli("validate", str(case)).returncode == 1


def test_rules_lists_every_code_with_its_source() -> None:
    result = run_cli("rules", "--format", "json")
    data = json.loads(result.stdout)
    codes = {d["code"] for d in data["diagnostics"]}
    assert {"RU101", "RU201", "RU301", "RU401"} <= codes
    assert all(d["source"] for d in data["diagnostics"])


def test_rules_text_lists_tables_and_settings() -> None:
    out = run_cli("rules").stdout
    for text in ("RU101", "high-to-severe", "s5.visits", "domestic-abuse", "Tool conventions", "Settings in force"):
        assert text in out


def test_help_of_every_command() -> None:
    for command in ("validate", "history", "classify", "checklist", "status", "audit", "decide", "render"):
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "usage" in result.stdout.lower(), command


def test_new_in_an_unwritable_place_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_cli("new", str(blocker / "c1"), "--reference", "R-1", "--child-name", "Ann")
    assert result.returncode == 1 and "cannot create" in result.stderr and "Traceback" not in result.stderr
    assert not (blocker / "c1").exists()
