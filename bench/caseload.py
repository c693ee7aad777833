"""Benchmark `reunify status`, `reunify audit` and `reunify outcomes` over synthetic caseloads, cold and warm.

Reference: PyYAML's C loader parsing the same files in one process (the cost
of merely reading them). Each round runs, one after another: the C parse,
then each command cold (the cache emptied first, so the run also writes it)
and warm (nothing changed since: results are read back from the index), and
`status` once more after one case's chronology was saved again (that case
alone is computed). A command's ratio
is taken within its round and the median over rounds reported, so a machine
whose load changes between rounds still compares like with like. Peak memory
is the max RSS of the command and its workers (from wait4), to show whether it
grows with the caseload. Generated files are dated an hour back: the cache
does not trust a file modified in the last two seconds (caseload/cache.py).
Usage: python bench/caseload.py [--sizes 2000 10000] [--profiles uniform varied] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

# Time the commands as they run for users, with their compiled bytecode cached: a machine that sets
# PYTHONDONTWRITEBYTECODE would make every run recompile every module and time that instead.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
PARSE = """
import sys, pathlib, yaml
for path in pathlib.Path(sys.argv[1]).rglob("*.yaml"):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
AS_OF = "2026-11-24"
DATE_BACK = """
import os, pathlib, sys
for path in pathlib.Path(sys.argv[1]).rglob("*.yaml"):
    os.utime(path, (float(sys.argv[2]), float(sys.argv[2])))
"""


def timed(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MiB) of one run, counting the process and its workers."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    error = child.stderr.read() if child.stderr else b""
    if status:
        raise RuntimeError(f"{' '.join(command)} failed: {error.decode(errors='replace')[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def caseload(base: Path, size: int, profile: str) -> Path:
    """A generated caseload (made once, kept under `base`), its files dated an hour back."""
    folder = base / f"{profile}-{size}"
    if not folder.exists():
        subprocess.run([sys.executable, str(HERE / "gen_caseload.py"), str(folder), "--cases", str(size),
                        "--profile", profile], check=True, capture_output=True)
    # In a child process: 60,000 paths walked here would raise this process's peak memory, and a child's
    # reported peak (ru_maxrss) starts from its parent's at fork on Linux, which would hide the commands' own.
    subprocess.run([sys.executable, "-c", DATE_BACK, str(folder), str(time.time() - 3600)], check=True)
    return folder


class Figure(NamedTuple):
    wall: float  # median seconds
    ratio: float  # median over rounds of wall / the C parse's wall in the same round
    cpu_ratio: float  # the same with CPU time (user + system, workers included): steadier on a loaded machine
    peak: int  # MiB, the largest over rounds


def measure(folder: Path, runs: int) -> dict[str, Figure]:
    """Each command's figures over `runs` rounds, against the C parse of the same round."""
    cache = folder / ".reunify-cache"
    seen: dict[str, list[tuple[float, float, float, int]]] = {}
    time.sleep(2.5)  # past the racy window of the files just dated back
    edited = next(folder.rglob("chronology.yaml"))
    for round_ in range(runs):
        parse, parse_cpu, peak = timed([sys.executable, "-c", PARSE, str(folder)])
        seen.setdefault("C loader parse", []).append((parse, 1.0, 1.0, peak))
        for command in ("status", "audit", "outcomes"):
            line = [str(BIN / "reunify"), command, str(folder), "--as-of", AS_OF, "--format", "json"]
            shutil.rmtree(cache, ignore_errors=True)
            for how in ("cold", "warm", "one edit") if command == "status" else ("cold", "warm"):
                if how == "one edit":  # a practitioner saved one case's chronology: that case alone is read again
                    hour_ago = time.time() - 3600 + round_ + 1
                    os.utime(edited, (hour_ago, hour_ago))
                wall, cpu, peak = timed(line)
                seen.setdefault(f"{command} {how}", []).append((wall, wall / parse, cpu / parse_cpu, peak))
    return {label: Figure(statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows),
                          statistics.median(r[2] for r in rows), max(r[3] for r in rows))
            for label, rows in seen.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--profiles", nargs="+", default=["uniform", "varied"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="reunify-bench-"))
    try:
        for profile in args.profiles:
            for size in args.sizes:
                folder = caseload(base, size, profile)
                files = sum(1 for _ in folder.rglob("*.yaml"))
                print(f"{size} cases, {profile} ({files} files); medians of {args.runs} rounds")
                for label, f in measure(folder, args.runs).items():
                    print(f"  {label:16s} {f.wall:7.2f} s  {1000 * f.wall / size:6.2f} ms/case  {f.ratio:5.2f}x C parse "
                          f"(CPU {f.cpu_ratio:4.2f}x)  peak {f.peak} MiB")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
