"""Benchmark `reunify status`, `reunify audit` and `reunify outcomes` over synthetic caseloads (1,000 and 10,000 cases).

Reference: PyYAML's C loader parsing the same files in one process (the cost
of merely reading them). Reports wall time (median of RUNS), per-case cost,
the ratio to the C loader, and peak memory (max RSS of the command and its
workers, from /usr/bin/time) so growth with the caseload shows.

Each command is timed three ways: `--no-cache`; cold (the cache emptied
before each run, so the run also writes it); warm (nothing changed since the
last run). Generated files are dated an hour back: the cache does not trust a
file modified in the last two seconds (caseload/cache.py).
Usage: python bench/caseload.py [--sizes 1000 10000] [--runs 3] [--keep DIR] [--commands status audit outcomes]
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
from collections.abc import Callable
from pathlib import Path

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


def measure(command: list[str], runs: int, prepare: Callable[[], object] | None = None) -> tuple[float, int]:
    """(median seconds, peak RSS in MiB) over `runs` runs; `prepare` runs, untimed, before each."""
    times, peaks = [], []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - start)
        peaks.append(int(result.stderr.strip().splitlines()[-1]) // 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    parser.add_argument("--commands", nargs="+", default=["status", "audit", "outcomes"],
                        choices=("status", "audit", "outcomes"))
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="reunify-bench-"))
    try:
        for size in args.sizes:
            folder = base / f"caseload-{size}"
            if not folder.exists():
                subprocess.run([sys.executable, str(HERE / "gen_caseload.py"), str(folder), "--cases", str(size)],
                               check=True, capture_output=True)
            hour_ago = time.time() - 3600
            for path in folder.rglob("*.yaml"):
                os.utime(path, (hour_ago, hour_ago))
            files = sum(1 for _ in folder.rglob("*.yaml"))
            parse, parse_mem = measure([sys.executable, "-c", PARSE, str(folder)], args.runs)
            print(f"{size} cases ({files} files); medians of {args.runs} runs")
            print(f"  C loader parse (1 process)        {parse:7.2f} s  {1000 * parse / size:6.2f} ms/case  "
                  f"peak {parse_mem} MiB")
            cache = folder / ".reunify-cache"
            for command in args.commands:
                line = [str(BIN / "reunify"), command, str(folder), "--as-of", "2026-11-24", "--format", "json"]
                for how, extra, prepare in (("no cache", ["--no-cache"], None),
                                            ("cold", [], lambda c=cache: shutil.rmtree(c, ignore_errors=True)),
                                            ("warm", [], None)):
                    wall, mem = measure([*line, *extra], args.runs, prepare)
                    print(f"  reunify {command:8s} {how:8s} (2 workers) {wall:7.2f} s  {1000 * wall / size:6.2f} "
                          f"ms/case  {wall / parse:4.2f}x C parse  peak {mem} MiB")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
