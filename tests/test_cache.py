"""The caseload cache (docs/command-line.md, "Caseload cache"): same output, and never a stale case or a stale result."""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from reunify.caseload.cache import FOLDER, Entry, Loaded
from reunify.caseload.index import Head, Record, framed
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


def _same_size_edit(caseload: Path) -> Path:
    case_yaml = caseload / "RU-2025-0142" / "case.yaml"
    before = case_yaml.read_text()
    after = before.replace("level: medium", "level: severe", 1)
    assert after != before and len(after) == len(before)
    case_yaml.write_text(after)
    return case_yaml


def test_a_same_size_edit_is_seen_through_its_modification_time(caseload: Path) -> None:
    outputs(caseload)
    os.utime(_same_size_edit(caseload), (LONG_AGO + 60, LONG_AGO + 60))
    fresh = outputs(caseload, "--no-cache")
    assert outputs(caseload) == fresh  # cached results of the old text are not used
    assert outputs(caseload) == fresh  # and the new ones are kept


def test_a_same_size_edit_whose_modification_time_was_put_back_is_seen(caseload: Path) -> None:
    """`touch -d` or a sync tool can restore the modification time; the change time says the file changed."""
    outputs(caseload)
    os.utime(_same_size_edit(caseload), (LONG_AGO, LONG_AGO))
    assert outputs(caseload) == outputs(caseload, "--no-cache")


def indexes(caseload: Path) -> list[Path]:
    return sorted((caseload / FOLDER / "results").glob("*.msgpack"))


def _tamper(caseload: Path, version: str | None = None, results: bool = True, loaded: bool = True) -> None:
    """Rewrite every entry as another run could have left it: a different reference in the results and in the
    loaded case, maybe another version. The results indexes, which a run reads first, are removed: these
    tests are about the entries behind them."""
    for path in indexes(caseload):
        path.unlink()
    for path in entries(caseload):
        entry = msgspec.msgpack.decode(path.read_bytes(), type=Entry)
        if loaded:
            case = msgspec.msgpack.decode(entry.loaded, type=Loaded)
            case.records.case.reference = "TAMPERED-CASE"
            entry.loaded = msgspec.Raw(msgspec.msgpack.encode(case))
        if results:
            entry.judged.reference = "TAMPERED-RESULT"
        if version is not None:
            entry.version = version
        path.write_bytes(msgspec.msgpack.encode(entry))


def status_json(caseload: Path, *extra: str, as_of: str = "2026-11-24") -> str:
    result = run_cli("status", str(caseload), "--as-of", as_of, "--format", "json", *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_second_run_on_the_same_day_reads_the_results(caseload: Path) -> None:
    status_json(caseload)
    _tamper(caseload)  # proves the warm run reads the kept results, not the files nor the loaded case
    warm = status_json(caseload)
    assert "TAMPERED-RESULT" in warm and "TAMPERED-CASE" not in warm


def test_each_command_keeps_its_own_results_beside_the_others(caseload: Path) -> None:
    status_json(caseload)
    _tamper(caseload, results=False)  # audit has no result yet: it works from the loaded case, then keeps it
    audit = run_cli("audit", str(caseload), "--as-of", "2026-11-24", "--format", "json").stdout
    assert "TAMPERED-CASE" in audit
    for path in entries(caseload):
        assert set(msgspec.msgpack.decode(path.read_bytes(), type=Entry).judged.results) == {"status", "audit"}


def test_another_as_of_date_computes_the_results_again_from_the_loaded_case(caseload: Path) -> None:
    status_json(caseload)
    _tamper(caseload, loaded=False)
    later = status_json(caseload, as_of="2027-03-01")
    assert "TAMPERED-RESULT" not in later
    assert later == status_json(caseload, "--no-cache", as_of="2027-03-01")
    _tamper(caseload, results=False)  # the loaded case is still used: only the results depend on the date
    assert "TAMPERED-CASE" in status_json(caseload, as_of="2026-11-25")


def test_changed_settings_compute_the_results_again(caseload: Path) -> None:
    cold = outputs(caseload)
    _tamper(caseload, loaded=False)
    (caseload / "reunify.toml").write_text('leaving_care_prompt = "1y0m"\n[visiting.care-order]\nfirst_within_days = 1\n')
    changed = outputs(caseload)
    assert changed == outputs(caseload, "--no-cache") and changed != cold
    assert not any("TAMPERED" in out for out in changed)
    (caseload / "reunify.toml").write_text("# the same values, written differently\nleaving_care_prompt = '1y0m'\n"
                                           "[visiting]\ncare-order = { first_within_days = 1 }\n")
    status_json(caseload)
    _tamper(caseload, loaded=False)
    assert "TAMPERED-RESULT" in status_json(caseload)  # same values in force: the results still hold


def test_an_entry_is_used_while_its_files_and_version_are_unchanged(caseload: Path) -> None:
    status_json(caseload)
    _tamper(caseload, results=False)  # proves a run on another day reads the loaded case, not the files
    assert "TAMPERED-CASE" in status_json(caseload, as_of="2026-11-25")


def test_a_new_tool_version_ignores_old_entries(caseload: Path) -> None:
    cold = outputs(caseload)
    _tamper(caseload, "0.0.1-older")
    assert outputs(caseload) == cold


def test_a_malformed_or_foreign_entry_is_ignored_and_rebuilt(caseload: Path) -> None:
    cold = outputs(caseload)
    for index in indexes(caseload):
        index.unlink()
    first, second, third = entries(caseload)
    first.write_bytes(b"\x93 not an entry")
    os.replace(second, second.with_name("moved.msgpack"))
    shutil.copy(third, second)  # another case's entry under this case's name
    assert outputs(caseload) == cold
    assert msgspec.msgpack.decode(first.read_bytes(), type=Entry).version  # rebuilt


def test_a_malformed_loaded_case_or_result_inside_an_entry_is_computed_again(caseload: Path) -> None:
    cold = outputs(caseload)
    for path in entries(caseload):
        entry = msgspec.msgpack.decode(path.read_bytes(), type=Entry)
        entry.loaded = msgspec.Raw(msgspec.msgpack.encode(["not", "a", "case"]))
        entry.judged.results = {"status": msgspec.Raw(msgspec.msgpack.encode({"not": "a row"})),
                                "audit": msgspec.Raw(b"\xc1")}
        path.write_bytes(msgspec.msgpack.encode(entry))
    assert outputs(caseload) == cold


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


# The results index (caseload/index.py): one file a caseload and command, read before any entry.

def read_index(path: Path) -> tuple[Head, list[Record]]:
    """An index file's head and records (each its 4-byte length, then MessagePack)."""
    data, at, frames = path.read_bytes(), 0, []
    while at < len(data):
        (size,) = struct.unpack(">I", data[at:at + 4])
        frames.append(data[at + 4:at + 4 + size])
        at += 4 + size
    return (msgspec.msgpack.decode(frames[0], type=Head),
            [msgspec.msgpack.decode(frame, type=Record) for frame in frames[1:]])


def _tamper_index(caseload: Path, change: dict | None = None) -> None:
    """Rewrite the status index as another run could have left it: every case's reference changed, and the
    index's own fields in `change`."""
    (path,) = [p for p in indexes(caseload) if p.name.startswith("status-")]
    head, records = read_index(path)
    for record in records:
        record.known.reference = "TAMPERED-INDEX"
    for field, value in (change or {}).items():
        setattr(head, field, value)
    path.write_bytes(b"".join(framed(msgspec.msgpack.encode(part)) for part in (head, *records)))


def test_a_second_run_reads_every_unchanged_case_from_the_results_index_alone(caseload: Path) -> None:
    cold = outputs(caseload)
    assert [p.name.split("-")[0] for p in indexes(caseload)] == ["audit", "outcomes", "status"]
    for path in entries(caseload):
        path.unlink()  # proves the warm run reads neither the entries nor the files
    _tamper_index(caseload)
    assert status_json(caseload).count("TAMPERED-INDEX") == 3
    assert outputs(caseload)[3:] == cold[3:]  # audit and outcomes have their own index


def test_the_index_is_not_used_for_a_changed_case_date_or_settings(caseload: Path) -> None:
    status_json(caseload)
    _tamper_index(caseload)
    os.utime(_same_size_edit(caseload), (LONG_AGO, LONG_AGO))  # the change time still says it changed
    warm = status_json(caseload)
    assert warm.count("TAMPERED-INDEX") == 2 and '"case": "RU-2025-0142"' in warm  # the edited case, afresh
    _tamper_index(caseload)
    assert "TAMPERED" not in status_json(caseload, as_of="2026-11-25")
    status_json(caseload)
    _tamper_index(caseload)
    (caseload / "reunify.toml").write_text('leaving_care_prompt = "1y0m"\n')
    assert "TAMPERED" not in status_json(caseload)


@pytest.mark.parametrize("change", [{"version": "0.0.1-older"}, {"kind": "audit"}, {"caseload": "/elsewhere"}])
def test_an_index_from_another_build_command_or_caseload_is_ignored_and_rewritten(caseload: Path,
                                                                                 change: dict) -> None:
    cold = status_json(caseload)
    _tamper_index(caseload, change)
    assert status_json(caseload) == cold
    _tamper_index(caseload)  # the index was written again, for this build, command and caseload
    assert "TAMPERED-INDEX" in status_json(caseload)


def test_a_malformed_index_is_ignored_and_rewritten(caseload: Path) -> None:
    cold = status_json(caseload)
    for path in indexes(caseload):
        path.write_bytes(b"\x93 not an index")
    assert status_json(caseload) == cold
    _tamper_index(caseload)
    assert "TAMPERED-INDEX" in status_json(caseload)


def test_a_deleted_case_leaves_the_index_and_a_case_in_error_stays_in_error(caseload: Path) -> None:
    status_json(caseload)
    shutil.rmtree(caseload / "RU-2025-0142")
    plan = caseload / "RU-2025-0087" / "case.yaml"
    plan.write_text(plan.read_text() + "unknown_key: 1\n")
    os.utime(plan, (LONG_AGO + 60, LONG_AGO + 60))
    fresh = status_json(caseload, "--no-cache")
    assert status_json(caseload) == fresh and status_json(caseload) == fresh
    (path,) = [p for p in indexes(caseload) if p.name.startswith("status-")]
    known = [record.known for record in read_index(path)[1]]
    assert len(known) == 2 and sum(k.error is not None for k in known) == 1


def test_a_linked_results_folder_is_not_used(caseload: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (caseload / FOLDER).mkdir()
    (caseload / FOLDER / "results").symlink_to(elsewhere)
    cold = status_json(caseload)
    assert status_json(caseload) == cold and not any(elsewhere.iterdir())


def test_a_second_run_of_an_unchanged_caseload_starts_no_worker_process(caseload: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """More changed cases than the main process computes itself (results.FEW): the first run starts workers,
    the second reads the index alone."""
    from reunify.caseload import pool, results

    for n in range(results.FEW):
        shutil.copytree(caseload / "RU-2025-0142", caseload / f"copy-{n}", copy_function=shutil.copy)
    for path in caseload.rglob("*.yaml"):
        os.utime(path, (LONG_AGO, LONG_AGO))
    started = []
    real_context = pool.get_context
    monkeypatch.setattr(pool, "get_context", lambda method: started.append(method) or real_context(method))
    cold = status_json(caseload)
    assert started and cold.count('"case": "RU-2025-0142"') == results.FEW + 1
    started.clear()
    assert status_json(caseload) == cold and not started


def test_a_dangling_link_is_not_an_absent_file_to_the_cache(caseload: Path) -> None:
    """A case file that is a broken link is refused (RU110); the cache took it for no file at all, so the
    fix (or the breakage) went unseen."""
    plan = caseload / "RU-2025-0087" / "plan.yaml"
    plan.unlink(missing_ok=True)
    plan.symlink_to("missing.yaml")
    broken = status_json(caseload, "--no-cache")
    assert "RU110" in broken and status_json(caseload) == broken
    plan.unlink()
    fixed = status_json(caseload, "--no-cache")
    assert "RU110" not in fixed and status_json(caseload) == fixed
    plan.symlink_to("missing.yaml")
    assert status_json(caseload) == broken


def test_a_folder_name_that_is_not_utf8_is_read_with_the_cache_as_without(tmp_path: Path, caseload: Path) -> None:
    odd = tmp_path / "caseload\udcfe"
    shutil.copytree(caseload / "RU-2025-0142", odd / "RU-2025-0142")
    for path in odd.rglob("*.yaml"):
        os.utime(path, (LONG_AGO, LONG_AGO))
    args = ("outcomes", str(odd), "--as-of", "2026-11-24", "--format", "json")
    assert run_cli(*args).stdout == run_cli(*args, "--no-cache").stdout == run_cli(*args).stdout


def test_an_unchanged_caseload_leaves_the_index_as_it_was(caseload: Path) -> None:
    """The index is streamed, never held whole; a run that found every case unchanged writes nothing."""
    status_json(caseload)
    (path,) = [p for p in indexes(caseload) if p.name.startswith("status-")]
    before = path.stat()
    status_json(caseload)
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_damaged_or_oversized_index_record_is_where_reading_stops(caseload: Path) -> None:
    """A record that is not MessagePack, or a length claiming gigabytes, ends the reading there: the cases
    after it are computed, nothing is allocated for the claimed length, and the index is written afresh."""
    cold = status_json(caseload)
    (path,) = [p for p in indexes(caseload) if p.name.startswith("status-")]
    head, records = read_index(path)
    for damage in (struct.pack(">I", 3) + b"\xc1\xc1\xc1", struct.pack(">I", 0xFFFFFFF0)):
        _tamper_index(caseload)
        tampered = path.read_bytes()
        first = len(framed(msgspec.msgpack.encode(head))) + len(framed(msgspec.msgpack.encode(read_index(path)[1][0])))
        path.write_bytes(tampered[:first] + damage + tampered[first:])
        warm = status_json(caseload)
        assert warm.count("TAMPERED-INDEX") == 1 and warm.replace("TAMPERED-INDEX", records[0].known.reference) == cold
        assert len(read_index(path)[1]) == 3  # written afresh, whole


def test_an_index_that_is_a_link_or_a_fifo_is_not_read(caseload: Path, tmp_path: Path) -> None:
    cold = status_json(caseload)
    (path,) = [p for p in indexes(caseload) if p.name.startswith("status-")]
    _tamper_index(caseload)
    planted = tmp_path / "planted.msgpack"
    os.replace(path, planted)
    path.symlink_to(planted)
    assert status_json(caseload) == cold and not path.is_symlink()  # replaced by a file of its own
    path.unlink()
    os.mkfifo(path)
    assert status_json(caseload) == cold


def test_a_run_killed_while_writing_leaves_no_temporary_index_for_long(caseload: Path) -> None:
    """SIGTERM skips every clean-up, leaving the next index half written; the next run that writes one
    removes what dead processes left, and never a live process's."""
    import subprocess

    status_json(caseload)
    results = caseload / FOLDER / "results"
    (index,) = [p for p in indexes(caseload) if p.name.startswith("status-")]
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = results / f".{index.name}.{gone.pid}.0.tmp"
    live = results / f".{index.name}.{os.getpid()}.0.tmp"
    odd = results / f".{index.name}.99999999999999999999.0.tmp"
    for path in (stale, live, odd):
        path.write_bytes(b"half an index")
    assert status_json(caseload, as_of="2026-11-25")
    assert not stale.exists() and live.exists() and odd.exists()


def test_an_interrupted_run_keeps_the_last_index_and_leaves_no_temporary_file(caseload: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from reunify.caseload import results
    from tests.runner import invoke

    status_json(caseload)
    (index,) = [p for p in indexes(caseload) if p.name.startswith("status-")]
    before = index.read_bytes()
    real_row = results.judged_row
    calls = []

    def interrupted(kind: object, job: object) -> object:
        calls.append(job)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_row(kind, job)

    monkeypatch.setattr(results, "judged_row", interrupted)
    with pytest.raises(KeyboardInterrupt):  # main() turns it into "reunify: interrupted", exit 130
        invoke("status", str(caseload), "--as-of", "2026-11-25", "--format", "json")
    assert len(calls) == 2 and index.read_bytes() == before and not list((caseload / FOLDER / "results").glob(".*.tmp"))


def test_the_index_follows_the_walk_so_added_moved_and_deleted_cases_are_matched_in_one_pass(caseload: Path) -> None:
    """The index keeps its records in the walk's order ("a", a case inside "a", then "a-c"), which the main
    process reads beside the walk: cases added between others, nested in another, or deleted are each seen,
    and an unchanged run still computes nothing."""
    example = caseload / "RU-2025-0142"
    cases = sorted(p.name for p in caseload.iterdir() if p.name.startswith("RU-"))
    for name in ("a", "a/inner", "a-c", "b"):
        shutil.copytree(example, caseload / name, ignore=shutil.ignore_patterns("a", "a-c", "b"))
    for path in caseload.rglob("*.yaml"):
        os.utime(path, (LONG_AGO, LONG_AGO))
    status_json(caseload)
    (path,) = [p for p in indexes(caseload) if p.name.startswith("status-")]
    names = [record.folder for record in read_index(path)[1]]
    assert names == [*cases, "a", "a/inner", "a-c", "b"]
    shutil.rmtree(caseload / "a-c")
    shutil.copytree(example, caseload / "a-b")
    for place in (caseload / "a-b").rglob("*.yaml"):
        os.utime(place, (LONG_AGO, LONG_AGO))
    assert status_json(caseload) == status_json(caseload, "--no-cache")
    names = [record.folder for record in read_index(path)[1]]
    assert names == [*cases, "a", "a/inner", "a-b", "b"]
    for entry in entries(caseload):
        entry.unlink()
    _tamper_index(caseload)  # every record is read from the index alone: all seven say so
    assert status_json(caseload).count("TAMPERED-INDEX") == len(cases) + 4


def test_an_index_record_out_of_order_is_computed_again_not_trusted_elsewhere(caseload: Path) -> None:
    cold = status_json(caseload)
    (path,) = [p for p in indexes(caseload) if p.name.startswith("status-")]
    head, records = read_index(path)
    for record in records:
        record.known.reference = "TAMPERED-INDEX"
    records.reverse()
    path.write_bytes(b"".join(framed(msgspec.msgpack.encode(part)) for part in (head, *records)))
    assert status_json(caseload).count("TAMPERED-INDEX") == 1  # the first record matched; the others went by
    assert [record.folder for record in read_index(path)[1]] == sorted(record.folder for record in records)
    assert status_json(caseload).count("TAMPERED-INDEX") == 1 and cold.count("TAMPERED-INDEX") == 0


def test_an_index_written_over_in_place_while_a_run_reads_it_costs_only_computing(caseload: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept records are read a second time to be copied into the next index. A cache copied back over the
    live one (`cp`, `rsync --inplace`) between the two readings ends the copying, not the run."""
    from reunify.caseload import index as module

    cold = status_json(caseload)
    (path,) = [p for p in indexes(caseload) if p.name.startswith("status-")]
    head, records = read_index(path)
    start = len(framed(msgspec.msgpack.encode(head))) + 4
    first = len(msgspec.msgpack.encode(records[0]))
    touched = caseload / "RU-2025-0142" / "plan.yaml"
    os.utime(touched, (LONG_AGO + 60, LONG_AGO + 60))  # one case to compute: the next index is written
    read = module.Index.records

    def written_over_after_reading(self: module.Index) -> Iterator[tuple[int, Record]]:
        yield from read(self)
        with path.open("r+b") as handle:
            handle.seek(start)
            handle.write(b"\xc1" * first)

    monkeypatch.setattr(module.Index, "records", written_over_after_reading)
    assert status_json(caseload) == cold
    monkeypatch.undo()
    assert status_json(caseload) == cold
