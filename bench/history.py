"""Benchmark `reunify history` over a case with N commits against the `git log` it wraps.

Builds a temporary repository with git fast-import (N commits touching one
case.yaml, each with decision or classification trailers), then times, as
fresh processes: `git log` with the same format on the same path, and
`reunify history CASE`. Reports medians and the ratio (target: within 1.5x).
Usage: python bench/history.py [--commits 5000] [--runs 11]
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

# Time the commands as they run for users, with their compiled bytecode cached: a machine that sets
# PYTHONDONTWRITEBYTECODE would make every run recompile every module and time that instead.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

BIN = Path(sys.executable).parent
CASE_YAML = "reference: RU-BENCH-1\nchild: amy\nlegal_status: care-order\n# revision {n}\n"


def build(root: Path, commits: int) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    lines = []
    for n in range(1, commits + 1):
        blob = CASE_YAML.format(n=n).encode()
        if n % 2:
            trailers = (f"Reunify-Case: RU-BENCH-1\nReunify-Decision: {n % 3 + 1}\nReunify-Date: 2026-01-01\n"
                        "Reunify-Outcome: proceed\nReunify-Role: service-manager\nDecided-By: Alex Moore\n")
        else:
            trailers = (f"Reunify-Case: RU-BENCH-1\nReunify-Classification: RC{n}\nReunify-Date: 2026-01-01\n"
                        "Reunify-Level: medium\nReunify-Suggested: medium\nDecided-By: Alex Moore\n")
        message = f"Record entry {n}\n\n{trailers}".encode()
        lines.append(b"commit refs/heads/main\n")
        lines.append(f"committer Bench <bench@example.invalid> {1700000000 + n} +0000\n".encode())
        lines.append(f"data {len(message)}\n".encode() + message + b"\n")
        lines.append(f"M 100644 inline cases/one/case.yaml\ndata {len(blob)}\n".encode() + blob + b"\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(lines), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)


def median_ms(command: list[str], cwd: Path, runs: int) -> float:
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, args.commits)
        from reunify.trail.history import FORMAT as _FORMAT

        log = ["git", "log", "-z", f"--format={_FORMAT}", "--", "cases/one/case.yaml"]  # exactly what history runs
        log_reverse = ["git", "log", "-z", "--reverse", f"--format={_FORMAT}", "--", "cases/one/case.yaml"]
        history = [str(BIN / "reunify"), "history", "cases/one"]
        out = subprocess.run(history, cwd=root, check=True, capture_output=True, text=True).stdout
        assert out.count("\n") == args.commits + 2, "history did not list every commit"
        git_ms = median_ms(log, root, args.runs)
        reverse_ms = median_ms(log_reverse, root, args.runs)
        ours_ms = median_ms(history, root, args.runs)
    print(f"{args.commits} commits; medians of {args.runs} runs (each a fresh process, stdout to a pipe)")
    print(f"  git log (same path, same format)            {git_ms:7.1f} ms")
    print(f"  git log --reverse (same path, same format)  {reverse_ms:7.1f} ms")
    print(f"  reunify history                             {ours_ms:7.1f} ms   {ours_ms / git_ms:.2f}x git log, "
          f"{ours_ms / reverse_ms:.2f}x git log --reverse")


if __name__ == "__main__":
    main()
