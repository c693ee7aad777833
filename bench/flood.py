"""Benchmark a flood of findings: `validate` on 5 MiB of unknown keys against a valid file of the same size.

docs/command-line.md: a flood in one file is bounded (at most 100 diagnostics a file, then
one "and N more"), in time within 3x of a valid file of the same size and
under 500 MiB. Prints, for each file, wall time (median of RUNS), peak memory
(max RSS, from /usr/bin/time) and the bytes printed, then the time ratio.
Usage: python bench/flood.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # time the command as users run it, bytecode cached

SIZE = 5 * 1024 * 1024 - 256
HEAD = "reference: RU-1\nchild: amy\nlegal_status: other\n"


def _fill(lines: object) -> str:
    out, size = [HEAD], len(HEAD)
    for line in lines:  # type: ignore[attr-defined]
        if size + len(line) > SIZE:
            return "".join(out)
        out.append(line)
        size += len(line)
    raise AssertionError("unreachable")


def make(root: Path) -> dict[str, Path]:
    """Two case folders: `flood` (unknown keys) and `valid` (meetings), case.yaml of the same size."""
    from itertools import count

    texts = {"flood": _fill(f"unknown_key_{i}: some value\n" for i in count()),
             "valid": _fill(("meetings:\n" if i == 0 else "") + f"  - kind: other\n    date: 2025-01-01\n"
                            f"    notes: note number {i}\n" for i in count())}
    folders = {}
    for name, text in texts.items():
        folder = root / name
        folder.mkdir()
        (folder / "case.yaml").write_text(text, encoding="utf-8")
        (folder / "genogram.yaml").write_text("people:\n  - id: amy\n    name: Amy\n", encoding="utf-8")
        folders[name] = folder
    return folders


def measure(folder: Path, runs: int) -> tuple[float, int, int]:
    """(median seconds, peak KiB, bytes printed) of `reunify validate FOLDER`."""
    times, peak, printed = [], 0, 0
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "reunify", "validate", str(folder),
                                 "--as-of", "2026-01-01"], capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        peak = max(peak, int(result.stderr.strip().splitlines()[-1]))
        printed = len(result.stdout.encode())
    return statistics.median(times), peak, printed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {name: measure(folder, args.runs) for name, folder in make(Path(tmp)).items()}
    for name, (seconds, peak, printed) in results.items():
        print(f"{name:6} {seconds:6.2f} s  {peak / 1024:6.0f} MiB  {printed:,} bytes printed")
    print(f"flood / valid: {results['flood'][0] / results['valid'][0]:.2f}x")


if __name__ == "__main__":
    main()
