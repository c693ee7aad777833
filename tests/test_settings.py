"""reunify.toml is read the same strict way by every command (docs/command-line.md, "Settings")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reunify.case.settings import parse
from tests.conftest import run_cli

BAD = [
    ('baby_age_year = 2\n', 1, "unknown setting 'baby_age_year'"),
    ('[colours]\nred = 1\n', 1, "unknown section 'colours'"),
    ('# x\nbaby_age_years = "3"\n', 2, "baby_age_years must be a whole number"),
    ('baby_age_years = 0\n', 1, "from 1 to 17"),
    ('baby_age_years = true\n', 1, "whole number"),
    ('leaving_care_prompt = "99999y"\n', 1, "leaving_care_prompt"),
    ('leaving_care_prompt = "26y0m"\n', 1, "0-25 years"),
    ('leaving_care_prompt = "17y12m"\n', 1, "0-11 months"),
    ('leaving_care_prompt = "17y"\n', 1, 'like "17y6m"'),
    ('leaving_care_prompt = "１７y6m"\n', 1, "leaving_care_prompt"),
    ('leaving_care_prompt = 17\n', 1, "leaving_care_prompt"),
    ('templates = 3\n', 1, "templates must be a path"),
    ('reclassify_every_months = 0\n', 1, "reclassify_every_months"),
    ('supervision_every_weeks = 1.5\n', 1, "supervision_every_weeks"),
    ('\n[visiting.care-order]\nfirst_within_days = 7\nafter_first_review_day = 3\n', 4, "after_first_review_day"),
    ('[visiting.care-order]\nfirst_within_days = -1\n', 2, "from 1 to 3650"),
    ('[visiting.unknown-status]\nfirst_within_days = 7\n', 1, "unknown legal status 'unknown-status'"),
    ('visiting = 3\n', 1, "visiting must be a table"),
    ('a = = 1\n', 1, "not valid TOML"),
]


@pytest.mark.parametrize(("text", "line", "words"), BAD)
def test_each_problem_names_the_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "reunify.toml"
    path.write_text(text, encoding="utf-8")
    _, [diag, *_] = parse(path)
    assert diag.code == "RU211" and diag.file == str(path)
    assert diag.line == line and words in diag.message


def test_every_setting_of_the_contract_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "reunify.toml"
    (tmp_path / "tpl").mkdir()
    path.write_text('templates = "tpl"\ndocx_reference = "ref.docx"\nbaby_age_years = 4\nleaving_care_prompt = "0y0m"\n'
                    "reclassify_every_months = 6\nplan_review_every_months = 3\nsupervision_every_weeks = 4\n"
                    "[visiting.default]\nfirst_within_days = 5\n[visiting.care-order]\nafter_first_review_days = 14\n")
    found, problems = parse(path)
    assert problems == []
    assert found.leaving_care_prompt == (0, 0) and found.baby_age_years == 4
    assert found.visiting_for("care-order").after_first_review_days == 14
    assert found.visiting_for("section-20").first_within_days == 5


@pytest.mark.parametrize("command", ["validate", "classify", "checklist", "render", "status", "audit", "decide",
                                     "history"])
def test_every_command_refuses_invalid_settings_with_exit_2(examples_copy: Path, command: str) -> None:
    (examples_copy / "reunify.toml").write_text('\nleaving_care_prompt = "99999y"\n')
    case = str(examples_copy / "RU-2025-0142")
    args = {"validate": [case], "status": [str(examples_copy)], "audit": [str(examples_copy)],
            "decide": [case, "--decision", "cpag", "--by", "A", "--role", "panel", "--outcome", "proceed",
                       "--rationale", "x", "--no-commit"],
            "history": [case]}.get(command, [case])
    result = run_cli(command, *args, "--as-of", "2026-11-24") if command not in ("decide", "history") else \
        run_cli(command, *args)
    assert result.returncode == 2, result.stderr
    assert "reunify.toml:2" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_rules_refuses_invalid_settings(tmp_path: Path) -> None:
    (tmp_path / "reunify.toml").write_text("colour = 1\n")
    result = run_cli("rules", cwd=tmp_path)
    assert result.returncode == 2 and "reunify.toml:1" in result.stderr


def test_rules_show_the_values_in_force(tmp_path: Path) -> None:
    (tmp_path / "reunify.toml").write_text('leaving_care_prompt = "16y0m"\nreclassify_every_months = 4\n')
    data = json.loads(run_cli("rules", "--format", "json", cwd=tmp_path).stdout)["settings"]
    assert data["leaving_care_prompt"] == "16y0m" and data["reclassify_every_months"] == 4
