"""reunify.toml's settings are declared once (case/settings.py SETTINGS): parsing, RU211, `reunify rules`, the README
and the JSON Schema `reunify schema` writes all read the declaration."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from reunify.case.schema_export import SETTINGS_SCHEMA, render
from reunify.case.settings import SETTINGS, json_schema, parse
from tests.conftest import ROOT, run_cli

CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]
README_TOML = re.search(r"### Settings: `reunify.toml`.*?```toml\n(.*?)```", (ROOT / "README.md").read_text(
    encoding="utf-8"), re.S).group(1)


def _checked(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    """check-jsonschema on the JSON rendering of a reunify.toml."""
    rendered = tmp_path / "reunify.json"
    rendered.write_text(json.dumps(tomllib.loads(text)), encoding="utf-8")
    return subprocess.run([*CHECK_JSONSCHEMA, "--schemafile", str(ROOT / "schemas" / SETTINGS_SCHEMA),
                           str(rendered)], capture_output=True, text=True)


def test_the_committed_settings_schema_is_current() -> None:
    assert (ROOT / "schemas" / SETTINGS_SCHEMA).read_text(encoding="utf-8") == render(json_schema())


def test_the_settings_record_has_a_field_for_every_declared_setting() -> None:
    from dataclasses import fields

    from reunify.case.settings import Settings

    assert {f.name for f in fields(Settings)} - {"path"} == set(SETTINGS)
    assert Settings().describe()["leaving_care_prompt"] == SETTINGS["leaving_care_prompt"].default


def test_every_setting_is_described_with_its_source() -> None:
    schema = json_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#" and not schema["additionalProperties"]
    assert list(schema["properties"]) == list(SETTINGS)
    for name, prop in schema["properties"].items():
        assert SETTINGS[name].description in prop["description"] and "Source: " in prop["description"], name


def test_the_schema_and_parse_accept_the_readme_example(tmp_path: Path) -> None:
    assert _checked(tmp_path, README_TOML).returncode == 0
    (tmp_path / "reunify.toml").write_text(README_TOML, encoding="utf-8")
    assert parse(tmp_path / "reunify.toml")[1] == []


def test_the_schema_and_parse_refuse_an_out_of_range_value(tmp_path: Path) -> None:
    low, high = SETTINGS["supervision_every_weeks"].range
    text = f"supervision_every_weeks = {high + 1}\n"
    refused = _checked(tmp_path, text)
    assert refused.returncode == 1 and "supervision_every_weeks" in refused.stdout
    (tmp_path / "reunify.toml").write_text(text, encoding="utf-8")
    problems = parse(tmp_path / "reunify.toml")[1]
    assert [p.code for p in problems] == ["RU211"] and f"from {low} to {high}" in problems[0].message
    assert _checked(tmp_path, 'leaving_care_prompt = "26y0m"\n').returncode == 1


def test_the_readme_and_rules_show_every_declared_setting() -> None:
    for s in SETTINGS.values():
        if s.type != "visiting":
            assert re.search(rf"^#? ?{s.name} = ", README_TOML, re.M), s.name
        if s.default is not None:
            assert f"{s.name} = {json.dumps(s.default)}" in README_TOML, s.name
    declared = json.loads(run_cli("rules", "--format", "json").stdout)["settings"]["declared"]
    assert [d["name"] for d in declared] == list(SETTINGS)
    assert all(d["source"] and d["source_id"] for d in declared)
