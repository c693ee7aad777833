"""Cold-start benchmark: `reunify validate` on one example case against two references.

- floor: a Python process that imports ruamel.yaml and round-trip loads the same files;
- peer: check-jsonschema checking the same files against the exported schemas, in one process.
Each command runs as a fresh process; we report medians over RUNS runs and the ratios.
Usage: python bench/cold_start.py [CASE] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Time the commands as they run for users, with their compiled bytecode cached: a machine that sets
# PYTHONDONTWRITEBYTECODE would make every run recompile every module and time that instead.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

FLOOR = """
import sys
from ruamel.yaml import YAML
yaml = YAML()
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as handle:
        yaml.load(handle)
"""

PEER = """
import sys
from check_jsonschema import main
files = sys.argv[2:]
for kind in ("case", "chronology", "genogram", "factors", "agreements", "contingency", "plan"):
    mine = [f for f in files if f.endswith("/" + kind + ".yaml")]
    if not mine:
        continue
    try:
        main(["--schemafile", sys.argv[1] + "/" + kind + ".schema.json", *mine])
    except SystemExit as exc:
        if exc.code:
            raise
"""


def validate_ratios(cases: dict[str, Path], runs: int) -> dict[str, tuple[float, float]]:
    """{label: (median ms, median ratio to the floor of the same round)}: each round runs every case's floor
    and validate one after another, so a change of load between rounds touches both sides."""
    commands: dict[str, tuple[list[str], list[str]]] = {}
    for name, case in cases.items():
        files = sorted(str(p) for p in Path(case).glob("*.yaml"))
        floor = [sys.executable, "-c", FLOOR, *files]
        commands[name] = (floor, [str(BIN / "reunify"), "validate", str(case), "--as-of", "2026-11-24"])
    for floor, ours in commands.values():  # bytecode written, files in the page cache
        subprocess.run(floor, check=True, capture_output=True)
        subprocess.run(ours, check=True, capture_output=True)
    seen: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (floor, ours) in commands.items():
            base, mine = (_ms(command) for command in (floor, ours))
            seen[name].append((mine, mine / base))
    return {name: (statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows))
            for name, rows in seen.items()}


def _ms(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def median_ms(command: list[str], runs: int) -> float:
    for _ in range(2):  # warm the file cache
        subprocess.run(command, check=True, capture_output=True)
    return statistics.median(_ms(command) for _ in range(runs))


def in_process(case: Path, runs: int = 200) -> None:
    """What classification and the checklist add to loading one case, measured inside one process."""
    import datetime as dt

    from reunify.case.settings import Settings
    from reunify.framework import results
    from reunify.pipeline import check_case

    day = dt.date(2026, 11, 24)
    load, classify, checklist = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        loaded, _ = check_case(case, day)
        t1 = time.perf_counter()
        results.classification(loaded, day)
        t2 = time.perf_counter()
        results.checklist(loaded, day, Settings())
        t3 = time.perf_counter()
        load.append(t1 - t0)
        classify.append(t2 - t1)
        checklist.append(t3 - t2)
    base = statistics.median(load)
    print(f"in one process, medians of {runs}: load + validate {1000 * base:.2f} ms; classification adds "
          f"{1000 * statistics.median(classify):.3f} ms ({statistics.median(classify) / base:.1%}); checklist adds "
          f"{1000 * statistics.median(checklist):.3f} ms ({statistics.median(checklist) / base:.1%})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("case", nargs="?", default=str(ROOT / "cases.example" / "RU-2025-0142"))
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    files = sorted(str(p) for p in Path(args.case).glob("*.yaml"))
    commands = {
        "floor (python + ruamel round-trip load)": [sys.executable, "-c", FLOOR, *files],
        "reunify validate": [str(BIN / "reunify"), "validate", args.case, "--as-of", "2026-11-24"],
        "reunify classify": [str(BIN / "reunify"), "classify", args.case, "--as-of", "2026-11-24"],
        "peer (check-jsonschema, one process)": [sys.executable, "-c", PEER, str(ROOT / "schemas"), *files],
    }
    results = {}
    for name, command in commands.items():
        if name == "reunify classify" and subprocess.run(command, capture_output=True).returncode == 2:
            continue  # classify not available in this build
        results[name] = median_ms(command, args.runs)
    floor = results["floor (python + ruamel round-trip load)"]
    print(f"{len(files)} files of {Path(args.case).name}; medians of {args.runs} cold runs")
    for name, ms in results.items():
        print(f"  {name:42s} {ms:7.1f} ms   {ms / floor:4.2f}x floor")
    peer = results["peer (check-jsonschema, one process)"]
    print(f"  reunify validate / peer: {results['reunify validate'] / peer:.2f}x")
    in_process(Path(args.case))


if __name__ == "__main__":
    main()
