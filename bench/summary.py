"""Every speed target in one run, as ratios to its reference, printed as one table (`make bench`).

- validate, one small case (4 files, 3 KB) and the larger example case, against the floor of python
  plus ruamel.yaml round-trip loading the same files (bench/cold_start.py), each round interleaved;
- status, audit and outcomes, cold (cache emptied) and warm (nothing changed), and status after one
  case was saved again, over uniform and varied caseloads of 2,000 and 10,000 cases, against PyYAML's
  C loader parsing the same files in one process (bench/caseload.py), with peak memory;
- history against the `git log` it wraps (bench/history.py), when that benchmark is there.
The machine may be shared: ratios are taken within a round and their medians reported; CPU ratios
(workers included) are steadier than wall ones when other work competes for the cores.
Usage: python bench/summary.py [--sizes 2000 10000] [--profiles uniform varied] [--runs 3]
       [--validate-runs 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import caseload
import cold_start

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGETS = {"validate": 1.5, "cold": 0.6, "warm": 0.1}


def row(name: str, reference: str, value: str, ratio: float | None, target: float | None, extra: str = "") -> None:
    verdict = "" if ratio is None or target is None else ("ok" if ratio <= target else "OVER")
    shown = "" if ratio is None else f"{ratio:5.2f}x"
    goal = "" if target is None else f"<= {target}x"
    print(f"| {name:38s} | {reference:22s} | {value:>10s} | {shown:>6s} | {goal:>8s} {verdict:4s} | {extra:18s} |")


def growth(peaks: dict[tuple[str, str], dict[int, int]]) -> None:
    """How much peak memory grows a case between the smallest and largest caseload: 0 would be flat."""
    print("\npeak memory growth a case, smallest to largest caseload (0 KiB would be flat):")
    for (label, profile), by_size in peaks.items():
        if len(by_size) > 1:
            low, high = min(by_size), max(by_size)
            kib = (by_size[high] - by_size[low]) * 1024 / (high - low)
            print(f"  {label:16s} {profile:8s} {by_size[low]:4d} -> {by_size[high]:4d} MiB  {kib:5.2f} KiB a case")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--profiles", nargs="+", default=["uniform", "varied"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--validate-runs", type=int, default=15)
    parser.add_argument("--history-commits", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="generate the caseloads into (and keep) this folder")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="reunify-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        small = base / "small-case"
        if not small.exists():
            subprocess.run([sys.executable, str(HERE / "gen_caseload.py"), str(small), "--small"], check=True,
                           capture_output=True)
        print("| benchmark                              | reference              |     median |  ratio |   target      "
              "| peak / CPU         |")
        print("|" + "|".join("-" * n for n in (40, 24, 12, 8, 15, 20)) + "|")
        cases = {"validate small case": small, "validate RU-2025-0142": ROOT / "cases.example" / "RU-2025-0142"}
        for name, (ms, ratio) in cold_start.validate_ratios(cases, args.validate_runs).items():
            row(name, "python + ruamel load", f"{ms:.1f} ms", ratio, TARGETS["validate"])
        peaks: dict[tuple[str, str], dict[int, int]] = {}  # (command and how, profile) -> size -> peak MiB
        for profile in args.profiles:
            for size in args.sizes:
                folder = caseload.caseload(base, size, profile)
                for label, f in caseload.measure(folder, args.runs).items():
                    how = label.split()[-1]
                    row(f"{label} {size:,} {profile}", "C loader parse", f"{f.wall:.2f} s",
                        None if label == "C loader parse" else f.ratio, TARGETS.get(how),
                        f"{f.peak} MiB, CPU {f.cpu_ratio:.2f}x")
                    peaks.setdefault((label, profile), {})[size] = f.peak
        growth(peaks)
        if (HERE / "history.py").exists():
            out = subprocess.run([sys.executable, str(HERE / "history.py"), "--commits", str(args.history_commits)],
                                 capture_output=True, text=True)
            print(f"\nbench/history.py --commits {args.history_commits}:")
            print(out.stdout.rstrip() if out.returncode == 0 else f"  failed: {out.stderr.strip()[-300:]}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
