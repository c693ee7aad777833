"""The command-line front end: --version, one help style listing every choice, CASE/CASELOAD defaults, plain output."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from reunify.cli.spec import COMMANDS, FAST, choices
from tests.builders import on_a_terminal as _on_a_terminal
from tests.conftest import EXAMPLE_CASES, help_words, run_cli


def test_version_comes_from_the_package_metadata() -> None:
    for flag in ("--version", "-V"):
        result = run_cli(flag)
        assert result.returncode == 0 and result.stdout == f"reunify {version('reunify')}\n"


def test_top_level_help_lists_the_version_flag_completion_and_every_command() -> None:
    text = help_words(run_cli("--help").stdout)
    assert "--version -V print the version and exit" in text
    assert "--install-completion" in text and "--show-completion" in text
    assert all(f" {command.name} {help_words(command.help)[:30]}" in text for command in COMMANDS)


@pytest.mark.parametrize(("args", "said"), [
    ((), "give a command: validate, new, classify"),
    (("valdate",), "unknown command 'valdate'; did you mean 'validate'?"),
    (("xyzzy",), "unknown command 'xyzzy': use one of validate, new, classify"),
])
def test_a_missing_or_mistyped_command_says_what_to_type(args: tuple[str, ...], said: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2 and said in result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_help_lists_every_option_and_choice(command) -> None:
    """Each front end's help (argparse for spec.FAST, typer for the rest) lists every option, every choice
    word and the exit codes, and no Python type such as list[str]."""
    result = run_cli(command.name, "--help")
    assert result.returncode == 0, result.stderr
    text = help_words(result.stdout)
    assert text.lower().startswith(f"usage: reunify {command.name}") and "Exit codes: 0 ok" in text
    assert "[str]" not in text and "<list" not in text
    for option in command.options:
        assert option.flags[0] in text
        for choice in choices(option) or ():
            assert f" {choice} " in text.replace("|", " | ") + " ", (command.name, option.flags[0], choice)
    assert ("usage: reunify" in result.stdout) == (command.name in FAST)  # argparse's help, or typer's


def test_the_words_people_look_for_are_in_the_help() -> None:
    assert "section-20 | interim-care-order" in help_words(run_cli("new", "--help").stdout)
    decide = help_words(run_cli("decide", "--help").stdout)
    assert "team-manager | service-manager | head-of-service" in decide  # never "service- manager"
    assert "young-person | risk-classification" in help_words(run_cli("render", "--help").stdout)


def test_case_defaults_to_the_nearest_case_folder(tmp_path: Path) -> None:
    case = tmp_path / "cases" / "lily"
    shutil.copytree(EXAMPLE_CASES[1], case)
    (case / "reports" / "old").mkdir(parents=True)
    for where in (case, case / "reports" / "old"):
        result = run_cli("classify", "--as-of", "2026-11-24", "--format", "json", cwd=where)
        assert result.returncode == 0 and '"case": "RU-2025-0142"' in result.stdout, result.stderr
    outside = run_cli("checklist", cwd=tmp_path)
    assert outside.returncode == 2 and "no case.yaml in this folder or any folder above it" in outside.stderr


def test_caseload_defaults_to_this_folder(examples_copy: Path) -> None:
    result = run_cli("status", "--as-of", "2026-11-24", "--format", "csv", cwd=examples_copy)
    assert result.returncode == 0 and "RU-2025-0142" in result.stdout
    assert run_cli("audit", "--as-of", "2026-11-24", "--format", "json", cwd=examples_copy).returncode == 0


@pytest.mark.parametrize("args", [("--level", "amber"), ("--stage", "7"), ("--stage", "two")])
def test_status_filters_are_validated(examples_copy: Path, args: tuple[str, str]) -> None:
    result = run_cli("status", str(examples_copy), *args)
    assert result.returncode == 2 and "invalid" in result.stderr.lower() and args[1] in result.stderr


def test_plain_output_under_pre_commit_on_a_terminal() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PRE_COMMIT")}
    env.update(TERM="xterm-256color", COLUMNS="120")
    args = ["classify", str(EXAMPLE_CASES[1]), "--as-of", "2026-11-24"]
    assert b"\x1b[" in _on_a_terminal(args, env)  # colour on a terminal...
    assert b"\x1b[" not in _on_a_terminal(args, {**env, "PRE_COMMIT": "1"})  # ...but not in a hook
    assert b"\x1b[" not in _on_a_terminal(args, {**env, "NO_COLOR": "1"})


@pytest.mark.parametrize(("given", "said"), [
    ("cases/lily/case.yaml", "classify: cases/lily/case.yaml: a file, not a folder: give its case folder, cases/lily"),
    ("cases", "classify: cases: not a case folder but a folder of cases: give one of them, such as cases/lily "
              "(`reunify status cases` lists them all)"),
    ("cases/mia", "classify: cases/mia: no such folder"),
    ("notes", "classify: notes: not a case folder (no case.yaml)"),
])
def test_a_path_that_is_not_a_case_folder_says_what_to_give(tmp_path: Path, given: str, said: str) -> None:
    shutil.copytree(EXAMPLE_CASES[1], tmp_path / "cases" / "lily")
    (tmp_path / "notes").mkdir()
    result = run_cli("classify", given, cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == f"reunify: {said}\n"
    for command in ("history", "decide", "supervise"):  # every command that takes one case says it alike
        other = run_cli(command, given, cwd=tmp_path)
        assert other.returncode == 2 and other.stderr == f"reunify: {said.replace('classify', command, 1)}\n", command


def _reader_gone(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run reunify with its stdout a pipe whose reader has already left (`reunify ... | head` once head quit)."""
    process = subprocess.Popen([sys.executable, "-m", "reunify", *args], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdout.close()
    stderr = process.stderr.read()
    return process.wait(), stderr


@pytest.mark.parametrize("args", [
    ["render", "lily", "--as-of", "2026-11-24"],
    ["classify", "lily", "--as-of", "2026-11-24"],
    ["classify", "lily", "--as-of", "2026-11-24", "--format", "json"],
    ["rules"],
    ["audit", ".", "--as-of", "2026-11-24", "--format", "markdown"],
    ["outcomes", ".", "--as-of", "2026-11-24", "--format", "markdown"],
], ids=" ".join)
def test_a_closed_output_pipe_after_the_work_is_not_a_failure(tmp_path: Path, args: list[str]) -> None:
    """`reunify render lily | head`: the reader leaving is no failure (exit 0, no message), and render still
    writes every report, not only those it had announced before the pipe closed."""
    shutil.copytree(EXAMPLE_CASES[1], tmp_path / "lily")
    code, stderr = _reader_gone(args, tmp_path)
    notes = [line for line in stderr.splitlines() if not line.startswith("note: the reports in ")]
    assert (code, notes) == (0, [])  # render's reminder that reports hold personal data is not an error
    if args[0] == "render":
        expected = run_cli("render", "lily", "--as-of", "2026-11-24", "-o", "all", cwd=tmp_path)
        assert expected.returncode == 0
        assert sorted(p.name for p in (tmp_path / "lily" / "reports").iterdir()) == \
            sorted(p.name for p in (tmp_path / "all").iterdir())


def _broken_case(tmp_path: Path) -> Path:
    case = tmp_path / "lily"
    shutil.copytree(EXAMPLE_CASES[1], case)
    (case / "plan.yaml").write_text("support:\n  - service: X\n    factors: [nope]\n")
    return case


def _json_refusal(result: subprocess.CompletedProcess, code: int) -> list[dict]:
    """The one JSON document a refused `--format json` run prints: validate's, ok false, its diagnostics."""
    assert result.returncode == code, result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["diagnostics"], data
    return data["diagnostics"]


@pytest.mark.parametrize("command", ["classify", "checklist", "supervise"])
def test_json_for_an_invalid_case_is_one_json_document_with_the_diagnostics(tmp_path: Path, command: str) -> None:
    """No result from misread data (exit 1), yet stdout still holds one JSON document, as validate writes it;
    stderr still shows the diagnostics as text."""
    _broken_case(tmp_path)
    result = run_cli(command, "lily", "--as-of", "2026-11-24", "--format", "json", cwd=tmp_path)
    [diagnostic] = _json_refusal(result, 1)
    assert (diagnostic["file"], diagnostic["line"], diagnostic["code"]) == ("lily/plan.yaml", 3, "RU303")
    assert "plan.yaml:3:15: RU303" in result.stderr
    text = run_cli(command, "lily", "--as-of", "2026-11-24", cwd=tmp_path)
    assert text.returncode == 1 and text.stdout == ""


def test_history_verify_json_for_an_unreadable_case_yaml_is_one_json_document(tmp_path: Path) -> None:
    case = tmp_path / "lily"
    shutil.copytree(EXAMPLE_CASES[1], case)
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "c"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)
    (case / "case.yaml").write_text("reference: [\n")
    [diagnostic] = _json_refusal(run_cli("history", "lily", "--verify", "--format", "json", cwd=tmp_path), 1)
    assert diagnostic["file"] == "lily/case.yaml" and diagnostic["code"] == "RU101"


@pytest.mark.parametrize("args", [("classify", "lily"), ("status", "."), ("rules",)], ids=lambda a: a[0])
def test_json_with_invalid_settings_is_one_json_document_too(tmp_path: Path, args: tuple[str, ...]) -> None:
    shutil.copytree(EXAMPLE_CASES[1], tmp_path / "lily")
    (tmp_path / "reunify.toml").write_text("no_such_key = 1\n")
    [diagnostic] = _json_refusal(run_cli(*args, "--format", "json", cwd=tmp_path), 2)
    assert diagnostic["file"].endswith("reunify.toml")


def _completions(words: str, cwd: Path) -> list[str]:
    """What bash completion offers for the last word of `words`, as the installed script asks reunify."""
    env = {**os.environ, "_REUNIFY_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split(" ")) - 1)}
    result = subprocess.run([sys.executable, "-m", "reunify"], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_shell_completion_offers_commands_options_choices_and_case_folders(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_CASES[1], tmp_path / "cases" / "lily")
    (tmp_path / "cases" / "notes").mkdir()
    (tmp_path / "lily.txt").write_text("")
    assert _completions("reunify che", tmp_path) == ["checklist"]
    assert _completions("reunify classify --f", tmp_path) == ["--format"]
    assert _completions("reunify status --level ", tmp_path) == ["low", "medium", "high", "severe"]
    assert _completions("reunify render --to d", tmp_path) == ["docx"]
    assert _completions("reunify classify ", tmp_path) == ["cases"]  # the way to a case
    assert _completions("reunify classify cases/", tmp_path) == ["cases/lily"]  # a case; not notes
    assert _completions("reunify status cases/", tmp_path) == ["cases/lily", "cases/notes"]  # any folder
    assert _completions("reunify valid", tmp_path) == ["validate"]
    # typer finds the shell it is run from: run it from bash (`; true`, so bash cannot hand its process over)
    script = subprocess.run(["bash", "-c", f"{shlex.quote(sys.executable)} -m reunify --show-completion; true"],
                            capture_output=True, text=True)
    assert "_REUNIFY_COMPLETE=complete_bash" in script.stdout, script.stderr


def test_ctrl_c_ends_the_command_with_130_and_no_traceback(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import reunify.cli as cli

    def interrupted(args: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run", interrupted)
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # main() wraps stdout: put it back afterwards
    with pytest.raises(SystemExit) as ended:
        cli.main(["status", "."])
    assert ended.value.code == 130 and capsys.readouterr().err == "reunify: interrupted\n"


def test_json_is_written_as_json_dumps_writes_it_with_lists_drawn_as_they_are_written() -> None:
    """Every command's JSON is `json.dumps(indent=2, ensure_ascii=False)`'s, byte for byte (cli.common); a
    generator or another iterable (a spool's section) is a list and any mapping an object, each drawn as the
    document is written, so `audit` and `outcomes` never hold a list of cases."""
    import io
    from collections.abc import Mapping

    from reunify.cli.common import json_text, print_json

    class Lazy(Mapping):
        def __getitem__(self, key: str) -> object:
            return {"a": (n * 1.5 for n in range(3)), "b": iter(())}[key]

        def __iter__(self):
            return iter(("a", "b"))

        def __len__(self) -> int:
            return 2

    data = {"text": "é \"q\" \x1b \udcff", "n": [0, -1, 10**20, 0.1, 1e16, float("nan"), float("inf"), True, None],
            "empty": [{}, [], ()], 1: "one", 2.5: False, None: {"x": {"y": [[]]}}}
    assert json_text(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert json_text(Lazy()) == json.dumps({"a": [0.0, 1.5, 3.0], "b": []}, indent=2) + "\n"
    out = io.StringIO()
    print_json({"cases": (f"RU-{n}" for n in range(5000))}, out)
    assert json.loads(out.getvalue()) == {"cases": [f"RU-{n}" for n in range(5000)]}
    with pytest.raises(TypeError):
        json_text({(1, 2): 3})
    with pytest.raises(TypeError):
        json_text(b"bytes")
