"""The caseload cache (cli.md "Caseload cache"): same output, and never a stale case."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import msgspec
import pytest

from reunify.caseload.cache import FOLDER, Entry
from tests.conftest import EXAMPLES, run_cli

LONG_AGO = 1_700_000_000  # file times well in the past: an edit "just now" is deliberately not cached


@pytest.fixture
def caseload(tmp_path: Path) -> Path:
    dest = tmp_path / "cases"
    shutil.copytree(EXAMPLES, dest, ignore=shutil.ignore_patterns("outcomes"))  # the three cases at work
    for path in dest.rglob("*.yaml"):
        os.utime(path, (LONG_AGO, LONG_AGO))
    return dest


def entries(caseload: Path) -> list[Path]:
    return sorted((caseload / FOLDER / "cases").glob("*.msgpack"))


def outputs(caseload: Path, *extra: str) -> list[str]:
    runs = [("status", "--format", "json"), ("status", "--format", "csv"), ("status",),
            ("audit", "--format", "json"), ("audit", "--format", "markdown"), ("outcomes", "--format", "json")]
    out = []
    for args in runs:
        result = run_cli(*args[:1], str(caseload), "--as-of", "2026-11-24", *args[1:], *extra)
        assert result.returncode == 0, result.stderr
        out.append(result.stdout)
    return out


def test_cold_warm_and_uncached_runs_print_the_same_bytes(caseload: Path) -> None:
    cold = outputs(caseload)
    assert len(entries(caseload)) == 3
    assert (caseload / FOLDER / ".gitignore").read_text() == "*\n"
    assert outputs(caseload) == cold  # warm
    assert outputs(caseload, "--no-cache") == cold


def test_no_cache_writes_nothing(caseload: Path) -> None:
    outputs(caseload, "--no-cache")
    assert not (caseload / FOLDER).exists()


def test_a_same_size_edit_is_seen_through_its_modification_time(caseload: Path) -> None:
    run_cli("status", str(caseload), "--as-of", "2026-11-24")
    case_yaml = caseload / "RU-2025-0142" / "case.yaml"
    before = case_yaml.read_text()
    after = before.replace("level: medium", "level: severe", 1)
    assert after != before and len(after) == len(before)
    case_yaml.write_text(after)
    os.utime(case_yaml, (LONG_AGO + 60, LONG_AGO + 60))
    fresh = run_cli("status", str(caseload), "--as-of", "2026-11-24", "--format", "json", "--no-cache").stdout
    assert run_cli("status", str(caseload), "--as-of", "2026-11-24", "--format", "json").stdout == fresh


def _tamper(caseload: Path, version: str | None) -> None:
    """Rewrite every entry as another run could have left it: a different reference, maybe another version."""
    for path in entries(caseload):
        entry = msgspec.msgpack.decode(path.read_bytes(), type=Entry)
        entry.records.case.reference = "TAMPERED"
        if version is not None:
            entry.version = version
        path.write_bytes(msgspec.msgpack.encode(entry))


def test_an_entry_is_used_while_its_files_and_version_are_unchanged(caseload: Path) -> None:
    run_cli("status", str(caseload), "--as-of", "2026-11-24")
    _tamper(caseload, None)  # proves the warm run reads the cache, not the files
    assert "TAMPERED" in run_cli("status", str(caseload), "--as-of", "2026-11-24", "--format", "json").stdout


def test_a_new_tool_version_ignores_old_entries(caseload: Path) -> None:
    cold = outputs(caseload)
    _tamper(caseload, "0.0.1-older")
    assert outputs(caseload) == cold


def test_a_malformed_or_foreign_entry_is_ignored_and_rebuilt(caseload: Path) -> None:
    cold = outputs(caseload)
    first, second, third = entries(caseload)
    first.write_bytes(b"\x93 not an entry")
    os.replace(second, second.with_name("moved.msgpack"))
    shutil.copy(third, second)  # another case's entry under this case's name
    assert outputs(caseload) == cold
    assert msgspec.msgpack.decode(first.read_bytes(), type=Entry).version  # rebuilt


def test_a_file_changed_just_now_is_not_cached(caseload: Path) -> None:
    """An edit in the same timestamp tick and of the same size would otherwise go unseen (git's racy files)."""
    (caseload / "RU-2025-0142" / "plan.yaml").touch()
    run_cli("status", str(caseload), "--as-of", "2026-11-24")
    assert len(entries(caseload)) == 2


def test_the_cache_lives_at_the_repository_root_and_is_skipped_by_folder_walks(caseload: Path) -> None:
    repo = caseload.parent
    (repo / ".git").mkdir()
    run_cli("status", str(caseload), "--as-of", "2026-11-24")
    assert len(entries(repo)) == 3 and not (caseload / FOLDER).exists()
    (repo / FOLDER / "cases" / "case.yaml").write_text("reference: NOT-A-CASE\n")
    assert run_cli("validate", str(repo), "--as-of", "2026-11-24").stdout.startswith("3 cases checked")
