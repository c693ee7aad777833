"""`reunify validate` from the command line: formats, usage errors, files as pre-commit passes them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_COUNT, EXAMPLES, run_cli


@pytest.mark.parametrize(
    "args",
    [("validate",), ("validate", "no/such/folder"), ("validate", ".", "--as-of", "2026-02-30"),
     ("validate", "cases.example", "--format", "xml")],
)
def test_usage_errors_exit_2(args: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    fast = run_cli(*args, cwd=EXAMPLES.parent)
    assert fast.returncode == 2
    assert "Traceback" not in fast.stderr and fast.stderr.strip()


def test_a_folder_with_no_cases_is_exit_2(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 2
    assert "not a case folder" in result.stderr


def test_examples_validate_clean_as_json() -> None:
    result = run_cli("validate", str(EXAMPLES), "--format", "json", "--as-of", "2026-11-24")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"ok": True, "cases": EXAMPLE_COUNT, "diagnostics": []}


def test_files_as_pre_commit_passes_them(examples_copy: Path, tmp_path: Path) -> None:
    case = examples_copy / "RU-2025-0142"
    (case / "plan.yaml").write_text("support: nope\n")
    stray = tmp_path / "notes.yaml"
    stray.write_text("anything: [\n")  # outside any case: ignored
    files = [str(case / "plan.yaml"), str(case / "case.yaml"), str(stray),
             str(examples_copy / "RU-2025-0087" / "case.yaml")]
    result = run_cli("validate", "--format", "json", *files)
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["cases"] == 2  # each case once, however many of its files were passed
    assert [(Path(d["file"]).name, d["code"]) for d in report["diagnostics"]] == [("plan.yaml", "RU203")]


def test_warnings_fail_only_with_strict(minimal_case: Path) -> None:
    (minimal_case / "case.yaml").write_text("reference: RU-1\nchild: amy\nlegal_status: other\ntrusted_adult: jo\n")
    assert run_cli("validate", str(minimal_case)).returncode == 0
    strict = run_cli("validate", str(minimal_case), "--strict")
    assert strict.returncode == 1
    assert "RU302 warning:" in strict.stdout


def test_github_annotations(minimal_case: Path) -> None:
    (minimal_case / "case.yaml").write_text("reference: RU-1\nchild: amy\nlegal_status: nope\n")
    out = run_cli("validate", str(minimal_case), "--format", "github").stdout
    assert out.startswith(f"::error file={minimal_case / 'case.yaml'},line=3,col=15,title=RU204::")


def test_caseload_of_nested_folders(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "team-a" / "open")
    result = run_cli("validate", str(tmp_path), "--format", "json")
    assert json.loads(result.stdout)["cases"] == EXAMPLE_COUNT


def test_gitlab_code_quality_report(minimal_case: Path) -> None:
    (minimal_case / "case.yaml").write_text("reference: RU-1\nchild: amy\nlegal_status: other\ntrusted_adult: jo\n")
    (minimal_case / "plan.yaml").write_text("transition: [\n")
    result = run_cli("validate", str(minimal_case), "--format", "gitlab")
    issues = json.loads(result.stdout)
    assert result.returncode == 1
    assert [(i["check_name"], i["severity"], Path(i["location"]["path"]).name) for i in issues] == [
        ("RU302", "minor", "case.yaml"), ("RU101", "major", "plan.yaml")]
    assert len({i["fingerprint"] for i in issues}) == 2


def test_ci_reports_name_repository_paths_and_fingerprints_survive_unrelated_edits(tmp_path: Path) -> None:
    """A fingerprint hashes the code, the repository-relative path and the key path: a line added above the
    finding, or validate run from another folder, must not make GitLab see a new finding."""
    (tmp_path / ".git").mkdir()
    case = tmp_path / "cases" / "c1"
    case.mkdir(parents=True)
    (case / "genogram.yaml").write_text("people:\n  - id: amy\n    name: Amy\n")
    body = "reference: RU-1\nchild: amy\nlegal_status: other\nplacement:\n  type: foster\n  sinse: 2025-01-01\n"
    (case / "case.yaml").write_text(body)
    before = json.loads(run_cli("validate", "c1", "--format", "gitlab", cwd=tmp_path / "cases").stdout)
    (case / "case.yaml").write_text("# a note added at the top\n" + body)
    after = json.loads(run_cli("validate", "cases/c1", "--format", "gitlab", cwd=tmp_path).stdout)
    assert [i["location"]["path"] for i in before + after] == ["cases/c1/case.yaml"] * 2
    assert (before[0]["location"]["lines"]["begin"], after[0]["location"]["lines"]["begin"]) == (6, 7)
    assert before[0]["fingerprint"] == after[0]["fingerprint"]
    github = run_cli("validate", ".", "--format", "github", cwd=case).stdout
    assert github.startswith("::error file=cases/c1/case.yaml,line=7,col=3,title=RU201::")


def test_a_value_of_the_wrong_shape_is_told_in_words_not_a_regex(tmp_path: Path) -> None:
    case = tmp_path / "c"
    case.mkdir()
    (case / "case.yaml").write_text("reference: RU 1\nchild: Amy\nlegal_status: other\nclassifications:\n"
                                    "  - {label: RC 1, date: 2026-01-05, level: low}\n")
    out = run_cli("validate", str(case)).stdout
    assert "reference: 'RU 1' must be letters, digits and hyphens only, no spaces (such as RU-2025-0142)" in out
    assert "child: 'Amy' must be lower-case letters, digits and hyphens, starting with a letter" in out
    assert ("classifications[0].label: 'RC 1' must be letters, digits and hyphens, starting with a letter or digit "
            "(such as RC1)") in out
    assert "[A-Za-z" not in out and "a-z0-9" not in out
